import path from 'node:path';
import { parseArgs } from 'node:util';
import { productionStoreSettings } from './store';

export const PARTS = ['sql', 'inprocess', 'http', 'scaling', 'instances'] as const;
export type Part = (typeof PARTS)[number];
export const ENGINES = ['sqlite', 'postgres'] as const;
export type EngineName = (typeof ENGINES)[number];

/** Everything a run depends on; written into results.json so a run can be repeated. */
export interface BenchOptions {
  quick: boolean;
  /** A prebuilt database to bench against (opened read-only); null builds a fixture in /tmp. */
  db: string | null;
  /** Databases for part (d); empty means the bench database itself. */
  scales: string[];
  /** A PostgreSQL server (a postgres:// URL of any database on it) that part (d) copies each database into. */
  postgres: string | null;
  /** The engines part (d) measures each database on. */
  engines: EngineName[];
  parts: Part[];
  outDir: string;
  /** Articles in the built fixture, and the synthetic generator's seed. */
  articles: number;
  seed: number;
  rounds: number;
  /** Per variant, per operation, per round. */
  httpSeconds: number;
  warmupSeconds: number;
  connections: number;
  inProcessMs: number;
  /** Part (d): iterations per operation (capped by scalingMaxMs), and the mixed-load duration. */
  scalingIterations: number;
  scalingMaxMs: number;
  eventLoopSeconds: number;
  /**
   * Reader processes of Quipu's store (and the peers') wherever Quipu is measured serving, and each
   * request's read time limit: production's SQLITE_READERS and QUERY_TIMEOUT_MS defaults unless given.
   */
  readers: number;
  queryTimeoutMs: number;
}

const usage = `Usage: node dist-bench/bench/run.js [options]
  --quick               5 short rounds (under 3 minutes with the build)
  --db <path>           bench a prebuilt database (read-only) instead of building a fixture
  --scales <p1,p2,...>  part (d) over these databases, e.g. /tmp/quipu-1k.db,/tmp/quipu-100k.db,/tmp/quipu-1m.db
  --postgres <url>      part (d) also on PostgreSQL: each database copied (npm run migrate-data) into a database
                        of its own on this server, e.g. postgres://postgres@127.0.0.1:5432/postgres, kept for later runs
  --engines <list>      part (d)'s engines: sqlite, postgres or both (default: sqlite, and postgres with --postgres)
  --only <parts>        a subset of: ${PARTS.join(', ')} (instances, one Quipu instance against two over
                        PostgreSQL, needs --postgres; without --only it runs when --postgres is given)
  --out <dir>           where RESULTS.md and results.json go (default: bench/); a run of --only scaling
                        writes RESULTS-scaling.md and results-scaling.json
  --articles <n>        fixture size (default 2000 quick, 20000 full)
  --seed <n>            synthetic corpus seed (default 42)
  --rounds <n>          rounds (default 5 quick, 9 full; at least 5)
  --seconds <n>         load per variant per operation per round (default 2 quick, 5 full)
  --readers <n>         reader processes of Quipu's store and the peers' (default ${productionStoreSettings().readers}, production's
                        SQLITE_READERS; 0 reads on the server's own connection)`;

export function parseOptions(argv: string[]): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      quick: { type: 'boolean', default: false },
      db: { type: 'string' },
      scales: { type: 'string' },
      only: { type: 'string' },
      postgres: { type: 'string' },
      engines: { type: 'string' },
      out: { type: 'string' },
      articles: { type: 'string' },
      seed: { type: 'string' },
      rounds: { type: 'string' },
      seconds: { type: 'string' },
      readers: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(usage);
    process.exit(0);
  }
  const quick = values.quick ?? false;
  const production = productionStoreSettings();
  const int = (name: string, raw: string | undefined, fallback: number, min: number) => {
    const value = raw === undefined ? fallback : Number(raw);
    if (!Number.isInteger(value) || value < min) throw new Error(`--${name} must be an integer ≥ ${min}, got "${raw}"\n${usage}`);
    return value;
  };
  const postgres = values.postgres ?? null;
  if (postgres !== null && !/^postgres(ql)?:\/\//.test(postgres)) throw new Error(`--postgres must be a postgres:// URL, got "${postgres}"\n${usage}`);
  const parts = values.only ? values.only.split(',').map((p) => p.trim()) : PARTS.filter((part) => part !== 'instances' || postgres);
  for (const part of parts) if (!(PARTS as readonly string[]).includes(part)) throw new Error(`--only: unknown part "${part}"\n${usage}`);
  if (parts.includes('instances') && !postgres) throw new Error(`--only instances needs --postgres <url>\n${usage}`);
  const engines = values.engines ? values.engines.split(',').map((e) => e.trim()) : postgres ? ['sqlite', 'postgres'] : ['sqlite'];
  for (const engine of engines) if (!(ENGINES as readonly string[]).includes(engine)) throw new Error(`--engines: unknown engine "${engine}"\n${usage}`);
  if (engines.includes('postgres') && !postgres) throw new Error(`--engines postgres needs --postgres <url>\n${usage}`);
  return {
    quick,
    db: values.db ? path.resolve(values.db) : null,
    scales: values.scales
      ? values.scales
          .split(',')
          .filter(Boolean)
          .map((p) => path.resolve(p))
      : [],
    postgres,
    engines: engines as EngineName[],
    parts: parts as Part[],
    outDir: path.resolve(values.out ?? path.join(__dirname, '../../../bench')),
    articles: int('articles', values.articles, quick ? 2000 : 20000, 10),
    seed: int('seed', values.seed, 42, 0),
    rounds: int('rounds', values.rounds, quick ? 5 : 9, 5),
    // autocannon ends a run on its one-second tick, so whole seconds.
    httpSeconds: int('seconds', values.seconds, quick ? 2 : 5, 1),
    warmupSeconds: quick ? 1 : 3,
    connections: 10,
    inProcessMs: quick ? 300 : 1500,
    scalingIterations: quick ? 100 : 1000,
    scalingMaxMs: quick ? 600 : 5000,
    eventLoopSeconds: quick ? 3 : 10,
    readers: int('readers', values.readers, production.readers, 0),
    queryTimeoutMs: production.queryTimeoutMs,
  };
}
