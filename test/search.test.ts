import { ArticleListDocument } from './generated/graphql';
import { NEWS, PAGES } from './support/seed-slugs';
import { startServer, type TestServer } from './support/server';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

const sorted = (...list: string[]) => [...list].sort();

async function search(text: string, extra: object = {}): Promise<string[]> {
  const result = await server.query(ArticleListDocument, { search: text, first: 100, ...extra });
  expect(result.articles.totalCount).toBe(result.articles.edges.length);
  return result.articles.edges.map((e) => e.node.slug);
}

describe('full-text search', () => {
  it('ignores diacritics and case: "Tia Maria" and "tía maría" find Tía María', async () => {
    expect(await search('Tia Maria')).toEqual([NEWS.tiaMaria]);
    expect(await search('tía maría')).toEqual([NEWS.tiaMaria]);
    expect(await search('MEXICO')).toEqual([NEWS.michiquillay]);
  });

  it('ranks title matches first by default', async () => {
    const results = await search('mercury');
    expect(results).toEqual([NEWS.mercury]);
    // "mining" is in two summaries and no title.
    expect((await search('mining')).sort()).toEqual(sorted(NEWS.heavyMetals, NEWS.fraser));
    // "report" is in the Fraser title and summary and in the MAAP summary: the title match ranks first.
    expect((await search('report'))[0]).toBe(NEWS.fraser);
  });

  it('supports phrases, prefixes, OR and exclusion', async () => {
    expect(await search('"heavy metals"')).toEqual([NEWS.heavyMetals]);
    expect(await search('"metals heavy"')).toEqual([]);
    expect((await search('deforest*')).sort()).toEqual([NEWS.maap]);
    expect((await search('Bartra OR Kuczynski')).sort()).toEqual([NEWS.students, NEWS.fujimori].sort());
    expect((await search('copper -Michiquillay')).sort()).toEqual([NEWS.tiaMaria]);
    expect((await search('copper NOT Michiquillay')).sort()).toEqual([NEWS.tiaMaria]);
  });

  it('searches page bodies as well as summaries', async () => {
    expect(await search('member')).toEqual([PAGES.join]);
  });

  it('combines with filters, totals and other orders', async () => {
    expect(await search('Peru', { filter: { kind: 'PAGE' }, orderBy: 'TITLE' })).toEqual([PAGES.overview, PAGES.aims, PAGES.join]);
  });

  it('pages through ranked results with cursors', async () => {
    const all = await search('Peru');
    const first = await server.query(ArticleListDocument, { search: 'Peru', first: 2 });
    const rest = await server.query(ArticleListDocument, { search: 'Peru', first: 100, after: first.articles.pageInfo.endCursor });
    expect([...first.articles.edges, ...rest.articles.edges].map((e) => e.node.slug)).toEqual(all);
  });

  it.each(['"unclosed quote', 'AND', 'OR mining', 'mining AND', '*', 'NEAR(', 'col:umn', "Peru's", '(((', '"', 'mining\u0000', '"a\u0000b"', '\u0007bell', 'x'.repeat(501)])(
    'never fails on stray syntax: %j',
    async (text) => {
      const result = await server.request(ArticleListDocument, { search: text });
      if (result.errors) {
        expect(result.errors[0].extensions?.code).toBe('BAD_USER_INPUT');
        expect(result.errors[0].message).toMatch(/search/);
      } else {
        // An answer: a count and a list (perhaps empty), never a null from a failed field.
        expect(result.data?.articles).toEqual(expect.objectContaining({ totalCount: expect.any(Number), edges: expect.any(Array) }));
      }
    },
  );

  it('explains why a search with nothing to look for is rejected', async () => {
    const result = await server.request(ArticleListDocument, { search: '***' });
    expect(result.errors?.[0]).toMatchObject({ message: 'search has no words to look for (letters or digits are needed)', extensions: { code: 'BAD_USER_INPUT' } });
    const onlyNot = await server.request(ArticleListDocument, { search: '-mining' });
    expect(onlyNot.errors?.[0].message).toContain('only excludes words');
  });
});
