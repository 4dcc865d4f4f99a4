import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { RANK_WINDOW } from '../src/article/article.query';
import { fromGlobalId } from '../src/core/node';
import { openDatabase } from '../src/db/data-source';
import { buildCorpus } from '../src/synthetic/build';
import { PlaceRankedSearchDocument, RankedSearchDocument } from './generated/graphql';
import { testEngine } from './support/postgres';
import { startServer, type TestServer } from './support/server';

/**
 * A relevance order ranks a search's RANK_WINDOW most recently added hits (article.query.ts): these tests read a
 * synthetic corpus in which "that" is in most of 3,500 articles, on the engine under test, and check the window
 * against hits found here by reading every article's text.
 */
// The corpus reaches PostgreSQL as `npm run migrate-data` copies it, by COPY, which the embedded PostgreSQL's socket
// does not carry: on PostgreSQL this file runs against a server (`npm run test:services`), and is skipped on the embedded one.
const runs = testEngine === 'sqlite' || Boolean(process.env.TEST_DATABASE_URL);

let dir: string;
let server: TestServer;
/** Ids of the articles whose title, summary or body has the word "that". */
let hits: number[];
/** The place with the most of those hits in its subtree (over RANK_WINDOW), and those hits. */
let place: { slug: string; hits: number[] };
/** Each article's publication date (YYYY-MM-DD), or null. */
let dates: Map<number, string | null>;

const WORD = /\bthat\b/i;
const newest = (ids: number[]) => [...ids].sort((a, b) => b - a).slice(0, RANK_WINDOW);
const sorted = (ids: number[]) => [...ids].sort((a, b) => a - b);
const idOf = (node: { id: string }) => fromGlobalId(node.id).id;

beforeAll(async () => {
  if (!runs) return;
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quipu-window-'));
  const file = path.join(dir, 'corpus.db');
  const database = await openDatabase(file);
  await buildCorpus(database.sql, { articles: 3500, seed: 3 });
  await database.close();
  server = await startServer({ copyFrom: file });
  const articles = await server.sql.all<{ id: number; title: string; summary: string; body: string | null; date: string | null }>(
    'SELECT id, title, summary, body, published_at AS date FROM article',
  );
  dates = new Map(articles.map((a) => [a.id, a.date]));
  hits = articles.filter((a) => WORD.test(a.title) || WORD.test(a.summary) || WORD.test(a.body ?? '')).map((a) => a.id);
  const byCountry = await server.sql.all<{ slug: string; id: number }>(
    'WITH RECURSIVE sub(root, id) AS (SELECT id, id FROM place WHERE parent_id IS NULL UNION SELECT sub.root, c.id FROM place c JOIN sub ON c.parent_id = sub.id) ' +
      "SELECT DISTINCT r.slug, l.article_id AS id FROM sub JOIN place r ON r.id = sub.root JOIN article_link l ON l.subject_kind = 'PLACE' AND l.subject_id = sub.id",
  );
  const hit = new Set(hits);
  const countries = new Map<string, number[]>();
  for (const row of byCountry) if (hit.has(row.id)) countries.set(row.slug, [...(countries.get(row.slug) ?? []), row.id]);
  const [slug, placeHits] = [...countries].sort((a, b) => b[1].length - a[1].length)[0];
  place = { slug, hits: placeHits };
}, 180_000);

afterAll(async () => {
  await server?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

/** Every page of a list by relevance, 100 at a time: the ids in order, and each page's totalCount. */
async function allPages(read: (after: string | null) => Promise<{ totalCount: number; nodes: { id: string }[]; pageInfo: { hasNextPage: boolean; endCursor?: string | null } }>) {
  const ids: number[] = [];
  const totals = new Set<number>();
  let after: string | null = null;
  for (;;) {
    const page = await read(after);
    ids.push(...page.nodes.map(idOf));
    totals.add(page.totalCount);
    if (!page.pageInfo.hasNextPage) return { ids, totals: [...totals] };
    after = page.pageInfo.endCursor ?? null;
  }
}

(runs ? describe : describe.skip)(`a relevance order ranks the ${RANK_WINDOW} most recently added hits`, () => {
  it('the corpus has a word in more articles than the window, and a place with more of them than the window', () => {
    expect(hits.length).toBeGreaterThan(RANK_WINDOW * 3);
    expect(place.hits.length).toBeGreaterThan(RANK_WINDOW);
  });

  it('a search pages through exactly the window, while totalCount counts every hit', async () => {
    const { ids, totals } = await allPages(async (after) => (await server.query(RankedSearchDocument, { search: 'that', first: 100, after })).articles);
    expect(totals).toEqual([hits.length]);
    expect(ids).toHaveLength(RANK_WINDOW);
    expect(sorted(ids)).toEqual(sorted(newest(hits)));
  });

  it('reading backwards from the end gives the window’s last hits, in the same order', async () => {
    const forward = await allPages(async (after) => (await server.query(RankedSearchDocument, { search: 'that', first: 100, after })).articles);
    const last = await server.query(RankedSearchDocument, { search: 'that', last: 7 });
    expect(last.articles.nodes.map(idOf)).toEqual(forward.ids.slice(-7));
  });

  it('with a filter, the window is of the hits that pass it', async () => {
    const filter = { places: { any: [place.slug] } };
    const { ids, totals } = await allPages(async (after) => (await server.query(RankedSearchDocument, { search: 'that', filter, first: 100, after })).articles);
    expect(totals).toEqual([place.hits.length]);
    expect(sorted(ids)).toEqual(sorted(newest(place.hits)));
  });

  it('a subject’s own list by relevance keeps the same window', async () => {
    const { ids, totals } = await allPages(
      async (after) => (await server.query(PlaceRankedSearchDocument, { slug: place.slug, search: 'that', first: 100, after })).place!.articles,
    );
    expect(totals).toEqual([place.hits.length]);
    expect(sorted(ids)).toEqual(sorted(newest(place.hits)));
  });

  it('a search with fewer hits than the window lists them all', async () => {
    const rare = { places: { any: [place.slug] }, publishedFrom: '2020-01-01' };
    const { ids, totals } = await allPages(async (after) => (await server.query(RankedSearchDocument, { search: 'that', filter: rare, first: 100, after })).articles);
    const expected = place.hits.filter((id) => (dates.get(id) ?? '') >= '2020-01-01');
    expect(expected.length).toBeLessThan(RANK_WINDOW);
    expect(totals).toEqual([expected.length]);
    expect(sorted(ids)).toEqual(sorted(expected));
  });
});
