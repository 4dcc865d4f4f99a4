import pg from 'pg';
import { DataSource } from 'typeorm';
import { entities } from '../entities';
import { DatabaseUnreachable, DEFAULT_QUERY_TIMEOUT_MS, type ExclusiveWork, UNFINISHED_LOAD, UnfinishedLoad } from '../sql';
import { ArticleIndexThread } from './article-index-thread';
import { postgresMigrations } from './migrations';
import { PgStore } from './pg.store';

/** Held while one process migrates, so that instances starting together migrate once. */
const MIGRATION_LOCK = 7_210_524;
/** The advisory lock of each piece of work that runs on one instance at a time (OpenDatabase.exclusive). */
const EXCLUSIVE_LOCKS: Record<ExclusiveWork, number> = { 'start-up': 7_210_525, poll: 7_210_526 };
/**
 * Settings of every pooled connection. JIT off: it compiles a large statement (a union of hundreds of channels'
 * filters) for seconds to save milliseconds. random_page_cost 1.1 (PostgreSQL's default, 4, is for spinning disks): the
 * pages Quipu's reads touch are in memory or on SSD, where a random read costs about what a sequential one does. With
 * 4 the planner reads all 20,000 organisations to join the 50 links of a page of articles (23 ms at 1M articles)
 * rather than look them up by key (0.2 ms). No parallel workers: starting them took 15 ms of a rare word's search
 * within a topic (26 ms with them, 6 ms without), and they take the cores that the other requests' statements run on.
 */
const CONNECTION_SETTINGS = '-c jit=off -c random_page_cost=1.1 -c max_parallel_workers_per_gather=0';
/** Connections per pool: enough for a 2-core machine's concurrency without crowding the server. */
const DEFAULT_POOL_SIZE = 8;

// Counts (bigint) and averages (numeric) come back as JavaScript numbers, as SQLite gives them.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (value) => Number(value));

export interface PostgresOptions {
  /** DATABASE_READ_URL: a replica for reads outside transactions. */
  readUrl?: string | null;
  timeoutMs?: number;
  poolSize?: number;
  /** Named prepared statements for key lookups (default on): see OpenOptions.preparedStatements. */
  preparedStatements?: boolean;
  allowUnfinished?: boolean;
  /** Keep the article index (article-index-thread.ts) in a worker thread: a server's; off by default. */
  articleIndex?: boolean;
}

export function isPostgresUrl(target: string): boolean {
  return /^postgres(ql)?:\/\//.test(target);
}

/** The URL without its password, for messages. */
export function redactUrl(url: string): string {
  return url.replace(/(\/\/[^:/@]+):[^@]*@/, '$1:***@');
}

/**
 * Opens a PostgreSQL database and brings its schema up to date (TypeORM's migrations, under an advisory lock
 * so that instances starting together migrate once), then the pools the store reads and writes through.
 */
export async function openPostgres(url: string, options: PostgresOptions = {}) {
  const timeoutMs = options.timeoutMs ?? DEFAULT_QUERY_TIMEOUT_MS;
  const lock = new pg.Client({ connectionString: url });
  try {
    await lock.connect();
  } catch (error) {
    throw new DatabaseUnreachable(redactUrl(url), error);
  }
  // TypeORM only migrates (the store has pools of its own): one connection is all it keeps.
  const dataSource = new DataSource({
    type: 'postgres',
    url,
    entities,
    migrations: postgresMigrations,
    migrationsRun: false,
    synchronize: false,
    logging: false,
    extra: { max: 1 },
  });
  try {
    await lock.query(`SELECT pg_advisory_lock(${MIGRATION_LOCK})`);
    await dataSource.initialize();
    await dataSource.runMigrations({ transaction: 'each' });
  } catch (error) {
    if (dataSource.isInitialized) await dataSource.destroy();
    throw error;
  } finally {
    await lock.end().catch(() => undefined);
  }
  const pool = (target: string) =>
    new pg.Pool({ connectionString: target, max: options.poolSize ?? DEFAULT_POOL_SIZE, statement_timeout: timeoutMs, options: CONNECTION_SETTINGS });
  const primary = pool(url);
  const reads = options.readUrl ? pool(options.readUrl) : primary;
  for (const p of new Set([primary, reads])) p.on('error', (error) => process.stderr.write(`postgres: ${error.message}\n`));
  const { rows } = await primary.query<{ value: string }>('SELECT value FROM quipu_state WHERE key = $1', [UNFINISHED_LOAD]);
  const unfinished = rows[0]?.value ?? null;
  if (unfinished && !options.allowUnfinished) {
    await Promise.all([...new Set([primary, reads])].map((p) => p.end()));
    await dataSource.destroy();
    throw new UnfinishedLoad(redactUrl(url), unfinished);
  }
  // Off a replica when there is one: its log and rows are of one moment, as each read is.
  const index = options.articleIndex ? new ArticleIndexThread(options.readUrl ?? url) : null;
  const sql = new PgStore({ primary, reads, timeoutMs, preparedStatements: options.preparedStatements !== false }, { timeoutMs, index: index ?? undefined });
  return {
    dataSource,
    sql,
    unfinishedLoad: unfinished,
    articleIndexes: () => ({ processes: index ? 1 : 0, ready: index?.ready ? 1 : 0 }),
    exclusive: <T>(name: ExclusiveWork, work: () => Promise<T>, { wait = false } = {}) => exclusive(url, EXCLUSIVE_LOCKS[name], work, wait),
    async close() {
      await index?.close();
      await Promise.all([...new Set([primary, reads])].map((p) => p.end()));
      if (dataSource.isInitialized) await dataSource.destroy();
    },
  };
}

/**
 * `work` under a session-level advisory lock held on a connection of its own (not the pools', which
 * `work`'s statements use) for as long as `work` runs. If the process dies, PostgreSQL ends the session
 * and frees the lock.
 */
async function exclusive<T>(url: string, lock: number, work: () => Promise<T>, wait: boolean): Promise<{ ran: true; value: T } | { ran: false }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    if (wait) {
      await client.query(`SET statement_timeout = 0; SELECT pg_advisory_lock(${lock})`);
    } else {
      const { rows } = await client.query<{ locked: boolean }>(`SELECT pg_try_advisory_lock(${lock}) AS locked`);
      if (!rows[0].locked) return { ran: false };
    }
    return { ran: true, value: await work() };
  } finally {
    await client.end().catch(() => undefined);
  }
}
