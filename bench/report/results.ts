import fs from 'node:fs';
import path from 'node:path';
import type { DatabaseSummary } from '../lib/database';
import type { BenchDatabase } from '../lib/fixture';
import type { Machine } from '../lib/machine';
import type { Operation } from '../lib/operations';
import type { BenchOptions } from '../lib/options';
import type { Picks } from '../lib/picks';
import type { HttpOperationResult } from '../parts/http';
import type { InProcessSummary } from '../parts/in-process';
import type { InstancesResult } from '../parts/instances';
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
  /** (e) A repeated read served from the response cache, against node:http answering the same bytes. */
  repeated?: HttpOperationResult[];
  scaling?: ScaleResult[];
  /** (f) One instance against two over PostgreSQL. */
  instances?: InstancesResult;
  /** Parts that could not run, with why. */
  failures: string[];
}

/**
 * The report's file names: RESULTS.md and results.json, or for a run of part (d) alone, or with (f)
 * (`--only scaling`, the run at 1k, 100k and 1M articles) RESULTS-scaling.md and results-scaling.json.
 */
export function reportFiles(results: Results): { markdown: string; json: string } {
  const { parts } = results.options;
  const scalingOnly = parts.includes('scaling') && parts.every((part) => part === 'scaling' || part === 'instances');
  return scalingOnly ? { markdown: 'RESULTS-scaling.md', json: 'results-scaling.json' } : { markdown: 'RESULTS.md', json: 'results.json' };
}

export function writeJson(results: Results, outDir: string): string {
  const file = path.join(outDir, reportFiles(results).json);
  // The output folder as given relative to the working directory: no machine's absolute path in the file.
  const options = { ...results.options, outDir: path.relative(process.cwd(), results.options.outDir) || '.' };
  fs.writeFileSync(file, `${JSON.stringify({ ...results, options }, null, 2)}\n`);
  return file;
}
