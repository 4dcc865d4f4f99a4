import type { ArticleFilter, ArticleListQuery } from './generated/graphql';
import { ArticleListDocument, ArticleTotalDocument, EverySubjectSlugDocument } from './generated/graphql';
import { NEWS, PAGES } from './support/seed-slugs';
import { startServer, type TestServer } from './support/server';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

async function slugs(filter: ArticleFilter): Promise<string[]> {
  const result = await server.query(ArticleListDocument, { filter, first: 100 });
  expect(result.articles.totalCount).toBe(result.articles.edges.length);
  return result.articles.edges.map((e) => e.node.slug).sort();
}
const sorted = (...list: string[]) => [...list].sort();

describe('ArticleFilter', () => {
  it('any: articles linked to at least one of the slugs', async () => {
    expect(await slugs({ organisations: { any: ['southern-copper', 'fraser-institute'] } })).toEqual(sorted(NEWS.michiquillay, NEWS.tiaMaria, NEWS.fraser));
  });

  it('all: articles linked to every one of the slugs', async () => {
    expect(await slugs({ topics: { all: ['mining', 'social-protest'] } })).toEqual([NEWS.tiaMaria]);
    expect(await slugs({ people: { all: ['alberto-fujimori', 'pedro-pablo-kuczynski'] } })).toEqual([NEWS.fujimori]);
  });

  it('none: articles linked to none of the slugs', async () => {
    // politics includes its subtopic justice-system, which tags the Fujimori and court items.
    const result = await slugs({ kind: 'NEWS', topics: { none: ['mining', 'politics'] } });
    expect(result).toEqual(sorted(NEWS.growth, NEWS.maap));
  });

  it('a topic includes its subtopics', async () => {
    // environment itself tags only the mercury item; pollution and deforestation add two more.
    expect(await slugs({ topics: { any: ['environment'] } })).toEqual(sorted(NEWS.mercury, NEWS.heavyMetals, NEWS.maap));
    expect(await slugs({ topics: { any: ['deforestation'] } })).toEqual([NEWS.maap]);
  });

  it('a region filter finds articles about towns and mines inside it', async () => {
    // "Cajamarca" in the Michiquillay item links the region; Michiquillay lies in its province.
    expect(await slugs({ places: { any: ['cajamarca'] } })).toEqual([NEWS.michiquillay]);
    // Tía María lies in Islay province, Arequipa region; only its item names it.
    expect(await slugs({ places: { any: ['arequipa'] } })).toEqual([NEWS.tiaMaria]);
    // Moquegua holds Cuajone and Ilo, named in the Michiquillay item.
    expect(await slugs({ places: { any: ['moquegua'] } })).toEqual([NEWS.michiquillay]);
    // Lima region holds Pativilca (the Fujimori item).
    expect(await slugs({ places: { any: ['lima-region'] } })).toEqual([NEWS.fujimori]);
  });

  it('dates are inclusive and leave out undated pages', async () => {
    expect(await slugs({ publishedFrom: '2018-03-01' })).toEqual(sorted(NEWS.heavyMetals, NEWS.fraser, NEWS.students));
    expect(await slugs({ publishedFrom: '2018-02-17', publishedTo: '2018-02-17' })).toEqual(sorted(NEWS.growth, NEWS.tiaMaria, NEWS.mercury));
    expect(await slugs({ kind: 'PAGE' })).toEqual(sorted(...Object.values(PAGES)));
  });

  it('a date range reads the same articles in either date order, page by page, without undated pages', async () => {
    const ordered = async (filter: ArticleFilter, orderBy: 'PUBLISHED_AT_DESC' | 'PUBLISHED_AT_ASC') => {
      const seen: string[] = [];
      let after: string | null = null;
      for (;;) {
        const result: ArticleListQuery = await server.query(ArticleListDocument, { filter, orderBy, first: 2, after });
        seen.push(...result.articles.edges.map((e) => e.node.slug));
        if (!result.articles.pageInfo.hasNextPage) return seen;
        after = result.articles.pageInfo.endCursor ?? null;
      }
    };
    for (const filter of [{ publishedTo: '2018-02-28' }, { publishedFrom: '2018-02-17', publishedTo: '2018-03-05' }, { publishedFrom: '2018-03-01' }]) {
      const newest = await ordered(filter, 'PUBLISHED_AT_DESC');
      const oldest = await ordered(filter, 'PUBLISHED_AT_ASC');
      expect(newest.length).toBeGreaterThan(2);
      expect([...newest].sort()).toEqual(await slugs(filter));
      expect([...oldest].sort()).toEqual(await slugs(filter));
      for (const page of Object.values(PAGES)) expect(newest).not.toContain(page);
    }
  });

  it('totals read from the aggregates kept on ingest equal totals counted from the links', async () => {
    // One subject alone, or no filter, is counted from the per-day aggregate; wrapped in OR it is counted live.
    const total = async (filter: ArticleFilter | null) => (await server.query(ArticleTotalDocument, { filter })).articles.totalCount;
    const every = await server.query(EverySubjectSlugDocument);
    const lists = { topics: every.topics, organisations: every.organisations, places: every.places, people: every.people };
    let compared = 0;
    for (const [field, list] of Object.entries(lists)) {
      expect(list.nodes.length).toBe(list.totalCount);
      for (const { slug } of list.nodes) {
        const filter = { [field]: { any: [slug] } } as ArticleFilter;
        expect([slug, await total(filter)]).toEqual([slug, await total({ OR: [filter] })]);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(30); // every subject the seed links to
    // Undated pages are in the totals too.
    expect(await total(null)).toBe((await total({ kind: 'NEWS' })) + (await total({ kind: 'PAGE' })));
    expect(await total({ topics: { any: ['human-rights'] } })).toBe((await slugs({ topics: { any: ['human-rights'] } })).length);
  });

  it('composes with AND, OR and NOT', async () => {
    const filter: ArticleFilter = {
      OR: [{ people: { any: ['rosa-bartra'] } }, { organisations: { any: ['maap'] } }],
      NOT: { publishedTo: '2018-02-28' },
    };
    expect(await slugs(filter)).toEqual([NEWS.students]);
    expect(await slugs({ AND: [{ topics: { any: ['mining'] } }, { places: { any: ['peru'] } }] })).toEqual(sorted(NEWS.fraser, NEWS.michiquillay, NEWS.tiaMaria));
    expect(await slugs({ NOT: { kind: 'NEWS' } })).toEqual(sorted(...Object.values(PAGES)));
  });

  it('NOT is the exact complement, also of a date bound that undated pages cannot meet', async () => {
    const recent = await slugs({ publishedFrom: '2018-03-01' });
    const rest = await slugs({ NOT: { publishedFrom: '2018-03-01' } });
    expect(rest).toHaveLength(14 - recent.length);
    expect(rest).toEqual(expect.arrayContaining(Object.values(PAGES)));
    expect(rest.filter((slug) => recent.includes(slug))).toEqual([]);
  });

  it('repeating a slug changes nothing', async () => {
    expect(await slugs({ topics: { any: ['mining', 'mining'], all: ['mining', 'mining'] } })).toEqual(await slugs({ topics: { any: ['mining'] } }));
  });

  it.each<[ArticleFilter, string]>([
    [{ topics: { any: ['minning'] } }, 'filter names unknown slugs: topic "minning"'],
    [{ places: { all: ['atlantis'] }, people: { none: ['nobody'] } }, 'place "atlantis", person "nobody"'],
    [{ topics: { any: [] } }, 'filter.topics.any is empty'],
    [{ publishedFrom: '2018-03-01', publishedTo: '2018-02-01' }, 'publishedFrom (2018-03-01) is after publishedTo (2018-02-01)'],
    [{ NOT: { NOT: { NOT: { NOT: { NOT: { kind: 'NEWS' } } } } } }, 'nests deeper than 5 levels'],
    [{ OR: Array.from({ length: 1001 }, () => ({ kind: 'NEWS' as const })) }, 'filter holds more than 50 filter objects'],
    [{ AND: Array.from({ length: 2000 }, () => ({ topics: { any: ['mining'] } })) }, 'filter holds more than 50 filter objects'],
    [{ topics: { any: Array.from({ length: 12000 }, () => 'mining') } }, 'filter names more than 100 slugs'],
  ])('rejects %j with a clear error', async (filter, message) => {
    const result = await server.request(ArticleListDocument, { filter });
    expect(result.errors?.[0].message).toContain(message);
    expect(result.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('rejects a date that does not exist before running anything', async () => {
    const result = await server.request(ArticleListDocument, { filter: { publishedFrom: '2018-02-31' } });
    expect(result.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0].message).toMatch(/publishedFrom/);
  });
});
