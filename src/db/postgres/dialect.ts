import type { Dialect } from '../dialect';
import { compileTsquery } from './search';

/** Title A (1.0), summary B (0.4), body D (0.1): SQLite's bm25 weights 10, 4 and 1; negated, so that lower ranks better as there. */
const rank = (row: string) => `-ts_rank('{0.1, 0, 0.4, 1.0}', ${row}.search_vector, q.q)`;

const searchHits = "SELECT a.id FROM article a WHERE a.search_vector @@ to_tsquery('simple', ?)";

/** The word of a compiled search that is one plain word (db/postgres/search.ts writes `('word')`), else null. */
function oneWord(match: string): string | null {
  return /^\('([^']+)'\)$/.exec(match)?.[1] ?? null;
}

export const postgresDialect: Dialect = {
  engine: 'postgres',
  compileSearch: compileTsquery,
  searchSubquery: `SELECT a.id, ${rank('a')} AS rank FROM article a, to_tsquery('simple', ?) AS q(q) WHERE a.search_vector @@ q.q`,
  searchHitsSubquery: searchHits,
  // One word's articles are counted ahead, in search_word (migrations/1765497600000-search-words.ts): counting the
  // hits themselves reads every hit's row, most of the table for a common word. Anything else counts its hits.
  countHits: (match) => {
    const word = oneWord(match);
    if (word === null) return { text: `SELECT count(*) AS n FROM (${searchHits})`, params: [match] };
    return { text: 'SELECT coalesce((SELECT articles FROM search_word WHERE word = ?), 0) AS n', params: [word] };
  },
  // The window's hits carry their search vectors out, and only they are ranked: for a common word the planner walks
  // the primary key down from the newest article and stops at the window's last hit; for a rarer one it reads the
  // hits from the GIN index and keeps the newest.
  searchWindow: (condition) =>
    `SELECT w.id, ${rank('w')} AS rank FROM to_tsquery('simple', ?) AS q(q), ` +
    `LATERAL (SELECT a.id, a.search_vector FROM article a WHERE a.search_vector @@ q.q AND (${condition}) ORDER BY a.id DESC LIMIT ?) w`,
  stringAgg: (expression, separator) => `string_agg(${expression}, ${separator})`,
  jsonIntegers: '(SELECT CAST(e.ord AS INTEGER) - 1 AS key, CAST(e.value AS INTEGER) AS value FROM json_array_elements_text(CAST(? AS json)) WITH ORDINALITY AS e(value, ord))',
  jsonPairs: '(SELECT e.pair ->> 0 AS kind, CAST(e.pair ->> 1 AS INTEGER) AS id FROM json_array_elements(CAST(? AS json)) AS e(pair))',
  weekStart: (column) => `to_char(CAST(${column} AS date) - (extract(isodow FROM CAST(${column} AS date))::integer - 1), 'YYYY-MM-DD')`,
  keepOrder: (orderBy) => `ORDER BY ${orderBy} `,
  pageWithRows: true,
  fence: ' OFFSET 0',
  inSubtree: (subquery) => `= ANY(ARRAY(${subquery}))`,
  smallSet: (set) => ({ text: `a.id = ANY(ARRAY(${set.text}))`, params: set.params }),
  caseless: (expression) => `lower(${expression})`,
};
