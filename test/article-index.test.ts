import pg from 'pg';
import { MAX_RELATED, RELATED_BOUND, type RelatedRow, readRelated } from '../src/article/article.related';
import { pgIndexSource } from '../src/db/postgres/article-index-source';
import type { Sql } from '../src/db/sql';
import { loadCatalogue } from '../src/ingest/catalogue';
import { ingestFiles } from '../src/ingest/pipeline';
import { keepingTimeline } from '../src/timeline/timeline.counts';
import { writeNewsFixture } from './support/factories';
import { testEngine } from './support/postgres';
import { seedsDir, startServer, type TestServer } from './support/server';

/**
 * The article index (db/article-index.ts: SQLite's index processes, PostgreSQL's worker thread) answers totals and facets; SQL answers
 * them too when it is off. Two servers over one database file, one with the index and one without,
 * must give the same answers to every filter shape, before and after writes.
 */
const LIST = `query List($filter: ArticleFilter) {
  articles(filter: $filter, first: 3) {
    totalCount
    edges { node { slug } }
    facets {
      topics(first: 100) { topic { slug } count }
      organisations(first: 100) { organisation { slug } count }
      places(first: 100) { place { slug } count }
      people(first: 100) { person { slug } count }
      months(first: 100) { month count }
    }
  }
}`;

async function list(server: TestServer, filter: unknown): Promise<unknown> {
  const response = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: LIST, variables: { filter } }),
  });
  const body = (await response.json()) as { data?: unknown; errors?: unknown };
  if (body.errors) throw new Error(`GraphQL errors for ${JSON.stringify(filter)}: ${JSON.stringify(body.errors)}`);
  return body.data;
}

async function setAnswers(server: TestServer): Promise<{ index: number; sql: number }> {
  const text = await (await fetch(`${server.url}/metrics`)).text();
  const count = (source: string) => Number(new RegExp(`^quipu_article_sets_total\\{source="${source}"\\} (\\d+)`, 'm').exec(text)?.[1] ?? 0);
  return { index: count('index'), sql: count('sql') };
}

/** Filters of every shape over the database's own subjects: trees with what lies below, any/all/none, NOT, OR, dates, kinds. */
async function filters(server: TestServer): Promise<unknown[]> {
  const top = async (kind: string, table: string, n: number) =>
    (
      await server.sql.all<{ slug: string }>(
        `SELECT e.slug FROM ${table} e JOIN link_subject s ON s.subject_kind = ? AND s.subject_id = e.id ORDER BY s.articles DESC, e.id LIMIT ?`,
        [kind, n],
      )
    ).map((row) => row.slug);
  const parent = async (table: string) =>
    (await server.sql.get<{ slug: string }>(`SELECT p.slug FROM ${table} p WHERE EXISTS (SELECT 1 FROM ${table} c WHERE c.parent_id = p.id) ORDER BY p.id LIMIT 1`))!.slug;
  const [t1, t2, t3] = await top('TOPIC', 'topic', 3);
  const [p1] = await top('PLACE', 'place', 1);
  const [o1, o2] = await top('ORGANISATION', 'organisation', 2);
  const [n1] = await top('PERSON', 'person', 1);
  const topicTree = await parent('topic');
  const placeTree = await parent('place');
  return [
    null,
    { topics: { any: [topicTree] } },
    { places: { any: [placeTree] } },
    { topics: { any: [t1, t2] }, places: { any: [placeTree] } },
    { topics: { all: [t1, t2] } },
    { topics: { any: [t3], none: [t1] } },
    { NOT: { topics: { any: [t1] } } },
    { OR: [{ organisations: { any: [o1] } }, { people: { any: [n1] } }] },
    { OR: [] },
    { AND: [] },
    { organisations: { all: [o1, o2] } },
    { publishedFrom: '2012-01-01', publishedTo: '2016-12-31' },
    { NOT: { publishedFrom: '2015-01-01' } },
    { kind: 'PAGE' },
    { kind: 'NEWS', topics: { any: [t2] } },
    { AND: [{ topics: { any: [topicTree] } }, { NOT: { places: { any: [p1] } } }], publishedTo: '2019-06-30' },
    { OR: [{ kind: 'PAGE' }, { NOT: { topics: { any: [t1, t2, t3] } }, publishedFrom: '2014-01-01' }] },
  ];
}

const RELATED = `query Related($slug: String!) {
  article(slug: $slug) { related(first: 20) { score article { slug } reasons { subject { __typename } weight articleCount } } }
}`;

/** Related rows with their shared entities in one order (SQL aggregates them in any). */
const inOneOrder = (rows: RelatedRow[] | undefined) => rows?.map((row) => ({ ...row, shared: row.shared.split(',').sort().join(',') }));

/** Related articles from the index (asked directly, with the product's bound and a tight one that makes most entities common) and from SQL. */
async function expectSameRelated(indexed: TestServer, plain: TestServer): Promise<void> {
  const ids = await plain.sql.all<{ id: number; slug: string }>('SELECT id, slug FROM article ORDER BY id');
  for (const bound of [RELATED_BOUND, { wholeBudget: 4, perCommonEntity: 2 }]) {
    for (let i = 0; i < ids.length; i += 60) {
      const batch = ids.slice(i, i + 60).map((row) => row.id);
      const answer = await (indexed.sql as Sql).articleSets({ related: { articleIds: batch, bound, first: MAX_RELATED } });
      expect(inOneOrder(answer?.related)).toEqual(inOneOrder(await readRelated(plain.sql, batch, bound)));
    }
  }
  const ask = async (server: TestServer, slug: string) =>
    (
      (await (
        await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: RELATED, variables: { slug } }) })
      ).json()) as { data: unknown }
    ).data;
  for (const { slug } of ids.filter((_, i) => i % 7 === 0)) expect(await ask(indexed, slug)).toEqual(await ask(plain, slug));
}

describe('the article index', () => {
  let indexed: TestServer;
  let plain: TestServer;
  beforeAll(async () => {
    indexed = await startServer();
    plain = await startServer({ prebuilt: indexed.dbPath, articleIndex: false });
    await indexed.articleIndexesReady();
  }, 60_000);
  afterAll(async () => {
    await plain?.close();
    await indexed?.close();
  });

  async function expectSameAnswers(): Promise<void> {
    const shapes = await filters(indexed);
    const expected = [];
    for (const filter of shapes) expected.push({ filter, data: await list(plain, filter) });
    // (Both servers share this process's counters: the plain one is done before counting.)
    const before = await setAnswers(indexed);
    const answers = [];
    for (const filter of shapes) answers.push({ filter, data: await list(indexed, filter) });
    expect(answers).toEqual(expected);
    // Every total and facet that could come from the index did: none fell back to SQL.
    const after = await setAnswers(indexed);
    expect(after.sql).toBe(before.sql);
    expect(after.index).toBeGreaterThan(before.index + shapes.length);
    await expectSameRelated(indexed, plain);
  }

  it('answers totals, facets and related articles as SQL does, for every filter shape and article', async () => {
    await expectSameAnswers();
  });

  it('follows writes: new articles, links replaced by a re-ingest, a subject moved in its tree', async () => {
    const catalogue = loadCatalogue(seedsDir);
    const source = { name: 'Fixture', url: 'https://example.org/' };
    await ingestFiles(indexed.sql, [writeNewsFixture(150)], { catalogue, source, now: '2026-05-01T00:00:00.000Z' });
    await expectSameAnswers();
    // The same items with other words: updated in place, their rule links deleted and made anew.
    await ingestFiles(indexed.sql, [writeNewsFixture(150, { summaryPadding: 40 })], { catalogue, source, now: '2026-05-02T00:00:00.000Z' });
    await expectSameAnswers();
    // A topic moved under another changes what the parent's subtree holds (moved as the catalogue and the desk
    // move one, keeping the timeline aggregate, which facets over every article come from without an index).
    await keepingTimeline(indexed.sql, () =>
      indexed.sql.run(
        'UPDATE topic SET parent_id = (SELECT id FROM topic WHERE parent_id IS NULL ORDER BY id LIMIT 1) ' +
          'WHERE id = (SELECT id FROM topic WHERE parent_id IS NULL ORDER BY id DESC LIMIT 1)',
      ),
    );
    await expectSameAnswers();
  }, 60_000);

  it('rebuilds when the log was pruned past what it has seen, and answers as SQL does again', async () => {
    await expectSameAnswers();
    // As if a long ingest had run while it was away: writes it never saw pruned from the log, then more.
    const catalogue = loadCatalogue(seedsDir);
    const ingest = (count: number, summaryPadding: number, now: string) =>
      ingestFiles(indexed.sql, [writeNewsFixture(count, { summaryPadding })], { catalogue, source: { name: 'Later', url: 'https://example.org/later' }, now });
    await ingest(250, 0, '2026-05-03T00:00:00.000Z');
    await indexed.sql.run('DELETE FROM article_change');
    await ingest(20, 80, '2026-05-04T00:00:00.000Z');
    // The first answer after the gap comes from SQL (correct, and it starts the rebuild); then the index again.
    const before = await setAnswers(indexed);
    for (const start = Date.now(); Date.now() - start < 30_000; await new Promise((resolve) => setTimeout(resolve, 50))) {
      await list(indexed, { kind: 'NEWS' });
      if ((await setAnswers(indexed)).index > before.index) break;
    }
    expect((await setAnswers(indexed)).sql).toBeGreaterThan(before.sql);
    await expectSameAnswers();
  }, 60_000);

  (testEngine === 'postgres' ? it : it.skip)('on PostgreSQL, reads a snapshot with no round trip of its own: BEGIN goes with the first read', async () => {
    const client = new pg.Client({ connectionString: indexed.dbPath });
    await client.connect();
    try {
      const sent: string[] = [];
      const query = client.query.bind(client) as (config: unknown) => Promise<unknown>;
      const counted = Object.assign(Object.create(client) as pg.Client, {
        query: (config: string | { text: string }) => {
          sent.push(typeof config === 'string' ? config : config.text);
          return query(config);
        },
      });
      const source = pgIndexSource(counted);
      const seen = await source.snapshot(async () => {
        const log = await source.changesAfter(0);
        const [[isolation]] = (await counted.query({ text: "SELECT current_setting('transaction_isolation')", rowMode: 'array' })).rows as [string][];
        return { log, isolation, last: await source.lastSeq() };
      });
      expect(seen.isolation).toBe('repeatable read');
      expect(seen.log.at(-1)?.[0] ?? 0).toBe(seen.last);
      // One message for BEGIN and the log, then the two reads, then the COMMIT (not waited for).
      expect(sent).toHaveLength(4);
      expect(sent[0]).toMatch(/^BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY; SELECT seq, article_id FROM article_change WHERE seq > 0 /);
      expect(sent[3]).toBe('COMMIT');
    } finally {
      await client.end();
    }
  });

  // On a PostgreSQL server (npm run test:services): the index thread's connection is ended under it.
  (process.env.TEST_DATABASE_URL && testEngine === 'postgres' ? it : it.skip)('goes on answering from SQL when the index loses its connection', async () => {
    const [{ ended }] = await indexed.sql.all<{ ended: boolean }>(
      "SELECT pg_terminate_backend(pid) AS ended FROM pg_stat_activity WHERE application_name = 'quipu article index' AND datname = current_database()",
    );
    expect(ended).toBe(true);
    for (let tries = 0; indexed.articleIndexes().ready > 0 && tries < 100; tries++) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(indexed.articleIndexes()).toEqual({ processes: 1, ready: 0 });
    const before = await setAnswers(indexed);
    const shapes = await filters(indexed);
    for (const filter of shapes) expect(await list(indexed, filter)).toEqual(await list(plain, filter));
    expect((await setAnswers(indexed)).sql).toBeGreaterThan(before.sql);
  });
});
