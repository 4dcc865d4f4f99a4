import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ChannelSeedError, readChannels, seedChannels, writeChannels } from '../src/channel/channel.seed';
import { createApp } from '../src/http/server';
import {
  ArticleFacetsDocument,
  type ArticleFilter,
  ArticleListDocument,
  ArticleUrlsDocument,
  ChannelArticlesDocument,
  ChannelFacetsDocument,
  ChannelNodeDocument,
  ChannelsArticlesDocument,
  ChannelsDocument,
  ChannelsWithArticlesDocument,
  ChannelsWithTotalsAndFacetsDocument,
} from './generated/graphql';
import { writeNewsFixture } from './support/factories';
import { NEWS } from './support/seed-slugs';
import { seedsDir, startServer, type TestServer } from './support/server';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

const SEEDED = ['environment', 'human-rights', 'mining', 'mining-in-cajamarca', 'politics'];

function writeYaml(text: string): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'quipu-channels-')), 'channels.yaml');
  fs.writeFileSync(file, text);
  return file;
}

describe('channels from seeds/channels.yaml', () => {
  it('lists the seeded channels by slug, each with its stored filter and absolute feed URLs', async () => {
    const { channels } = await server.query(ChannelsDocument, {});
    expect(channels.map((c) => c.slug)).toEqual(SEEDED);
    const cajamarca = channels.find((c) => c.slug === 'mining-in-cajamarca')!;
    expect(cajamarca.title).toBe('Mining in Cajamarca');
    expect(cajamarca.filter).toEqual({ topics: { any: ['mining'] }, places: { any: ['cajamarca'] } });
    expect(cajamarca.feeds).toEqual({
      rss: `${server.url}/feeds/mining-in-cajamarca.rss`,
      atom: `${server.url}/feeds/mining-in-cajamarca.atom`,
      json: `${server.url}/feeds/mining-in-cajamarca.json`,
    });
  });

  it('answers null for an unknown channel, and finds a channel by its global id', async () => {
    expect((await server.query(ChannelArticlesDocument, { slug: 'no-such-channel' })).channel).toBeNull();
    const { channels } = await server.query(ChannelsDocument, {});
    const { node } = await server.query(ChannelNodeDocument, { id: channels[2].id });
    expect(node).toEqual({ __typename: 'Channel', id: channels[2].id, slug: 'mining', title: 'Mining' });
  });

  it('re-seeding the same file changes nothing', async () => {
    expect(await seedChannels(server.sql, seedsDir)).toEqual({ created: 0, updated: 0, unchanged: 5, removed: 0, skipped: [] });
  });

  it('at start-up, a channel naming subjects this database lacks is left out with a warning, and the rest are written', async () => {
    const file = writeYaml(`channels:
  - slug: elsewhere
    title: Elsewhere
    description: A place only another catalogue knows.
    filter: { places: { any: [atlantis] } }
`);
    try {
      const report = await writeChannels(server.sql, [...readChannels(path.join(seedsDir, 'channels.yaml')), ...readChannels(file)], file, { skipUnknown: true });
      expect(report).toEqual({
        created: 0,
        updated: 0,
        unchanged: 5,
        removed: 0,
        skipped: [
          'channel "elsewhere": left out, as this database lacks what it names: filter.places.any[0]: unknown place "atlantis" (see seeds/taxonomy.yaml and seeds/gazetteer.yaml)',
        ],
      });
      expect((await server.query(ChannelsDocument, {})).channels.map((c) => c.slug)).toEqual(SEEDED);
      // Without skipUnknown (an editor checking the file) the same name is an error, and nothing is written.
      await expect(writeChannels(server.sql, readChannels(file), file)).rejects.toThrow(ChannelSeedError);
      expect((await server.query(ChannelsDocument, {})).channels.map((c) => c.slug)).toEqual(SEEDED);
    } finally {
      await seedChannels(server.sql, seedsDir);
    }
  });

  it('rejects a bad channels file with every problem, naming the channel and the field, and writes nothing', async () => {
    const file = writeYaml(`channels:
  - slug: cajamarca-typo
    title: Typo
    description: A place that is not in the gazetteer.
    filter: { topics: { any: [mining] }, places: { any: [mining, cajamarka] } }
  - slug: bad-shape
    title: Bad shape
    description: A field the API does not know, and a date that is not one.
    filter: { topix: { any: [mining] }, publishedFrom: 2018-02-30 }
  - slug: empty-any
    title: Empty
    description: An empty any list, which the API rejects.
    filter: { AND: [{ people: { any: [] } }] }
`);
    const defs = readChannels(file);
    let error: unknown;
    try {
      await writeChannels(server.sql, defs, file);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ChannelSeedError);
    const { problems } = error as ChannelSeedError;
    expect(problems).toContain('channel "cajamarca-typo": filter.places.any[0]: unknown place "mining" (see seeds/taxonomy.yaml and seeds/gazetteer.yaml)');
    expect(problems).toContain('channel "cajamarca-typo": filter.places.any[1]: unknown place "cajamarka" (see seeds/taxonomy.yaml and seeds/gazetteer.yaml)');
    expect(problems).toContain('channel "bad-shape": filter: Field "topix" is not defined by type "ArticleFilter". Did you mean "topics"?');
    expect(problems).toContain('channel "bad-shape": filter.publishedFrom: Value is not a valid LocalDate: 2018-02-30');
    expect(problems).toContain('channel "empty-any": filter.AND[0].people.any is empty: give at least one slug, or leave it out');
    expect((error as Error).message).toMatch(/channels\.yaml: 5 problem\(s\), no channel was written/);
    const { channels } = await server.query(ChannelsDocument, {});
    expect(channels.map((c) => c.slug)).toEqual(SEEDED);
  });

  it('stores a field given as null as left out, so its feed and explorer link are those of the filter without it', async () => {
    const file = writeYaml(`channels:
  - slug: mining-with-nulls
    title: Mining
    description: Fields with nothing after them.
    filter: { topics: { any: [mining] }, places: null, publishedFrom: null }
`);
    try {
      await writeChannels(server.sql, [...readChannels(path.join(seedsDir, 'channels.yaml')), ...readChannels(file)], file);
      const stored = (await server.query(ChannelsDocument, {})).channels.find((c) => c.slug === 'mining-with-nulls');
      expect(stored?.filter).toEqual({ topics: { any: ['mining'] } });
      const feed = await fetch(`${server.url}/feeds/mining-with-nulls.rss`);
      expect(feed.status).toBe(200);
      expect(await feed.text()).toContain(`<link>${server.url}/explore?topic=mining</link>`);
    } finally {
      await seedChannels(server.sql, seedsDir);
    }
  });

  it('rejects a malformed file before looking at filters', () => {
    const file = writeYaml('channels:\n  - slug: Not A Slug\n    title: ""\n    filter: [mining]\n    colour: red\n');
    expect(() => readChannels(file)).toThrow(ChannelSeedError);
    try {
      readChannels(file);
    } catch (error) {
      expect((error as ChannelSeedError).problems).toEqual([
        'channel "Not A Slug": unknown field "colour" (allowed: slug, title, description, filter)',
        'channel "Not A Slug": "title" must be a non-empty string',
        'channel "Not A Slug": "description" must be a non-empty string',
        'channel "Not A Slug": slug must be lower-case letters and digits joined by single hyphens',
        'channel "Not A Slug": "filter" must be an ArticleFilter mapping, e.g. { topics: { any: [mining] } }',
      ]);
    }
    expect(() => readChannels(writeYaml('channel: []\n'))).toThrow('expected a top-level "channels:" list');
  });
});

describe("a channel's articles", () => {
  const storedFilter = async (slug: string) => (await server.query(ChannelArticlesDocument, { slug, first: 0 })).channel!.filter as ArticleFilter;

  it('are exactly articles(filter: <stored filter>), page by page, with the same cursors and totals', async () => {
    for (const slug of SEEDED) {
      const filter = await storedFilter(slug);
      const root = await server.query(ArticleListDocument, { filter, first: 100 });
      const channel = (await server.query(ChannelArticlesDocument, { slug, first: 100 })).channel!;
      expect(channel.articles).toEqual(root.articles);
      expect(channel.articles.totalCount).toBeGreaterThan(0);
      // The second page of two, from the first page's end cursor.
      const first = (await server.query(ChannelArticlesDocument, { slug, first: 2 })).channel!.articles;
      const next = (await server.query(ChannelArticlesDocument, { slug, first: 2, after: first.pageInfo.endCursor })).channel!.articles;
      const rootNext = await server.query(ArticleListDocument, { filter, first: 2, after: first.pageInfo.endCursor });
      expect(next).toEqual(rootNext.articles);
    }
  });

  it('mining-in-cajamarca holds the Michiquillay news: mining in a mine site inside Cajamarca', async () => {
    const channel = (await server.query(ChannelArticlesDocument, { slug: 'mining-in-cajamarca' })).channel!;
    expect(channel.articles.edges.map((e) => e.node.slug)).toContain(NEWS.michiquillay);
    const mining = (await server.query(ChannelArticlesDocument, { slug: 'mining' })).channel!;
    expect(mining.articles.totalCount).toBeGreaterThan(channel.articles.totalCount);
  });

  it('AND the stored filter with a given filter, search and order; totals and facets honour both', async () => {
    const cases: { slug: string; filter?: ArticleFilter; search?: string; orderBy?: 'TITLE' | 'PUBLISHED_AT_ASC' | 'RELEVANCE' }[] = [
      { slug: 'mining', filter: { publishedFrom: '2018-02-20' } },
      { slug: 'mining', filter: { places: { none: ['cajamarca'] } }, orderBy: 'TITLE' },
      { slug: 'environment', filter: { OR: [{ topics: { any: ['pollution'] } }, { kind: 'PAGE' }] }, orderBy: 'PUBLISHED_AT_ASC' },
      { slug: 'mining', search: 'Southern', orderBy: 'RELEVANCE' },
      { slug: 'politics', filter: { topics: { none: ['social-protest'] } }, search: 'law OR court' },
    ];
    for (const { slug, filter, search, orderBy } of cases) {
      const stored = await storedFilter(slug);
      const both: ArticleFilter = filter ? { AND: [stored, filter] } : stored;
      const root = await server.query(ArticleListDocument, { filter: both, search, orderBy, first: 100 });
      const channel = (await server.query(ChannelArticlesDocument, { slug, filter, search, orderBy, first: 100 })).channel!;
      expect({ slug, articles: channel.articles }).toEqual({ slug, articles: root.articles });
      // The same through the list of every channel (read together, one statement for all), page by page.
      const listed = async (page: { first?: number; after?: string | null; last?: number; before?: string | null }) =>
        (await server.query(ChannelsArticlesDocument, { filter, search, orderBy, ...page })).channels.find((c) => c.slug === slug)!.articles;
      const single = async (page: { first?: number; after?: string | null; last?: number; before?: string | null }) =>
        (await server.query(ChannelArticlesDocument, { slug, filter, search, orderBy, ...page })).channel!.articles;
      expect({ slug, listed: await listed({ first: 100 }) }).toEqual({ slug, listed: channel.articles });
      const first = await listed({ first: 2 });
      expect(first).toEqual(await single({ first: 2 }));
      expect(await listed({ first: 2, after: first.pageInfo.endCursor })).toEqual(await single({ first: 2, after: first.pageInfo.endCursor }));
      expect(await listed({ last: 2 })).toEqual(await single({ last: 2 }));
      const rootFacets = (await server.query(ArticleFacetsDocument, { filter: both, search })).articles;
      const channelFacets = (await server.query(ChannelFacetsDocument, { slug, filter, search })).channel!.articles;
      expect(channelFacets.totalCount).toBe(rootFacets.totalCount);
      expect(channelFacets.facets.topics).toEqual(rootFacets.facets.topics);
      expect(channelFacets.facets.places).toEqual(rootFacets.facets.places);
      expect(channelFacets.facets.months).toEqual(rootFacets.facets.months);
    }
    const narrowed = (await server.query(ChannelArticlesDocument, { slug: 'mining', filter: { publishedFrom: '2018-02-20' } })).channel!.articles;
    const all = (await server.query(ChannelArticlesDocument, { slug: 'mining' })).channel!.articles;
    expect(narrowed.totalCount).toBeGreaterThan(0);
    expect(narrowed.totalCount).toBeLessThan(all.totalCount);
  });

  it('answers a bad argument with the same error as the root list', async () => {
    const result = await server.request(ChannelArticlesDocument, { slug: 'mining', filter: { topics: { any: ['no-such-topic'] } } });
    expect(result.errors?.[0]).toMatchObject({ message: expect.stringContaining('topic "no-such-topic"'), extensions: { code: 'BAD_USER_INPUT', argument: 'filter' } });
    const empty = await server.request(ChannelArticlesDocument, { slug: 'mining', filter: { places: { any: [] } } });
    expect(empty.errors?.[0]).toMatchObject({ message: 'filter.places.any is empty: give at least one slug, or leave it out', extensions: { code: 'BAD_USER_INPUT' } });
    const big = await server.request(ChannelArticlesDocument, { slug: 'mining', first: 101 });
    expect(big.errors?.[0]).toMatchObject({ message: 'first must be between 0 and 100, got 101', extensions: { code: 'BAD_USER_INPUT' } });
  });

  it('counts the stored and the given filter together towards the filter limits, alone, in a list, and in a second list of the same channels', async () => {
    // mining-in-cajamarca stores 2 slugs; 99 more make 101, one over the limit of 100.
    const given = `{ topics: { any: [${Array.from({ length: 99 }, () => '"mining"').join(', ')}] } }`;
    const errorOf = async (query: string) => {
      const response = await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
      return ((await response.json()) as { errors?: { message: string }[] }).errors?.[0]?.message;
    };
    const tooMany = expect.stringMatching(/more than 100 slugs/);
    expect(await errorOf(`{ channel(slug: "mining-in-cajamarca") { articles(filter: ${given}) { totalCount } } }`)).toEqual(tooMany);
    expect(await errorOf(`{ channels { articles(filter: ${given}) { totalCount } } }`)).toEqual(tooMany);
    expect(await errorOf(`{ channels { a: articles(first: 1) { totalCount } b: articles(first: 1, filter: ${given}) { totalCount } } }`)).toEqual(tooMany);
  });

  it('every channel in one list (read together) has the page, total and facets it has alone, with or without a filter of its own', async () => {
    for (const filter of [undefined, { publishedFrom: '2018-02-17' }, { places: { none: ['peru'] } }] as ArticleFilter[]) {
      const { channels } = await server.query(ChannelsWithTotalsAndFacetsDocument, { filter });
      for (const channel of channels) {
        const alone = (await server.query(ChannelFacetsDocument, { slug: channel.slug, filter })).channel!.articles;
        const page = (await server.query(ChannelArticlesDocument, { slug: channel.slug, filter, first: 3 })).channel!.articles;
        expect(channel.articles.totalCount).toBe(alone.totalCount);
        expect(channel.articles.facets.topics).toEqual(alone.facets.topics);
        expect(channel.articles.nodes.map((n) => n.slug)).toEqual(page.edges.map((e) => e.node.slug));
      }
      expect(channels.some((c) => c.articles.totalCount > 0)).toBe(true);
    }
  });
});

describe('Article.url', () => {
  it("is the article's public page on the request's own origin", async () => {
    const { articles } = await server.query(ArticleUrlsDocument, { first: 3 });
    for (const article of articles.nodes) expect(article.url).toBe(`${server.url}/articles/${article.slug}`);
  });

  it('is on PUBLIC_URL when it is set', async () => {
    const app = await createApp({ sql: server.sql, ready: true }, { publicUrl: 'https://news.example.org' });
    try {
      const url = await app.listen({ port: 0, host: '127.0.0.1' });
      const response = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ articles(first: 1) { nodes { slug url } } channel(slug: "mining") { feeds { rss } } }' }),
      });
      const { data } = (await response.json()) as { data: { articles: { nodes: { slug: string; url: string }[] }; channel: { feeds: { rss: string } } } };
      expect(data.articles.nodes[0].url).toBe(`https://news.example.org/articles/${data.articles.nodes[0].slug}`);
      expect(data.channel.feeds.rss).toBe('https://news.example.org/feeds/mining.rss');
    } finally {
      await app.close();
    }
  });
});

describe('SQL statements for channels (no N+1)', () => {
  let big: TestServer;
  beforeAll(async () => {
    // Repeated requests are counted as they execute: no answer kept.
    big = await startServer({ files: [writeNewsFixture(120)], cacheResponses: false });
  });
  afterAll(() => big.close());

  async function statementsFor(run: () => Promise<unknown>): Promise<number> {
    const before = await big.sqlStatements();
    await run();
    return (await big.sqlStatements()) - before;
  }

  it('channels { articles(first: N) { nodes { title topics } } } costs the same for 5 or 601 channels and any N', async () => {
    const counts: Record<string, number> = {};
    for (const n of [1, 5, 20]) counts[`5 channels, first ${n}`] = await statementsFor(() => big.query(ChannelsWithArticlesDocument, { first: n }));
    const topics = ['mining', 'environment', 'politics', 'human-rights', 'economy'];
    const defs = readChannels(path.join(seedsDir, 'channels.yaml'));
    // 601: more stored filters than SQLite allows SELECTs in one compound statement (500).
    for (let i = 0; i < 596; i++) {
      defs.push({ slug: `extra-${i}`, title: `Extra ${i}`, description: 'More channels.', filter: { topics: { any: [topics[i % 5]] }, publishedFrom: `2010-0${1 + (i % 3)}-01` } });
    }
    await writeChannels(big.sql, defs);
    const result = await big.query(ChannelsWithArticlesDocument, { first: 5 });
    expect(result.channels).toHaveLength(601);
    expect(result.channels.filter((c) => c.articles.nodes.length === 5).length).toBeGreaterThan(50);
    expect(result.channels.every((c) => c.articles.nodes.every((a) => a.topics.length > 0))).toBe(true);
    for (const n of [1, 5, 20]) counts[`601 channels, first ${n}`] = await statementsFor(() => big.query(ChannelsWithArticlesDocument, { first: n }));
    // channels + the channels' filter slugs (resolved together) + the article pages (ids, then rows by id) + topics.
    expect(new Set(Object.values(counts))).toEqual(new Set([5]));
  });
});
