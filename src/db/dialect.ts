/**
 * The few pieces of SQL the two engines write differently, each engine's in its own module
 * (db/sqlite/dialect.ts, db/postgres/dialect.ts). Everything else the query layer writes once, in
 * the SQL both read alike; db/postgres/translate.ts adapts the rest of the text (placeholders, the
 * case of aliases, SQLite's planner hints).
 */
export interface Dialect {
  readonly engine: 'sqlite' | 'postgres';
  /** A user's search text (db/fts5.ts's language) as the one parameter `searchSubquery` binds; `formsOf` gives a plain word's other forms. */
  compileSearch(input: string, formsOf?: (word: string) => readonly string[]): string;
  /** (id, rank) of the articles matching the compiled search bound to its one `?`; lower rank is better (title 10, summary 4, body 1). */
  readonly searchSubquery: string;
  /** The same hits without their rank, for counts and facets. */
  readonly searchHitsSubquery: string;
  /** The aggregate of `expression`'s values joined by `separator` (a literal), in no set order. */
  stringAgg(expression: string, separator: string): string;
  /** A table (key, value) of a JSON array of integers bound to `?`: its index from 0 and its value. */
  readonly jsonIntegers: string;
  /** A table (kind, id) of a JSON array of [kind, id] pairs bound to `?`. */
  readonly jsonPairs: string;
  /** The Monday on or before the `YYYY-MM-DD` text `column`, as the same text. */
  weekStart(column: string): string;
  /**
   * What an outer query over a walked subquery (`FROM (... ORDER BY o LIMIT n) a JOIN ...`) adds before its own LIMIT
   * to keep that order: nothing on SQLite, which reads such a subquery as a coroutine, in order, and so stops at
   * the first rows that match; `ORDER BY o` on PostgreSQL, whose joins keep no order.
   */
  keepOrder(orderBy: string): string;
  /** `expression` for ordering without regard to case (ASCII), as SQLite's NOCASE. */
  caseless(expression: string): string;
}
