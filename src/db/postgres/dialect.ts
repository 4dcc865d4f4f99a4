import type { Dialect } from '../dialect';
import { compileTsquery } from './search';

/** Title A (1.0), summary B (0.4), body D (0.1): SQLite's bm25 weights 10, 4 and 1; negated, so that lower ranks better as there. */
const RANK = "-ts_rank('{0.1, 0, 0.4, 1.0}', a.search_vector, q.q)";

export const postgresDialect: Dialect = {
  engine: 'postgres',
  compileSearch: compileTsquery,
  searchSubquery: `SELECT a.id, ${RANK} AS rank FROM article a, to_tsquery('simple', ?) AS q(q) WHERE a.search_vector @@ q.q`,
  searchHitsSubquery: "SELECT a.id FROM article a WHERE a.search_vector @@ to_tsquery('simple', ?)",
  stringAgg: (expression, separator) => `string_agg(${expression}, ${separator})`,
  jsonIntegers: '(SELECT CAST(e.ord AS INTEGER) - 1 AS key, CAST(e.value AS INTEGER) AS value FROM json_array_elements_text(CAST(? AS json)) WITH ORDINALITY AS e(value, ord))',
  jsonPairs: '(SELECT e.pair ->> 0 AS kind, CAST(e.pair ->> 1 AS INTEGER) AS id FROM json_array_elements(CAST(? AS json)) AS e(pair))',
  weekStart: (column) => `to_char(CAST(${column} AS date) - (extract(isodow FROM CAST(${column} AS date))::integer - 1), 'YYYY-MM-DD')`,
  keepOrder: (orderBy) => `ORDER BY ${orderBy} `,
  fence: ' OFFSET 0',
  inSubtree: (subquery) => `= ANY(ARRAY(${subquery}))`,
  smallSet: (set) => ({ text: `a.id = ANY(ARRAY(${set.text}))`, params: set.params }),
  caseless: (expression) => `lower(${expression})`,
};
