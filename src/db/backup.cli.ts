import path from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config';
import { isPostgresUrl } from './postgres/open';
import { BackupError, type BackupReport, backupDatabase, type RestoreReport, restoreDatabase } from './sqlite/backup';

const usage = `Usage:
  npm run backup -- <file>    copy the database named by DATABASE_URL into <file>, a new file; the server may be running
  npm run restore -- <file>   replace the database named by DATABASE_URL with the backup in <file>; stop the server first
A backup is a consistent snapshot (SQLite's VACUUM INTO), what is still in the WAL included: never copy the database file by hand.`;

export interface Output {
  out(line: string): void;
  err(line: string): void;
}

const options = {
  help: { type: 'boolean', short: 'h' },
} as const;

const commands = ['backup', 'restore'];

class UsageError extends Error {}

/** `npm run backup` / `npm run restore`: returns the exit code (0 done; 1 bad input or a refusal, nothing changed). */
export async function runBackupCli(argv: string[], env: NodeJS.ProcessEnv, output: Output = { out: console.log, err: console.error }): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, strict: true, options });
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
  let config;
  try {
    if (!command || !commands.includes(command)) throw new UsageError(command ? `unknown command "${command}": use backup or restore` : 'a command is needed: backup or restore');
    if (rest.length !== 1 || rest[0].trim() === '') {
      throw new UsageError(rest.length > 1 ? `${command} takes one file, got "${rest.join(' ')}"` : `${command} needs the backup's file name`);
    }
    config = loadConfig(env);
    if (isPostgresUrl(config.database)) {
      throw new ConfigError(`npm run ${command} copies a SQLite file; on PostgreSQL use pg_dump and pg_restore (docs/deploy.md, "Backups")`);
    }
  } catch (error) {
    if (!(error instanceof UsageError || error instanceof ConfigError)) throw error;
    output.err(error instanceof UsageError ? `${error.message}\n${usage}` : error.message);
    return 1;
  }

  // npm runs scripts in the repository; a relative name means where the command was typed (INIT_CWD).
  const file = path.resolve(env.INIT_CWD ?? process.cwd(), rest[0]);
  try {
    if (command === 'backup') {
      output.out(describeBackup(backupDatabase(config.database, file)));
    } else {
      output.out(describeRestore(restoreDatabase(config.database, file)));
    }
    return 0;
  } catch (error) {
    if (!(error instanceof BackupError)) throw error;
    output.err(error.message);
    return 1;
  }
}

function describeBackup(report: BackupReport): string {
  return `backed up to ${report.file}: ${size(report.bytes)}, ${articles(report.articles)}, ${keys(report)}; quick_check ok`;
}

function describeRestore(report: RestoreReport): string {
  return `restored ${report.database} from ${report.file}: ${articles(report.articles)}, ${keys(report)}`;
}

function articles(count: number): string {
  return `${count} article${count === 1 ? '' : 's'}`;
}

function keys(report: { partnerKeys: number; revokedKeys: number }): string {
  return `${report.partnerKeys} partner key${report.partnerKeys === 1 ? '' : 's'} (${report.revokedKeys} revoked)`;
}

/** A file size as the report gives it: bytes, KiB, MiB or GiB. */
export function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 ** 2).toFixed(1)} MiB`;
  return `${(bytes / 1024 ** 3).toFixed(2)} GiB`;
}

if (require.main === module) {
  runBackupCli(process.argv.slice(2), process.env).then(
    (code) => process.exit(code),
    (error: unknown) => {
      // Unexpected: the message, not a stack trace; the stack only when asked for (DEBUG=1).
      console.error(process.env.DEBUG ? error : `${process.argv[2] === 'restore' ? 'restore' : 'backup'}: ${(error as Error).message ?? error}`);
      process.exit(1);
    },
  );
}
