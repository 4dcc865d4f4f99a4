import { ArticleKind } from '../src/article/article-kind';
import { SubjectKind } from '../src/article/mention-kinds';
import { fromGlobalId } from '../src/core/node';
import { Interval } from '../src/timeline/timeline.buckets';
import { ALL_ARTICLES } from '../src/timeline/timeline.counts';
import { computeTimeline } from '../src/timeline/timeline.query';
import { type ArticleFilter, ArticleListDocument, SubjectIdsBySlugDocument, TimelineDocument, type TimelineQueryVariables } from './generated/graphql';
import { startServer, type TestServer } from './support/server';

let server: TestServer;
let ids: { mining: string; environment: string; cajamarca: string; southern: string; fujimori: string };
beforeAll(async () => {
  server = await startServer();
  const topic = async (slug: string) =>
    await server.query(SubjectIdsBySlugDocument, { topic: slug, place: 'cajamarca', organisation: 'southern-copper', person: 'alberto-fujimori' });
  const [mining, environment] = [await topic('mining'), await topic('environment')];
  ids = { mining: mining.topic!.id, environment: environment.topic!.id, cajamarca: mining.place!.id, southern: mining.organisation!.id, fujimori: mining.person!.id };
});
afterAll(() => server.close());

const timeline = async (variables: TimelineQueryVariables) => (await server.query(TimelineDocument, variables)).timeline;

/** The bucket counts of a series as `start: count` pairs. */
const counts = (series: { buckets: { start: string; count: number }[] }) => series.buckets.map((b) => `${b.start}: ${b.count}`);

/** What `articles` counts for a filter: the independent answer a bucket must equal. */
async function articleCount(filter: ArticleFilter): Promise<number> {
  return (await server.query(ArticleListDocument, { filter, first: 1 })).articles.totalCount;
}

const errorOf = async (variables: TimelineQueryVariables) => {
  const result = await server.request(TimelineDocument, variables);
  expect(result.data).toBeNull();
  expect(result.errors).toHaveLength(1);
  return { message: result.errors![0].message, code: result.errors![0].extensions?.code };
};

describe('timeline', () => {
  it('counts mining against environment by month over February and March 2018', async () => {
    const result = await timeline({ interval: 'MONTH', series: [ids.mining, ids.environment], filter: { publishedFrom: '2018-02-01', publishedTo: '2018-03-31' } });
    expect(result.map((s) => [s.label, s.entity?.__typename, s.total, counts(s)])).toEqual([
      ['Mining', 'Topic', 5, ['2018-02-01: 3', '2018-03-01: 2']],
      ['Environment', 'Topic', 3, ['2018-02-01: 2', '2018-03-01: 1']],
    ]);
    expect(result[0].buckets.map((b) => [b.start, b.end])).toEqual([
      ['2018-02-01', '2018-03-01'],
      ['2018-03-01', '2018-04-01'],
    ]);
  });

  it('gives every bucket the count that filtering the articles by the entity and the bucket dates gives', async () => {
    const series = [ids.mining, ids.environment, ids.cajamarca, ids.southern, ids.fujimori];
    const slugs: ArticleFilter[] = [
      { topics: { any: ['mining'] } },
      { topics: { any: ['environment'] } },
      { places: { any: ['cajamarca'] } },
      { organisations: { any: ['southern-copper'] } },
      { people: { any: ['alberto-fujimori'] } },
    ];
    const result = await timeline({ interval: 'WEEK', series, filter: { publishedFrom: '2018-02-05', publishedTo: '2018-03-18' } });
    expect(result.map((s) => (s.entity && 'slug' in s.entity ? s.entity.slug : null))).toEqual(['mining', 'environment', 'cajamarca', 'southern-copper', 'alberto-fujimori']);
    for (const [i, s] of result.entries()) {
      expect(s.buckets).toHaveLength(6);
      for (const b of s.buckets) {
        const last = new Date(Date.parse(`${b.end}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
        expect([s.label, b.start, b.count]).toEqual([s.label, b.start, await articleCount({ ...slugs[i], publishedFrom: b.start, publishedTo: last })]);
      }
      expect(s.total).toBe(await articleCount({ ...slugs[i], publishedFrom: '2018-02-05', publishedTo: '2018-03-18' }));
    }
  });

  it('without series, counts the filter alone from its first to its last dated article, empty weeks included', async () => {
    const [all] = await timeline({ interval: 'WEEK' });
    expect(all.label).toBe('All matching articles');
    expect(all.entity).toBeNull();
    // Ten dated news items from 11 February to 11 March 2018; the four undated pages are in no bucket.
    expect(all.total).toBe(10);
    expect(counts(all)).toEqual(['2018-02-05: 2', '2018-02-12: 3', '2018-02-19: 2', '2018-02-26: 2', '2018-03-05: 1']);
    // Environment (with pollution and deforestation): nothing in the two weeks from 19 February.
    const [environment] = await timeline({ interval: 'WEEK', filter: { topics: { any: ['environment'] } } });
    expect(environment.label).toBe('All matching articles');
    expect(counts(environment)).toEqual(['2018-02-05: 1', '2018-02-12: 1', '2018-02-19: 0', '2018-02-26: 0', '2018-03-05: 1']);
  });

  it('counts a series under a filter and a search: the articles that match both and are about the entity', async () => {
    const [mining, environment] = await timeline({ interval: 'MONTH', series: [ids.mining, ids.environment], filter: { organisations: { any: ['southern-copper'] } } });
    // Southern: Michiquillay (24 Feb) and Tía María (17 Feb), both mining; neither environment.
    expect(counts(mining)).toEqual(['2018-02-01: 2']);
    expect(counts(environment)).toEqual(['2018-02-01: 0']);
    const [searched] = await timeline({ interval: 'YEAR', series: [ids.mining], search: 'mercury OR copper' });
    expect(searched.total).toBe(
      await (async () => (await server.query(ArticleListDocument, { search: 'mercury OR copper', filter: { topics: { any: ['mining'] } }, first: 1 })).articles.totalCount)(),
    );
    expect(counts(searched)).toEqual([`2018-01-01: ${searched.total}`]);
    const none = await timeline({ interval: 'MONTH', series: [ids.fujimori], filter: { topics: { any: ['deforestation'] } } });
    expect(none.map((s) => [s.total, s.buckets])).toEqual([[0, []]]);
  });

  it('gives explicit bounds for each interval, ISO weeks across a year end included', async () => {
    const bounds = async (interval: TimelineQueryVariables['interval'], publishedFrom: string, publishedTo: string) =>
      (await timeline({ interval, filter: { publishedFrom, publishedTo } }))[0].buckets.map((b) => `${b.start}..${b.end}=${b.count}`);
    expect(await bounds('WEEK', '2018-12-30', '2019-01-07')).toEqual(['2018-12-24..2018-12-31=0', '2018-12-31..2019-01-07=0', '2019-01-07..2019-01-14=0']);
    expect(await bounds('MONTH', '2018-01-31', '2018-03-01')).toEqual(['2018-01-01..2018-02-01=0', '2018-02-01..2018-03-01=7', '2018-03-01..2018-04-01=0']);
    expect(await bounds('QUARTER', '2017-12-31', '2018-04-01')).toEqual(['2017-10-01..2018-01-01=0', '2018-01-01..2018-04-01=10', '2018-04-01..2018-07-01=0']);
    expect(await bounds('YEAR', '2017-06-01', '2019-01-01')).toEqual(['2017-01-01..2018-01-01=0', '2018-01-01..2019-01-01=10', '2019-01-01..2020-01-01=0']);
  });

  it('costs the same number of SQL statements for 3 or 990 buckets, and for 1 or 3 topics', async () => {
    const cost = async (variables: TimelineQueryVariables) => {
      const before = await server.sqlStatements();
      await timeline(variables);
      return (await server.sqlStatements()) - before;
    };
    const few = await cost({ interval: 'YEAR', series: [ids.mining], filter: { publishedFrom: '2017-01-01', publishedTo: '2019-12-31' } });
    const many = await cost({ interval: 'WEEK', series: [ids.mining], filter: { publishedFrom: '2000-01-01', publishedTo: '2018-12-31' } });
    const topicsId = (await server.query(SubjectIdsBySlugDocument, { topic: 'pollution', place: 'peru', organisation: 'congress', person: 'alberto-fujimori' })).topic!.id;
    const more = await cost({ interval: 'WEEK', series: [ids.mining, ids.environment, topicsId], filter: { publishedFrom: '2000-01-01', publishedTo: '2018-12-31' } });
    expect(few).toBe(2); // the topic, the counts
    expect([many, more]).toEqual([few, few]);
    const filtered = await cost({
      interval: 'WEEK',
      series: [ids.mining, ids.environment, topicsId],
      filter: { publishedFrom: '2000-01-01', publishedTo: '2018-12-31', places: { any: ['peru'] } },
    });
    expect(filtered).toBe(4); // the topics, the slugs, the counts, the live counts
  });
});

describe('timeline limits and bad input', () => {
  it('refuses more series than allowed, an empty list and a repeated id', async () => {
    expect(await errorOf({ interval: 'MONTH', series: new Array(21).fill(ids.mining) })).toEqual({
      code: 'BAD_USER_INPUT',
      message: 'series holds 21 ids; at most 20 are allowed',
    });
    expect((await errorOf({ interval: 'MONTH', series: [] })).message).toMatch(/^series is empty: give at least one topic, organisation, place or person id, or leave it out/);
    expect((await errorOf({ interval: 'MONTH', series: [ids.mining, ids.environment, ids.mining] })).message).toBe(
      `series[2] "${ids.mining}" repeats series[0]; give each entity once`,
    );
  });

  it('refuses more buckets than allowed, naming the range and what to do', async () => {
    const { code, message } = await errorOf({ interval: 'WEEK', series: [ids.mining], filter: { publishedFrom: '1990-01-01', publishedTo: '2018-03-31' } });
    expect(code).toBe('BAD_USER_INPUT');
    expect(message).toBe(
      'timeline from 1990-01-01 to 2018-03-31 by WEEK makes more than 1,000 buckets per series (the limit); use a wider interval or set filter.publishedFrom and filter.publishedTo closer together',
    );
    expect((await timeline({ interval: 'MONTH', series: [ids.mining], filter: { publishedFrom: '1990-01-01', publishedTo: '2018-03-31' } }))[0].buckets).toHaveLength(339);
  });

  it('names the id that is not a Quipu id, not an entity, or not stored', async () => {
    expect(await errorOf({ interval: 'MONTH', series: [ids.mining, 'nonsense'] })).toEqual({
      code: 'BAD_USER_INPUT',
      message: 'series[1] "nonsense" is not a Quipu global id (take ids from the API\'s `id` fields)',
    });
    const article = Buffer.from('Article:1').toString('base64url');
    expect((await errorOf({ interval: 'MONTH', series: [article] })).message).toBe(
      `series[0] "${article}" is an id of type Article; series takes ids of type Topic, Organisation, Place or Person`,
    );
    const missing = Buffer.from('Person:99999').toString('base64url');
    expect((await errorOf({ interval: 'MONTH', series: [ids.mining, missing] })).message).toBe(
      `series[1] "${missing}": no Person has this id (take ids from the API's \`id\` fields)`,
    );
  });

  it('refuses to count live above the bound, with the count, the bound and what to do', async () => {
    const mining = { kind: SubjectKind.TOPIC, id: fromGlobalId(ids.mining).id };
    const request = { interval: Interval.MONTH, liveBound: 4 };
    // Five mining articles to walk for a filter beyond dates: one too many.
    await expect(computeTimeline(server.sql, { ...request, series: [mining], filter: { kind: ArticleKind.NEWS } })).rejects.toThrow(
      "timeline with a filter beyond dates, or a search, counts live over at most 4 articles, and the series' dated articles in range number 5; " +
        'narrow filter.publishedFrom and filter.publishedTo, give fewer or smaller series, or leave out search and every filter condition but the dates ' +
        '(those are counted from precomputed totals, without a bound)',
    );
    // The filter alone: ten dated articles, probed until past the bound.
    await expect(computeTimeline(server.sql, { ...request, series: [ALL_ARTICLES], search: 'the' })).rejects.toThrow(/and the filter matches more than 4 dated articles;/);
    // Within the bound once the dates narrow it, and dates alone are never bounded.
    expect((await computeTimeline(server.sql, { ...request, series: [mining], filter: { kind: ArticleKind.NEWS, publishedFrom: '2018-03-01' } }))[0].total).toBe(2);
    expect((await computeTimeline(server.sql, { ...request, series: [ALL_ARTICLES] }))[0].total).toBe(10);
  });

  it('checks the filter as the articles query does', async () => {
    expect((await errorOf({ interval: 'MONTH', filter: { topics: { any: ['no-such-topic'] } } })).message).toMatch(/unknown slugs: topic "no-such-topic"/);
    expect((await errorOf({ interval: 'MONTH', filter: { publishedFrom: '2018-03-01', publishedTo: '2018-02-01' } })).message).toMatch(/is after publishedTo/);
  });
});
