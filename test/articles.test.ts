import { ArticleByIdDocument, ArticleBySlugDocument, ArticleFacetsDocument, ArticleListDocument, NodeByIdDocument, NodesByIdsDocument, SourcesDocument } from './generated/graphql';
import { NEWS, PAGES } from './support/seed-slugs';
import { startServer, type TestServer } from './support/server';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

const slugsOf = (result: { articles: { edges: { node: { slug: string } }[] } }) => result.articles.edges.map((e) => e.node.slug);

describe('the article list', () => {
  it('holds the 10 news items newest first, then the 4 pages', async () => {
    const result = await server.query(ArticleListDocument, {});
    expect(result.articles.totalCount).toBe(14);
    const slugs = slugsOf(result);
    expect(slugs.slice(0, 10)).toEqual([
      NEWS.heavyMetals,
      NEWS.fraser,
      NEWS.students,
      NEWS.fujimori,
      NEWS.michiquillay,
      NEWS.mercury,
      NEWS.tiaMaria,
      NEWS.growth,
      NEWS.maap,
      NEWS.court,
    ]);
    expect(new Set(slugs.slice(10))).toEqual(new Set(Object.values(PAGES)));
    expect(result.articles.edges[9].node.publishedAt).toBe('2018-02-11');
    expect(result.articles.edges[10].node.publishedAt).toBeNull();
  });

  it('orders oldest first with pages still last, and by title', async () => {
    const asc = slugsOf(await server.query(ArticleListDocument, { orderBy: 'PUBLISHED_AT_ASC' }));
    expect(asc.slice(0, 2).sort()).toEqual([NEWS.court, NEWS.maap].sort());
    expect(asc[9]).toBe(NEWS.heavyMetals);
    const byTitle = slugsOf(await server.query(ArticleListDocument, { orderBy: 'TITLE', first: 3 }));
    expect(byTitle).toEqual([NEWS.heavyMetals, NEWS.growth, NEWS.fujimori]);
  });

  it('pages forward and backward with cursors without gaps or repeats', async () => {
    const all = slugsOf(await server.query(ArticleListDocument, { first: 14 }));
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: Awaited<ReturnType<typeof server.query<import('./generated/graphql').ArticleListQuery, object>>> = await server.query(ArticleListDocument, { first: 4, after });
      seen.push(...slugsOf(page));
      expect(page.articles.pageInfo.hasPreviousPage).toBe(after !== null);
      if (!page.articles.pageInfo.hasNextPage) break;
      after = page.articles.pageInfo.endCursor;
    }
    expect(seen).toEqual(all);

    const last = await server.query(ArticleListDocument, { last: 4 });
    expect(slugsOf(last)).toEqual(all.slice(10));
    expect(last.articles.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: false });
    const before = await server.query(ArticleListDocument, { last: 4, before: last.articles.pageInfo.startCursor });
    expect(slugsOf(before)).toEqual(all.slice(6, 10));
  });

  it('returns only the total when first is 0', async () => {
    const result = await server.query(ArticleListDocument, { first: 0 });
    expect(result.articles.edges).toEqual([]);
    expect(result.articles).toMatchObject({ totalCount: 14, pageInfo: { hasNextPage: true, startCursor: null } });
  });

  it.each([
    [{ first: 101 }, 'first must be between 0 and 100, got 101'],
    [{ first: -1 }, 'first must be between 0 and 100, got -1'],
    [{ last: 500 }, 'last must be between 0 and 100, got 500'],
    [{ first: 2, last: 2 }, 'pass either first or last, not both'],
    [{ after: 'not-a-cursor' }, 'after is not a cursor of this list in this order'],
    [{ orderBy: 'RELEVANCE' as const }, 'orderBy RELEVANCE needs a search'],
    [{ orderBy: 'RELEVANCE' as const, filter: { topics: { any: ['no-such-topic'] } } }, 'orderBy RELEVANCE needs a search'],
    [{ first: 101, filter: { topics: { any: ['mining'] } } }, 'first must be between 0 and 100, got 101'],
  ])('rejects %j with a clear BAD_USER_INPUT error', async (variables, message) => {
    const result = await server.request(ArticleListDocument, variables);
    expect(result.data).toBeNull();
    expect(result.errors?.[0].message).toContain(message);
    expect(result.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it.each([
    ['too few values', ['PUBLISHED_AT_DESC']],
    ['too many values', ['PUBLISHED_AT_DESC', 'x', 1, 2]],
    ['an id that is not an integer', ['PUBLISHED_AT_DESC', '2018-01-01', 'x']],
    ['a sort key that is an object', ['PUBLISHED_AT_DESC', { a: 1 }, 1]],
  ])('rejects a forged cursor with %s', async (_case, value) => {
    const after = Buffer.from(JSON.stringify(value)).toString('base64url');
    const result = await server.request(ArticleListDocument, { after });
    expect(result.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argument: 'after' } });
  });

  it('rejects a cursor taken from a list in another order', async () => {
    const byTitle = await server.query(ArticleListDocument, { orderBy: 'TITLE', first: 2 });
    const result = await server.request(ArticleListDocument, { after: byTitle.articles.pageInfo.endCursor });
    expect(result.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('one article', () => {
  it('keeps the text exactly as published, curly apostrophes and typos included', async () => {
    const { article } = await server.query(ArticleBySlugDocument, { slug: NEWS.students });
    expect(article).toMatchObject({
      title: "Students reject 'discriminatory' law",
      kind: 'NEWS',
      publishedAt: '2018-03-02',
      language: 'en',
      body: null,
      source: { name: 'Peru Support Group', url: 'https://perusupportgroup.org.uk/' },
    });
    expect(article!.summary).toMatch(/^Dubbed ‘the law for youth slavery’, Fujimorista legislator Rosa Bartra’s draft legislation/);
    const fujimori = await server.query(ArticleBySlugDocument, { slug: NEWS.fujimori });
    expect(fujimori.article!.summary).toContain('nothwithstanding');
    expect(fujimori.article!.createdAt).toBe('2026-01-01T00:00:00.000Z');
  });

  it('serves a page with its bullets as the summary and the rest as the body', async () => {
    const { article } = await server.query(ArticleBySlugDocument, { slug: PAGES.join });
    expect(article).toMatchObject({ kind: 'PAGE', publishedAt: null, title: 'Why join the PSG?', body: 'Become a member' });
    expect(article!.summary.split('\n')).toEqual([
      '• Keep up to date with latest news and developments in Peru',
      '• Learn about key issues of poverty, development and human rights in Peru',
      '• Support the work of the Peru Support Group',
    ]);
  });

  it('links the Michiquillay item to Southern Copper once, however the news names it', async () => {
    const { article } = await server.query(ArticleBySlugDocument, { slug: NEWS.michiquillay });
    expect(article!.organisations.map((o) => o.slug)).toEqual(['southern-copper', 'grupo-mexico']);
    expect(article!.places.map((p) => p.slug).sort()).toEqual(['cajamarca', 'cuajone', 'ilo', 'mexico', 'michiquillay', 'toquepala']);
    expect(article!.topics.map((t) => t.slug)).toContain('mining');
    const southern = article!.mentions.find((m) => m.subject.__typename === 'Organisation' && m.subject.slug === 'southern-copper')!;
    expect(southern).toMatchObject({ kind: 'ORGANISATION', provenance: 'RULE', relevance: 1 });
    expect(southern.evidence.map((e) => [e.field, e.text])).toEqual([
      ['TITLE', 'Southern'],
      ['SUMMARY', 'Southern Peru Copper'],
      ['SUMMARY', 'Southern'],
    ]);
  });

  it('gives evidence offsets that point at the matched text in the article', async () => {
    for (const slug of [...Object.values(NEWS), ...Object.values(PAGES)]) {
      const { article } = await server.query(ArticleBySlugDocument, { slug });
      const fields = { TITLE: article!.title, SUMMARY: article!.summary, BODY: article!.body ?? '' };
      for (const evidence of article!.mentions.flatMap((m) => m.evidence)) {
        expect(fields[evidence.field].slice(evidence.offset, evidence.offset + evidence.length)).toBe(evidence.text);
      }
    }
  });

  it('finds Tía María from its spelling with and without accents as one place', async () => {
    const { article } = await server.query(ArticleBySlugDocument, { slug: NEWS.tiaMaria });
    const place = article!.mentions.find((m) => m.kind === 'PLACE')!;
    expect(place.subject).toEqual({ __typename: 'Place', slug: 'tia-maria' });
    expect(place.evidence.map((e) => [e.field, e.offset, e.text])).toEqual([
      ['TITLE', 46, 'Tia Maria'],
      ['SUMMARY', 125, 'Tía María'],
    ]);
  });

  it('lists related articles with the subjects they share, and their weights, as the reason', async () => {
    const { article } = await server.query(ArticleBySlugDocument, { slug: NEWS.tiaMaria });
    expect(article!.related[0].article.slug).toBe(NEWS.michiquillay);
    // Shared: southern-copper (2 of the 14 articles) and mining (5), each weighing ln(14 / articles).
    expect(article!.related[0].score).toBeCloseTo(Math.log(14 / 2) + Math.log(14 / 5), 8);
    expect(article!.related[0].shared).toEqual([
      { __typename: 'Organisation', slug: 'southern-copper' },
      { __typename: 'Topic', slug: 'mining' },
    ]);
    expect(article!.related[0].reasons.map((r) => [r.subject, r.articleCount])).toEqual([
      [{ __typename: 'Organisation', slug: 'southern-copper' }, 2],
      [{ __typename: 'Topic', slug: 'mining' }, 5],
    ]);
  });

  it('is found by global id, and a missing slug gives null', async () => {
    const { article } = await server.query(ArticleBySlugDocument, { slug: NEWS.court });
    expect((await server.query(ArticleByIdDocument, { id: article!.id })).article!.slug).toBe(NEWS.court);
    expect((await server.query(ArticleBySlugDocument, { slug: 'no-such-article' })).article).toBeNull();
    for (const id of ['garbage', Buffer.from('Article:1:2').toString('base64url'), Buffer.from('Article:0x1').toString('base64url')]) {
      const bad = await server.request(ArticleByIdDocument, { id });
      expect(bad.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
      expect(bad.errors?.[0].message).toContain('is not a Quipu global id');
    }
  });
});

describe('global object identification', () => {
  it('node and nodes resolve every type by its global id', async () => {
    const { article } = await server.query(ArticleBySlugDocument, { slug: NEWS.michiquillay });
    const ids = [article!.id, article!.source.id];
    const node = await server.query(NodeByIdDocument, { id: article!.id });
    expect(node.node).toMatchObject({ __typename: 'Article', slug: NEWS.michiquillay, id: article!.id });
    const nodes = await server.query(NodesByIdsDocument, { ids });
    expect(nodes.nodes.map((n) => n?.__typename)).toEqual(['Article', 'Source']);
    const sources = await server.query(SourcesDocument);
    expect(sources.sources).toEqual([{ id: article!.source.id, name: 'Peru Support Group', url: 'https://perusupportgroup.org.uk/' }]);
  });

  it('gives null for an id of the right shape that names nothing', async () => {
    const missing = Buffer.from('Article:99999').toString('base64url');
    expect((await server.query(NodeByIdDocument, { id: missing })).node).toBeNull();
  });
});

describe('facets', () => {
  it('count topics (with their subtopics), organisations, places (with what lies inside) and months', async () => {
    const { articles } = await server.query(ArticleFacetsDocument, {});
    const count = (list: { count: number }[], pick: (x: never) => string, slug: string) => list.find((x) => pick(x as never) === slug)?.count;
    const topic = (slug: string) => count(articles.facets.topics, (x: { topic: { slug: string } }) => x.topic.slug, slug);
    // mining: heavy metals, Fraser, Michiquillay, Tía María, mercury (all directly tagged).
    expect(topic('mining')).toBe(5);
    // human-rights directly (Fujimori, court, PSG Aims, Why join, Human Rights) or through its
    // subtopic transitional-justice (Historical Overview's "civil war").
    expect(topic('human-rights')).toBe(6);
    const place = (slug: string) => count(articles.facets.places, (x: { place: { slug: string } }) => x.place.slug, slug);
    // Peru directly (Fraser, growth, court, MAAP, three pages) or through Cajamarca, Tía María, Pativilca...
    expect(place('peru')).toBe(10);
    expect(place('arequipa')).toBe(1);
    expect(articles.facets.months).toEqual([
      { month: '2018-03', count: 3 },
      { month: '2018-02', count: 7 },
    ]);
  });

  it('over every article, read from the aggregates, equal the facets counted from the links', async () => {
    // No filter reads the aggregates; a filter that keeps every article is counted live.
    const stored = await server.query(ArticleFacetsDocument, {});
    const live = await server.query(ArticleFacetsDocument, { filter: { OR: [{ kind: 'NEWS' }, { kind: 'PAGE' }] } });
    expect(live.articles.totalCount).toBe(stored.articles.totalCount);
    expect(stored.articles.facets).toEqual(live.articles.facets);
    expect(stored.articles.facets.places.length).toBeGreaterThan(10);
  });

  it('honour the filter: each count equals what filtering by that value yields', async () => {
    const { articles } = await server.query(ArticleFacetsDocument, { filter: { topics: { any: ['mining'] } } });
    expect(articles.totalCount).toBe(5);
    for (const { topic, count } of articles.facets.topics) {
      const narrowed = await server.query(ArticleListDocument, { filter: { AND: [{ topics: { any: ['mining'] } }, { topics: { any: [topic.slug] } }] } });
      expect(narrowed.articles.totalCount).toBe(count);
    }
  });
});
