/**
 * Spanish inflection for full-text search. The search index folds case and accents but knows no
 * grammar, so "mineros" would not find "minera". Ingest records every word of a Spanish article
 * with its Snowball stem (taken from the word as written, accents and all) in `search_term`; a
 * search then also looks for every recorded word that shares the stem of a word it was given:
 * "mineros" finds minero, minera, mineras; "contaminacion", typed without its accent, finds
 * contaminación and contaminado, because the stem of the word as articles write it is on record.
 * English words are not recorded (the index finds them as typed); an English search word whose
 * Spanish stem is on record finds those Spanish forms too ("mines" and "minas" share "min").
 */
/// <reference path="./snowball-stemmers.d.ts" />
import { newStemmer } from 'snowball-stemmers';
import { parseSearch } from '../db/fts5';
import type { Sql, SqlValue } from '../db/sql';
import { fold } from '../ingest/fold';
import type { Language } from '../ingest/language';
import { tokenize } from '../ingest/matcher';

const spanish = newStemmer('spanish');
/** Words shorter than this are left as typed: their stems say too little. */
const MIN_LENGTH = 4;
/** At most this many forms of one word go into a search. */
export const MAX_FORMS = 16;
const ROWS_PER_STATEMENT = 200;

/** The stem of a word as written (lower case, accents kept: the Spanish stemmer needs them). */
export const stemOf = (word: string): string => spanish.stem(word.toLowerCase());

/** Records the words of an article written in Spanish with their stems (other languages add nothing). */
export async function recordSearchTerms(sql: Sql, language: Language, texts: (string | null)[]): Promise<void> {
  if (language !== 'es') return;
  const terms = new Map<string, string>();
  for (const text of texts) {
    if (!text) continue;
    for (const token of tokenize(text)) {
      if (token.key.length < MIN_LENGTH || terms.has(token.key) || /\d/.test(token.key)) continue;
      terms.set(token.key, stemOf(text.slice(token.start, token.end)));
    }
  }
  const rows = [...terms];
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
    const chunk = rows.slice(i, i + ROWS_PER_STATEMENT);
    await sql.run(`INSERT INTO search_term (term, stem) VALUES ${chunk.map(() => '(?, ?)').join(', ')} ON CONFLICT (term) DO NOTHING`, chunk.flat() as SqlValue[]);
  }
}

/**
 * For each word (folded, as the index stores it; `written` as the user typed it), the other recorded
 * words that share its stem, in one statement: the stem on record for the word as articles write it
 * (which knows its accents), else the stem of the word as typed.
 */
export async function formsOf(sql: Sql, words: { folded: string; written: string }[]): Promise<Map<string, string[]>> {
  const wanted = words.filter((w) => w.folded.length >= MIN_LENGTH);
  if (wanted.length === 0) return new Map();
  const typed = wanted.map((w) => stemOf(w.written));
  const list = (n: number) => new Array(n).fill('?').join(', ');
  const rows = await sql.lookup<{ term: string; stem: string }>(
    `SELECT term, stem FROM search_term WHERE stem IN (${list(typed.length)}) OR stem IN (SELECT stem FROM search_term WHERE term IN (${list(wanted.length)}))`,
    [...typed, ...wanted.map((w) => w.folded)],
  );
  const byStem = new Map<string, string[]>();
  const recorded = new Map<string, string>();
  for (const row of rows) {
    byStem.set(row.stem, [...(byStem.get(row.stem) ?? []), row.term]);
    recorded.set(row.term, row.stem);
  }
  return new Map(
    wanted.map((w, i) => {
      const stem = recorded.get(w.folded) ?? typed[i];
      const forms = (byStem.get(stem) ?? []).filter((term) => term !== w.folded).sort();
      return [w.folded, forms.slice(0, MAX_FORMS)];
    }),
  );
}

/** The engine's search expression of a user's search, each plain word with its recorded inflections (Dialect.compileSearch). */
export async function searchMatch(sql: Sql, input: string): Promise<string> {
  const { groups, excluded } = parseSearch(input);
  const words = [...groups.flat(), ...excluded].filter((t) => !t.phrase && !t.prefix && !/\s/.test(t.text)).map((t) => ({ folded: fold(t.text), written: t.text }));
  const forms = await formsOf(sql, words);
  return sql.dialect.compileSearch(input, (word) => forms.get(fold(word)) ?? []);
}
