import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import type { FastifyInstance } from 'fastify';
import { type FormattedExecutionResult, print } from 'graphql';
import { seedChannels } from '../../src/channel/channel.seed';
import type { TrustedDocuments } from '../../src/core/trusted-documents';
import { type OpenDatabase, openDatabase } from '../../src/db/data-source';
import { copySqliteToPostgres } from '../../src/db/postgres/migrate-data';
import { isPostgresUrl } from '../../src/db/postgres/open';
import type { Sql } from '../../src/db/sql';
import { createApp } from '../../src/http/server';
import { type Catalogue, loadCatalogue } from '../../src/ingest/catalogue';
import { ingestFiles, loadSource, seedFiles } from '../../src/ingest/pipeline';
import type { BudgetPolicy } from '../../src/partner/budget';
import { embeddedPostgres, freshPostgresDatabase, type TestDatabase, testEngine } from './postgres';

export const seedsDir = path.resolve(__dirname, '../../seeds');

export interface TestServer {
  url: string;
  sql: Sql;
  /** The SQLite file's path, or on PostgreSQL the database's URL. */
  dbPath: string;
  /** DATABASE_URL for a command-line tool on the same database. */
  databaseUrl: string;
  /** POSTs a typed operation (with `key` as its Bearer key, if given); returns the whole GraphQL response (data and errors). */
  request<TData, TVariables>(document: TypedDocumentNode<TData, TVariables>, variables?: TVariables, key?: string): Promise<FormattedExecutionResult<TData>>;
  /** Like request, but fails the test on any error and returns data. */
  query<TData, TVariables>(document: TypedDocumentNode<TData, TVariables>, variables?: TVariables, key?: string): Promise<TData>;
  /** The server's quipu_sql_statements_total, read from GET /metrics. */
  sqlStatements(): Promise<number>;
  /** Resolves once the article index is built (db/article-index.ts). */
  articleIndexesReady(): Promise<void>;
  /** How many keep the article index (SQLite's index processes, PostgreSQL's thread), and how many have it built. */
  articleIndexes(): { processes: number; ready: number };
  /** The Fastify app itself, for tests of its life cycle (shutdown). */
  app: FastifyInstance;
  close(): Promise<void>;
}

/**
 * Boots the real server on an ephemeral port over a fresh SQLite file made by the real ingest
 * (the seed news by default, or the given news files with the seed catalogue).
 */
export interface ServerOptions {
  files?: string[];
  /** The text of a news file in the seed's format, written into the server's own folder and ingested instead of `files`. */
  news?: string;
  anonymousBudget?: BudgetPolicy | null;
  introspection?: boolean;
  trusted?: TrustedDocuments;
  trustProxy?: number;
  publicUrl?: string;
  /** ALLOWED_HOSTS (default: localhost and the listening address, on its port). */
  allowedHosts?: string[];
  /** QUERY_TIMEOUT_MS (default 5000). */
  queryTimeoutMs?: number;
  /** Reader processes (default 2, as a small machine would run). */
  readers?: number;
  /** Readers keep the article index (ARTICLE_INDEX; default true). */
  articleIndex?: boolean;
  /** The response cache (default on, as in production); off where a test counts the statements of repeated requests. */
  cacheResponses?: boolean;
  /** A database file built beforehand (by the synthetic corpus, say): served as it is, with no ingest. */
  prebuilt?: string;
  /**
   * A SQLite file (a synthetic corpus, say) whose rows the server starts with, with no ingest, on the engine under
   * test: a copy of the file on SQLite, its rows copied as `npm run migrate-data` copies them on PostgreSQL.
   */
  copyFrom?: string;
}

/** A SQLite file's rows into the new database at `dbPath`: the file itself on SQLite, migrate-data's copy on PostgreSQL. */
async function copyInto(file: string, dbPath: string, postgres: TestDatabase | null): Promise<void> {
  if (!postgres) {
    fs.copyFileSync(file, dbPath);
    return;
  }
  const target = await openDatabase(dbPath, { readers: 1, articleIndex: false, poolSize: postgres.poolSize });
  try {
    await copySqliteToPostgres(file, target.sql);
  } finally {
    await target.close();
  }
}

let catalogue: Catalogue | undefined;
/** The seeds' catalogue, read once per test file (reading it, with the reference table, takes about half a second). */
export function seedCatalogue(): Catalogue {
  catalogue ??= loadCatalogue(seedsDir);
  return catalogue;
}

export async function startServer(options: ServerOptions = {}): Promise<TestServer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quipu-test-'));
  const postgres = testEngine === 'postgres' && !options.prebuilt ? await freshPostgresDatabase() : null;
  const dbPath = postgres?.url ?? options.prebuilt ?? path.join(dir, 'quipu.db');
  if (options.copyFrom) await copyInto(options.copyFrom, dbPath, postgres);
  const opened = await openDatabase(dbPath, {
    readers: options.readers ?? 2,
    timeoutMs: options.queryTimeoutMs,
    articleIndex: options.articleIndex,
    poolSize: postgres?.poolSize,
    // Named statements are per session, and an embedded PostgreSQL has one for every connection.
    preparedStatements: !embeddedPostgres,
  }).catch(async (error: unknown) => {
    fs.rmSync(dir, { recursive: true, force: true });
    await postgres?.drop();
    throw error;
  });
  const database: OpenDatabase = postgres
    ? {
        ...opened,
        async close() {
          await opened.close();
          await postgres.drop();
        },
      }
    : opened;
  const { sql } = database;
  if (!options.prebuilt && !options.copyFrom) {
    const written = options.news === undefined ? undefined : path.join(dir, 'news.txt');
    if (written) fs.writeFileSync(written, options.news!);
    const report = await ingestFiles(sql, written ? [written] : (options.files ?? seedFiles(seedsDir)), {
      catalogue: seedCatalogue(),
      source: loadSource(seedsDir),
      now: '2026-01-01T00:00:00.000Z',
    });
    if (report.errors.length > 0) throw new Error(`test ingest failed: ${JSON.stringify(report.errors)}`);
  }
  await seedChannels(sql, seedsDir);
  // Test files send many queries a minute from one IP: a budget that large still charges and reports
  // every request's cost; test/partner-limits.test.ts runs the real anonymous budget.
  const app = await createApp(
    { sql, ready: true },
    {
      anonymousBudget: options.anonymousBudget === undefined ? { budget: 100_000_000, windowSeconds: 60 } : options.anonymousBudget,
      introspection: options.introspection,
      trusted: options.trusted,
      trustProxy: options.trustProxy,
      publicUrl: options.publicUrl,
      allowedHosts: options.allowedHosts,
      queryTimeoutMs: options.queryTimeoutMs,
      catalogue: seedCatalogue,
      cacheResponses: options.cacheResponses,
      // QUIPU_TEST_LOG=1 shows the detail of an unexpected error, which a client sees only as "Internal server error".
      logger: process.env.QUIPU_TEST_LOG ? { level: 'error' } : undefined,
    },
  );
  await app.workStats.refresh();
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return harness(url, sql, dbPath, app, database, dir);
}

function harness(url: string, sql: Sql, dbPath: string, app: FastifyInstance, database: OpenDatabase, dir: string): TestServer {
  const request = async <TData, TVariables>(document: TypedDocumentNode<TData, TVariables>, variables?: TVariables, key?: string) => {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
      body: JSON.stringify({ query: print(document), variables }),
    });
    return (await response.json()) as FormattedExecutionResult<TData>;
  };
  return {
    url,
    sql,
    dbPath,
    databaseUrl: isPostgresUrl(dbPath) ? dbPath : `sqlite:${dbPath}`,
    app,
    request,
    async query(document, variables, key) {
      const result = await request(document, variables, key);
      if (result.errors) throw new Error(`GraphQL errors: ${JSON.stringify(result.errors)}`);
      return result.data!;
    },
    articleIndexes: () => database.articleIndexes(),
    async articleIndexesReady() {
      for (const start = Date.now(); Date.now() - start < 30_000; await new Promise((resolve) => setTimeout(resolve, 20))) {
        const { processes, ready } = database.articleIndexes();
        if (ready === processes) return;
      }
      throw new Error(`the article index was not built within 30 s: ${JSON.stringify(database.articleIndexes())}`);
    },
    async sqlStatements() {
      const text = await (await fetch(`${url}/metrics`)).text();
      const match = /^quipu_sql_statements_total (\d+)/m.exec(text);
      if (!match) throw new Error('quipu_sql_statements_total missing from /metrics');
      return Number(match[1]);
    },
    async close() {
      await app.close();
      await database.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
