import Database from 'better-sqlite3';
import type { Counter } from 'prom-client';
import type { SetAnswer, SetRequest } from '../article-sets';
import { Hints } from '../hints';
import { DEFAULT_QUERY_TIMEOUT_MS, type RunResult, type Sql, type SqlValue } from '../sql';
import { articleSetAnswers, backgroundStatements, sqlStatements } from '../sql-counter';
import { sqliteDialect } from './dialect';
import { ReaderPool } from './reader-pool';

/** How long a writer waits between tries for the write lock another process holds, at most. */
const MAX_BACKOFF_MS = 250;
/** How often a waiting writer says it is still waiting. */
const WAIT_REPORT_MS = 2000;
/** The time limit of the server's upkeep reads (background()). */
const BACKGROUND_TIMEOUT_MS = 60_000;

/** A connection's prepared statements, cached by text. */
class Statements {
  private readonly statements = new Map<string, Database.Statement>();

  constructor(readonly db: Database.Database) {}

  prepare(text: string): Database.Statement {
    let statement = this.statements.get(text);
    if (!statement) {
      statement = this.db.prepare(text);
      // Dynamic IN-lists make many distinct texts; keep the cache from growing without bound.
      if (this.statements.size > 500) this.statements.clear();
      this.statements.set(text, statement);
    }
    return statement;
  }
}

/**
 * The one writer of this process: the main connection, one transaction at a time. Transactions
 * queue here instead of nesting or interleaving (the connection is shared, so two open at once
 * would be one). Another process's writer (a CLI, a second ingest) holding the database's write
 * lock is waited for without blocking the event loop: the connection's own busy timeout is 0, and
 * BEGIN IMMEDIATE is retried with a growing pause, saying every 2 s that it still waits.
 */
export class Writer extends Statements {
  private tail: Promise<unknown> = Promise.resolve();
  /** Write transactions committed through this writer. */
  commits = 0;

  constructor(
    db: Database.Database,
    private readonly report: (message: string) => void,
  ) {
    super(db);
    db.pragma('busy_timeout = 0');
  }

  /** Runs `work` after every transaction queued before it. */
  exclusive<T>(work: () => Promise<T>): Promise<T> {
    const result = this.tail.then(work, work);
    this.tail = result.catch(() => undefined);
    return result;
  }

  /** BEGIN IMMEDIATE: takes the write lock now, waiting (asynchronously) while another process holds it. */
  async begin(): Promise<void> {
    const started = Date.now();
    let pause = 5;
    let reported = started;
    for (;;) {
      try {
        this.db.exec('BEGIN IMMEDIATE');
        if (reported !== started) this.report(`got the write lock after ${((Date.now() - started) / 1000).toFixed(1)} s`);
        return;
      } catch (error) {
        if ((error as { code?: string }).code !== 'SQLITE_BUSY') throw error;
      }
      if (Date.now() - reported >= WAIT_REPORT_MS) {
        reported = Date.now();
        this.report(`waiting for another process to finish writing to the database (${Math.round((reported - started) / 1000)} s so far)`);
      }
      await new Promise((resolve) => setTimeout(resolve, pause));
      pause = Math.min(pause * 2, MAX_BACKOFF_MS);
    }
  }
}

export interface SqliteStoreOptions {
  /** QUERY_TIMEOUT_MS: the longest a read may run (or wait for a reader). */
  timeoutMs: number;
  /** Where this view's statements are counted (default quipu_sql_statements_total). */
  counter?: Counter;
  /** Where key-bounded lookups run: a read-only connection of the main thread (default: the writer's). */
  lookups?: Database.Database;
  /** The deadline of every read through this view (a request's), if any. */
  deadline?: number;
  /** Whether this view's reads are a heavy request's (asked at each read: a request's cost is known after its context is made). */
  heavy?: () => boolean;
}

/**
 * The SQLite engine behind the Sql door: reads on the reader pool (or, without one, on the main
 * connection: command-line tools and `:memory:`), writes through the Writer. Views made by
 * `until` share both and differ only in their deadline.
 */
export class SqliteStore implements Sql {
  readonly dialect = sqliteDialect;
  /** A lookup runs on the event loop; the index answers from a reader process. */
  readonly setsBeforeLookups = false;
  private readonly lookups: Statements;

  constructor(
    readonly writer: Writer,
    readonly readers: ReaderPool | null,
    private readonly options: SqliteStoreOptions,
    lookups?: Statements,
    readonly hints = new Hints(),
  ) {
    this.lookups = lookups ?? (options.lookups ? new Statements(options.lookups) : writer);
  }

  all<T>(text: string, params: readonly SqlValue[] = []): Promise<T[]> {
    this.counter.inc();
    if (!this.readers) return settled(() => this.writer.prepare(text).all(...params) as T[]);
    return this.readers.read<T[]>('all', text, params, this.deadline(), this.options.timeoutMs, this.options.heavy?.() ?? false);
  }

  get<T>(text: string, params: readonly SqlValue[] = []): Promise<T | undefined> {
    this.counter.inc();
    if (!this.readers) return settled(() => this.writer.prepare(text).get(...params) as T | undefined);
    return this.readers.read<T | undefined>('get', text, params, this.deadline(), this.options.timeoutMs, this.options.heavy?.() ?? false);
  }

  lookup<T>(text: string, params: readonly SqlValue[] = []): Promise<T[]> {
    this.counter.inc();
    return settled(() => this.lookups.prepare(text).all(...params) as T[]);
  }

  /**
   * From the pool's article index processes; without readers (command-line tools, `:memory:`) there are none.
   * Counted as one statement when it answers (a null sends the caller to SQL, which counts its own).
   */
  async articleSets(request: SetRequest): Promise<SetAnswer | null> {
    if (!this.readers) {
      articleSetAnswers.inc({ source: 'sql' });
      return null;
    }
    const answer = await this.readers.sets<SetAnswer>(request, this.deadline(), this.options.timeoutMs, this.options.heavy?.() ?? false);
    if (answer) this.counter.inc();
    articleSetAnswers.inc({ source: answer ? 'index' : 'sql' });
    return answer;
  }

  run<T>(text: string, params: readonly SqlValue[] = []): Promise<RunResult<T>> {
    return this.transaction((tx) => tx.run<T>(text, params));
  }

  transaction<T>(work: (tx: Sql) => Promise<T>): Promise<T> {
    return this.writer.exclusive(async () => {
      await this.writer.begin();
      try {
        const result = await work(new WriterTransaction(this.writer));
        this.writer.db.exec('COMMIT');
        this.writer.commits++;
        return result;
      } catch (error) {
        if (this.writer.db.inTransaction) this.writer.db.exec('ROLLBACK');
        throw error;
      }
    });
  }

  async changeVersion(): Promise<string> {
    const version = this.lookups.prepare('PRAGMA data_version').pluck().get() as number;
    return `${version}:${this.writer.commits}`;
  }

  until(deadline: number, heavy?: () => boolean): Sql {
    return new SqliteStore(this.writer, this.readers, { ...this.options, deadline, heavy }, this.lookups, this.hints);
  }

  background(): Sql {
    // Upkeep runs seldom and reads in bulk: it gets a minute whatever QUERY_TIMEOUT_MS says.
    const timeoutMs = Math.max(this.options.timeoutMs, BACKGROUND_TIMEOUT_MS);
    return new SqliteStore(this.writer, this.readers, { ...this.options, timeoutMs, deadline: undefined, counter: backgroundStatements }, this.lookups, this.hints);
  }

  private get counter(): Counter {
    return this.options.counter ?? sqlStatements;
  }

  private deadline(): number {
    const own = Date.now() + this.options.timeoutMs;
    return this.options.deadline === undefined ? own : Math.min(own, this.options.deadline);
  }
}

/** The statements of one open transaction, on the writer; a nested transaction is a savepoint. */
class WriterTransaction implements Sql {
  readonly dialect = sqliteDialect;
  readonly hints = new Hints(0);
  readonly setsBeforeLookups = false;
  private savepoints = 0;

  constructor(private readonly writer: Writer) {}

  all<T>(text: string, params: readonly SqlValue[] = []): Promise<T[]> {
    sqlStatements.inc();
    return settled(() => this.writer.prepare(text).all(...params) as T[]);
  }

  get<T>(text: string, params: readonly SqlValue[] = []): Promise<T | undefined> {
    sqlStatements.inc();
    return settled(() => this.writer.prepare(text).get(...params) as T | undefined);
  }

  lookup<T>(text: string, params: readonly SqlValue[] = []): Promise<T[]> {
    return this.all<T>(text, params);
  }

  /** Inside a write transaction, only SQL sees what it wrote. */
  articleSets(): Promise<SetAnswer | null> {
    return Promise.resolve(null);
  }

  run<T>(text: string, params: readonly SqlValue[] = []): Promise<RunResult<T>> {
    sqlStatements.inc();
    return settled(() => {
      const statement = this.writer.prepare(text);
      // A statement with RETURNING is a reader: its rows are one per row it changed.
      if (statement.reader) {
        const rows = statement.all(...params) as T[];
        return { changes: rows.length, rows };
      }
      return { changes: statement.run(...params).changes, rows: [] };
    });
  }

  async transaction<T>(work: (tx: Sql) => Promise<T>): Promise<T> {
    const name = `nested_${++this.savepoints}`;
    this.writer.db.exec(`SAVEPOINT ${name}`);
    try {
      const result = await work(this);
      this.writer.db.exec(`RELEASE ${name}`);
      return result;
    } catch (error) {
      this.writer.db.exec(`ROLLBACK TO ${name}`);
      this.writer.db.exec(`RELEASE ${name}`);
      throw error;
    }
  }

  changeVersion(): Promise<string> {
    return Promise.resolve(`-:${this.writer.commits}`);
  }

  until(): Sql {
    return this;
  }

  background(): Sql {
    return this;
  }
}

/** A synchronous result (or throw) as a promise, so that every engine answers alike. */
function settled<T>(work: () => T): Promise<T> {
  try {
    return Promise.resolve(work());
  } catch (error) {
    return Promise.reject(error);
  }
}

/**
 * A store over a connection the caller opened (read-only, say: benchmarks over a prebuilt file),
 * its reads on `readers` reader processes of `file` or, with 0, on that connection itself.
 */
export function storeOver(
  db: Database.Database,
  options: { file?: string; readers?: number; timeoutMs?: number } = {},
): { sql: SqliteStore; close(): Promise<void>; articleIndexes(): { processes: number; ready: number } } {
  const readers = options.readers && options.file ? new ReaderPool(options.file, options.readers) : null;
  const lookups = readers && options.file ? openLookups(options.file) : undefined;
  const sql = new SqliteStore(new Writer(db, (message) => process.stderr.write(`${message}\n`)), readers, {
    timeoutMs: options.timeoutMs ?? DEFAULT_QUERY_TIMEOUT_MS,
    lookups,
  });
  return {
    sql,
    async close() {
      await readers?.close();
      lookups?.close();
    },
    articleIndexes: () => ({ processes: readers?.indexProcesses ?? 0, ready: readers?.indexesReady ?? 0 }),
  };
}

/** The main thread's read-only connection for key-bounded lookups, beside the reader processes. */
export function openLookups(file: string): Database.Database {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  // Only WAL recovery can make a reader wait; never long on the event loop.
  db.pragma('busy_timeout = 100');
  return db;
}
