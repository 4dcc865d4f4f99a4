import { parseArgs } from 'node:util';
import { ConfigError, loadConfig, parseDatabaseUrl } from '../config';
import { openDatabase } from './data-source';
import { copySqliteToPostgres, MigrateDataError } from './postgres/migrate-data';
import { isPostgresUrl, redactUrl } from './postgres/open';
import { DatabaseUnreachable, UnfinishedLoad } from './sql';

const usage = `Usage:
  npm run migrate                                        bring the schema of the database DATABASE_URL names up to date, and stop
  npm run migrate-data -- --from sqlite:<file> --to postgres://user@host:port/database
                                                         copy a SQLite database into a new, empty PostgreSQL database
Every Quipu instance also migrates when it starts (one at a time); \`npm run migrate\` does it ahead of a deploy.
migrate-data migrates both databases first, then copies every row in one transaction on PostgreSQL: if anything
fails, the target is left as it was. Stop the servers writing to the source first.`;

export interface Output {
  out(line: string): void;
  err(line: string): void;
}

class UsageError extends Error {}

/** `npm run migrate` and `npm run migrate-data`: returns the exit code (0 done; 1 bad input or a refusal, nothing copied). */
export async function runMigrateCli(argv: string[], env: NodeJS.ProcessEnv, output: Output = { out: console.log, err: console.error }): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, strict: true, options: { help: { type: 'boolean', short: 'h' }, from: { type: 'string' }, to: { type: 'string' } } });
  } catch (error) {
    output.err(`${(error as Error).message}\n${usage}`);
    return 1;
  }
  const { values, positionals } = parsed;
  const [command, ...rest] = positionals;
  if (values.help || command === 'help') {
    output.out(usage);
    return 0;
  }
  try {
    if (rest.length > 0) throw new UsageError(`unexpected arguments: ${rest.join(' ')}`);
    if (command === 'migrate') {
      if (values.from !== undefined || values.to !== undefined) throw new UsageError('npm run migrate takes no --from or --to: it migrates the database DATABASE_URL names');
      return await migrate(loadConfig(env).database, output);
    }
    if (command === 'migrate-data') {
      if (!values.from || !values.to) throw new UsageError('migrate-data needs --from sqlite:<file> and --to postgres://...');
      const from = parseDatabaseUrl(values.from);
      if (isPostgresUrl(from) || from === ':memory:') throw new UsageError(`--from must be a SQLite file, sqlite:<file>, got "${redactUrl(values.from)}"`);
      const to = parseDatabaseUrl(values.to);
      if (!isPostgresUrl(to)) throw new UsageError(`--to must be a PostgreSQL database, postgres://user@host:port/database, got "${values.to}"`);
      return await migrateData(from, to, output);
    }
    throw new UsageError(command ? `unknown command "${command}": use migrate or migrate-data` : 'a command is needed: migrate or migrate-data');
  } catch (error) {
    if (error instanceof UsageError) {
      output.err(`${error.message}\n${usage}`);
      return 1;
    }
    if (error instanceof ConfigError || error instanceof MigrateDataError || error instanceof UnfinishedLoad || error instanceof DatabaseUnreachable) {
      output.err(error.message);
      return 1;
    }
    throw error;
  }
}

async function migrate(database: string, output: Output): Promise<number> {
  const opened = await openDatabase(database, { report: output.err });
  try {
    const [row] = (await opened.dataSource.query('SELECT count(*) AS n FROM migrations')) as { n: number | string }[];
    const n = Number(row.n);
    output.out(`${isPostgresUrl(database) ? redactUrl(database) : database}: the schema is up to date (${n} migration${n === 1 ? '' : 's'} applied)`);
    return 0;
  } finally {
    await opened.close();
  }
}

async function migrateData(from: string, to: string, output: Output): Promise<number> {
  // Both brought up to date first: the copy is between two schemas of the same version.
  const source = await openDatabase(from, { report: output.err });
  await source.close();
  const target = await openDatabase(to, { report: output.err });
  try {
    const report = await copySqliteToPostgres(from, target.sql, ({ table, rows, seconds }) => output.out(`  ${table}: ${rows} rows (${seconds.toFixed(1)} s)`));
    const rate = Math.round(report.rows / Math.max(report.seconds, 0.001));
    output.out(`copied ${report.rows} rows in ${report.tables.length} tables from ${from} to ${redactUrl(to)} in ${report.seconds.toFixed(1)} s (${rate} rows/s)`);
    return 0;
  } finally {
    await target.close();
  }
}

if (require.main === module) {
  runMigrateCli(process.argv.slice(2), process.env).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
