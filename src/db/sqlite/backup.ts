/**
 * Backups of the SQLite database, and restoring one (`npm run backup` / `npm run restore`, db/backup.cli.ts).
 *
 * A backup is `VACUUM INTO`: one read transaction, so a consistent snapshot of the database as it
 * is, what is still in the WAL included, while the server goes on reading and writing. A plain
 * copy of the main file is not: the last writes (a revoked key, say) may be only in the `-wal` file.
 *
 * A restore replaces the database file, so it needs every other connection closed. SQLite says
 * whether one is open: changing a WAL database back to `journal_mode = DELETE` needs them all
 * gone, and fails with SQLITE_BUSY otherwise.
 *
 * Every refusal is a BackupError with a message for the operator, thrown before anything is changed.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { migrations } from '../migrations';

export class BackupError extends Error {}

export interface BackupReport {
  /** The backup's absolute path. */
  file: string;
  bytes: number;
  articles: number;
  partnerKeys: number;
  revokedKeys: number;
}

export interface RestoreReport {
  /** The database file restored into. */
  database: string;
  /** The backup it was restored from. */
  file: string;
  articles: number;
  partnerKeys: number;
  revokedKeys: number;
}

/** The tables a Quipu database has; the migrations table is TypeORM's record of the schema's version. */
const REQUIRED_TABLES = ['article', 'partner_key', 'migrations'] as const;
/** The files SQLite may keep beside a database; stale ones must never meet another database file. */
const SIDECARS = ['-wal', '-shm', '-journal'] as const;
/** How long a backup waits on a lock (only WAL recovery or a checkpoint in progress hold it up). */
const BUSY_TIMEOUT_MS = 5_000;

interface Contents {
  articles: number;
  partnerKeys: number;
  revokedKeys: number;
  migrations: string[];
}

/**
 * Copies the live database at `dbPath` into `file`, a new file, with VACUUM INTO (the server may be
 * running). The copy is written beside `file` under a temporary name, checked (quick_check), then
 * given its name, so `file` is never half written. Returns what the copy holds.
 */
export function backupDatabase(dbPath: string, file: string): BackupReport {
  if (dbPath === ':memory:') throw new BackupError('DATABASE_URL is sqlite::memory:: an in-memory database has no file to back up');
  const target = path.resolve(file);
  if (exists(target)) throw new BackupError(`${target} already exists: choose a new name (a backup never overwrites a file)`);
  const folder = path.dirname(target);
  if (!isDirectory(folder)) throw new BackupError(`the folder ${folder} does not exist: create it, or choose another place for the backup`);
  if (!exists(dbPath)) throw new BackupError(`there is no database at ${dbPath} (DATABASE_URL): nothing to back up`);
  if (path.resolve(dbPath) === target) throw new BackupError('the backup cannot be the database itself: choose a new name');

  const partial = path.join(folder, `.${path.basename(target)}.${process.pid}.partial`);
  const live = open(dbPath, 'the database (DATABASE_URL)', { readonly: true, timeout: BUSY_TIMEOUT_MS });
  try {
    read(live, dbPath, 'the database (DATABASE_URL)');
    live.prepare('VACUUM INTO ?').run(partial);
  } catch (error) {
    remove(partial);
    throw error;
  } finally {
    live.close();
  }
  try {
    syncFile(partial);
    const contents = check(partial, 'the new backup');
    claim(partial, target);
    syncFolder(folder);
    return { file: target, bytes: fs.statSync(target).size, ...counts(contents) };
  } finally {
    remove(partial);
  }
}

/**
 * Replaces the database at `dbPath` with the backup in `file`, which must be a sound Quipu database
 * no newer than this code. Refuses while any other connection has the database open (the server,
 * an ingest). The backup is copied beside the database under a temporary name and checked, stale
 * `-wal`/`-shm` files are removed, then the copy is renamed over the database: a crash at any point
 * leaves the old database or the new one, never half of one.
 */
export function restoreDatabase(dbPath: string, file: string): RestoreReport {
  if (dbPath === ':memory:') throw new BackupError('DATABASE_URL is sqlite::memory:: an in-memory database cannot be restored into');
  const source = path.resolve(file);
  if (!exists(source)) throw new BackupError(`there is no backup at ${source}`);
  if (!fs.statSync(source).isFile()) throw new BackupError(`${source} is not a file`);
  if (source === path.resolve(dbPath)) throw new BackupError(`${source} is the database itself (DATABASE_URL): restore from a backup made with npm run backup`);

  const contents = check(source, 'the backup');
  const known = new Set(knownMigrations());
  const unknown = contents.migrations.filter((name) => !known.has(name));
  if (unknown.length > 0) {
    throw new BackupError(`${source} comes from a newer Quipu (migration ${unknown.join(', ')} is unknown to this version): update Quipu before restoring it`);
  }

  const folder = path.dirname(dbPath);
  const liveExists = exists(dbPath);
  if (liveExists) ensureUnused(dbPath);
  fs.mkdirSync(folder, { recursive: true });
  const partial = `${dbPath}.${process.pid}.restoring`;
  remove(partial);
  try {
    const backup = open(source, 'the backup', { readonly: true, timeout: BUSY_TIMEOUT_MS });
    try {
      // VACUUM INTO rather than a file copy: what a backup still holds in its own -wal comes too.
      backup.prepare('VACUUM INTO ?').run(partial);
    } finally {
      backup.close();
    }
    syncFile(partial);
    const copied = check(partial, 'the copy of the backup');
    // Checked again just before the swap: a server started meanwhile is refused here.
    if (liveExists) ensureUnused(dbPath);
    for (const suffix of SIDECARS) remove(dbPath + suffix);
    fs.renameSync(partial, dbPath);
    syncFolder(folder);
    return { database: dbPath, file: source, ...counts(copied) };
  } finally {
    remove(partial);
  }
}

/** The names TypeORM records for this code's migrations (each class's `name`). */
export function knownMigrations(): string[] {
  return migrations.map((migration) => {
    const instance = new (migration as new () => { name?: string })();
    return instance.name ?? migration.name;
  });
}

/**
 * Refuses unless no other connection has the database open: leaving WAL mode needs every other
 * connection closed (SQLITE_BUSY otherwise). On success the database is in rollback-journal mode,
 * its WAL checkpointed and gone; the server puts it back in WAL mode when it opens it.
 */
function ensureUnused(dbPath: string): void {
  const db = open(dbPath, 'the database (DATABASE_URL)', { timeout: 0 });
  try {
    let mode: unknown;
    try {
      mode = db.pragma('journal_mode = DELETE', { simple: true });
    } catch (error) {
      if (code(error) === 'SQLITE_BUSY' || code(error) === 'SQLITE_LOCKED') {
        throw new BackupError('the database is in use: stop the server (and any ingest) first');
      }
      throw unreadable(error, dbPath, 'the database (DATABASE_URL)', 'move it aside, then restore');
    }
    if (mode !== 'delete') throw new BackupError('the database is in use: stop the server (and any ingest) first');
  } finally {
    db.close();
  }
}

/** Opens a database file that must exist, turning the driver's errors into a BackupError. */
function open(file: string, what: string, options: Database.Options): Database.Database {
  try {
    return new Database(file, { ...options, fileMustExist: true });
  } catch (error) {
    throw new BackupError(`cannot open ${what} at ${file}: ${(error as Error).message}`);
  }
}

/** Reads the schema: refuses a file that is not an SQLite database, or not Quipu's. */
function read(db: Database.Database, file: string, what: string): void {
  let tables: Set<string>;
  try {
    tables = new Set(db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[]);
  } catch (error) {
    throw unreadable(error, file, what);
  }
  const missing = REQUIRED_TABLES.filter((table) => !tables.has(table));
  if (missing.length > 0) {
    throw new BackupError(`${file} is not a Quipu database: it has no ${missing.join(', ')} table${missing.length > 1 ? 's' : ''}`);
  }
}

/** Opens a database file read-only, runs quick_check, and says what it holds. */
function check(file: string, what: string): Contents {
  const db = open(file, what, { readonly: true, timeout: BUSY_TIMEOUT_MS });
  try {
    read(db, file, what);
    let problems: string[];
    try {
      problems = db.prepare('PRAGMA quick_check(5)').pluck().all() as string[];
    } catch (error) {
      throw unreadable(error, file, what);
    }
    if (problems.length !== 1 || problems[0] !== 'ok') {
      throw new BackupError(`${what} at ${file} is damaged (quick_check: ${problems.join('; ')})`);
    }
    const keys = db.prepare('SELECT COUNT(*) AS total, COUNT(revoked_at) AS revoked FROM partner_key').get() as { total: number; revoked: number };
    return {
      articles: db.prepare('SELECT COUNT(*) FROM article').pluck().get() as number,
      partnerKeys: keys.total,
      revokedKeys: keys.revoked,
      migrations: db.prepare('SELECT name FROM migrations ORDER BY id').pluck().all() as string[],
    };
  } finally {
    db.close();
  }
}

function unreadable(error: unknown, file: string, what: string, advice?: string): BackupError | unknown {
  switch (code(error)) {
    case 'SQLITE_NOTADB':
      return new BackupError(`${file} is not an SQLite database${advice ? `: ${advice}` : ''}`);
    case 'SQLITE_CORRUPT':
      return new BackupError(`${what} at ${file} is damaged (${(error as Error).message})${advice ? `: ${advice}` : ''}`);
    case 'SQLITE_BUSY':
    case 'SQLITE_LOCKED':
      return new BackupError(`${what} at ${file} is locked by another process (${(error as Error).message}): try again`);
    case 'SQLITE_CANTOPEN':
    case 'SQLITE_PERM':
    case 'SQLITE_READONLY':
    case 'SQLITE_IOERR':
      return new BackupError(`cannot read ${what} at ${file}: ${(error as Error).message}`);
    default:
      return error;
  }
}

function counts(contents: Contents): Omit<Contents, 'migrations'> {
  return { articles: contents.articles, partnerKeys: contents.partnerKeys, revokedKeys: contents.revokedKeys };
}

/** Gives the finished copy its name without ever replacing a file someone put there meanwhile. */
function claim(partial: string, target: string): void {
  try {
    fs.linkSync(partial, target);
  } catch (error) {
    if (code(error) === 'EEXIST') throw new BackupError(`${target} already exists: choose a new name (a backup never overwrites a file)`);
    // A filesystem without hard links: rename, having looked first.
    if (exists(target)) throw new BackupError(`${target} already exists: choose a new name (a backup never overwrites a file)`);
    fs.renameSync(partial, target);
  }
}

function code(error: unknown): string | undefined {
  return (error as { code?: string } | null)?.code;
}

function exists(file: string): boolean {
  try {
    fs.lstatSync(file);
    return true;
  } catch {
    return false;
  }
}

function isDirectory(folder: string): boolean {
  try {
    return fs.statSync(folder).isDirectory();
  } catch {
    return false;
  }
}

function remove(file: string): void {
  fs.rmSync(file, { force: true });
}

function syncFile(file: string): void {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Makes a rename durable; some platforms cannot open a folder to sync it, and need not. */
function syncFolder(folder: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(folder, 'r');
    fs.fsyncSync(fd);
  } catch {
    // best effort
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}
