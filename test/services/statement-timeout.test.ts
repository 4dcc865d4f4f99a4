/**
 * PostgreSQL's own statement_timeout stops a runaway read, as QUERY_TIMEOUT (db/postgres/pg.store.ts),
 * on a PostgreSQL server (PGlite, single-threaded, has no timer to cancel a statement with). The server's
 * answer to a QueryTimeout is the same on both engines (test/bounded.test.ts runs it on SQLite).
 */
import { type OpenDatabase, openDatabase } from '../../src/db/data-source';
import { freshPostgresDatabase, type TestDatabase } from '../support/postgres';

const LIMIT_MS = 300;
let database: TestDatabase;
let opened: OpenDatabase;

beforeAll(async () => {
  database = await freshPostgresDatabase();
  // One connection: every read below reuses it, so a limit left on it by one read would show in the next.
  opened = await openDatabase(database.url, { timeoutMs: LIMIT_MS, poolSize: 1 });
});
afterAll(async () => {
  await opened?.close();
  await database?.drop();
});

/** How long `work` took to fail, and with what. */
async function failure(work: Promise<unknown>): Promise<{ ms: number; error: { extensions?: Record<string, unknown> } }> {
  const started = performance.now();
  try {
    await work;
  } catch (error) {
    return { ms: performance.now() - started, error: error as { extensions?: Record<string, unknown> } };
  }
  throw new Error('the statement was not stopped');
}

describe('a statement past QUERY_TIMEOUT_MS on PostgreSQL', () => {
  it('is cancelled at the limit and answers QUERY_TIMEOUT naming it', async () => {
    const { ms, error } = await failure(opened.sql.all('SELECT pg_sleep(3)'));
    expect(error.extensions).toEqual({ code: 'QUERY_TIMEOUT', limitMs: LIMIT_MS });
    expect(ms).toBeLessThan(2_000);
  });

  it('is cancelled at what is left of a request’s deadline, and the next read has the whole limit again', async () => {
    const { ms, error } = await failure(opened.sql.until(Date.now() + 100).all('SELECT pg_sleep(3)'));
    expect(error.extensions).toEqual({ code: 'QUERY_TIMEOUT', limitMs: LIMIT_MS });
    expect(ms).toBeLessThan(2_000);
    // 200 ms is within the limit of 300, not within the 100 the last read left: the connection's limit was set back.
    expect(await opened.sql.all('SELECT pg_sleep(0.2) AS slept')).toEqual([{ slept: '' }]);
  });

  it('leaves a write transaction without a limit', async () => {
    const slept = await opened.sql.transaction((tx) => tx.all<{ slept: string }>('SELECT pg_sleep(0.5) AS slept'));
    expect(slept).toEqual([{ slept: '' }]);
  });
});
