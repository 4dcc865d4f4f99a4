import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ArticleKind } from '../src/article/article-kind';
import { SubjectKind } from '../src/article/mention-kinds';
import { openDatabase } from '../src/db/data-source';
import { aggregatesFromScratch, aggregatesStored } from '../src/db/link-aggregates';
import type { Sql } from '../src/db/sql';
import { loadCatalogue } from '../src/ingest/catalogue';
import { runIngestCli } from '../src/ingest/cli';
import { ingestFiles, ingestSeeds, loadSource, seedFiles } from '../src/ingest/pipeline';
import { upsertBatch } from '../src/ingest/upsert';
import { seedsDir } from './support/server';

const seedFile = seedFiles(seedsDir)[0];
const catalogue = loadCatalogue(seedsDir);
const source = loadSource(seedsDir);

let dir: string;
let close: () => Promise<void>;
let sql: Sql;
beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quipu-ingest-'));
  ({ sql, close } = await openDatabase(path.join(dir, 'quipu.db')));
});
afterEach(async () => {
  await close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Everything an ingest writes, for before/after comparisons. */
async function snapshot() {
  const subjects: unknown[][] = [];
  for (const t of ['topic', 'organisation', 'place', 'person', 'source']) subjects.push(await sql.all(`SELECT * FROM ${t} ORDER BY id`));
  return {
    articles: await sql.all('SELECT id, slug, content_hash, created_at, updated_at FROM article ORDER BY id'),
    links: await sql.all('SELECT * FROM article_link ORDER BY article_id, subject_kind, subject_id'),
    subjects,
  };
}

function writeFile(name: string, text: string | Buffer): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
}

/** The co-occurrence aggregates as stored, and as a from-scratch GROUP BY over the links computes them. */
async function aggregates() {
  const read = async (texts: Record<string, string>) => {
    const rows: [string, unknown[]][] = [];
    for (const [name, text] of Object.entries(texts)) rows.push([name, await sql.all(text)]);
    return Object.fromEntries(rows);
  };
  return { stored: await read(aggregatesStored), recomputed: await read(aggregatesFromScratch) };
}

const seedText = () => fs.readFileSync(seedFile, 'utf8');

describe('ingest', () => {
  it('stores the 14 seed items from the Peru Support Group', async () => {
    const report = await ingestSeeds(sql, seedsDir, '2026-01-01T00:00:00.000Z');
    expect(report).toMatchObject({ files: 1, items: 14, created: 14, updated: 0, unchanged: 0, errors: [] });
    expect(await sql.all('SELECT kind, count(*) AS n FROM article GROUP BY kind ORDER BY kind')).toEqual([
      { kind: 'NEWS', n: 10 },
      { kind: 'PAGE', n: 4 },
    ]);
    expect(await sql.all('SELECT name, url FROM source')).toEqual([{ name: 'Peru Support Group', url: 'https://perusupportgroup.org.uk/' }]);
  });

  it('changes nothing when run again on the same input: same ids, slugs, counts and timestamps', async () => {
    await ingestSeeds(sql, seedsDir, '2026-01-01T00:00:00.000Z');
    const before = await snapshot();
    const again = await ingestSeeds(sql, seedsDir, '2026-02-02T00:00:00.000Z');
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 14 });
    expect(await snapshot()).toEqual(before);
  });

  it('updates a changed item in place and re-extracts its links', async () => {
    await ingestSeeds(sql, seedsDir, '2026-01-01T00:00:00.000Z');
    const slug = '2018-02-17-economic-growth-slows';
    const before = (await sql.get<{ id: number; content_hash: string }>('SELECT id, content_hash FROM article WHERE slug = ?', [slug]))!;
    const changed = writeFile('news.txt', seedText().replace('the slowest rate of growth since 2014.', 'the slowest rate of growth since 2014, with Cajamarca hit hardest.'));
    const report = await ingestFiles(sql, [changed], { catalogue, source, now: '2026-03-03T00:00:00.000Z' });
    expect(report).toMatchObject({ created: 0, updated: 1, unchanged: 13 });
    const after = (await sql.get<{ id: number; content_hash: string; created_at: string; updated_at: string }>(
      'SELECT id, content_hash, created_at, updated_at FROM article WHERE slug = ?',
      [slug],
    ))!;
    expect(after).toMatchObject({ id: before.id, created_at: '2026-01-01T00:00:00.000Z', updated_at: '2026-03-03T00:00:00.000Z' });
    expect(after.content_hash).not.toBe(before.content_hash);
    const places = await sql.all<{ slug: string }>(
      "SELECT p.slug FROM article_link l JOIN place p ON p.id = l.subject_id WHERE l.article_id = ? AND l.subject_kind = 'PLACE' ORDER BY p.slug",
      [before.id],
    );
    expect(places.map((p) => p.slug)).toEqual(['cajamarca', 'peru']);
    // The search index follows the update, and so do the co-occurrence counts (Cajamarca now pairs with it).
    expect(await sql.all("SELECT rowid FROM article_fts WHERE article_fts MATCH 'hardest'")).toEqual([{ rowid: before.id }]);
    const { stored, recomputed } = await aggregates();
    expect(stored).toEqual(recomputed);
    expect(stored.link_total).toEqual([{ id: 1, articles: 14 }]);
  });

  it('keeps the id and slug of an item whose title was corrected', async () => {
    await ingestSeeds(sql, seedsDir, '2026-01-01T00:00:00.000Z');
    const slug = '2018-02-17-economic-growth-slows';
    const { id } = (await sql.get<{ id: number }>('SELECT id FROM article WHERE slug = ?', [slug]))!;
    const corrected = writeFile('news.txt', seedText().replace('• Economic growth slows', '• Economic growth slows down'));
    const report = await ingestFiles(sql, [corrected], { catalogue, source, now: '2026-03-03T00:00:00.000Z' });
    expect(report).toMatchObject({ created: 0, updated: 1, unchanged: 13 });
    expect(await sql.get('SELECT id, slug, title FROM article WHERE id = ?', [id])).toEqual({ id, slug, title: 'Economic growth slows down' });
    expect(await sql.get('SELECT count(*) AS n FROM article')).toEqual({ n: 14 });
    const again = await ingestFiles(sql, [corrected], { catalogue, source, now: '2026-04-04T00:00:00.000Z' });
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 14 });
    const { stored, recomputed } = await aggregates();
    expect(stored).toEqual(recomputed);
  });

  it.each([
    ['a date that does not exist', (t: string) => t.replace('24 February 2018', '31 February 2018'), /news\.txt:\d+: .*31 February 2018/],
    ['an item with no title', (t: string) => t.replace('  • Economic growth slows', '  • '), /news\.txt:\d+: .*title/],
    ['an empty file', () => '', /news\.txt:1: /],
  ])('writes nothing of the batch when a file has %s, and says where', async (_case, edit, message) => {
    await ingestSeeds(sql, seedsDir, '2026-01-01T00:00:00.000Z');
    const before = await snapshot();
    const good = writeFile('good.txt', '• A new item that would be valid\n\n    01 March 2019\n\n    Mining in Cajamarca.\n');
    const bad = writeFile('news.txt', edit(seedText()));
    const report = await ingestFiles(sql, [good, bad], { catalogue, source, now: '2026-04-04T00:00:00.000Z' });
    expect(report.errors.length).toBeGreaterThan(0);
    expect(report.errors.map((e) => `${path.basename(e.file)}:${e.line}: ${e.message}`).join('\n')).toMatch(message);
    expect(await snapshot()).toEqual(before);
  });

  it('reports a file that is not UTF-8 with its line, and writes nothing', async () => {
    const latin1 = writeFile('latin1.txt', Buffer.concat([Buffer.from('• Title\n\n    01 March 2019\n\n    Tia Mar'), Buffer.from([0xed]), Buffer.from('a\n')]));
    const report = await ingestFiles(sql, [latin1], { catalogue, source });
    expect(report.errors).toEqual([expect.objectContaining({ line: 5, message: expect.stringMatching(/UTF-8/) })]);
    expect(await sql.get('SELECT count(*) AS n FROM article')).toEqual({ n: 0 });
  });

  it('rolls back the whole batch when a write fails halfway', async () => {
    await ingestSeeds(sql, seedsDir, '2026-01-01T00:00:00.000Z');
    const before = await snapshot();
    const item = {
      kind: ArticleKind.NEWS,
      slug: '2019-01-01-new',
      title: 'New',
      publishedAt: '2019-01-01',
      summary: 'New.',
      body: null,
      file: 'x.txt',
      line: 1,
    };
    const broken = [{ item, links: [{ kind: SubjectKind.TOPIC, slug: 'no-such-topic', relevance: 1, evidence: [] }] }];
    await expect(upsertBatch(sql, source, catalogue, broken, '2026-05-05T00:00:00.000Z')).rejects.toThrow(/no-such-topic/);
    expect(await snapshot()).toEqual(before);
  });
});

describe('npm run seed', () => {
  const capture = () => {
    const lines = { out: [] as string[], err: [] as string[] };
    return { lines, output: { out: (l: string) => lines.out.push(l), err: (l: string) => lines.err.push(l) } };
  };

  it('ingests the seeds and says what it did', async () => {
    const { lines, output } = capture();
    const code = await runIngestCli([], { DATABASE_URL: `sqlite:${path.join(dir, 'cli.db')}` }, output);
    expect(code).toBe(0);
    expect(lines.out[0]).toMatch(/^ingested 14 items from 1 file\(s\) in \d+ ms: 14 created, 0 updated, 0 unchanged, \d+ links$/);
  });

  it('exits non-zero with file:line errors on bad input', async () => {
    const bad = writeFile('bad.txt', seedText().replace('11 March 2018', '31 February 2018'));
    const { lines, output } = capture();
    const code = await runIngestCli([bad], { DATABASE_URL: `sqlite:${path.join(dir, 'cli.db')}` }, output);
    expect(code).toBe(1);
    expect(lines.err[0]).toMatch(/bad\.txt:3: .*31 February 2018/);
    expect(lines.err[lines.err.length - 1]).toBe('ingest failed: 1 error(s); nothing was written');
  });

  it('rejects a DATABASE_URL it cannot use', async () => {
    const { lines, output } = capture();
    expect(await runIngestCli([], { DATABASE_URL: 'mysql://localhost/quipu' }, output)).toBe(2);
    expect(lines.err[0]).toMatch(/DATABASE_URL must be sqlite:<path>/);
  });
});
