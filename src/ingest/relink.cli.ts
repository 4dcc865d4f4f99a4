import path from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config';
import { openDatabase } from '../db/data-source';
import { CatalogueError, loadCatalogue } from './catalogue';
import { relinkArticles } from './relink';

const usage = `Usage: npm run relink [-- [--seeds <dir>]]
Links every article stored in the database named by DATABASE_URL anew with the catalogue of the seeds
folder: rule-made links are replaced, links made by an editor are kept, counts stay exact.`;

/** `npm run relink`: returns the exit code (0 done, 1 bad catalogue, 2 bad usage). */
export async function runRelinkCli(argv: string[], env: NodeJS.ProcessEnv, output = { out: console.log, err: console.error }): Promise<number> {
  let values: { seeds?: string; help?: boolean };
  try {
    ({ values } = parseArgs({ args: argv, options: { seeds: { type: 'string' }, help: { type: 'boolean', short: 'h' } } }));
  } catch (error) {
    output.err(`${(error as Error).message}\n${usage}`);
    return 2;
  }
  if (values.help) {
    output.out(usage);
    return 0;
  }
  let config;
  let catalogue;
  try {
    config = loadConfig(env);
    catalogue = loadCatalogue(values.seeds ? path.resolve(values.seeds) : config.seedsDir);
  } catch (error) {
    if (error instanceof ConfigError) {
      output.err(error.message);
      return 2;
    }
    if (!(error instanceof CatalogueError)) throw error;
    output.err(error.message);
    return 1;
  }
  const started = performance.now();
  const database = await openDatabase(config.database, { report: (message) => output.err(message) });
  try {
    let reported = 0;
    const report = await relinkArticles(database.sql, catalogue, (done, total) => {
      if (done - reported >= 10_000 || done === total) {
        output.err(`relinked ${done} of ${total} articles`);
        reported = done;
      }
    });
    const ms = Math.round(performance.now() - started);
    output.out(`relinked ${report.articles} articles in ${ms} ms: ${report.linksBefore} rule links before, ${report.linksAfter} after; editors' links kept`);
    return 0;
  } finally {
    await database.close();
  }
}

if (require.main === module) {
  runRelinkCli(process.argv.slice(2), process.env).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(process.env.DEBUG ? error : `relink: ${(error as Error).message ?? error}`);
      process.exit(1);
    },
  );
}
