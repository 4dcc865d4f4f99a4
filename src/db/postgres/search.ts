/**
 * The search language of db/fts5.ts (parseSearch reads it for both engines), written as a PostgreSQL
 * tsquery for the 'simple' configuration over unaccent, as the `search_vector` column is made
 * (db/postgres/schema.ts): each word folded as the index folds it, quoted; a word the parser would
 * split (`tía-maría`, `don't`) becomes the phrase of its parts, as FTS5 reads it.
 */
import { parseSearch, type Term } from '../fts5';

/** Diacritics off and lower case: what unaccent and the 'simple' dictionary do to an indexed word. */
function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** A term as tsquery text: the phrase of its words (`<->`), the last one a prefix (`:*`) if it is one. */
function lexemes(term: Term): string | null {
  const words = fold(term.text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
  if (words.length === 0) return null;
  const quoted = words.map((word) => `'${word}'`);
  if (term.prefix) quoted[quoted.length - 1] += ':*';
  return quoted.length === 1 ? quoted[0] : `(${quoted.join(' <-> ')})`;
}

export function compileTsquery(input: string, formsOf: (word: string) => readonly string[] = () => []): string {
  const { groups, excluded } = parseSearch(input);
  const term = (t: Term): string | null => {
    const forms = t.phrase || t.prefix || /\s/.test(t.text) ? [] : formsOf(t.text);
    const alternatives = [t, ...forms.map((text) => ({ ...t, text }))].map(lexemes).filter((x): x is string => x !== null);
    if (alternatives.length === 0) return null;
    return alternatives.length === 1 ? alternatives[0] : `(${alternatives.join(' | ')})`;
  };
  const all = (terms: Term[], joiner: string) =>
    terms
      .map(term)
      .filter((x): x is string => x !== null)
      .join(joiner);
  const any = groups
    .map((group) => all(group, ' & '))
    .filter(Boolean)
    .map((group) => `(${group})`)
    .join(' | ');
  const none = all(excluded, ' | ');
  return none === '' ? any : `(${any}) & !(${none})`;
}
