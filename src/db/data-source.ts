import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { AbstractLogger, DataSource, type LogLevel, type LogMessage } from 'typeorm';
import { entities } from './entities';
import { migrations } from './migrations';
import { isPostgresUrl, openPostgres } from './postgres/open';
import { DEFAULT_QUERY_TIMEOUT_MS, type ExclusiveWork, type Sql, UNFINISHED_LOAD, UnfinishedLoad } from './sql';
import { sqlStatements } from './sql-counter';
import { ReaderPool } from './sqlite/reader-pool';
import { openLookups, SqliteStore, Writer } from './sqlite/sqlite.store';

/** Counts TypeORM's statements (migrations, schema checks) in the same metric as the query layer's. */
class CountingLogger extends AbstractLogger {
  override logQuery(): void {
    sqlStatements.inc();
  }
  protected writeLog(_level: LogLevel, _message: LogMessage | LogMessage[]): void {}
}

export function createDataSource(databasePath: string): DataSource {
  if (databasePath !== ':memory:') fs.mkdirSync(path.dirname(databasePath), { recursive: true });
  return new DataSource({
    type: 'better-sqlite3',
    database: databasePath,
    entities,
    migrations,
    migrationsRun: false,
    synchronize: false,
    logger: new CountingLogger(['query']),
    logging: ['query'],
    enableWAL: databasePath !== ':memory:',
    prepareDatabase: (db: Database.Database) => {
      db.pragma('foreign_keys = ON');
    },
  });
}

export interface OpenOptions {
  /** Reader processes for reads off the event loop; 0 (command-line tools) reads on the main connection. */
  readers?: number;
  /** Readers keep an index of article sets (ARTICLE_INDEX; default true). */
  articleIndex?: boolean;
  /** The longest a read may run, in ms (QUERY_TIMEOUT_MS). */
  timeoutMs?: number;
  /** Where a writer kept waiting by another process says so (default: stderr). */
  report?: (message: string) => void;
  /** Open a database marked with an unfinished bulk load (only the loader that starts it over does). */
  allowUnfinished?: boolean;
  /** PostgreSQL: DATABASE_READ_URL, a replica that reads outside transactions go to. */
  readUrl?: string | null;
  /** PostgreSQL: connections per pool (default 8). */
  poolSize?: number;
  /**
   * PostgreSQL: keep the plans of key lookups in named prepared statements (LookupOptions.samePlan; default on). Off
   * where connections share one session (an embedded PostgreSQL in tests), which would see each other's names.
   */
  preparedStatements?: boolean;
}

export interface OpenDatabase {
  dataSource: DataSource;
  sql: Sql;
  /** Stops the readers and closes the connection. */
  close(): Promise<void>;
  /** When the database holds a bulk load that did not finish: when it started (see allowUnfinished). */
  unfinishedLoad: string | null;
  /** How many processes keep the article index (db/sqlite/article-index.ts), and how many have it built. */
  articleIndexes(): { processes: number; ready: number };
  /**
   * Runs `work` while holding the database-wide lock `name`, so that of several instances on one
   * database only one runs it at a time: with `wait`, waits for the lock; without, answers
   * `{ ran: false }` at once when another holds it. On PostgreSQL an advisory lock, let go when
   * `work` ends or its connection does (a killed instance frees it); on SQLite, whose file one
   * server owns, `work` simply runs.
   */
  exclusive<T>(name: ExclusiveWork, work: () => Promise<T>, options?: { wait?: boolean }): Promise<{ ran: true; value: T } | { ran: false }>;
}

/**
 * Opens the database, a SQLite file's path or a postgres:// URL, and brings its schema up to date.
 * On SQLite, migrations run inside one write transaction taken as every write is (waiting for another
 * process's writer, never failing on it), so two processes starting on one file never both migrate it.
 */
export async function openDatabase(database: string, options: OpenOptions = {}): Promise<OpenDatabase> {
  // On PostgreSQL a server (readers > 0; command-line tools open with none) keeps the article index in a worker thread.
  if (isPostgresUrl(database)) return openPostgres(database, { ...options, articleIndex: (options.readers ?? 0) > 0 && options.articleIndex !== false });
  return openSqlite(database, options);
}

async function openSqlite(databasePath: string, options: OpenOptions): Promise<OpenDatabase> {
  const dataSource = createDataSource(databasePath);
  await dataSource.initialize();
  const report = options.report ?? ((message: string) => process.stderr.write(`${message}\n`));
  const writer = new Writer(rawConnection(dataSource), report);
  await writer.exclusive(async () => {
    await writer.begin();
    try {
      await dataSource.runMigrations({ transaction: 'none' });
      writer.db.exec('COMMIT');
    } catch (error) {
      if (writer.db.inTransaction) writer.db.exec('ROLLBACK');
      throw error;
    }
  });
  const [unfinished] = (await dataSource.query(`SELECT value FROM quipu_state WHERE key = ?`, [UNFINISHED_LOAD])) as { value: string }[];
  if (unfinished && !options.allowUnfinished) {
    await dataSource.destroy();
    throw new UnfinishedLoad(databasePath, unfinished.value);
  }
  const readerCount = databasePath === ':memory:' ? 0 : (options.readers ?? 0);
  const readers = readerCount > 0 ? new ReaderPool(databasePath, readerCount, options.articleIndex ?? true) : null;
  const lookups = readers ? openLookups(databasePath) : undefined;
  const sql = new SqliteStore(writer, readers, { timeoutMs: options.timeoutMs ?? DEFAULT_QUERY_TIMEOUT_MS, lookups });
  return {
    dataSource,
    sql,
    unfinishedLoad: unfinished?.value ?? null,
    articleIndexes: () => ({ processes: readers?.indexProcesses ?? 0, ready: readers?.indexesReady ?? 0 }),
    exclusive: async (_name, work) => ({ ran: true, value: await work() }),
    async close() {
      await readers?.close();
      lookups?.close();
      if (dataSource.isInitialized) await dataSource.destroy();
    },
  };
}

function rawConnection(dataSource: DataSource): Database.Database {
  return (dataSource.driver as unknown as { databaseConnection: Database.Database }).databaseConnection;
}
