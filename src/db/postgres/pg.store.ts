import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Pool, PoolClient, QueryResult } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { Counter } from 'prom-client';
import type { SetAnswer, SetRequest } from '../article-sets';
import { Hints } from '../hints';
import { type LookupOptions, QueryTimeout, type RunResult, type Sql, type SqlValue } from '../sql';
import { articleSetAnswers, backgroundStatements, sqlStatements } from '../sql-counter';
import { postgresDialect } from './dialect';
import { toPostgres } from './translate';

/** The time limit of the server's upkeep reads (background()). */
const BACKGROUND_TIMEOUT_MS = 60_000;
/** The advisory lock every write transaction holds: one writer at a time across every instance, as on SQLite. */
const WRITER_LOCK = 7_210_523;
/**
 * A connection's statement_timeout is kept while it is within this many ms of a read's time left, so a SET (a
 * round trip of its own) is rarely sent: a read may end this much early, or run this much past its deadline.
 */
const TIMEOUT_SLACK_MS = 50;
/** The statement_timeout last set on each pooled connection (unset: the pool's, QUERY_TIMEOUT_MS). */
const limits = new WeakMap<PoolClient, number>();
/** Rows of COPY's CSV handed to the connection at a time. */
const COPY_CHUNK_ROWS = 2_000;
/** PostgreSQL's SQLSTATE for a statement cancelled by statement_timeout. */
const QUERY_CANCELED = '57014';

/**
 * Taken at the start of every write transaction, in one round trip: the writers' lock (so that the change logs'
 * sequences are in commit order, as the `changes` cursor and the response cache need), no time limit (ingest's
 * statements may run long; requests' reads have one), and the commit count the change version reads.
 */
const BEGIN_WRITE = `BEGIN; SELECT pg_advisory_xact_lock(${WRITER_LOCK}); SET LOCAL statement_timeout = 0; UPDATE quipu_commit SET commits = commits + 1 WHERE id = 1`;

/** The change version: the commit count every write transaction raises (BEGIN_WRITE). */
const COMMIT_COUNT = 'SELECT CAST(commits AS TEXT) AS commits FROM quipu_commit WHERE id = 1';

export interface PgPools {
  /** Writes and the reads inside a transaction: the primary. */
  primary: Pool;
  /** Reads outside a transaction: a replica (DATABASE_READ_URL), or the primary. */
  reads: Pool;
  /** The statement_timeout its connections start with (QUERY_TIMEOUT_MS). */
  timeoutMs: number;
  /** Whether key lookups may keep their plans in named prepared statements (LookupOptions.samePlan). */
  preparedStatements: boolean;
}

export interface PgStoreOptions {
  timeoutMs: number;
  counter?: Counter;
  deadline?: number;
  /** The server's article index (article-index-thread.ts), when it keeps one: null answers go to SQL. */
  index?: { ask(request: SetRequest): Promise<SetAnswer | null> };
}

/**
 * The PostgreSQL engine behind the Sql door: reads on a pool (a replica's, if there is one), each
 * connection with QUERY_TIMEOUT_MS as its statement_timeout, shortened to what is left of a request's
 * deadline; writes one transaction at a time under an advisory lock, so that several Quipu instances
 * on one database write as one SQLite writer does. Totals and facets come from the server's article
 * index when it has one built (`articleSets`), else from SQL.
 */
export class PgStore implements Sql {
  readonly dialect = postgresDialect;
  /** The index is a thread of this process: asking it costs less than a statement's trip to the server. */
  readonly setsBeforeLookups = true;

  constructor(
    private readonly pools: PgPools,
    private readonly options: PgStoreOptions,
    private readonly writer: { tail: Promise<unknown> } = { tail: Promise.resolve() },
    readonly hints = new Hints(),
  ) {}

  async all<T>(text: string, params: readonly SqlValue[] = []): Promise<T[]> {
    this.counter.inc();
    return (await this.read(text, params)).rows as T[];
  }

  async get<T>(text: string, params: readonly SqlValue[] = []): Promise<T | undefined> {
    this.counter.inc();
    return (await this.read(text, params)).rows[0] as T | undefined;
  }

  async lookup<T>(text: string, params: readonly SqlValue[] = [], options: LookupOptions = {}): Promise<T[]> {
    this.counter.inc();
    return (await this.read(text, params, options.samePlan === true)).rows as T[];
  }

  /**
   * From the server's article index thread. Counted as one statement when it answers, as on SQLite (a null sends the
   * caller to SQL, which counts its own), so a request's count is the same whether or not the index is built yet.
   */
  async articleSets(request: SetRequest): Promise<SetAnswer | null> {
    const answer = (await this.options.index?.ask(request)) ?? null;
    if (answer) this.counter.inc();
    articleSetAnswers.inc({ source: answer ? 'index' : 'sql' });
    return answer;
  }

  run<T>(text: string, params: readonly SqlValue[] = []): Promise<RunResult<T>> {
    return this.transaction((tx) => tx.run<T>(text, params));
  }

  transaction<T>(work: (tx: PgTransaction) => Promise<T>): Promise<T> {
    const next = async () => {
      const client = await this.pools.primary.connect();
      try {
        await client.query(BEGIN_WRITE);
        const result = await work(new PgTransaction(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    };
    const result = this.writer.tail.then(next, next);
    this.writer.tail = result.catch(() => undefined);
    return result;
  }

  /**
   * A statement that cannot run inside a transaction (VACUUM), alone on a connection of the primary, with no time limit.
   * The connection's statement_timeout is noted as unset, so the next read on it sets its own.
   */
  async maintenance(statement: string): Promise<void> {
    const client = await this.pools.primary.connect();
    try {
      await client.query('SET statement_timeout = 0');
      limits.set(client, 0);
      await client.query(statement);
    } finally {
      client.release();
    }
  }

  async changeVersion(): Promise<string> {
    const { rows } = await query(
      this.pools.primary,
      this.pools.timeoutMs,
      { text: COMMIT_COUNT, name: this.pools.preparedStatements ? statementName(COMMIT_COUNT) : undefined },
      [],
      this.pools.timeoutMs,
    );
    return (rows[0] as { commits: string } | undefined)?.commits ?? '0';
  }

  until(deadline: number): Sql {
    return new PgStore(this.pools, { ...this.options, deadline }, this.writer, this.hints);
  }

  background(): Sql {
    const timeoutMs = Math.max(this.options.timeoutMs, BACKGROUND_TIMEOUT_MS);
    return new PgStore(this.pools, { ...this.options, timeoutMs, deadline: undefined, counter: backgroundStatements }, this.writer, this.hints);
  }

  private get counter(): Counter {
    return this.options.counter ?? sqlStatements;
  }

  /**
   * A read with the time left to it as its connection's statement_timeout: what is left of the request's
   * deadline, or the view's own limit. A connection keeps the last limit set on it, so a SET is sent only
   * when that is more than TIMEOUT_SLACK_MS off: at most once per read, mostly never.
   */
  private async read(text: string, params: readonly SqlValue[], samePlan = false): Promise<QueryResult> {
    const left = this.options.deadline === undefined ? this.options.timeoutMs : Math.min(this.options.timeoutMs, this.options.deadline - Date.now());
    if (left <= 0) throw new QueryTimeout(this.options.timeoutMs);
    try {
      const statement = toPostgres(text);
      const name = samePlan && this.pools.preparedStatements ? statementName(statement) : undefined;
      return await query(this.pools.reads, this.pools.timeoutMs, { text: statement, name }, params, Math.ceil(left));
    } catch (error) {
      throw timedOut(error, this.options.timeoutMs);
    }
  }
}

/** The statements of one open write transaction, on its connection; a nested transaction is a savepoint. */
export class PgTransaction implements Sql {
  readonly dialect = postgresDialect;
  readonly hints = new Hints(0);
  readonly setsBeforeLookups = false;
  private savepoints = 0;

  constructor(private readonly client: PoolClient) {}

  async all<T>(text: string, params: readonly SqlValue[] = []): Promise<T[]> {
    sqlStatements.inc();
    return (await this.client.query(toPostgres(text), params as SqlValue[])).rows as T[];
  }

  async get<T>(text: string, params: readonly SqlValue[] = []): Promise<T | undefined> {
    return (await this.all<T>(text, params))[0];
  }

  lookup<T>(text: string, params: readonly SqlValue[] = []): Promise<T[]> {
    return this.all<T>(text, params);
  }

  /** Inside a write transaction, only SQL sees what it wrote. */
  articleSets(): Promise<SetAnswer | null> {
    return Promise.resolve(null);
  }

  async run<T>(text: string, params: readonly SqlValue[] = []): Promise<RunResult<T>> {
    sqlStatements.inc();
    const result = await this.client.query(toPostgres(text), params as SqlValue[]);
    return { changes: result.rowCount ?? 0, rows: result.rows as T[] };
  }

  /**
   * Bulk rows into `table` with `COPY ... FROM STDIN` in CSV, streamed from `rows` (each the values of
   * `columns` in that order): what a load of millions of rows needs (db/postgres/migrate-data.ts), a few
   * times the rate of multi-row INSERTs. Values go in as their text, as query parameters do.
   */
  async copyRows(table: string, columns: readonly string[], rows: Iterable<SqlValue[]>): Promise<void> {
    sqlStatements.inc();
    const copy = this.client.query(copyFrom(`COPY "${table}" (${columns.map((column) => `"${column}"`).join(', ')}) FROM STDIN WITH (FORMAT csv)`));
    await pipeline(Readable.from(csvChunks(rows)), copy);
  }

  async transaction<T>(work: (tx: Sql) => Promise<T>): Promise<T> {
    const name = `nested_${++this.savepoints}`;
    await this.client.query(`SAVEPOINT ${name}`);
    try {
      const result = await work(this);
      await this.client.query(`RELEASE SAVEPOINT ${name}`);
      return result;
    } catch (error) {
      await this.client.query(`ROLLBACK TO SAVEPOINT ${name}`);
      await this.client.query(`RELEASE SAVEPOINT ${name}`);
      throw error;
    }
  }

  changeVersion(): Promise<string> {
    return Promise.resolve('-');
  }

  until(): Sql {
    return this;
  }

  background(): Sql {
    return this;
  }
}

/** CSV lines, COPY_CHUNK_ROWS a string: NULL is an empty field, a string is always quoted (so '' stays ''). */
function* csvChunks(rows: Iterable<SqlValue[]>): Generator<string> {
  let lines: string[] = [];
  for (const row of rows) {
    lines.push(row.map(csvField).join(','));
    if (lines.length === COPY_CHUNK_ROWS) {
      yield `${lines.join('\n')}\n`;
      lines = [];
    }
  }
  if (lines.length > 0) yield `${lines.join('\n')}\n`;
}

function csvField(value: SqlValue): string {
  if (value === null) return '';
  if (typeof value === 'string') return `"${value.replaceAll('"', '""')}"`;
  return String(value);
}

/**
 * The names of the statements whose plans are kept (LookupOptions.samePlan), by text. Each connection prepares a
 * named statement once and then only binds and runs it; PostgreSQL plans it a few times, then keeps a generic plan
 * when that costs no more, as it does for key lookups. Bounded: past NAMED_STATEMENTS texts, a statement runs unnamed.
 */
const statementNames = new Map<string, string>();
const NAMED_STATEMENTS = 500;

function statementName(text: string): string | undefined {
  let name = statementNames.get(text);
  if (name === undefined && statementNames.size < NAMED_STATEMENTS) {
    name = `quipu_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`;
    statementNames.set(text, name);
  }
  return name;
}

/** `statement` on a connection of `pool` whose statement_timeout is within TIMEOUT_SLACK_MS of `limitMs` (set first if not). */
async function query(pool: Pool, poolTimeoutMs: number, statement: { text: string; name?: string }, params: readonly SqlValue[], limitMs: number): Promise<QueryResult> {
  const client = await pool.connect();
  try {
    if (Math.abs((limits.get(client) ?? poolTimeoutMs) - limitMs) > TIMEOUT_SLACK_MS) {
      await client.query(`SET statement_timeout = ${limitMs}`);
      limits.set(client, limitMs);
    }
    return await client.query({ text: statement.text, name: statement.name, values: params as SqlValue[] });
  } finally {
    client.release();
  }
}

/** A statement PostgreSQL cancelled at its statement_timeout, as the QueryTimeout both engines answer. */
function timedOut(error: unknown, limitMs: number): unknown {
  return (error as { code?: string }).code === QUERY_CANCELED ? new QueryTimeout(limitMs) : error;
}
