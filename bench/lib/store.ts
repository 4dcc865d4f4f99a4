import type Database from 'better-sqlite3';
import { loadConfig } from '../../src/config';
import { openDatabase } from '../../src/db/data-source';
import { isPostgresUrl } from '../../src/db/postgres/open';
import type { Sql } from '../../src/db/sql';
import { storeOver } from '../../src/db/sqlite/sqlite.store';
import { openReadOnly } from './database';

/**
 * How Quipu's store is set up wherever Quipu (or a peer over Quipu's resolvers) is measured serving:
 * `readers` reader processes (SQLITE_READERS) and each request's read time limit (QUERY_TIMEOUT_MS).
 * The defaults are production's, read from src/config.ts with an empty environment.
 */
export interface StoreSettings {
  readers: number;
  queryTimeoutMs: number;
}

export function productionStoreSettings(): StoreSettings {
  const { readers, queryTimeoutMs } = loadConfig({});
  return { readers, queryTimeoutMs };
}

export interface BenchStore {
  sql: Sql;
  /** Resolves once the article index is built (as a server's is, some seconds after it starts on a large file). */
  indexesBuilt(): Promise<void>;
  /** Stops the reader processes and closes the connection. */
  close(): Promise<void>;
}

/**
 * Quipu's store over the file, opened read-only, as the production server reads: on `readers`
 * reader processes of their own (forked from this process, so pinned to its core), or with 0 on
 * this process's connection. A postgres:// URL instead opens that database as a production server
 * does (its pool, QUERY_TIMEOUT_MS as statement_timeout, the article index in a worker thread unless
 * `readers` is 0); the bench only reads from it.
 */
export async function servingStore(file: string, settings: StoreSettings): Promise<BenchStore> {
  if (isPostgresUrl(file)) {
    const opened = await openDatabase(file, { timeoutMs: settings.queryTimeoutMs, readers: settings.readers });
    return { sql: opened.sql, indexesBuilt: () => built(opened.articleIndexes), close: () => opened.close() };
  }
  const { db } = openReadOnly(file);
  const store = storeOver(db, { file, readers: settings.readers, timeoutMs: settings.queryTimeoutMs });
  return {
    sql: store.sql,
    indexesBuilt: () => built(store.articleIndexes),
    async close() {
      await store.close();
      db.close();
    },
  };
}

async function built(indexes: () => { processes: number; ready: number }): Promise<void> {
  const started = Date.now();
  for (;;) {
    const { processes, ready } = indexes();
    if (ready === processes) return;
    if (Date.now() - started > 300_000) throw new Error(`article indexes not built after 5 minutes (${ready} of ${processes})`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * A store whose reads run on `db` itself, in this process: where the bench watches the statements
 * through its own connection (lib/capture.ts), which reader processes would hide from it.
 */
export function inProcessStore(db: Database.Database): Sql {
  return storeOver(db, { readers: 0 }).sql;
}
