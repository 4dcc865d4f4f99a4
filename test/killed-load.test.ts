import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { openDatabase } from '../src/db/data-source';
import { UnfinishedLoad } from '../src/db/sql';
import { runSyntheticCli } from '../src/synthetic/cli';
import { startServer } from './support/server';
import { bundleSyntheticCli, type SyntheticLoad, startSyntheticLoad } from './support/synthetic-load';

/**
 * `npm run seed:synthetic` killed for real (SIGKILL, as the OOM killer or a power cut would stop
 * it) at moments chosen from its progress output. test/unfinished-load.test.ts plays the same
 * story in process with a writer that is never finished; here the process itself dies, in the
 * middle of whatever it was doing, with its WAL and transactions as the kill left them.
 *
 * 10,000 articles: 25 batches of 400, a few seconds of streaming, then seconds of rebuilding
 * (indexes, search index, aggregates) in one transaction, which is long enough to land a kill in.
 */
const ARTICLES = 10_000;
const BATCH = 400;

let dir: string;
let entry: { entry: string; remove(): void };
const running = new Set<SyntheticLoad>();

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quipu-killed-'));
  entry = await bundleSyntheticCli();
}, 60_000);
afterAll(() => {
  for (const load of running) load.child.kill('SIGKILL');
  entry?.remove();
  fs.rmSync(dir, { recursive: true, force: true });
});

function load(file: string): SyntheticLoad {
  const started = startSyntheticLoad(entry.entry, ['--articles', String(ARTICLES), '--seed', '1', '--batch-size', String(BATCH), '--database', `sqlite:${file}`]);
  running.add(started);
  void started.exited.then(() => running.delete(started));
  return started;
}

/** SIGKILLs the load and waits for it to be gone; returns how it ended and the articles it had reported written. */
async function kill(started: SyntheticLoad) {
  started.child.kill('SIGKILL');
  const exit = await started.exited;
  return { ...exit, written: started.written() };
}

/** Articles in the file, read around Quipu (which would refuse it). */
function articlesInFile(file: string): number {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM article').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

/** The tables, indexes and triggers a database has, with their DDL. */
function schemaOf(file: string): { type: string; name: string; sql: string | null }[] {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name").all() as { type: string; name: string; sql: string | null }[];
  } finally {
    db.close();
  }
}

/** The schema the migrations make: what a whole load must leave, every dropped index and trigger back. */
let migratedSchema: ReturnType<typeof schemaOf>;
beforeAll(async () => {
  const file = path.join(dir, 'migrated.db');
  await (await openDatabase(file)).close();
  migratedSchema = schemaOf(file);
});

/** Quipu refuses the file: neither opened nor served. */
async function expectRefused(file: string): Promise<void> {
  await expect(openDatabase(file)).rejects.toThrow(UnfinishedLoad);
  await expect(startServer({ prebuilt: file })).rejects.toThrow(UnfinishedLoad);
}

/**
 * The server serves the file, and every answer agrees with the rows: the total with the article
 * table, the timeline's precomputed counts and the co-occurrence aggregates with what they count,
 * the search index with the articles; and every index and trigger is there.
 */
async function expectServedWhole(file: string): Promise<number> {
  const server = await startServer({ prebuilt: file });
  try {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ articles(first: 1) { totalCount } timeline(interval: YEAR) { total } }' }),
    });
    const { data, errors } = (await response.json()) as { data: { articles: { totalCount: number }; timeline: { total: number }[] }; errors?: unknown };
    expect(errors).toBeUndefined();
    const count = async (query: string) => (await server.sql.get<{ n: number | null }>(query))!.n ?? 0;
    const articles = await count('SELECT count(*) AS n FROM article');
    expect(data.articles.totalCount).toBe(articles);
    expect(data.timeline.map((series) => series.total)).toEqual([await count('SELECT count(*) AS n FROM article WHERE published_at IS NOT NULL')]);
    expect(await count('SELECT articles AS n FROM link_total')).toBe(articles);
    expect(await count('SELECT sum(articles) AS n FROM link_subject')).toBe(await count('SELECT count(*) AS n FROM article_link'));
    // Every ordered pair of an article's subjects, once.
    expect(await count('SELECT sum(articles) AS n FROM link_pair')).toBe(
      await count('SELECT sum(k * (k - 1)) AS n FROM (SELECT count(*) AS k FROM article_link GROUP BY article_id)'),
    );
    // Fails unless the search index holds exactly the articles' text.
    await server.sql.run("INSERT INTO article_fts(article_fts, rank) VALUES('integrity-check', 1)");
    expect(schemaOf(file)).toEqual(migratedSchema);
    return articles;
  } finally {
    await server.close();
  }
}

describe('a synthetic load killed with SIGKILL', () => {
  it('killed just after its first batch is refused: what it wrote is kept, and not served', async () => {
    const file = path.join(dir, 'first-batch.db');
    const started = load(file);
    await started.whenWritten(BATCH);
    const killed = await kill(started);
    expect(killed).toMatchObject({ signal: 'SIGKILL', out: '' });
    await expectRefused(file);
    expect(articlesInFile(file)).toBeGreaterThanOrEqual(killed.written);
  }, 60_000);

  it('killed in the middle is refused, and a new load starts it over and serves every article', async () => {
    const file = path.join(dir, 'middle.db');
    const started = load(file);
    await started.whenWritten(ARTICLES / 2);
    const killed = await kill(started);
    expect(killed).toMatchObject({ signal: 'SIGKILL', out: '' });
    expect(killed.written).toBeLessThan(ARTICLES);
    await expectRefused(file);
    expect(articlesInFile(file)).toBeGreaterThanOrEqual(killed.written);

    const err: string[] = [];
    const code = await runSyntheticCli(
      ['--articles', String(ARTICLES), '--seed', '1', '--database', `sqlite:${file}`],
      {},
      { out: () => undefined, err: (line) => err.push(line) },
    );
    expect(err.join('\n')).toMatch(/holds a load that did not finish .*: starting over/);
    expect(code).toBe(0);
    expect(await expectServedWhole(file)).toBe(ARTICLES);
  }, 90_000);

  it('killed while rebuilding its indexes is refused; killed after it finished, it is served whole', async () => {
    const file = path.join(dir, 'rebuild.db');
    const started = load(file);
    await started.whenWritten(ARTICLES);
    // Every batch is in; the rebuild has begun and takes seconds. A machine fast enough to finish
    // it first makes this the kill of a finished load, which must then be served whole.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const killed = await kill(started);
    if (killed.signal === 'SIGKILL' && killed.out === '') {
      // Killed before it said it was done: refused if the rebuild had not committed, else whole.
      const refused = await openDatabase(file).then(
        async (database) => {
          await database.close();
          return false;
        },
        (error: unknown) => (error instanceof UnfinishedLoad ? true : Promise.reject(error)),
      );
      if (refused) await expectRefused(file);
      else expect(await expectServedWhole(file)).toBe(ARTICLES);
      expect(articlesInFile(file)).toBe(ARTICLES);
    } else {
      expect(killed).toMatchObject({ code: 0, signal: null });
      expect(JSON.parse(killed.out)).toMatchObject({ articles: ARTICLES });
      expect(await expectServedWhole(file)).toBe(ARTICLES);
    }
  }, 60_000);
});
