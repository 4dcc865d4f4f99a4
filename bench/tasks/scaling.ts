import 'reflect-metadata';
import { isPostgresUrl } from '../../src/db/postgres/open';
import type { Sql } from '../../src/db/sql';
import { sqlStatements } from '../../src/db/sql-counter';
import { captureStatements, explain, type Plan } from '../lib/capture';
import { checkBody, firstDifference } from '../lib/check';
import { answerRequests } from '../lib/children';
import { openReadOnly } from '../lib/database';
import { type Operation, requestBody } from '../lib/operations';
import { type QuipuExecutor, withServingQuipu } from '../lib/quipu-executor';
import { percentile } from '../lib/stats';
import { inProcessStore, type StoreSettings } from '../lib/store';

/**
 * Part (d), one database (a child pinned to the server core): in-process latency of each
 * operation through Quipu's request path, reading through its store as the server does (on
 * `store.readers` reader processes, forked from this child, so on its core), and the query plan of
 * every statement it runs (seen on a connection of this process, through a store reading on it).
 * On PostgreSQL (`dbPath` a postgres:// URL) it reads through the server's pool and counts the
 * statements from Quipu's own counter; it shows no plans.
 */
export interface ScalingConfig {
  dbPath: string;
  operations: Operation[];
  iterations: number;
  maxMs: number;
  store: StoreSettings;
}

export interface ScalingResult {
  name: string;
  error?: string;
  p50Ms: number;
  p99Ms: number;
  meanMs: number;
  iterations: number;
  /** Statements one request executes. */
  statements: number;
  plans: Plan[];
}

function run(config: ScalingConfig): Promise<ScalingResult[]> {
  return withServingQuipu(config.dbPath, config.store, (executor, sql) => measure(config, executor, sql));
}

/** One request's answer, the statements it ran, and their plans. */
type Seen = (raw: string) => Promise<{ status: number; body: string; statements: number; plans: Plan[] }>;

/** SQLite: on a store reading on the capturing connection, where every statement is prepared (and seen) anew. */
function capturing(dbPath: string, executor: QuipuExecutor): Seen {
  const captureDb = openReadOnly(dbPath).db;
  const capture = captureStatements(captureDb);
  return async (raw) => {
    const captured = await capture.during(() => executor.execute(raw, inProcessStore(captureDb)));
    return { ...captured.result, statements: captured.executions.length, plans: explain(captureDb, captured.executions) };
  };
}

/** PostgreSQL: on the serving store, counted by Quipu's statement counter. */
function counting(executor: QuipuExecutor, sql: Sql): Seen {
  return async (raw) => {
    const before = (await sqlStatements.get()).values.reduce((sum, v) => sum + v.value, 0);
    const result = await executor.execute(raw, sql);
    const after = (await sqlStatements.get()).values.reduce((sum, v) => sum + v.value, 0);
    return { ...result, statements: after - before, plans: [] };
  };
}

async function measure(config: ScalingConfig, executor: QuipuExecutor, sql: Sql): Promise<ScalingResult[]> {
  const see = isPostgresUrl(config.dbPath) ? counting(executor, sql) : capturing(config.dbPath, executor);
  const results: ScalingResult[] = [];
  for (const operation of config.operations) {
    const raw = requestBody(operation);
    const result: ScalingResult = { name: operation.name, p50Ms: NaN, p99Ms: NaN, meanMs: NaN, iterations: 0, statements: 0, plans: [] };
    results.push(result);
    try {
      const seen = await see(raw);
      const reference = checkBody(seen.status, seen.body, operation.name).body;
      result.statements = seen.statements;
      result.plans = seen.plans;
      // Warm-up: a few requests, bounded in time for the slow ones.
      const warmupEnd = performance.now() + config.maxMs / 10;
      for (let i = 0; i < 5 && performance.now() < warmupEnd; i++) await executor.execute(raw, sql);
      const samples: number[] = [];
      const end = performance.now() + config.maxMs;
      while (samples.length < config.iterations && (samples.length < 5 || performance.now() < end)) {
        const started = performance.now();
        const { status, body } = await executor.execute(raw, sql);
        samples.push(performance.now() - started);
        if (status !== 200 || body !== reference) throw new Error(`response changed: HTTP ${status}, ${firstDifference(body, reference)}`);
      }
      result.p50Ms = percentile(samples, 50);
      result.p99Ms = percentile(samples, 99);
      result.meanMs = samples.reduce((a, b) => a + b, 0) / samples.length;
      result.iterations = samples.length;
    } catch (error) {
      result.error = (error as Error).message;
    }
  }
  return results;
}

answerRequests({ run: (message) => run(message.config as ScalingConfig) });
