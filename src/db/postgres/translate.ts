/**
 * The query layer writes its SQL once, in what both engines read alike (docs/operations.md, "Two
 * engines"). What PostgreSQL reads differently in that text is rewritten here, mechanically:
 * - placeholders: `?` becomes `$1`, `$2` ...;
 * - aliases in camelCase (`published_at AS publishedAt`, `ORDER BY sortKey`): PostgreSQL folds an unquoted
 *   name to lower case, so each is quoted (stored columns are snake_case: a camelCase word is an alias);
 * - a subquery in FROM without an alias gets one (PostgreSQL 15 requires it);
 * - SQLite's join-order hint `CROSS JOIN t ON ...` is a plain `JOIN` (PostgreSQL allows no ON after CROSS
 *   JOIN), and its index hint `INDEXED BY <index>` goes (PostgreSQL's planner picks).
 * String literals, quoted names and dollar-quoted bodies are left as they are. Each text is translated once.
 */

type Token = { kind: 'text' | 'word' | 'space' | 'param' | 'open' | 'close' | 'other'; text: string };

const CAMEL = /^[a-z][a-z0-9]*[A-Z][A-Za-z0-9]*$/;
/** Words that may follow a subquery in FROM where an alias would otherwise be. */
const AFTER_SOURCE = new Set([
  'WHERE',
  'ORDER',
  'GROUP',
  'LIMIT',
  'OFFSET',
  'UNION',
  'EXCEPT',
  'INTERSECT',
  'JOIN',
  'CROSS',
  'LEFT',
  'INNER',
  'RIGHT',
  'FULL',
  'NATURAL',
  'ON',
  'HAVING',
  'WINDOW',
]);
/** Words that end the table a CROSS JOIN joins, when no ON came first. */
const END_OF_JOIN = new Set(['JOIN', 'CROSS', 'LEFT', 'INNER', 'WHERE', 'GROUP', 'ORDER', 'LIMIT', 'UNION', 'EXCEPT', 'INTERSECT', 'HAVING', 'WINDOW']);
const CACHE_LIMIT = 2000;
const cache = new Map<string, string>();

export function toPostgres(text: string): string {
  let translated = cache.get(text);
  if (translated === undefined) {
    translated = translate(text);
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(text, translated);
  }
  return translated;
}

function translate(text: string): string {
  const tokens = tokenize(text);
  const at = (i: number) => tokens[i];
  const word = (i: number) => (at(i)?.kind === 'word' ? at(i).text.toUpperCase() : null);
  /** The index of the next token that is not a space, from i on. */
  const next = (i: number) => {
    while (i < tokens.length && tokens[i].kind === 'space') i++;
    return i;
  };
  const previous = (i: number) => {
    while (i >= 0 && tokens[i].kind === 'space') i--;
    return i;
  };
  /** The index of the `)` that closes the `(` at i. */
  const closing = (i: number) => {
    let depth = 0;
    for (let j = i; j < tokens.length; j++) {
      if (tokens[j].kind === 'open') depth++;
      else if (tokens[j].kind === 'close' && --depth === 0) return j;
    }
    return tokens.length;
  };
  let aliases = 0;
  let parameter = 0;
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    const upper = word(i);
    if (upper === 'INDEXED' && word(next(i + 1)) === 'BY') {
      i = next(next(next(i + 1) + 1) + 1) - 1; // the index's name and the space after it go too
      continue;
    }
    if (upper === 'CROSS' && word(next(i + 1)) === 'JOIN' && joinHasOn(tokens, next(i + 1) + 1)) {
      i = next(i + 1) - 1; // the JOIN is written next
      continue;
    }
    if (token.kind === 'open') {
      const before = word(previous(i - 1));
      const first = word(next(i + 1));
      if ((before === 'FROM' || before === 'JOIN') && (first === 'SELECT' || first === 'WITH' || first === 'VALUES')) {
        const end = closing(i);
        const after = next(end + 1);
        const follower = at(after);
        const unaliased = !follower || follower.kind === 'close' || follower.text === ',' || follower.text === ';' || AFTER_SOURCE.has(word(after) ?? '');
        if (unaliased && end < tokens.length) tokens.splice(end + 1, 0, { kind: 'other', text: ` AS subquery_${++aliases}` });
      }
    }
    if (token.kind === 'param') out.push(`$${++parameter}`);
    else if (token.kind === 'word' && CAMEL.test(token.text)) out.push(`"${token.text}"`);
    else out.push(token.text);
  }
  return out.join('');
}

/** Whether the table a CROSS JOIN joins (from `start`) is followed by an ON before the join ends. */
function joinHasOn(tokens: Token[], start: number): boolean {
  let depth = 0;
  for (let i = start; i < tokens.length; i++) {
    const token = tokens[i];
    if (token.kind === 'open') depth++;
    else if (token.kind === 'close') {
      if (--depth < 0) return false;
    } else if (depth === 0 && token.kind === 'word') {
      const upper = token.text.toUpperCase();
      if (upper === 'ON') return true;
      if (END_OF_JOIN.has(upper)) return false;
    } else if (depth === 0 && token.text === ',') return false;
  }
  return false;
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    let end = i + 1;
    let kind: Token['kind'] = 'other';
    if (c === "'" || c === '"') {
      end = quoted(text, i, c);
      kind = 'text';
    } else if (c === '$' && text[i + 1] === '$') {
      const close = text.indexOf('$$', i + 2);
      end = close < 0 ? text.length : close + 2;
      kind = 'text';
    } else if (c === '?') kind = 'param';
    else if (c === '(') kind = 'open';
    else if (c === ')') kind = 'close';
    else if (/\s/.test(c)) {
      while (end < text.length && /\s/.test(text[end])) end++;
      kind = 'space';
    } else if (/[A-Za-z_]/.test(c)) {
      while (end < text.length && /[A-Za-z0-9_]/.test(text[end])) end++;
      kind = 'word';
    } else if (/[0-9]/.test(c)) {
      while (end < text.length && /[0-9.]/.test(text[end])) end++;
    }
    tokens.push({ kind, text: text.slice(i, end) });
    i = end;
  }
  return tokens;
}

/** The index just past the literal or quoted name that starts at `start` (a doubled quote stays inside). */
function quoted(text: string, start: number, quote: string): number {
  let i = start + 1;
  while (i < text.length) {
    if (text[i] === quote) {
      if (text[i + 1] === quote) i += 2;
      else return i + 1;
    } else i++;
  }
  return text.length;
}
