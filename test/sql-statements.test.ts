import { inList } from '../src/db/sql';
import {
  ArticleBySlugDocument,
  ArticleFacetsDocument,
  ArticlesRelatedDocument,
  ArticlesWithRelationsDocument,
  TopicsWithFacetsDocument,
  TopicTreeDocument,
} from './generated/graphql';
import { writeNewsFixture } from './support/factories';
import { startServer, type TestServer } from './support/server';

/** Statements one request costs, measured by the server's own counter around it. */
async function statementsFor<T>(server: TestServer, run: () => Promise<T>): Promise<{ statements: number; result: T }> {
  const before = await server.sqlStatements();
  const result = await run();
  return { statements: (await server.sqlStatements()) - before, result };
}

describe('SQL statements per request (no N+1)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer({ files: [writeNewsFixture(120)] });
  });
  afterAll(() => server.close());

  it('articles(first: N) with topics, organisations, places, people and source costs the same for N = 1, 10 and 100', async () => {
    const counts: Record<number, number> = {};
    for (const n of [1, 10, 100]) {
      const { statements, result } = await statementsFor(server, () => server.query(ArticlesWithRelationsDocument, { first: n }));
      expect(result.articles.nodes).toHaveLength(n);
      expect(result.articles.nodes.every((a) => a.topics.length > 0 && a.places.length > 0 && a.people.length > 0)).toBe(true);
      counts[n] = statements;
    }
    // The page (the newest, found by a short walk of the order with their rows, one statement) + 4 subject kinds + 1 source.
    expect(counts).toEqual({ 1: 6, 10: 6, 100: 6 });
  });

  it('one article with its relations, mentions and related articles: their subjects come with the relation fields, not a statement each', async () => {
    const [{ slug }] = await server.sql.all<{ slug: string }>(
      'SELECT a.slug FROM article a WHERE (SELECT count(DISTINCT subject_kind) FROM article_link l WHERE l.article_id = a.id) = 4 ORDER BY a.id LIMIT 1',
    );
    const { statements, result } = await statementsFor(server, () => server.query(ArticleBySlugDocument, { slug }));
    const article = result.article!;
    expect(new Set(article.mentions.map((mention) => mention.subject.__typename)).size).toBe(4);
    expect(article.related.length).toBeGreaterThan(0);
    expect(article.related.every((related) => related.shared.length > 0 && related.reasons.length === related.shared.length)).toBe(true);
    // Each mention's subject is one of the article's topics, organisations, places or people, and so is what a related article shares.
    const own = new Set([...article.topics, ...article.organisations, ...article.places, ...article.people].map((subject) => subject.slug));
    expect(article.mentions.every((mention) => own.has(slugOf(mention.subject)))).toBe(true);
    expect(article.related.every((related) => related.shared.every((subject) => own.has(slugOf(subject))))).toBe(true);
    // 1 article + 4 subject kinds + 1 source + 1 links + 1 related (the index) + 1 related articles' rows.
    expect(statements).toBe(9);
    // Asked again, its fields' statements go out with the article's (db/hints.ts): the same statements, the same answer.
    const again = await statementsFor(server, () => server.query(ArticleBySlugDocument, { slug }));
    expect(again).toEqual({ statements: 9, result });
  });

  it('related articles with their reasons cost the same for N = 1, 10 and 100 articles', async () => {
    const counts: Record<number, number> = {};
    for (const n of [1, 10, 100]) {
      const { statements, result } = await statementsFor(server, () => server.query(ArticlesRelatedDocument, { first: n, relatedFirst: 5 }));
      expect(result.articles.nodes).toHaveLength(n);
      expect(result.articles.nodes.every((a) => a.related.length === 5 && a.related.every((r) => r.reasons.length > 0))).toBe(true);
      const kinds = new Set(result.articles.nodes.flatMap((a) => a.related.flatMap((r) => r.reasons.map((x) => x.subject.__typename))));
      // 1 page (with its rows) + 1 related (all articles at once) + 1 related articles + 1 per kind of subject in the reasons.
      counts[n] = statements - kinds.size;
    }
    expect(counts).toEqual({ 1: 3, 10: 3, 100: 3 });
  });

  it('topics each with their own article list cost the same whatever the page size', async () => {
    const small = await statementsFor(server, () => server.query(TopicTreeDocument, { articlesFirst: 1 }));
    const large = await statementsFor(server, () => server.query(TopicTreeDocument, { articlesFirst: 50 }));
    expect(small.result.topics.nodes.length).toBeGreaterThan(5);
    expect(large.result.topics.nodes.some((t) => t.articles.nodes.length > 1)).toBe(true);
    // topics page + parents + the batched article pages (ids, then rows by id) + the batched totals.
    expect(small.statements).toBe(5);
    expect(large.statements).toBe(5);
  });

  it("facets of every topic's own list are batched: one statement per facet, and equal to the root list's facets", async () => {
    const { statements, result } = await statementsFor(server, () => server.query(TopicsWithFacetsDocument, {}));
    // topics page + article pages (ids, then rows) + totals + place facets + month facets, for all topics at once.
    expect(statements).toBe(6);
    for (const topic of result.topics.nodes.slice(0, 5)) {
      const root = await server.query(ArticleFacetsDocument, { filter: { topics: { any: [topic.slug] } } });
      expect(topic.articles.totalCount).toBe(root.articles.totalCount);
      expect(topic.articles.facets.places).toEqual(root.articles.facets.places);
      expect(topic.articles.facets.months).toEqual(root.articles.facets.months);
    }
  });
});

function slugOf(subject: { __typename: string } & Partial<Record<'slug', string>>): string {
  return subject.slug!;
}

describe('inList: IN lists of a few lengths, so that key lookups share a few statement texts (and plans)', () => {
  it('pads with the first value to a power of two up to 128, then to a multiple of 128', () => {
    expect(inList([])).toEqual([]);
    expect(inList([7])).toEqual([7]);
    expect(inList([7, 8, 9])).toEqual([7, 8, 9, 7]);
    expect(inList(['a', 'b', 'c', 'd', 'e'])).toEqual(['a', 'b', 'c', 'd', 'e', 'a', 'a', 'a']);
    const lengths = new Set(Array.from({ length: 300 }, (_, n) => inList(Array.from({ length: n + 1 }, (_, i) => i)).length));
    expect([...lengths]).toEqual([1, 2, 4, 8, 16, 32, 64, 128, 256, 384]);
  });
});
