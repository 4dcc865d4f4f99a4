import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { openDatabase } from '../../src/db/data-source';
import { ingestSeeds } from '../../src/ingest/pipeline';
import { seedsDir, syntheticCli } from './paths';

export interface BenchDatabase {
  path: string;
  /** `prebuilt` (--db), or `synthetic` (src/synthetic's generator plus the seed news). */
  kind: 'prebuilt' | 'synthetic';
  buildSeconds: number;
  notes: string[];
}

// A fixed clock for the ingest, so a rebuilt fixture serves the same bytes.
const NOW = '2026-01-01T00:00:00.000Z';

function removeDatabase(file: string): void {
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
}

/**
 * Leaves the file in rollback-journal mode, fully checkpointed: read-only connections then need no
 * -shm file, and several processes can open it at once.
 */
function finalise(file: string): void {
  const db = new Database(file);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.pragma('journal_mode = DELETE');
  db.close();
}

/** Builds the synthetic corpus with src/synthetic's generator (built by `npm run build`). */
function buildSynthetic(file: string, articles: number, seed: number): void {
  const run = spawnSync(process.execPath, [syntheticCli, '--articles', String(articles), '--seed', String(seed), '--database', `sqlite:${file}`], {
    stdio: 'inherit',
    timeout: 30 * 60_000,
  });
  if (run.status !== 0) throw new Error(`the synthetic generator failed (exit ${run.status ?? run.signal})`);
}

/** The bench database: --db as given, else a fresh synthetic corpus plus the seed news in the temp folder. */
export async function prepareDatabase(options: { db: string | null; articles: number; seed: number }): Promise<BenchDatabase> {
  if (options.db) {
    if (!fs.existsSync(options.db)) throw new Error(`--db ${options.db}: no such file`);
    return { path: options.db, kind: 'prebuilt', buildSeconds: 0, notes: [] };
  }
  const started = performance.now();
  const notes: string[] = [];
  const synthetic = path.join(os.tmpdir(), `quipu-bench-synthetic-${options.articles}-s${options.seed}.db`);
  removeDatabase(synthetic);
  buildSynthetic(synthetic, options.articles, options.seed);
  // The seed news on top, so the real articles are there too; the corpus stands without them.
  const database = await openDatabase(synthetic);
  try {
    const report = await ingestSeeds(database.sql, seedsDir, NOW);
    if (report.errors.length > 0) notes.push(`seed news not added: ${report.errors[0].message}`);
  } finally {
    await database.close();
  }
  finalise(synthetic);
  return { path: synthetic, kind: 'synthetic', buildSeconds: (performance.now() - started) / 1000, notes };
}
