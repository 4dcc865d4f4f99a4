import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../db/data-source';
import type { Sql } from '../db/sql';
import type { CatalogueSizes } from '../synthetic/catalogue';
import { createCorpus, SYNTHETIC_NOW, SYNTHETIC_SOURCE } from '../synthetic/corpus';
import { createExtractor } from './extract';
import { type ExtractedItem, type UpsertCounts, upsertBatch } from './upsert';

const SIZES: CatalogueSizes = { topicRoots: 5, topics: 50, organisations: 200, places: 100, people: 100 };
// Every article on one day, so an article counted twice or not at all shows in that day's totals.
const DAY = '2020-01-01';

let dir: string;
const open: (() => Promise<void>)[] = [];
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quipu-upsert-'));
});
afterAll(async () => {
  for (const close of open) await close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function database(name: string): Promise<Sql> {
  const { sql, close } = await openDatabase(path.join(dir, `${name}.db`));
  open.push(close);
  return sql;
}

/** The article rows, the link rows by key, and the timeline. */
async function rows(sql: Sql) {
  return {
    articles: await sql.all('SELECT * FROM article ORDER BY id'),
    links: await sql.all('SELECT * FROM article_link ORDER BY article_id, subject_kind, subject_id'),
    timeline: await sql.all('SELECT * FROM timeline_day ORDER BY subject_kind, subject_id, day'),
  };
}

describe('upsertBatch', () => {
  it('writes two items of one batch that stand for one article as two batches would', async () => {
    const { catalogue, articles } = createCorpus(7, 6, SIZES);
    const extract = createExtractor(catalogue);
    const items: ExtractedItem[] = articles.batch(6).map((generated) => {
      const item = { ...generated, publishedAt: DAY };
      return { item, links: extract(item) };
    });
    const corrected = (title: string) => ({ ...items[2].item, slug: `${items[2].item.slug}-${title}`, title: `${items[2].item.title} (${title})` });
    const batch: ExtractedItem[] = [
      // One slug twice, with other content and links the second time.
      items[0],
      { item: { ...items[0].item, summary: 'Corrected.' }, links: items[1].links },
      // Two corrections of one stored title.
      { item: corrected('a'), links: items[3].links },
      { item: corrected('b'), links: items[4].links },
      items[5],
    ];
    const once = await database('once');
    const apart = await database('apart');
    for (const sql of [once, apart]) await upsertBatch(sql, SYNTHETIC_SOURCE, catalogue, items, SYNTHETIC_NOW);

    const inOne = await upsertBatch(once, SYNTHETIC_SOURCE, catalogue, batch, SYNTHETIC_NOW);
    const total: UpsertCounts = { created: 0, updated: 0, unchanged: 0, deleted: 0, links: 0 };
    for (const extracted of batch) {
      const counts = await upsertBatch(apart, SYNTHETIC_SOURCE, catalogue, [extracted], SYNTHETIC_NOW);
      for (const key of Object.keys(total) as (keyof UpsertCounts)[]) total[key] += counts[key];
    }

    expect(inOne).toEqual({ created: 0, updated: 3, unchanged: 2, deleted: 0, links: total.links });
    expect(total).toEqual(inOne);
    expect(await once.get("SELECT articles FROM timeline_day WHERE subject_kind = 'ALL' AND day = ?", [DAY])).toEqual({ articles: 6 });
    expect(await rows(once)).toEqual(await rows(apart));
  });
});
