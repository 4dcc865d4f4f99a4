import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config';
import { openDatabase } from '../db/data-source';
import { CatalogueError, loadCatalogue } from './catalogue';
import { describeReport, feedUrlOf, readSource, registerSource } from './sources';

const usage = `Usage: npm run ingest -- <file or URL>...
Reads each news file (the seed's text format) or feed (RSS 2.0, RSS 1.0, Atom 1.0, JSON Feed 1.1, by
file or http(s) URL) into the database named by DATABASE_URL. Each becomes a source (a URL is then polled
by the server when INGEST_INTERVAL is set); its items are deduplicated by GUID or id, then link, then
content hash: a changed item updates its article, an unchanged one changes nothing. Items that cannot be
read are reported with their position and never stop the others.
Exit code: 0 every source read (items may have been skipped, as reported); 1 a source could not be read.`;

export interface Output {
  out(line: string): void;
  err(line: string): void;
}

/** `npm run ingest`: returns the exit code. */
export async function runIngestSourcesCli(argv: string[], env: NodeJS.ProcessEnv, output: Output = { out: console.log, err: console.error }): Promise<number> {
  let positionals: string[];
  try {
    const parsed = parseArgs({ args: argv, allowPositionals: true, options: { help: { type: 'boolean', short: 'h' } } });
    if (parsed.values.help) {
      output.out(usage);
      return 0;
    }
    positionals = parsed.positionals;
    if (positionals.length === 0) throw new Error('name at least one file or URL');
  } catch (error) {
    output.err(`${(error as Error).message}\n${usage}`);
    return 2;
  }
  let config;
  let catalogue;
  try {
    config = loadConfig(env);
    catalogue = loadCatalogue(config.seedsDir);
  } catch (error) {
    if (!(error instanceof ConfigError || error instanceof CatalogueError)) throw error;
    output.err(error.message);
    return 2;
  }
  const database = await openDatabase(config.database, { report: (message) => output.err(message) });
  let failed = false;
  try {
    for (const argument of positionals) {
      let feedUrl: string;
      try {
        feedUrl = feedUrlOf(argument);
      } catch {
        output.err(`"${argument}" is neither a file nor an http(s) URL`);
        failed = true;
        continue;
      }
      const source = await registerSource(database.sql, feedUrl);
      const report = await readSource(database.sql, source, catalogue);
      (report.status === 'failed' ? output.err : output.out)(describeReport(report));
      for (const error of report.itemErrors) output.err(`  ${report.source}, ${error.message}`);
      failed ||= report.status === 'failed';
    }
  } finally {
    await database.close();
  }
  return failed ? 1 : 0;
}

if (require.main === module) {
  runIngestSourcesCli(process.argv.slice(2), process.env).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(process.env.DEBUG ? error : `ingest: ${(error as Error).message ?? error}`);
      process.exit(1);
    },
  );
}
