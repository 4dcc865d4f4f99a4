import type { ArticleFilter } from '../src/article/article.filter';
import { type ArticleOrder, compileArticleQuery, fetchArticlePage } from '../src/article/article.query';
import { pageRequest } from '../src/core/connection';
import { writeNewsFixture } from './support/factories';
import { startServer, type TestServer } from './support/server';

/**
 * A page is read in one of two shapes, picked by how selective the filter is (see CompiledFilter):
 * walking the order and testing each article, or reading the small set of linked articles and
 * sorting it. Forcing each shape on the same database must give the same pages.
 */
describe('filter shapes', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer({ files: [writeNewsFixture(150)] });
  });
  afterAll(() => server.close());

  const filters: ArticleFilter[] = [
    { topics: { any: ['mining'] } },
    { topics: { any: ['environment', 'politics'] }, places: { any: ['peru'] } },
    { organisations: { all: ['southern-copper'] }, NOT: { publishedTo: '2010-03-15' } },
    { people: { none: ['alberto-fujimori'] }, topics: { any: ['human-rights'] } },
  ];
  const orders: ArticleOrder[] = ['PUBLISHED_AT_DESC' as ArticleOrder, 'PUBLISHED_AT_ASC' as ArticleOrder, 'TITLE' as ArticleOrder];

  it.each(filters.flatMap((filter) => orders.map((order) => [JSON.stringify(filter), order, filter] as const)))(
    'walking the order and sorting the set give the same pages: %s by %s',
    async (_name, orderBy, filter) => {
      const read = async (selectiveBelow: number) => {
        const query = await compileArticleQuery(server.sql, { filter, orderBy }, { threshold: selectiveBelow });
        const pages: string[][] = [];
        let after: string | null = null;
        for (let i = 0; i < 20; i++) {
          const page = await fetchArticlePage(server.sql, query, pageRequest({ first: 7, after }, query.order));
          pages.push(page.items.map((a) => a.slug));
          if (!page.pageInfo.hasNextPage) break;
          after = page.pageInfo.endCursor;
        }
        return { pages, shape: query.condition.text.includes('EXISTS') ? 'walk' : 'set' };
      };
      const walked = await read(-1);
      const sorted = await read(Number.MAX_SAFE_INTEGER);
      expect(walked.shape).toBe('walk');
      expect(sorted.shape).toBe('set');
      expect(sorted.pages).toEqual(walked.pages);
      expect(walked.pages.flat().length).toBeGreaterThan(0);
    },
  );

  it('probes how many articles a filter links to, and reads a rare one as a set', async () => {
    const rare = await compileArticleQuery(server.sql, { filter: { people: { any: ['rosa-bartra'] } } });
    const common = await compileArticleQuery(server.sql, { filter: { places: { any: ['peru'] } } }, { threshold: 10 });
    expect(rare.condition.text).toMatch(/^\(?a\.id (IN \(|= ANY\(ARRAY\()/);
    // One `any` list is its own smallest set: the page reads it once and tests nothing more.
    expect(rare.condition.text.match(/article_link/g)).toHaveLength(1);
    expect(common.condition.text).toMatch(/^EXISTS/);
  });
});
