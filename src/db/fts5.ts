/**
 * Everything specific to SQLite FTS5 lives here, so that a PostgreSQL module can take its place.
 *
 * Users type search text, never FTS5 syntax: `compileSearch` reads a small, forgiving language and
 * writes a safe MATCH expression in which every word is a quoted string.
 *   mining water        both words (AND is implicit; a literal `AND` is accepted)
 *   "heavy metals"      the phrase
 *   contamin*           words starting with "contamin"
 *   mercury OR gold     either word
 *   -gold  NOT gold     leave out articles with "gold"
 * Diacritics and case never matter: the index and the query both go through the unicode61
 * tokenizer with remove_diacritics, so `Tia Maria` finds `Tía María`.
 */
import { BadUserInput } from '../core/errors';

export const FTS_TABLE = 'article_fts';

/** DDL for the index: an external-content table over `article`, kept in step by triggers. */
export const createSearchIndex = [
  `CREATE VIRTUAL TABLE ${FTS_TABLE} USING fts5(title, summary, body, content='article', content_rowid='id', tokenize='unicode61 remove_diacritics 2')`,
  `CREATE TRIGGER article_fts_insert AFTER INSERT ON article BEGIN
     INSERT INTO ${FTS_TABLE}(rowid, title, summary, body) VALUES (new.id, new.title, new.summary, new.body);
   END`,
  `CREATE TRIGGER article_fts_delete AFTER DELETE ON article BEGIN
     INSERT INTO ${FTS_TABLE}(${FTS_TABLE}, rowid, title, summary, body) VALUES ('delete', old.id, old.title, old.summary, old.body);
   END`,
  `CREATE TRIGGER article_fts_update AFTER UPDATE OF title, summary, body ON article BEGIN
     INSERT INTO ${FTS_TABLE}(${FTS_TABLE}, rowid, title, summary, body) VALUES ('delete', old.id, old.title, old.summary, old.body);
     INSERT INTO ${FTS_TABLE}(rowid, title, summary, body) VALUES (new.id, new.title, new.summary, new.body);
   END`,
];

/** Re-reads every article into the index: after a bulk load with the triggers off. */
export const rebuildSearchIndex = `INSERT INTO ${FTS_TABLE}(${FTS_TABLE}) VALUES('rebuild')`;

export const dropSearchIndex = [
  'DROP TRIGGER IF EXISTS article_fts_update',
  'DROP TRIGGER IF EXISTS article_fts_delete',
  'DROP TRIGGER IF EXISTS article_fts_insert',
  `DROP TABLE IF EXISTS ${FTS_TABLE}`,
];

/**
 * A subquery of (id, rank) for the articles matching one bound MATCH expression; lower rank is
 * better. Title matches weigh 10, summary 4, body 1 (bm25 column weights).
 */
export const searchSubquery = `SELECT rowid AS id, bm25(${FTS_TABLE}, 10.0, 4.0, 1.0) AS rank FROM ${FTS_TABLE} WHERE ${FTS_TABLE} MATCH ?`;

/**
 * The most recently added hits that pass `condition`, ranked (Dialect.searchWindow). FTS5 reads a word's hits in
 * rowid order and can read them from the highest down, so the window stops after its last hit, and bm25 is only
 * computed for the hits it returns. With no condition the article table is not read at all.
 */
export function searchWindow(condition: string): string {
  if (condition === 'TRUE') return `${searchSubquery} ORDER BY rowid DESC LIMIT ?`;
  return `SELECT s.id, s.rank FROM (${searchSubquery}) s JOIN article a ON a.id = s.id WHERE ${condition} ORDER BY s.id DESC LIMIT ?`;
}

/** The same hits without their rank, for counts and facets: bm25 costs a score per hit. */
export const searchHitsSubquery = `SELECT rowid AS id FROM ${FTS_TABLE} WHERE ${FTS_TABLE} MATCH ?`;

const MAX_SEARCH_LENGTH = 500;
/** Words and phrases in one search, all told (each is an index lookup). */
export const MAX_SEARCH_TERMS = 32;
/** Prefix terms (`contamin*`) in one search: each reads every indexed word it starts, and its hits. */
export const MAX_PREFIX_TERMS = 8;
const WORD = /[\p{L}\p{N}]/u;

export interface Term {
  text: string;
  phrase: boolean;
  prefix: boolean;
  negated: boolean;
}

/**
 * A search as read from the user's text: OR-ed groups of AND-ed terms, and the terms it excludes.
 * What it costs to run is estimated from this (http/cost.ts), whatever the engine.
 */
export interface ParsedSearch {
  groups: Term[][];
  excluded: Term[];
}

/**
 * Turns user search text into an FTS5 MATCH expression, or throws BAD_USER_INPUT saying why.
 * `formsOf` gives the other forms of a plain word (not a phrase, not a prefix) that the search also
 * finds, its Spanish inflections (ingest/search-terms.ts): each is quoted as the word is.
 */
export function compileSearch(input: string, formsOf: (word: string) => readonly string[] = () => []): string {
  const { groups, excluded } = parseSearch(input);
  const term = (t: Term): string => {
    const forms = t.phrase || t.prefix || /\s/.test(t.text) ? [] : formsOf(t.text);
    return forms.length === 0 ? quote(t) : `(${[t, ...forms.map((text) => ({ ...t, text }))].map(quote).join(' OR ')})`;
  };
  const any = groups.map((group) => `(${group.map(term).join(' AND ')})`).join(' OR ');
  return excluded.length === 0 ? any : `(${any}) NOT (${excluded.map(term).join(' OR ')})`;
}

/** Reads user search text (the language above), or throws BAD_USER_INPUT saying what is wrong and what is allowed. */
export function parseSearch(input: string): ParsedSearch {
  if (input.length > MAX_SEARCH_LENGTH) {
    throw new BadUserInput(`search is ${input.length} characters long; at most ${MAX_SEARCH_LENGTH} are allowed`, 'search');
  }
  // Control characters (NUL above all) would end an FTS5 string early: they separate words like spaces.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
  input = input.replace(/[\u0000-\u001f\u007f]/g, ' ');
  const groups: Term[][] = [[]];
  const excluded: Term[] = [];
  for (const term of readTerms(input)) {
    if (!term.phrase && term.text === 'OR') {
      if (groups[groups.length - 1].length > 0) groups.push([]);
      continue;
    }
    if (!term.phrase && term.text === 'AND') continue;
    if (!WORD.test(term.text)) continue;
    (term.negated ? excluded : groups[groups.length - 1]).push(term);
  }
  const positive = groups.filter((group) => group.length > 0);
  if (positive.length === 0) {
    throw new BadUserInput(
      excluded.length > 0 ? 'search only excludes words; add at least one word to look for' : 'search has no words to look for (letters or digits are needed)',
      'search',
    );
  }
  const terms = [...positive.flat(), ...excluded];
  if (terms.length > MAX_SEARCH_TERMS) {
    throw new BadUserInput(`search has ${terms.length} words and phrases; at most ${MAX_SEARCH_TERMS} are allowed`, 'search');
  }
  const prefixes = terms.filter((term) => term.prefix).length;
  if (prefixes > MAX_PREFIX_TERMS) {
    throw new BadUserInput(
      `search has ${prefixes} prefix terms (words ending in *); at most ${MAX_PREFIX_TERMS} are allowed, as each reads every word it starts: make them longer or fewer`,
      'search',
    );
  }
  return { groups: positive, excluded };
}

function quote(term: Term): string {
  return `"${term.text.replace(/"/g, '""')}"${term.prefix ? '*' : ''}`;
}

/** Splits on whitespace outside double quotes; an unclosed quote runs to the end of the text. */
function* readTerms(input: string): Generator<Term> {
  const pattern = /(-?)"([^"]*)"?(\*?)|(\S+)/g;
  let negateNext = false;
  for (const match of input.matchAll(pattern)) {
    if (match[4] !== undefined) {
      let word = match[4];
      if (word === 'NOT') {
        negateNext = true;
        continue;
      }
      const negated = negateNext || (word.startsWith('-') && word.length > 1);
      if (word.startsWith('-')) word = word.replace(/^-+/, '');
      const prefix = /\*+$/.test(word);
      word = word.replace(/\*+$/, '').replace(/\*/g, ' ');
      negateNext = false;
      yield { text: word, phrase: false, prefix, negated };
    } else {
      const negated = negateNext || match[1] === '-';
      negateNext = false;
      yield { text: match[2], phrase: true, prefix: match[3] === '*', negated };
    }
  }
}
