import path from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config';
import { openDatabase } from '../db/data-source';
import { CatalogueError, loadCatalogue } from './catalogue';
import { ingestFiles, loadSource, seedFiles } from './pipeline';
import { catalogueChanged, recordFingerprint, relinkArticles } from './relink';

const usage = `Usage: npm run seed [-- [--seeds <dir>] [file.txt ...]]
Ingests news files (default: every seeds/*.txt) into the database named by DATABASE_URL,
with the taxonomy, gazetteer and source of the seeds folder. Nothing is written if any file has an error.`;

export interface Output {
  out(line: string): void;
  err(line: string): void;
}

/** `npm run seed`: returns the exit code (0 done, 1 bad input, nothing written; 2 bad usage). */
export async function runIngestCli(argv: string[], env: NodeJS.ProcessEnv, output: Output = { out: console.log, err: console.error }): Promise<number> {
  let values: { seeds?: string; help?: boolean };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { seeds: { type: 'string' }, help: { type: 'boolean', short: 'h' } } }));
  } catch (error) {
    output.err(`${(error as Error).message}\n${usage}`);
    return 2;
  }
  if (values.help) {
    output.out(usage);
    return 0;
  }
  let config;
  try {
    config = loadConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    output.err(error.message);
    return 2;
  }
  const seedsDir = values.seeds ? path.resolve(values.seeds) : config.seedsDir;
  const files = positionals.length > 0 ? positionals.map((f) => path.resolve(f)) : seedFiles(seedsDir);
  let catalogue;
  try {
    catalogue = loadCatalogue(seedsDir);
  } catch (error) {
    if (!(error instanceof CatalogueError)) throw error;
    output.err(error.message);
    return 1;
  }
  const started = performance.now();
  const database = await openDatabase(config.database, { report: (message) => output.err(message) });
  try {
    const { n: before } = (await database.sql.get<{ n: number }>('SELECT count(*) AS n FROM article'))!;
    const report = await ingestFiles(database.sql, files, { catalogue, source: loadSource(seedsDir) });
    for (const error of report.errors) output.err(`${error.file}:${error.line}: ${error.message}`);
    if (report.errors.length > 0) {
      output.err(`ingest failed: ${report.errors.length} error(s); nothing was written`);
      return 1;
    }
    const ms = Math.round(performance.now() - started);
    output.out(
      `ingested ${report.items} items from ${report.files} file(s) in ${ms} ms: ` +
        `${report.created} created, ${report.updated} updated, ${report.unchanged} unchanged, ${report.links} links`,
    );
    // The other stored articles were linked with the catalogue of their day: link them anew if it changed.
    if (before === 0) await recordFingerprint(database.sql, catalogue);
    else if (await catalogueChanged(database.sql, catalogue)) {
      const relinked = await relinkArticles(database.sql, catalogue);
      output.out(`the catalogue changed: relinked all ${relinked.articles} stored articles, ${relinked.linksBefore} rule links before, ${relinked.linksAfter} after`);
    }
    return 0;
  } finally {
    await database.close();
  }
}

if (require.main === module) {
  runIngestCli(process.argv.slice(2), process.env).then(
    (code) => process.exit(code),
    (error: unknown) => {
      // Unexpected: the message, not a stack trace; the stack only when asked for (DEBUG=1).
      console.error(process.env.DEBUG ? error : `seed: ${(error as Error).message ?? error}`);
      process.exit(1);
    },
  );
}
