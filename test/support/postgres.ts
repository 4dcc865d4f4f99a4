import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { type Extension, PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import pg from 'pg';
import { openPostgres } from '../../src/db/postgres/open';

// A subpath whose types need moduleResolution node16 or later; the project compiles with node's.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { unaccent } = require('@electric-sql/pglite/contrib/unaccent') as { unaccent: Extension };

/** The engine the end-to-end tests run on: QUIPU_TEST_ENGINE=postgres runs them on PostgreSQL. */
export const testEngine: 'sqlite' | 'postgres' = process.env.QUIPU_TEST_ENGINE === 'postgres' ? 'postgres' : 'sqlite';
/** The PostgreSQL suite on an embedded PostgreSQL (no TEST_DATABASE_URL): every connection to it shares its one session. */
export const embeddedPostgres = testEngine === 'postgres' && !process.env.TEST_DATABASE_URL;

/** A database for one test server: its URL, the pool size its store should use, and how to drop it. */
export interface TestDatabase {
  url: string;
  /** Connections per pool: 1 on the embedded PostgreSQL, whose connections share one session. */
  poolSize?: number;
  drop(): Promise<void>;
}

let made = 0;

/**
 * A fresh, empty PostgreSQL database for one test server: on the server TEST_DATABASE_URL names (any
 * database of it: the new one is made beside it), or, without one, on an embedded PostgreSQL (PGlite,
 * PostgreSQL compiled to WebAssembly) of its own. `drop` removes it.
 */
export async function freshPostgresDatabase(): Promise<TestDatabase> {
  const admin = process.env.TEST_DATABASE_URL;
  if (!admin) return embeddedDatabase();
  const name = `quipu_test_${process.pid}_${++made}_${Date.now().toString(36)}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}

/**
 * PGlite serves one session: its socket server queues every connection's statements onto it (a
 * transaction's first, until it ends). One PGlite per database, then, each started from a copy of one
 * already migrated (made once per test process), served on a port of its own.
 */
async function embeddedDatabase(): Promise<TestDatabase> {
  const db = await PGlite.create({ extensions: { unaccent }, loadDataDir: await migratedTemplate() });
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 16 });
  await server.start();
  return {
    url: `postgres://postgres@${server.getServerConn()}/postgres`,
    poolSize: 1,
    async drop() {
      await server.stop();
      await db.close();
    },
  };
}

let template: Promise<Blob> | undefined;

/**
 * An embedded PostgreSQL with Quipu's schema, as a data directory to start others from: made once and
 * kept in node_modules/.cache under a hash of the PostgreSQL schema's sources and PGlite's version, so
 * that every test file (and the next run) starts from it.
 */
function migratedTemplate(): Promise<Blob> {
  template ??= (async () => {
    const file = path.join(cacheDir, `pglite-template-${schemaHash()}.tar`);
    if (fs.existsSync(file)) return new Blob([fs.readFileSync(file)]);
    const db = await PGlite.create({ extensions: { unaccent } });
    const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 16 });
    await server.start();
    try {
      const opened = await openPostgres(`postgres://postgres@${server.getServerConn()}/postgres`, { poolSize: 1 });
      await opened.close();
    } finally {
      await server.stop();
    }
    const dump = await db.dumpDataDir('none');
    await db.close();
    // Written under a name of its own first: test processes making it at once never read half a file.
    fs.mkdirSync(cacheDir, { recursive: true });
    const partial = `${file}.${process.pid}`;
    fs.writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
    fs.renameSync(partial, file);
    return dump;
  })();
  return template;
}

const root = path.resolve(__dirname, '../..');
const cacheDir = path.join(root, 'node_modules/.cache/quipu');

/** What the template depends on: the PostgreSQL schema's sources, and the PGlite that runs them. */
function schemaHash(): string {
  const hash = createHash('sha256');
  const add = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) add(file);
      else if (!entry.name.endsWith('.test.ts')) hash.update(entry.name).update(fs.readFileSync(file));
    }
  };
  add(path.join(root, 'src/db/postgres'));
  hash.update(fs.readFileSync(path.join(root, 'node_modules/@electric-sql/pglite/package.json')));
  return hash.digest('hex').slice(0, 16);
}
