import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { openDatabase } from '../../src/db/data-source';
import { copySqliteToPostgres } from '../../src/db/postgres/migrate-data';
import { redactUrl } from '../../src/db/postgres/open';

/**
 * Part (d) on PostgreSQL: each SQLite database of the run moved into a PostgreSQL database of its own
 * on the server `--postgres` names, with Quipu's own `migrate-data` (COPY, in one transaction), so that
 * both engines hold the same rows with the same ids and the same picks apply to both.
 *
 * A copy takes minutes at 1M articles, so it is kept and reused by later runs: the database is named
 * after the file, and its comment records the file it was made from (size and modification time) and
 * how long the copy took. A copy of another version of the file is dropped and made again.
 */
export interface PostgresCopy {
  /** The database's URL. */
  url: string;
  /** Rows copied, and the time the copy took, when it was made. */
  rows: number;
  seconds: number;
  madeAt: string;
  /** Made by an earlier run. */
  reused: boolean;
}

interface Stamp {
  source: string;
  bytes: number;
  modifiedMs: number;
  rows: number;
  seconds: number;
  madeAt: string;
}

/** The copy of `file` on the server `serverUrl` (a postgres:// URL of any database there): reused when current, else made. */
export async function postgresCopyOf(serverUrl: string, file: string, log: (message: string) => void): Promise<PostgresCopy> {
  // Its schema brought up to date first, as migrate-data does (a file built by an older version): it leaves the file's time as it was.
  await (await openDatabase(file)).close();
  const stat = fs.statSync(file);
  const name = databaseName(file);
  const url = withDatabase(serverUrl, name);
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ comment: string | null }>(`SELECT shobj_description(oid, 'pg_database') AS comment FROM pg_database WHERE datname = $1`, [name]);
    if (rows.length > 0) {
      const stamp = parseStamp(rows[0].comment);
      if (stamp && stamp.source === file && stamp.bytes === stat.size && stamp.modifiedMs === Math.round(stat.mtimeMs)) {
        log(`PostgreSQL: reusing ${redactUrl(url)}, copied from ${file} at ${stamp.madeAt}`);
        return { url, rows: stamp.rows, seconds: stamp.seconds, madeAt: stamp.madeAt, reused: true };
      }
      log(`PostgreSQL: ${name} holds another version of ${file}; making it again`);
      await admin.query(`DROP DATABASE "${name}" WITH (FORCE)`);
    }
    await admin.query(`CREATE DATABASE "${name}"`);
    log(`PostgreSQL: copying ${file} into ${redactUrl(url)} (npm run migrate-data)`);
    const target = await openDatabase(url);
    let report: Awaited<ReturnType<typeof copySqliteToPostgres>>;
    try {
      report = await copySqliteToPostgres(file, target.sql);
    } finally {
      await target.close();
    }
    const stamp: Stamp = {
      source: file,
      bytes: stat.size,
      modifiedMs: Math.round(stat.mtimeMs),
      rows: report.rows,
      seconds: report.seconds,
      madeAt: new Date().toISOString(),
    };
    await admin.query(`COMMENT ON DATABASE "${name}" IS ${admin.escapeLiteral(JSON.stringify(stamp))}`);
    log(`PostgreSQL: copied ${report.rows} rows in ${report.seconds.toFixed(1)} s (${Math.round(report.rows / report.seconds)} rows/s)`);
    return { url, rows: report.rows, seconds: report.seconds, madeAt: stamp.madeAt, reused: false };
  } finally {
    await admin.end();
  }
}

/** `quipu_bench_` and the file's name, with a short hash of its path (two files of one name stay apart). */
function databaseName(file: string): string {
  const base = path
    .basename(file)
    .replace(/\.[^.]*$/, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .slice(0, 30);
  return `quipu_bench_${base}_${crypto.createHash('sha256').update(file).digest('hex').slice(0, 8)}`;
}

function withDatabase(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

function parseStamp(comment: string | null): Stamp | null {
  if (!comment) return null;
  try {
    return JSON.parse(comment) as Stamp;
  } catch {
    return null;
  }
}
