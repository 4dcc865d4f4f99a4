import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../db/data-source';
import { aggregatesFromScratch, aggregatesStored } from '../db/link-aggregates';
import type { Sql } from '../db/sql';
import { buildCorpus } from '../synthetic/build';
import type { CatalogueSizes } from '../synthetic/catalogue';
import { createCorpus, SYNTHETIC_NOW, SYNTHETIC_SOURCE } from '../synthetic/corpus';
import { toNewsFile } from '../synthetic/news-file';
import { BulkWriter, bulkInsert } from './bulk';
import { createExtractor } from './extract';
import { ingestFiles } from './pipeline';
import { upsertBatch } from './upsert';

const ARTICLES = 300;
const SEED = 7;
// A tenth of the full catalogue keeps this file fast; the synthetic tests check the full-size one.
const SIZES: CatalogueSizes = { topicRoots: 10, topics: 200, organisations: 2000, places: 500, people: 500 };
const TABLES = ['source', 'topic', 'organisation', 'place', 'person', 'article', 'article_link', 'change_entry', 'sqlite_sequence'];

let dir: string;
const open: (() => Promise<void>)[] = [];
async function database(name: string): Promise<Sql> {
  const { sql, close } = await openDatabase(path.join(dir, `${name}.db`));
  open.push(close);
  return sql;
}

/** Every row of every table the ingest writes, in storage order (rowid included), and the schema objects. */
async function dump(sql: Sql): Promise<Record<string, unknown[]>> {
  const tables: [string, unknown[]][] = [];
  // The change log the readers' indexes follow differs by design (a deferred load logs one "rebuild"
  // row, the normal path a row per write): its sequence is left out.
  const except = (t: string) => (t === 'sqlite_sequence' ? " WHERE name <> 'article_change'" : '');
  for (const t of TABLES) tables.push([t, await sql.all(`SELECT rowid AS _rowid, * FROM ${t}${except(t)} ORDER BY rowid`)]);
  return {
    ...Object.fromEntries(tables),
    // The per-document token counts of the search index: the same text indexed the same way.
    ftsDocsize: await sql.all('SELECT * FROM article_fts_docsize ORDER BY id'),
    ...(await aggregates(sql)),
    schema: await sql.all("SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_autoindex%' ORDER BY type, name"),
  };
}

/**
 * The timeline aggregate computed from scratch, apart from the SQL that maintains it: per subject (with
 * everything below it in its tree) and day, the distinct dated articles; and all dated articles per day.
 */
async function timelineFromScratch(sql: Sql): Promise<string[]> {
  const parents = new Map<string, string | null>();
  for (const table of ['topic', 'place']) {
    const kind = table.toUpperCase();
    for (const { id, parent } of await sql.all<{ id: number; parent: number | null }>(`SELECT id, parent_id AS parent FROM ${table}`)) {
      parents.set(`${kind}:${id}`, parent === null ? null : `${kind}:${parent}`);
    }
  }
  const days = new Map((await sql.all<{ id: number; day: string }>('SELECT id, published_at AS day FROM article WHERE published_at IS NOT NULL')).map((r) => [r.id, r.day]));
  const subjects = new Map<number, Set<string>>([...days.keys()].map((id) => [id, new Set(['ALL:0'])]));
  for (const link of await sql.all<{ article: number; subject: string }>("SELECT article_id AS article, subject_kind || ':' || subject_id AS subject FROM article_link")) {
    for (let at: string | null | undefined = link.subject; at; at = parents.get(at)) subjects.get(link.article)?.add(at);
  }
  const counts = new Map<string, number>();
  for (const [id, set] of subjects) for (const subject of set) counts.set(`${subject}:${days.get(id)}`, (counts.get(`${subject}:${days.get(id)}`) ?? 0) + 1);
  return [...counts].map(([key, n]) => `${key}=${n}`).sort();
}

const timeline = async (sql: Sql) =>
  (await sql.all<{ row: string }>("SELECT subject_kind || ':' || subject_id || ':' || day || '=' || articles AS row FROM timeline_day")).map((r) => r.row).sort();

/** The co-occurrence aggregates as stored (key order). */
async function aggregates(sql: Sql): Promise<Record<string, unknown[]>> {
  const rows: [string, unknown[]][] = [];
  for (const [name, text] of Object.entries(aggregatesStored)) rows.push([name, await sql.all(text)]);
  return Object.fromEntries(rows);
}

/** The same aggregates computed from scratch over the links. */
async function recomputed(sql: Sql): Promise<Record<string, unknown[]>> {
  const rows: [string, unknown[]][] = [];
  for (const [name, text] of Object.entries(aggregatesFromScratch)) rows.push([name, await sql.all(text)]);
  return Object.fromEntries(rows);
}

/** What the search index answers, with bm25 ranks, for the given MATCH expressions. */
async function search(sql: Sql, queries: string[]) {
  const answers: unknown[][] = [];
  for (const q of queries)
    answers.push(await sql.all('SELECT rowid, round(bm25(article_fts, 10.0, 4.0, 1.0), 6) AS rank FROM article_fts WHERE article_fts MATCH ? ORDER BY rank, rowid', [q]));
  return answers;
}

/**
 * What a statement SQLite refused rejects with. better-sqlite3's native addon keeps the SqliteError
 * class of the first test file that loaded it, which a later file's `rejects.toThrow` does not take
 * for an Error (another realm), so the rejection is matched by its message.
 */
const sqliteError = (message: RegExp) => ({ message: expect.stringMatching(message) });

const integrity = (sql: Sql) => sql.run("INSERT INTO article_fts(article_fts, rank) VALUES('integrity-check', 1)");

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quipu-bulk-'));
});
afterAll(async () => {
  for (const close of open) await close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('the bulk writer', () => {
  let normal: Sql;
  let bulk: Sql;
  beforeAll(async () => {
    // The normal path: the corpus written as a news file, then parse -> extract -> upsertBatch.
    const { catalogue, articles } = createCorpus(SEED, ARTICLES, SIZES);
    const file = path.join(dir, 'synthetic.txt');
    fs.writeFileSync(file, toNewsFile(articles.batch(ARTICLES)));
    normal = await database('normal');
    const report = await ingestFiles(normal, [file], { catalogue, source: SYNTHETIC_SOURCE, now: SYNTHETIC_NOW });
    expect(report).toMatchObject({ errors: [], items: ARTICLES, created: ARTICLES });
    // The bulk path: the corpus build, in batches, with indexes and the search index deferred.
    bulk = await database('bulk');
    await buildCorpus(bulk, { articles: ARTICLES, seed: SEED, sizes: SIZES, batchSize: 64 });
  });

  it('writes exactly the rows of the normal ingest path, schema included', async () => {
    const expected = await dump(normal);
    expect(expected.article).toHaveLength(ARTICLES);
    expect(expected.article_link.length).toBeGreaterThan(ARTICLES);
    expect(await dump(bulk)).toEqual(expected);
  });

  it('keeps the timeline aggregate equal to a count from scratch on both paths', async () => {
    const expected = await timelineFromScratch(normal);
    expect(expected.length).toBeGreaterThan(ARTICLES);
    expect(await timeline(normal)).toEqual(expected);
    expect(await timeline(bulk)).toEqual(expected);
  });

  it('keeps the timeline aggregate exact through a re-ingest that moves dates, links and the tree', async () => {
    const { catalogue, articles } = createCorpus(SEED, 40, SIZES);
    const extract = createExtractor(catalogue);
    const items = articles.batch(40).map((item) => ({ item, links: extract(item) }));
    const sql = await database('reingest');
    await bulkInsert(sql, SYNTHETIC_SOURCE, catalogue, items.slice(0, 30), SYNTHETIC_NOW);
    // Re-ingest through the normal path: new dates, another article's links, a dated page undated,
    // new articles, and a subtopic moved under another root topic.
    const moved = catalogue.topics.find((t) => t.parent !== null)!;
    const root = catalogue.topics.find((t) => t.parent === null && t.slug !== moved.parent)!;
    const changed = items.map(({ item, links }, i) => ({
      item: { ...item, publishedAt: i % 3 === 0 ? '2001-02-03' : i % 7 === 0 ? null : item.publishedAt },
      links: i % 5 === 0 ? items[(i + 1) % items.length].links : links,
    }));
    await upsertBatch(sql, SYNTHETIC_SOURCE, { ...catalogue, topics: catalogue.topics.map((t) => (t === moved ? { ...t, parent: root.slug } : t)) }, changed, SYNTHETIC_NOW);
    expect(await sql.get('SELECT count(*) AS n FROM article')).toEqual({ n: 40 });
    expect(await timeline(sql)).toEqual(await timelineFromScratch(sql));
    expect(await timeline(sql)).toContain(`ALL:0:2001-02-03=${changed.filter(({ item }) => item.publishedAt === '2001-02-03').length}`);
  });

  it('fills the timeline aggregate of a database made before it, by its migration', async () => {
    const { dataSource, sql, close } = await openDatabase(path.join(dir, 'before-timeline.db'));
    open.push(close);
    await buildCorpus(sql, { articles: 50, seed: SEED, sizes: SIZES });
    // Back to before the timeline migration (and any later one), then forward again.
    const hasTable = async () => (await sql.get<{ n: number }>("SELECT count(*) AS n FROM sqlite_master WHERE name = 'timeline_day'"))!.n === 1;
    while (await hasTable()) await dataSource.undoLastMigration({ transaction: 'each' });
    await dataSource.runMigrations({ transaction: 'each' });
    expect((await timeline(sql)).length).toBeGreaterThan(50);
    expect(await timeline(sql)).toEqual(await timelineFromScratch(sql));
  });

  it('leaves co-occurrence aggregates equal to a from-scratch GROUP BY, on both paths', async () => {
    const expected = await recomputed(normal);
    expect(expected.link_pair.length).toBeGreaterThan(ARTICLES);
    expect(expected.link_total).toEqual([{ id: 1, articles: ARTICLES }]);
    expect(await aggregates(normal)).toEqual(expected);
    expect(await aggregates(bulk)).toEqual(await recomputed(bulk));
    expect(await aggregates(bulk)).toEqual(expected);
  });

  it('keeps the aggregates exact through deletes, and forbids re-pointing a link in place', async () => {
    const sql = await database('deletes');
    await buildCorpus(sql, { articles: 50, seed: SEED, sizes: SIZES });
    const { article_id } = (await sql.get<{ article_id: number }>('SELECT article_id FROM article_link GROUP BY article_id HAVING count(*) >= 3 LIMIT 1'))!;
    await sql.run('DELETE FROM article_link WHERE rowid = (SELECT min(rowid) FROM article_link WHERE article_id = ?)', [article_id]);
    expect(await aggregates(sql)).toEqual(await recomputed(sql));
    // Deleting an article deletes its links (cascade), and their pairs with them.
    await sql.run('DELETE FROM article WHERE id = ?', [article_id + 1]);
    expect(await aggregates(sql)).toEqual(await recomputed(sql));
    await expect(sql.run('UPDATE article_link SET subject_id = subject_id + 1 WHERE article_id = ?', [article_id])).rejects.toMatchObject(sqliteError(/re-pointing/));
  });

  it('leaves a consistent search index that answers every query as the normal path does', async () => {
    await expect(integrity(normal)).resolves.toBeDefined();
    await expect(integrity(bulk)).resolves.toBeDefined();
    // A common word, a rarer one, a name, a phrase, a prefix, a negation.
    const { title, summary } = (await normal.get<{ title: string; summary: string }>('SELECT title, summary FROM article WHERE id = 42'))!;
    const rare = summary.split(/\s+/).find((w) => /^[a-z]{6,}$/.test(w))!;
    const queries = ['the', `"${rare}"`, `"${title.split(' ').slice(0, 2).join(' ')}"`, `${rare.slice(0, 3)}*`, 'the NOT and'];
    const expected = await search(normal, queries);
    expect(expected[0].length).toBeGreaterThan(ARTICLES / 2);
    expect(expected[1].length).toBeGreaterThan(0);
    expect(await search(bulk, queries)).toEqual(expected);
  });

  it('keeps the search index in step with later edits once the triggers are back', async () => {
    await bulk.run("UPDATE article SET summary = 'zyzzyvaquux' WHERE id = 5");
    expect(await bulk.all("SELECT rowid FROM article_fts WHERE article_fts MATCH 'zyzzyvaquux'")).toEqual([{ rowid: 5 }]);
    await expect(integrity(bulk)).resolves.toBeDefined();
  });

  it('builds the same rows from the same seed, and other rows from another seed', async () => {
    const again = await database('again');
    await buildCorpus(again, { articles: ARTICLES, seed: SEED, sizes: SIZES, batchSize: 1000 });
    const other = await database('other');
    await buildCorpus(other, { articles: ARTICLES, seed: SEED + 1, sizes: SIZES });
    const expected = await dump(normal);
    expect(await dump(again)).toEqual(expected);
    const different = await dump(other);
    expect(different.article).toHaveLength(ARTICLES);
    expect(different.article).not.toEqual(expected.article);
    expect(different.organisation).not.toEqual(expected.organisation);
  });

  it('writes into a database that already has articles without deferring, and refuses to defer there', async () => {
    const { catalogue, articles } = createCorpus(SEED, 20, SIZES);
    const extract = createExtractor(catalogue);
    const items = articles.batch(20).map((item) => ({ item, links: extract(item) }));
    const sql = await database('nonempty');
    await bulkInsert(sql, SYNTHETIC_SOURCE, catalogue, items.slice(0, 10), SYNTHETIC_NOW);
    await expect(bulkInsert(sql, SYNTHETIC_SOURCE, catalogue, items.slice(10), SYNTHETIC_NOW, { deferIndexes: true })).rejects.toThrow(/empty/);
    await bulkInsert(sql, SYNTHETIC_SOURCE, catalogue, items.slice(10), SYNTHETIC_NOW);
    expect(await sql.get('SELECT count(*) AS n FROM article')).toEqual({ n: 20 });
    await expect(integrity(sql)).resolves.toBeDefined();
    // Without deferring, the triggers keep the aggregates, multi-row link inserts included, and each
    // batch counts itself into the timeline.
    expect(await aggregates(sql)).toEqual(await recomputed(sql));
    expect(await timeline(sql)).toEqual(await timelineFromScratch(sql));
    // An article that is already stored fails its whole batch, and nothing of that batch is written.
    await expect(bulkInsert(sql, SYNTHETIC_SOURCE, catalogue, [items[19], items[0]], SYNTHETIC_NOW)).rejects.toMatchObject(sqliteError(/UNIQUE/));
    expect(await sql.get('SELECT count(*) AS n FROM article')).toEqual({ n: 20 });
    expect(await timeline(sql)).toEqual(await timelineFromScratch(sql));
    // A load cut short before `finish` leaves both aggregates exact for what it wrote.
    const more = createCorpus(SEED + 1, 5, SIZES);
    const writer = await BulkWriter.open(sql, SYNTHETIC_SOURCE, catalogue, SYNTHETIC_NOW);
    await writer.write(more.articles.batch(5).map((item) => ({ item: { ...item, slug: `cut-${item.slug}` }, links: extract(item) })));
    expect(await sql.get('SELECT count(*) AS n FROM article')).toEqual({ n: 25 });
    expect(await aggregates(sql)).toEqual(await recomputed(sql));
    expect(await timeline(sql)).toEqual(await timelineFromScratch(sql));
  });
});
