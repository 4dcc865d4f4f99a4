import fs from 'node:fs';
import path from 'node:path';
import { openDatabase } from '../../src/db/data-source';
import { redactUrl } from '../../src/db/postgres/open';
import { SERVER_CORE, spawnChild } from '../lib/children';
import { type DatabaseSummary, openReadOnly, summarise } from '../lib/database';
import { analystEventLoopOperations, cheapList, heavyOperations, hostileRequests, hotList, scalingOperations } from '../lib/operations';
import { type Picks, pickSubjects } from '../lib/picks';
import type { PostgresCopy } from '../lib/postgres';
import type { StoreSettings } from '../lib/store';
import type { LoadGenerator } from '../load/generator';
import type { ScalingConfig, ScalingResult } from '../tasks/scaling';
import { type EventLoopResult, measureEventLoop } from './event-loop';

/**
 * Part (d): for each database (e.g. /tmp/quipu-1k.db, -100k, -1m), the in-process latency and query
 * plans of lists, a single article, search and facets, and the event-loop delay under mixed load
 * (and beside hostile clients, with /healthz and a cheap list probed).
 * Each database gets fresh processes, so no cache carries over from a smaller one. With a PostgreSQL
 * copy of the file (lib/postgres.ts), the same operations run on it: the same rows, ids and picks.
 */
export type Engine = 'SQLite' | 'PostgreSQL';

export interface ScaleResult {
  engine: Engine;
  /** PostgreSQL: the copy served (its URL without a password), and how long making it took. */
  copy?: PostgresCopy;
  database: DatabaseSummary;
  picks: Picks;
  operations: ScalingResult[];
  eventLoop: EventLoopResult | { error: string };
}

export interface ScalingTiming {
  iterations: number;
  maxMs: number;
  eventLoopSeconds: number;
  /** Quipu's store while it is timed and while it serves the event-loop run. */
  store: StoreSettings;
}

/** The file's scale; on PostgreSQL, served from `copy` (the file still gives the summary and the picks). */
export async function measureScale(dbPath: string, loadGenerator: LoadGenerator, timing: ScalingTiming, copy?: PostgresCopy): Promise<ScaleResult> {
  const served = copy?.url ?? dbPath;
  // Its schema brought up to date first, as the server's start-up would (a file built by an older version).
  await (await openDatabase(dbPath)).close();
  const { db } = openReadOnly(dbPath);
  let picks: Picks;
  let database: DatabaseSummary;
  try {
    database = summarise(dbPath, db, fs.statSync(dbPath).size);
    picks = pickSubjects(db);
  } finally {
    db.close();
  }
  const child = spawnChild(path.join(__dirname, '../tasks/scaling.js'), SERVER_CORE);
  let operations: ScalingResult[];
  try {
    const config: ScalingConfig = { dbPath: served, operations: scalingOperations(picks), iterations: timing.iterations, maxMs: timing.maxMs, store: timing.store };
    operations = await child.request<ScalingResult[]>('run', { config });
  } finally {
    await child.stop();
  }
  let eventLoop: ScaleResult['eventLoop'];
  try {
    eventLoop = await measureEventLoop(
      served,
      loadGenerator,
      hotList(picks.hotTopic, 20),
      heavyOperations(picks),
      analystEventLoopOperations(picks),
      cheapList(picks),
      hostileRequests(picks),
      timing.eventLoopSeconds,
      timing.store,
    );
  } catch (error) {
    eventLoop = { error: (error as Error).message };
  }
  return { engine: copy ? 'PostgreSQL' : 'SQLite', copy: copy && { ...copy, url: redactUrl(copy.url) }, database, picks, operations, eventLoop };
}
