import { MAX_RELATED, RELATED_BOUND, type RelatedBound, readRelated } from '../src/article/article.related';
import type { Sql } from '../src/db/sql';
import { ArticleFacetsDocument, ArticleRelatedDocument, type ArticleRelatedQuery, LinksDocument } from './generated/graphql';
import { writeNewsFixture } from './support/factories';
import { NEWS, PAGES } from './support/seed-slugs';
import { startServer, type TestServer } from './support/server';

type Related = NonNullable<ArticleRelatedQuery['article']>['related'][number];

const slugOf = (subject: object) => (subject as { slug: string }).slug;
const numericId = (globalId: string) => Number(Buffer.from(globalId, 'base64url').toString().split(':')[1]);
const summary = (related: Related[]) => related.map((r) => [r.article.slug, r.reasons.map((reason) => slugOf(reason.subject))]);

describe('related articles on the seed news', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(() => server.close());

  const related = async (slug: string, first?: number) => (await server.query(ArticleRelatedDocument, { slug, first })).article!.related;

  it('ranks by the summed rarity of the shared subjects, with each subject and its weight as the reason', async () => {
    expect(summary(await related(NEWS.tiaMaria, 20))).toEqual([
      [NEWS.michiquillay, ['southern-copper', 'mining']],
      [NEWS.students, ['social-protest']],
      [PAGES.humanRights, ['social-protest']],
      [NEWS.heavyMetals, ['mining']],
      [NEWS.fraser, ['mining']],
      [NEWS.mercury, ['mining']],
    ]);
  });

  it('weighs each subject ln(N / articles linked to it directly), as the links network counts them', async () => {
    const { links } = await server.query(LinksDocument, { first: 200 });
    const direct = new Map(links.nodes.map((node) => [slugOf(node.entity), node.articleCount]));
    const N = links.articleCount;
    expect(N).toBe(14);
    const reasons = [...(await related(NEWS.tiaMaria, 20)), ...(await related(NEWS.fraser, 20))].flatMap((r) => r.reasons);
    expect(reasons.length).toBeGreaterThan(10);
    for (const reason of reasons) {
      expect(reason.articleCount).toBe(direct.get(slugOf(reason.subject)));
      expect(reason.weight).toBeCloseTo(Math.log(N / reason.articleCount), 12);
    }
    // Direct counts: 7 articles are linked to `peru` itself; its article list also holds the places inside it.
    const peru = reasons.find((reason) => slugOf(reason.subject) === 'peru')!;
    expect(peru.articleCount).toBe(7);
    const { articles } = await server.query(ArticleFacetsDocument, { filter: { places: { any: ['peru'] } } });
    expect(articles.totalCount).toBeGreaterThan(peru.articleCount);
  });

  it('gives the score as the sum of the reasons’ weights, heaviest reason first, and shared as the reasons’ subjects', async () => {
    for (const slug of Object.values(NEWS)) {
      for (const r of await related(slug, 20)) {
        const weights = r.reasons.map((reason) => reason.weight);
        expect(r.score).toBeCloseTo(
          weights.reduce((a, b) => a + b, 0),
          8,
        );
        expect([...weights].sort((a, b) => b - a)).toEqual(weights);
        expect(r.shared).toEqual(r.reasons.map((reason) => reason.subject));
      }
    }
  });

  it('weighs a common subject less than a rare one', async () => {
    const fraser = await related(NEWS.fraser, 20);
    const weightOf = (slug: string) => fraser.flatMap((r) => r.reasons).find((reason) => slugOf(reason.subject) === slug)!;
    const [peru, investment] = [weightOf('peru'), weightOf('mining-investment')];
    expect(peru.articleCount).toBeGreaterThan(investment.articleCount);
    expect(peru.weight).toBeLessThan(investment.weight);
    // One shared rare subject outranks one shared common subject.
    expect(fraser.findIndex((r) => r.reasons[0].subject === investment.subject)).toBeLessThan(fraser.findIndex((r) => slugOf(r.reasons[0].subject) === 'peru'));
  });

  it('breaks ties of score by the newer article, undated pages last, then by the higher id', async () => {
    const fraser = await related(NEWS.fraser, 20);
    const peruOnly = fraser.filter((r) => r.reasons.length === 1 && slugOf(r.reasons[0].subject) === 'peru');
    expect(peruOnly.length).toBeGreaterThan(3);
    expect(new Set(peruOnly.map((r) => r.score)).size).toBe(1);
    const dated = peruOnly.filter((r) => r.article.publishedAt !== null);
    const undated = peruOnly.filter((r) => r.article.publishedAt === null);
    expect(peruOnly).toEqual([...dated, ...undated]);
    expect(dated.map((r) => r.article.publishedAt)).toEqual(
      dated
        .map((r) => r.article.publishedAt)
        .sort()
        .reverse(),
    );
    expect(undated.length).toBeGreaterThan(1);
    const ids = undated.map((r) => numericId(r.article.id));
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
  });

  it('returns at most first, 5 by default, and rejects first outside 0–20 naming the argument', async () => {
    expect(await related(NEWS.fraser)).toHaveLength(5);
    expect(await related(NEWS.fraser, 0)).toEqual([]);
    expect((await related(NEWS.fraser, 2)).map((r) => r.article.slug)).toEqual((await related(NEWS.fraser, 20)).slice(0, 2).map((r) => r.article.slug));
    for (const first of [-1, MAX_RELATED + 1]) {
      const { errors } = await server.request(ArticleRelatedDocument, { slug: NEWS.fraser, first });
      expect(errors?.[0]).toMatchObject({ message: `first must be between 0 and ${MAX_RELATED}, got ${first}`, extensions: { code: 'BAD_USER_INPUT', argument: 'first' } });
    }
  });
});

/** The documented rule, computed the long way from every link (docs/analysts.md, "Related articles"). */
async function expectedRelated(sql: Sql, articleId: number, bound: RelatedBound) {
  const links = await sql.all<{ articleId: number; kind: string; id: number }>('SELECT article_id AS articleId, subject_kind AS kind, subject_id AS id FROM article_link');
  const dates = new Map((await sql.all<{ id: number; date: string | null }>('SELECT id, published_at AS date FROM article')).map((a) => [a.id, a.date ?? '']));
  const N = dates.size;
  const byEntity = new Map<string, number[]>();
  for (const link of links) {
    const key = `${link.kind}:${link.id}`;
    (byEntity.get(key) ?? byEntity.set(key, []).get(key)!).push(link.articleId);
  }
  const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const mine = links
    .filter((link) => link.articleId === articleId)
    .map((link) => ({ key: `${link.kind}:${link.id}`, kind: link.kind, id: link.id, n: byEntity.get(`${link.kind}:${link.id}`)!.length }))
    .sort((a, b) => a.n - b.n || compare(a.kind, b.kind) || a.id - b.id);
  const candidates = new Set<number>();
  let running = 0;
  for (const entity of mine) {
    running += entity.n;
    const others = byEntity
      .get(entity.key)!
      .filter((id) => id !== articleId)
      .sort((a, b) => b - a);
    for (const id of running <= bound.wholeBudget ? others : others.slice(0, bound.perCommonEntity)) candidates.add(id);
  }
  const weights = new Map(mine.map((entity) => [entity.key, Math.log(N / entity.n)]));
  const linksOf = new Map<number, string[]>();
  for (const link of links) (linksOf.get(link.articleId) ?? linksOf.set(link.articleId, []).get(link.articleId)!).push(`${link.kind}:${link.id}`);
  return [...candidates]
    .map((id) => ({ id, score: linksOf.get(id)!.reduce((sum, key) => sum + (weights.get(key) ?? 0), 0) }))
    .sort((a, b) => b.score - a.score || compare(dates.get(b.id)!, dates.get(a.id)!) || b.id - a.id)
    .slice(0, MAX_RELATED);
}

describe('which candidates are considered', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer({ files: [writeNewsFixture(120)] });
  });
  afterAll(() => server.close());

  const ids = async () => (await server.sql.all<{ id: number }>('SELECT id FROM article ORDER BY id')).map((a) => a.id);

  const check = async (bound: RelatedBound) => {
    const all = await ids();
    // One statement for every article at once, as the loader batches them.
    const rows = await readRelated(server.sql, all, bound);
    for (const articleId of all) {
      const got = rows.filter((row) => row.articleId === articleId);
      const expected = await expectedRelated(server.sql, articleId, bound);
      expect(got.map((row) => row.relatedId)).toEqual(expected.map((e) => e.id));
      got.forEach((row, i) => {
        expect(row.score).toBeCloseTo(expected[i].score, 8);
      });
    }
    return rows;
  };

  it('are all articles sharing a subject when the lists are within the budget (the small corpus)', async () => {
    expect((await check(RELATED_BOUND)).length).toBeGreaterThan(0);
    expect(await check({ wholeBudget: Number.MAX_SAFE_INTEGER, perCommonEntity: 1 })).toEqual(await check(RELATED_BOUND));
  });

  it('are the rarest subjects’ whole lists within the budget and the newest few of each other subject, scored over all shared subjects', async () => {
    const tight = await check({ wholeBudget: 6, perCommonEntity: 2 });
    const whole = await readRelated(server.sql, await ids(), { wholeBudget: Number.MAX_SAFE_INTEGER, perCommonEntity: 1 });
    // The bound changes the answer here (so this test can fail), and never the score of an article it keeps.
    expect(tight).not.toEqual(whole);
    const scoreOf = new Map(whole.map((row) => [`${row.articleId}:${row.relatedId}`, row.score]));
    for (const row of tight) {
      const full = scoreOf.get(`${row.articleId}:${row.relatedId}`);
      if (full !== undefined) expect(row.score).toBe(full);
    }
  });
});
