import { GraphQLError } from 'graphql';
import type { ArticleSets } from './article-sets';
import type { Dialect } from './dialect';
import type { Hints } from './hints';

export type SqlValue = string | number | bigint | null;

/** What a write statement did: the rows it changed, and the rows of its RETURNING clause (none without one). */
export interface RunResult<T = { id: number }> {
  changes: number;
  rows: T[];
}

/**
 * The store's one door: every statement the query layer, the loaders, ingest and the command-line
 * tools run goes through it, and every call is async. What differs per engine lives behind it
 * (db/sqlite/ today): where a read runs, how a runaway statement is stopped, how writers queue.
 *
 * Reads outside a transaction may run anywhere (on SQLite: a pool of reader processes, each with
 * its own read-only connection); writes and the reads inside a transaction run on the one writer,
 * one transaction at a time. Every statement is counted in quipu_sql_statements_total.
 */
export interface Sql extends ArticleSets {
  /** The SQL that differs per engine (db/dialect.ts). */
  readonly dialect: Dialect;
  /** What earlier reads found, for a request to act on while it reads the same again (db/hints.ts); a transaction keeps none. */
  readonly hints: Hints;
  all<T>(text: string, params?: readonly SqlValue[]): Promise<T[]>;
  get<T>(text: string, params?: readonly SqlValue[]): Promise<T | undefined>;
  /**
   * A read whose work is bounded by its keys: rows found by primary or unique key (`id IN (...)`,
   * `slug = ?`, a page's links by article id), a few microseconds each. The engine may run it where it
   * costs least (SQLite: on the event loop, on a read-only connection of its own, which is cheaper than
   * the trip to a reader). Anything that could scan an open-ended set of rows must use `all` or `get`.
   */
  lookup<T>(text: string, params?: readonly SqlValue[], options?: LookupOptions): Promise<T[]>;
  run<T = { id: number }>(text: string, params?: readonly SqlValue[]): Promise<RunResult<T>>;
  /**
   * Runs `work` in one write transaction: all of it is written, or none of it. Transactions are
   * queued, never nested or interleaved: `work` must use `tx`, not the store it came from, or it
   * waits for itself.
   */
  transaction<T>(work: (tx: Sql) => Promise<T>): Promise<T>;
  /**
   * The same store with a deadline (ms since the epoch, as Date.now()): a read still running at
   * the deadline is stopped and fails with QueryTimeout. A request's context reads through one.
   * `heavy`, asked at each read, says whether the request is one whose cost marks it heavy: the
   * engine may then hold its reads back so that light requests are never kept waiting behind it.
   */
  until(deadline: number, heavy?: () => boolean): Sql;
  /**
   * A token that changes whenever anything commits to the database, in this process or another: the
   * response cache compares it before every lookup. Cheap (SQLite: `PRAGMA data_version`, which does
   * not see the connection's own commits, with the count of this process's own).
   */
  changeVersion(): Promise<string>;
  /**
   * The same store for the server's own upkeep (the statistics of http/work-stats.ts): its statements
   * are counted in quipu_sql_background_statements_total, not with those requests cause.
   */
  background(): Sql;
}

export interface LookupOptions {
  /**
   * The statement's best plan is the same for any values: it finds rows by key and filters nothing else (`e.id IN (...)`,
   * `a.slug = ?`). The engine may then plan it once per connection and keep the plan (PostgreSQL: a named prepared
   * statement, whose parse and plan are then skipped). Its text must come from a bounded set (IN lists through inList).
   */
  samePlan?: boolean;
}

/** The work that runs on one instance at a time (OpenDatabase.exclusive): the first start's seeding, and each feed polling round. */
export type ExclusiveWork = 'start-up' | 'poll';

/** The default QUERY_TIMEOUT_MS: how long a request's reads may run, together. */
export const DEFAULT_QUERY_TIMEOUT_MS = 5000;

/** A statement (or the request it served) ran past its time limit and was stopped. */
export class QueryTimeout extends GraphQLError {
  constructor(readonly limitMs: number) {
    super(`the query ran past its time limit of ${limitMs} ms and was stopped; narrow it (a filter, fewer search terms, no facets or totalCount) or page through it`, {
      extensions: { code: 'QUERY_TIMEOUT', limitMs },
    });
  }
}

/** The `quipu_state` key of a bulk load that has dropped indexes and triggers and not yet rebuilt them (ingest/bulk.ts). */
export const UNFINISHED_LOAD = 'unfinished_load';

/** The database holds a bulk load that was cut short: it is incomplete, and refused. */
export class UnfinishedLoad extends Error {
  constructor(
    readonly databasePath: string,
    readonly startedAt: string,
  ) {
    super(
      `${databasePath} holds a bulk load that did not finish (started ${startedAt}): its indexes, search index and aggregates ` +
        'are incomplete, so Quipu will neither serve it nor ingest into it. Build it again (npm run seed:synthetic -- --database ' +
        `sqlite:${databasePath} ... starts such a database over) or restore a backup (npm run restore -- <file>).`,
    );
    this.name = 'UnfinishedLoad';
  }
}

/** A database server Quipu cannot reach or log in to: said in the operator's words, with what to check. */
export class DatabaseUnreachable extends Error {
  constructor(
    readonly target: string,
    cause: unknown,
  ) {
    const { code, message } = cause as { code?: string; message?: string };
    const hint =
      code === '3D000'
        ? 'create it first (createdb, or CREATE DATABASE)'
        : code === '28P01' || code === '28000'
          ? 'check the user name and password in the URL, and pg_hba.conf'
          : code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'ETIMEDOUT'
            ? 'check that PostgreSQL is running and listening at that host and port'
            : 'check the URL and the server';
    super(`cannot connect to ${target}: ${message ?? String(cause)}; ${hint}`, { cause });
    this.name = 'DatabaseUnreachable';
  }
}

/**
 * The values of an IN list, the first repeated up to the next of a few lengths (powers of two to 128, then multiples of
 * 128), which changes no answer: lists of any length then share a few statement texts, whose plans an engine can keep
 * (LookupOptions.samePlan). Use with `placeholders(values.length)` of what it returns.
 */
export function inList<T extends SqlValue>(values: readonly T[]): T[] {
  const n = values.length;
  const size = n <= 1 ? n : n <= 128 ? 2 ** Math.ceil(Math.log2(n)) : Math.ceil(n / 128) * 128;
  return size === n ? [...values] : [...values, ...new Array<T>(size - n).fill(values[0])];
}

/** `?, ?, ?` for an IN list of n values (n ≥ 1). */
export function placeholders(n: number): string {
  return new Array(n).fill('?').join(', ');
}
