import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runBackupCli, size } from '../src/db/backup.cli';
import { openDatabase } from '../src/db/data-source';
import type { Sql } from '../src/db/sql';
import { loadCatalogue } from '../src/ingest/catalogue';
import { ingestFiles, loadSource, seedFiles } from '../src/ingest/pipeline';
import { PartnerKeys } from '../src/partner/keys';
import { seedsDir, startServer } from './support/server';

/** A database made by the real ingest of the seed news, closed (so wholly in its main file): each test copies it. */
let template: string;
let templateDir: string;
beforeAll(async () => {
  templateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'quipu-backup-template-'));
  template = path.join(templateDir, 'quipu.db');
  const database = await openDatabase(template);
  const report = await ingestFiles(database.sql, seedFiles(seedsDir), {
    catalogue: loadCatalogue(seedsDir),
    source: loadSource(seedsDir),
    now: '2026-01-01T00:00:00.000Z',
  });
  await database.close();
  if (report.errors.length > 0) throw new Error(`test ingest failed: ${JSON.stringify(report.errors)}`);
});
afterAll(() => fs.rmSync(templateDir, { recursive: true, force: true }));

let dir: string;
let dbPath: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quipu-backup-'));
  dbPath = path.join(dir, 'quipu.db');
  fs.copyFileSync(template, dbPath);
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Runs `npm run backup|restore -- ...` in process against the test's database file. */
async function cli(...argv: string[]) {
  const lines = { out: [] as string[], err: [] as string[] };
  const code = await runBackupCli(argv, { DATABASE_URL: `sqlite:${dbPath}` }, { out: (line) => lines.out.push(line), err: (line) => lines.err.push(line) });
  return { code, ...lines };
}

async function countArticles(sql: Sql): Promise<number> {
  return (await sql.get<{ n: number }>('SELECT COUNT(*) AS n FROM article'))!.n;
}

/** What a database file holds: each key by name, live or revoked, and the number of articles. */
async function contents(file: string): Promise<{ keys: Record<string, 'live' | 'revoked'>; articles: number }> {
  const { sql, close } = await openDatabase(file);
  try {
    const keys = Object.fromEntries((await new PartnerKeys(sql).list()).map((key) => [key.name, key.revokedAt === null ? 'live' : 'revoked'] as const));
    return { keys, articles: await countArticles(sql) };
  } finally {
    await close();
  }
}

/**
 * A digest of what SQLite keeps for the test database: the main file and its WAL if present (not the
 * -shm, an index of the WAL that any reader's connection updates).
 */
function databaseBytes(): Record<string, string> {
  return Object.fromEntries(
    fs
      .readdirSync(dir)
      .filter((name) => name === 'quipu.db' || name === 'quipu.db-wal')
      .map((name) => [
        name,
        createHash('sha256')
          .update(fs.readFileSync(path.join(dir, name)))
          .digest('hex'),
      ]),
  );
}

/** A refusal: exit code 1, one line on stderr (no stack trace), nothing on stdout. */
function expectRefusal(result: { code: number; out: string[]; err: string[] }, message: string | RegExp) {
  expect(result.code).toBe(1);
  expect(result.out).toEqual([]);
  expect(result.err).toHaveLength(1);
  expect(result.err[0]).not.toMatch(/\n|\bat .*\(.*:\d+:\d+\)/);
  if (typeof message === 'string') expect(result.err[0]).toBe(message);
  else expect(result.err[0]).toMatch(message);
}

describe('backup and restore', () => {
  it('backs up the running server, refuses to restore while it runs, and restores the snapshot once it is stopped', async () => {
    const file = path.join(dir, 'backups', 'quipu-2026-01-01.db');
    fs.mkdirSync(path.dirname(file));
    const server = await startServer({ prebuilt: dbPath });
    let articles: number;
    try {
      const keys = new PartnerKeys(server.sql);
      const a = (await keys.create({ name: 'A', origins: [] })).key;
      const b = (await keys.create({ name: 'B', origins: [] })).key;
      await keys.revoke(b.id);
      articles = await countArticles(server.sql);
      expect(articles).toBeGreaterThan(0);

      const backup = await cli('backup', file);
      expect(backup.err).toEqual([]);
      expect(backup.code).toBe(0);
      expect(backup.out).toEqual([`backed up to ${file}: ${size(fs.statSync(file).size)}, ${articles} articles, 2 partner keys (1 revoked); quick_check ok`]);
      expect(fs.readdirSync(path.dirname(file))).toEqual(['quipu-2026-01-01.db']); // no partial file left beside it

      // After the backup: a new key, and A revoked.
      await keys.create({ name: 'C', origins: [] });
      await keys.revoke(a.id);
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);

      // The server's connections are open: the restore is refused and nothing is touched.
      const before = databaseBytes();
      expectRefusal(await cli('restore', file), 'the database is in use: stop the server (and any ingest) first');
      expect(databaseBytes()).toEqual(before);
    } finally {
      await server.close();
    }
    expect(await contents(dbPath)).toEqual({ keys: { A: 'revoked', B: 'revoked', C: 'live' }, articles });

    const restored = await cli('restore', file);
    expect(restored.err).toEqual([]);
    expect(restored).toEqual({ code: 0, out: [`restored ${dbPath} from ${file}: ${articles} articles, 2 partner keys (1 revoked)`], err: [] });
    expect(fs.readdirSync(dir).sort()).toEqual(['backups', 'quipu.db']); // no temporary file, no stale -wal or -shm
    expect(await contents(dbPath)).toEqual({ keys: { A: 'live', B: 'revoked' }, articles });
    // The backup itself is untouched by the restore, and still restorable.
    expect(await contents(file)).toEqual({ keys: { A: 'live', B: 'revoked' }, articles });
  });

  it('a plain copy of the live database file misses what is still in the WAL: a revoked key comes back alive', async () => {
    // Key A is created and the database closed: the last connection out checkpoints, so A is in the main file.
    const setup = await openDatabase(dbPath);
    const a = (await new PartnerKeys(setup.sql).create({ name: 'A', origins: [] })).key;
    await setup.close();
    expect(fs.existsSync(`${dbPath}-wal`)).toBe(false);

    const copy = path.join(dir, 'copy.db');
    const backup = path.join(dir, 'backup.db');
    const server = await startServer({ prebuilt: dbPath });
    try {
      // The revocation is a few pages: it stays in the WAL (SQLite checkpoints at 1000 pages).
      await new PartnerKeys(server.sql).revoke(a.id);
      expect(fs.statSync(`${dbPath}-wal`).size).toBeGreaterThan(0);
      // `cp quipu.db copy.db`, as an operator would, from another process (a copy made in this one would
      // open and close the file outside SQLite, and closing it drops this process's SQLite locks).
      execFileSync(process.execPath, ['-e', 'require("node:fs").copyFileSync(process.argv[1], process.argv[2])', dbPath, copy]);
      expect((await cli('backup', backup)).code).toBe(0);
    } finally {
      await server.close();
    }
    expect((await contents(copy)).keys).toEqual({ A: 'live' });
    expect((await contents(backup)).keys).toEqual({ A: 'revoked' });
  });

  describe('refusals: exit code 1, one line, nothing changed', () => {
    it('backup refuses a target that exists', async () => {
      const file = path.join(dir, 'taken.db');
      fs.writeFileSync(file, 'precious');
      expectRefusal(await cli('backup', file), `${file} already exists: choose a new name (a backup never overwrites a file)`);
      expect(fs.readFileSync(file, 'utf8')).toBe('precious');
    });

    it('backup refuses a folder that does not exist, an in-memory database, and a database that does not exist', async () => {
      const nowhere = path.join(dir, 'no-such-folder', 'backup.db');
      expectRefusal(await cli('backup', nowhere), `the folder ${path.dirname(nowhere)} does not exist: create it, or choose another place for the backup`);

      const file = path.join(dir, 'backup.db');
      const run = async (databaseUrl: string) => {
        const err: string[] = [];
        const code = await runBackupCli(['backup', file], { DATABASE_URL: databaseUrl }, { out: () => {}, err: (line) => err.push(line) });
        return { code, out: [], err };
      };
      expectRefusal(await run('sqlite::memory:'), 'DATABASE_URL is sqlite::memory:: an in-memory database has no file to back up');
      const missing = path.join(dir, 'missing.db');
      expectRefusal(await run(`sqlite:${missing}`), `there is no database at ${missing} (DATABASE_URL): nothing to back up`);
      expect(fs.existsSync(file)).toBe(false);
      expect(fs.existsSync(missing)).toBe(false);
    });

    it('restore refuses a backup that does not exist', async () => {
      const before = databaseBytes();
      const file = path.join(dir, 'nothing-here.db');
      expectRefusal(await cli('restore', file), `there is no backup at ${file}`);
      expect(databaseBytes()).toEqual(before);
    });

    it('restore refuses a file that is not an SQLite database', async () => {
      const before = databaseBytes();
      const file = path.join(dir, 'notes.txt');
      fs.writeFileSync(file, 'These are not the pages of an SQLite database, however long the text goes on. '.repeat(20));
      expectRefusal(await cli('restore', file), `${file} is not an SQLite database`);
      expect(databaseBytes()).toEqual(before);
    });

    it("restore refuses an SQLite database that is not Quipu's", async () => {
      const before = databaseBytes();
      const file = path.join(dir, 'empty.db');
      fs.writeFileSync(file, ''); // SQLite reads an empty file as an empty database
      expectRefusal(await cli('restore', file), `${file} is not a Quipu database: it has no article, partner_key, migrations tables`);
      expect(databaseBytes()).toEqual(before);
    });

    it('restore refuses a backup made by a newer Quipu', async () => {
      const file = path.join(dir, 'future.db');
      expect((await cli('backup', file)).code).toBe(0);
      const future = await openDatabase(file);
      await future.sql.run('INSERT INTO migrations (timestamp, name) VALUES (?, ?)', [1893456000000, 'Teleportation1893456000000']);
      await future.close();
      const before = databaseBytes();
      expectRefusal(
        await cli('restore', file),
        `${file} comes from a newer Quipu (migration Teleportation1893456000000 is unknown to this version): update Quipu before restoring it`,
      );
      expect(databaseBytes()).toEqual(before);
    });

    it('says how to use it', async () => {
      expect((await cli()).err[0]).toMatch(/^a command is needed: backup or restore\nUsage:/);
      expect((await cli('backup')).err[0]).toMatch(/^backup needs the backup's file name\nUsage:/);
      expect((await cli('restore', 'a.db', 'b.db')).err[0]).toMatch(/^restore takes one file, got "a.db b.db"\nUsage:/);
      expect((await cli('copy', 'a.db')).err[0]).toMatch(/^unknown command "copy": use backup or restore\nUsage:/);
      expect((await cli('backup', '--force', 'a.db')).err[0]).toMatch(/--force/);
      expect(await runBackupCli(['backup', 'a.db'], { DATABASE_URL: 'postgres://x' }, { out: () => {}, err: () => {} })).toBe(1);
      const err: string[] = [];
      expect(await runBackupCli(['backup', 'a.db'], { DATABASE_URL: 'postgres://db/quipu' }, { out: () => {}, err: (line) => err.push(line) })).toBe(1);
      expect(err).toEqual(['npm run backup copies a SQLite file; on PostgreSQL use pg_dump and pg_restore (docs/deploy.md, "Backups")']);
      expect(await cli('--help')).toEqual({ code: 0, out: [expect.stringMatching(/^Usage:/)], err: [] });
    });
  });
});
