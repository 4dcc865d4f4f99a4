import fs from 'node:fs';
import path from 'node:path';
import type { BenchDatabase } from '../lib/fixture';
import type { DatabaseSummary } from '../lib/database';
import type { Machine } from '../lib/machine';
import type { Operation } from '../lib/operations';
import type { BenchOptions } from '../lib/options';
import type { Picks } from '../lib/picks';
import type { HttpOperationResult } from '../parts/http';
import type { InProcessSummary } from '../parts/in-process';
import type { ScaleResult } from '../parts/scaling';
import type { StatementRow } from '../parts/sql-statements';

/** Everything one run measured: results.json verbatim, and the source of RESULTS.md. */
export interface Results {
  date: string;
  command: string;
  seconds: number;
  machine: Machine;
  options: BenchOptions;
  database: BenchDatabase & { summary: DatabaseSummary; picks: Picks };
  operations: Operation[];
  sqlStatements?: StatementRow[];
  inProcess?: InProcessSummary[];
  http?: HttpOperationResult[];
  scaling?: ScaleResult[];
  /** Parts that could not run, with why. */
  failures: string[];
}

export function writeJson(results: Results, outDir: string): string {
  const file = path.join(outDir, 'results.json');
  // The output folder as given relative to the working directory: no machine's absolute path in the file.
  const options = { ...results.options, outDir: path.relative(process.cwd(), results.options.outDir) || '.' };
  fs.writeFileSync(file, `${JSON.stringify({ ...results, options }, null, 2)}\n`);
  return file;
}
