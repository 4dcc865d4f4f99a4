/**
 * The few pieces of SQL the two engines write differently, each engine's in its own module
 * (db/sqlite/dialect.ts, db/postgres/dialect.ts). Everything else the query layer writes once, in
 * the SQL both read alike; db/postgres/translate.ts adapts the rest of the text (placeholders, the
 * case of aliases, SQLite's planner hints).
 */
import type { SqlValue } from './sql';

/** A piece of SQL with the values of its `?`s. */
type Condition = { text: string; params: SqlValue[] };

export interface Dialect {
  readonly engine: 'sqlite' | 'postgres';
  /** A user's search text (db/fts5.ts's language) as the one parameter `searchSubquery` binds; `formsOf` gives a plain word's other forms. */
  compileSearch(input: string, formsOf?: (word: string) => readonly string[]): string;
  /** (id, rank) of the articles matching the compiled search bound to its one `?`; lower rank is better (title 10, summary 4, body 1). */
  readonly searchSubquery: string;
  /** The same hits without their rank, for counts and facets. */
  readonly searchHitsSubquery: string;
  /**
   * (id, rank) of the most recently added hits (highest ids) that pass `condition` (on `article a`), as many as the
   * window allows: the hits a relevance order ranks (see article.query.ts, RANK_WINDOW). Binds the compiled search,
   * then the condition's values, then the window's size. Only the window's hits are ranked, and a common word's
   * window is found by walking the ids down from the newest, not by reading every hit.
   */
  searchWindow(condition: string): string;
  /** A statement whose one row's `n` is how many articles the compiled search `match` finds. */
  countHits(match: string): Condition;
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
   * the first rows that match; `ORDER BY o` on PostgreSQL, whose joins keep no order. `orderBy` names the subquery's
   * output columns: then PostgreSQL sees the walk is in that order already, and stops at the first rows that match too.
   */
  keepOrder(orderBy: string): string;
  /**
   * What ends a subquery the planner must run as written, not pull up into the joins around it: nothing on SQLite,
   * whose planner runs these shapes so anyway; ` OFFSET 0` on PostgreSQL. Two uses: an EXISTS meant to be tested
   * article by article as a page walks the order (a filter's `ordered` shape), which PostgreSQL would otherwise turn
   * into a join that first builds the whole set (every article of a hot topic, for a page of 20); and related
   * articles' candidates, whose links are read by their ids before they are matched against the article's few
   * entities (otherwise it probes every candidate once per entity: 4,000 probes instead of 400).
   */
  readonly fence: string;
  /**
   * Whether a page found on a reader brings its rows with it: on PostgreSQL, yes, in the statement that finds it (one
   * round trip fewer); on SQLite, no: the reader process sends back the page's keys alone, and the event loop's own
   * connection reads their rows by key, so titles and bodies never cross the reader's pipe.
   */
  readonly pageWithRows: boolean;
  /**
   * A condition added to a selective filter's page (few articles; see article.filter.ts) that makes the engine read
   * `set`, the ids of its smallest part, first: none (null) on SQLite, whose planner does so anyway; `a.id = ANY(ARRAY(set))`
   * on PostgreSQL, whose planner, guessing how many articles the set holds, walks the order instead (a topic of 4,000
   * articles in 1,000,000: 446 ms without it, 4 ms with it). The array is made once, and its articles are looked up by id.
   */
  smallSet(set: Condition): Condition | null;
  /**
   * A test that a subject id is in a subtree, `subquery` (a recursive CTE over a topic or place tree): `IN (subquery)`
   * on SQLite; `= ANY(ARRAY(subquery))` on PostgreSQL, whose planner cannot estimate a recursive CTE (it guesses a
   * thousand subjects for a topic with none below it, and then reads every article to join a handful). The array is
   * made once per statement, and the planner takes it for a few ids: it looks their articles up by index.
   */
  inSubtree(subquery: string): string;
  /** `expression` for ordering without regard to case (ASCII), as SQLite's NOCASE. */
  caseless(expression: string): string;
}
