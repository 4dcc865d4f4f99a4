import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config';
import { openDatabase } from '../db/data-source';
import { CatalogueError, loadCatalogue } from './catalogue';
import { ingestFiles, loadSource, seedFiles } from './pipeline';

const usage = `Usage: npm run seed [-- [--seeds <dir>] [file.txt ...]]
Ingests news files (default: every seeds/*.txt) into the database named by DATABASE_URL,
with the taxonomy, gazetteer and source of the seeds folder. Nothing is written if any file has an error.`;

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { seeds: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    console.log(usage);
    return 0;
  }
  const config = loadConfig();
  const seedsDir = values.seeds ? path.resolve(values.seeds) : config.seedsDir;
  const files = positionals.length > 0 ? positionals.map((f) => path.resolve(f)) : seedFiles(seedsDir);
  const started = performance.now();
  const { dataSource, sql } = await openDatabase(config.databasePath);
  try {
    const report = ingestFiles(sql, files, { catalogue: loadCatalogue(seedsDir), source: loadSource(seedsDir) });
    for (const error of report.errors) console.error(`${error.file}:${error.line}: ${error.message}`);
    if (report.errors.length > 0) {
      console.error(`ingest failed: ${report.errors.length} error(s); nothing was written`);
      return 1;
    }
    const ms = Math.round(performance.now() - started);
    console.log(
      `ingested ${report.items} items from ${report.files} file(s) in ${ms} ms: ` +
        `${report.created} created, ${report.updated} updated, ${report.unchanged} unchanged, ${report.links} links`,
    );
    return 0;
  } finally {
    await dataSource.destroy();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof CatalogueError) console.error(error.message);
    else console.error(error);
    process.exit(1);
  },
);
