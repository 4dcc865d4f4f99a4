import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { openDatabase } from '../../src/db/data-source';
import { loadCatalogue } from '../../src/ingest/catalogue';
import { ingestFiles, ingestSeeds, loadSource, seedFiles } from '../../src/ingest/pipeline';
import { writeNewsFixture } from './news-fixture';
import { seedsDir, syntheticCli } from './paths';

export interface BenchDatabase {
  path: string;
  /** `prebuilt` (--db), `synthetic` (src/synthetic's generator plus the seed news), or `news-fixture`. */
  kind: 'prebuilt' | 'synthetic' | 'news-fixture';
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

/** Runs the generator of src/synthetic when it has been built; false when it is absent or fails. */
function buildSynthetic(file: string, articles: number, seed: number, notes: string[]): boolean {
  if (!fs.existsSync(syntheticCli)) {
    notes.push(`no synthetic generator at ${path.relative(process.cwd(), syntheticCli)}: used the news fixture`);
    return false;
  }
  const run = spawnSync(process.execPath, [syntheticCli, '--articles', String(articles), '--seed', String(seed), '--database', `sqlite:${file}`], {
    stdio: 'inherit',
    timeout: 30 * 60_000,
  });
  if (run.status === 0) return true;
  notes.push(`the synthetic generator failed (exit ${run.status ?? run.signal}): used the news fixture`);
  removeDatabase(file);
  return false;
}

/** The bench database: --db as given, else a fresh one in the temp folder. */
export async function prepareDatabase(options: { db: string | null; articles: number; seed: number }): Promise<BenchDatabase> {
  if (options.db) {
    if (!fs.existsSync(options.db)) throw new Error(`--db ${options.db}: no such file`);
    return { path: options.db, kind: 'prebuilt', buildSeconds: 0, notes: [] };
  }
  const started = performance.now();
  const notes: string[] = [];
  const synthetic = path.join(os.tmpdir(), `quipu-bench-synthetic-${options.articles}-s${options.seed}.db`);
  removeDatabase(synthetic);
  if (buildSynthetic(synthetic, options.articles, options.seed, notes)) {
    // The seed news on top, so the real articles are there too; the corpus stands without them.
    const { dataSource, sql } = await openDatabase(synthetic);
    try {
      const report = ingestSeeds(sql, seedsDir, NOW);
      if (report.errors.length > 0) notes.push(`seed news not added: ${report.errors[0].message}`);
    } catch (error) {
      notes.push(`seed news not added: ${(error as Error).message}`);
    } finally {
      await dataSource.destroy();
    }
    finalise(synthetic);
    return { path: synthetic, kind: 'synthetic', buildSeconds: (performance.now() - started) / 1000, notes };
  }
  const file = path.join(os.tmpdir(), `quipu-bench-news-${options.articles}.db`);
  removeDatabase(file);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quipu-bench-news-'));
  const { dataSource, sql } = await openDatabase(file);
  try {
    const files = [...seedFiles(seedsDir), writeNewsFixture(seedsDir, options.articles, dir)];
    const report = ingestFiles(sql, files, { catalogue: loadCatalogue(seedsDir), source: loadSource(seedsDir), now: NOW });
    if (report.errors.length > 0) throw new Error(`fixture ingest failed: ${JSON.stringify(report.errors.slice(0, 3))}`);
  } finally {
    await dataSource.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  finalise(file);
  return { path: file, kind: 'news-fixture', buildSeconds: (performance.now() - started) / 1000, notes };
}
