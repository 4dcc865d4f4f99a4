import 'reflect-metadata';
import type { Sql } from '../../src/db/sql';
import { createFloor, type FloorRoutes } from '../floor';
import { captureStatements, statementTexts } from '../lib/capture';
import { checkBody, firstDifference, withoutCostReport } from '../lib/check';
import { answerRequests } from '../lib/children';
import { openReadOnly } from '../lib/database';
import { type Operation, requestBody } from '../lib/operations';
import { type QuipuExecutor, withServingQuipu } from '../lib/quipu-executor';
import { inProcessStore, type StoreSettings } from '../lib/store';

/**
 * Part (b), in process (a child pinned to the server core): Quipu's request path called directly
 * against the floor's handler called directly, same request bodies, same database file. The floor
 * runs its statements synchronously on its own read-only connection; Quipu reads through its store
 * as the server does, on `store.readers` reader processes (forked from this child, so on its core).
 * Rounds alternate which variant goes first.
 */
export interface InProcessConfig {
  dbPath: string;
  operations: Operation[];
  routes: FloorRoutes;
  rounds: number;
  msPerRound: number;
  warmupMs: number;
  store: StoreSettings;
}

export interface InProcessResult {
  name: string;
  error?: string;
  /** Quipu's and the floor's distinct statement texts match (the floor runs the same SQL). */
  sameSql: boolean;
  quipuStatements: string[];
  floorStatements: string[];
  /** Microseconds per request, one entry per round. */
  quipuUs: number[];
  floorUs: number[];
  responseBytes: number;
}

type Variant = () => string | Promise<string>;

/** Requests back to back for `ms`; every body is compared with the checked reference first. */
async function timeLoop(run: Variant, expected: string, ms: number): Promise<number> {
  const start = process.hrtime.bigint();
  const deadline = start + BigInt(Math.round(ms * 1e6));
  let n = 0;
  let now: bigint;
  do {
    const out = run();
    const body = typeof out === 'string' ? out : await out;
    if (body !== expected) throw new Error(`response changed during the run: ${firstDifference(body, expected)}`);
    n++;
    now = process.hrtime.bigint();
  } while (now < deadline);
  return Number(now - start) / 1e3 / n;
}

function run(config: InProcessConfig): Promise<InProcessResult[]> {
  return withServingQuipu(config.dbPath, config.store, (executor, sql) => measure(config, executor, sql));
}

async function measure(config: InProcessConfig, executor: QuipuExecutor, sql: Sql): Promise<InProcessResult[]> {
  const floor = createFloor(openReadOnly(config.dbPath).db, config.routes);
  const results: InProcessResult[] = [];
  // Each variant's expected body: Quipu's reference, and the same without the cost report for the floor.
  const live: { result: InProcessResult; variants: [Variant, Variant]; expected: [string, string] }[] = [];

  for (const operation of config.operations) {
    const raw = requestBody(operation);
    const result: InProcessResult = { name: operation.name, sameSql: false, quipuStatements: [], floorStatements: [], quipuUs: [], floorUs: [], responseBytes: 0 };
    results.push(result);
    const quipu: Variant = async () => {
      const response = await executor.execute(raw, sql);
      if (response.status !== 200) throw new Error(`Quipu answered ${response.status}`);
      return response.body;
    };
    const floorRun: Variant = () => {
      const response = floor.handle(raw);
      if (response.status !== 200) throw new Error(`the floor answered ${response.status}`);
      return response.body;
    };
    try {
      const reference = checkBody(200, await quipu(), `Quipu, ${operation.name}`).body;
      const floorBody = checkBody(200, floorRun() as string, `floor, ${operation.name}`).body;
      if (floorBody !== withoutCostReport(reference)) throw new Error(`the floor's body differs from Quipu's ${firstDifference(floorBody, withoutCostReport(reference))}`);
      result.responseBytes = Buffer.byteLength(reference);
      // Statements seen by the driver, on fresh connections so nothing is cached; Quipu's through a
      // store reading on that connection, in this process (reader processes would hide them).
      const quipuCapture = openReadOnly(config.dbPath).db;
      const capturedSql = inProcessStore(quipuCapture);
      const quipuRun = await captureStatements(quipuCapture).during(() => executor.execute(raw, capturedSql));
      const floorCapture = openReadOnly(config.dbPath).db;
      const floorRunCaptured = await captureStatements(floorCapture).during(() => createFloor(floorCapture, config.routes).handle(raw));
      result.quipuStatements = statementTexts(quipuRun.executions);
      result.floorStatements = statementTexts(floorRunCaptured.executions);
      result.sameSql = JSON.stringify(result.quipuStatements) === JSON.stringify(result.floorStatements);
      live.push({ result, variants: [quipu, floorRun], expected: [reference, withoutCostReport(reference)] });
    } catch (error) {
      result.error = (error as Error).message;
    }
  }

  for (const { variants, expected } of live) for (const which of [0, 1]) await timeLoop(variants[which], expected[which], config.warmupMs);
  for (let round = 0; round < config.rounds; round++) {
    for (const { result, variants, expected } of live) {
      const order = round % 2 === 0 ? [0, 1] : [1, 0];
      for (const which of order) {
        const us = await timeLoop(variants[which], expected[which], config.msPerRound);
        (which === 0 ? result.quipuUs : result.floorUs).push(us);
      }
    }
  }
  return results;
}

answerRequests({ run: (message) => run(message.config as InProcessConfig) });
