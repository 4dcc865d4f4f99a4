/**
 * `npm run seed:synthetic -- --articles N --seed S [--database sqlite:/tmp/x.db]`: builds the
 * synthetic corpus of seed S with N articles into an empty database and prints one line of JSON
 * saying how long it took and what it wrote. Same N and S, same rows.
 */

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, parseDatabaseUrl } from '../config';
import { openDatabase } from '../db/data-source';
import { isPostgresUrl } from '../db/postgres/open';
import { buildCorpus } from './build';

const usage = `Usage: npm run seed:synthetic -- --articles <N> [--seed <S>] [--database sqlite:<path>] [--batch-size <n (default 5000)>] [--replace] [--progress]
Builds a deterministic synthetic news corpus of N articles (N >= 1) from seed S (an integer, default 1)
into the database (default: DATABASE_URL, or sqlite:data/quipu.db), which must hold no articles
unless --replace is given (it deletes the database file first). Prints one line of JSON: timings, sizes, counts.
--progress writes the count of articles written to stderr after each batch.`;

/** Where the CLI writes. */
export interface Output {
  out(line: string): void;
  err(line: string): void;
}

/** Exit codes: 0 built, 1 the database is not empty (or the build failed), 2 bad usage. */
export async function runSyntheticCli(argv: string[], env: NodeJS.ProcessEnv, output: Output = { out: console.log, err: console.error }): Promise<number> {
  let values: { articles?: string; seed?: string; database?: string; 'batch-size'?: string; replace?: boolean; progress?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        articles: { type: 'string' },
        seed: { type: 'string' },
        database: { type: 'string' },
        'batch-size': { type: 'string' },
        replace: { type: 'boolean' },
        progress: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    output.err(`${(error as Error).message}\n${usage}`);
    return 2;
  }
  if (values.help) {
    output.out(usage);
    return 0;
  }
  const bad = (message: string) => {
    output.err(`${message}\n${usage}`);
    return 2;
  };
  if (values.articles === undefined) return bad('--articles is required');
  const articles = integer(values.articles);
  if (articles === null || articles < 1) return bad(`--articles must be an integer >= 1, got "${values.articles}"`);
  const seed = values.seed === undefined ? 1 : integer(values.seed);
  if (seed === null || seed < 0 || seed > 0xffffffff) return bad(`--seed must be an integer from 0 to 4294967295, got "${values.seed}"`);
  const batchSize = values['batch-size'] === undefined ? undefined : integer(values['batch-size']);
  if (batchSize === null || (batchSize !== undefined && batchSize < 1)) return bad(`--batch-size must be an integer >= 1, got "${values['batch-size']}"`);
  let databasePath: string;
  try {
    databasePath = parseDatabaseUrl(values.database ?? env.DATABASE_URL ?? 'sqlite:data/quipu.db');
    if (isPostgresUrl(databasePath)) throw new ConfigError('the synthetic corpus is built into a SQLite file (sqlite:<path>); PostgreSQL is not supported by this command yet');
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return bad(values.database === undefined ? `DATABASE_URL: ${error.message}` : `--database: ${error.message}`);
  }

  const removeFiles = () => {
    if (databasePath !== ':memory:') for (const suffix of ['', '-wal', '-shm']) fs.rmSync(databasePath + suffix, { force: true });
  };
  if (values.replace) removeFiles();
  let database = await openDatabase(databasePath, { report: (message) => output.err(message), allowUnfinished: true });
  if (database.unfinishedLoad) {
    // A load cut short (killed, or the machine went down): what it wrote is not a database to keep.
    output.err(`${databasePath} holds a load that did not finish (started ${database.unfinishedLoad}): starting over`);
    await database.close();
    removeFiles();
    database = await openDatabase(databasePath, { report: (message) => output.err(message) });
  }
  const { sql } = database;
  try {
    const existing = (await sql.get<{ n: number }>('SELECT count(*) AS n FROM article'))!.n;
    if (existing > 0) {
      output.err(`${databasePath} already holds ${existing} articles; give a new --database or add --replace`);
      return 1;
    }
    // The machine may be shared: the load average says how much of it the build had.
    const loadBefore = os.loadavg()[0];
    const r = await buildCorpus(sql, {
      articles,
      seed,
      batchSize,
      // The worker thread runs from the compiled build; from the TypeScript sources (tests) extraction stays inline.
      worker: fs.existsSync(path.join(__dirname, 'worker.js')),
      progress: values.progress ? (n) => output.err(`${n} articles written`) : undefined,
    });
    // Command-line tools read on the main connection: these are its pragmas, on the file just written.
    await sql.get('PRAGMA wal_checkpoint(TRUNCATE)');
    const { page_count: pages } = (await sql.get<{ page_count: number }>('PRAGMA page_count'))!;
    const { page_size: pageSize } = (await sql.get<{ page_size: number }>('PRAGMA page_size'))!;
    // The fields the issue names first, in its order; then the finer timings and what was built.
    output.out(
      JSON.stringify({
        articles: r.articles,
        seconds: r.seconds,
        articlesPerSecond: r.articlesPerSecond,
        extractSeconds: r.extractSeconds,
        writeSeconds: r.writeSeconds,
        indexSeconds: r.indexSeconds,
        databaseBytes: pages * pageSize,
        gazetteerEntries: r.gazetteerEntries,
        topics: r.topics,
        organisations: r.organisations,
        places: r.places,
        people: r.people,
        links: r.links,
        catalogueSeconds: r.catalogueSeconds,
        generateSeconds: r.generateSeconds,
        prepareSeconds: r.prepareSeconds,
        seed,
        database: databasePath,
        loadAverage1m: [loadBefore, os.loadavg()[0]].map((l) => Math.round(l * 100) / 100),
        cpus: os.cpus().length,
      }),
    );
    return 0;
  } finally {
    await database.close();
  }
}

/** A decimal integer, or null for anything else ("1e3", "12abc", "1.5", ""). */
function integer(text: string): number | null {
  return /^-?\d+$/.test(text.trim()) && Number.isSafeInteger(Number(text)) ? Number(text) : null;
}

if (require.main === module) {
  runSyntheticCli(process.argv.slice(2), process.env).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
