import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SubjectKind } from '../src/article/mention-kinds';
import { computeGraph } from '../src/links/links.query';
import { findPaths } from '../src/links/path';
import { EntityIdsDocument, LinksDocument, OrganisationRelatedDocument, PathDocument, TopicRelatedDocument, TopicsRelatedDocument } from './generated/graphql';
import { writeNewsFixture } from './support/factories';
import { NEWS } from './support/seed-slugs';
import { startServer, type TestServer } from './support/server';

type Entity = { __typename: string; id?: string; slug?: string };
const slugOf = (entity: Entity) => entity.slug;

/** Statements one request costs, measured by the server's own counter around it. */
async function statementsFor<T>(server: TestServer, run: () => Promise<T>): Promise<{ statements: number; result: T }> {
  const before = await server.sqlStatements();
  const result = await run();
  return { statements: (await server.sqlStatements()) - before, result };
}

/** Direct links of an entity by its global id, from the tables. */
async function articlesOf(server: TestServer, globalId: string): Promise<number[]> {
  const [type, id] = Buffer.from(globalId, 'base64url').toString().split(':');
  const rows = await server.sql.all<{ a: number }>('SELECT article_id AS a FROM article_link WHERE subject_kind = ? AND subject_id = ? ORDER BY 1', [
    type.toUpperCase(),
    Number(id),
  ]);
  return rows.map((r) => r.a);
}

describe('on the seed news', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(() => server.close());

  it('the topics most linked to mining are mining-investment and pollution, then artisanal-mining, environment and social-protest', async () => {
    const { topic } = await server.query(TopicRelatedDocument, { slug: 'mining', kinds: ['TOPIC'], first: 10, articlesFirst: 5 });
    expect(topic!.related.map((r) => [slugOf(r.entity), r.count])).toEqual([
      ['mining-investment', 2],
      ['pollution', 2],
      ['artisanal-mining', 1],
      ['environment', 1],
      ['social-protest', 1],
    ]);
    // 14 articles; mining on 5 directly, mining-investment on 2, both on 2.
    expect(topic!.related[0]).toMatchObject({ jaccard: 2 / (5 + 2 - 2), lift: (2 * 14) / (5 * 2) });
    expect(topic!.related[0].articles.map((a) => a.slug)).toEqual([NEWS.fraser, NEWS.michiquillay]);
  });

  it('related entities of every kind, or of the kinds asked for', async () => {
    const all = await server.query(TopicRelatedDocument, { slug: 'mining', first: 3 });
    expect(all.topic!.related.map((r) => slugOf(r.entity))).toEqual(['southern-copper', 'mining-investment', 'pollution']);
    const { organisation } = await server.query(OrganisationRelatedDocument, { slug: 'southern-copper', kinds: ['PLACE'] });
    expect(organisation!.related.every((r) => r.entity.__typename === 'Place')).toBe(true);
    expect(organisation!.related.map((r) => slugOf(r.entity))).toEqual(expect.arrayContaining(['tia-maria', 'michiquillay']));
  });

  it('the Fraser Institute reaches Tía María in two steps, through mining, each step with its newest shared article', async () => {
    const ids = await server.query(EntityIdsDocument, { organisation: 'fraser-institute', place: 'tia-maria', person: 'alberto-fujimori' });
    const { path } = await server.query(PathDocument, { from: ids.organisation!.id, to: ids.place!.id });
    expect(path).toMatchObject({ found: true, hops: 2 });
    expect(path.paths.map((p) => p.entities.map(slugOf))).toEqual([['fraser-institute', 'mining', 'tia-maria']]);
    expect(path.paths[0].steps.map((s) => [slugOf(s.from), s.article.slug, slugOf(s.to)])).toEqual([
      ['fraser-institute', NEWS.fraser, 'mining'],
      ['mining', NEWS.tiaMaria, 'tia-maria'],
    ]);
    // Within one step there is none: an explicit empty answer.
    expect((await server.query(PathDocument, { from: ids.organisation!.id, to: ids.place!.id, maxHops: 1 })).path).toEqual({ found: false, hops: null, paths: [] });
    // Directly linked: one step.
    const mining = (await server.query(TopicRelatedDocument, { slug: 'mining', first: 1 })).topic!.id;
    const direct = await server.query(PathDocument, { from: mining, to: ids.place!.id });
    expect(direct.path.paths.map((p) => p.steps.map((s) => [slugOf(s.from), s.article.slug, slugOf(s.to)]))).toEqual([[['mining', NEWS.tiaMaria, 'tia-maria']]]);
    // From an entity to itself: no steps.
    expect((await server.query(PathDocument, { from: ids.place!.id, to: ids.place!.id })).path).toMatchObject({ found: true, hops: 0, paths: [{ steps: [] }] });
  });

  it('an entity no article mentions is linked to nothing: found is false', async () => {
    const { id } = (await server.sql.get<{ id: number }>(
      "SELECT id FROM place WHERE id NOT IN (SELECT subject_id FROM article_link WHERE subject_kind = 'PLACE') ORDER BY id LIMIT 1",
    ))!;
    const ids = await server.query(EntityIdsDocument, { organisation: 'fraser-institute', place: 'tia-maria', person: 'alberto-fujimori' });
    const lonely = Buffer.from(`Place:${id}`).toString('base64url');
    expect((await server.query(PathDocument, { from: ids.organisation!.id, to: lonely, maxHops: 4 })).path).toEqual({ found: false, hops: null, paths: [] });
  });

  it('the whole network: edges by count, with jaccard and lift from the node counts, and their evidence newest first', async () => {
    const { links } = await server.query(LinksDocument, { first: 50, articlesFirst: 20 });
    expect(links.articleCount).toBe(14);
    expect(links.edges.length).toBeGreaterThan(10);
    const counts = links.edges.map((e) => e.count);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    const nodes = new Map(links.nodes.map((n) => [n.id, n]));
    for (const edge of links.edges) {
      const [a, b] = [nodes.get(edge.source)!, nodes.get(edge.target)!];
      const [ofA, ofB] = [await articlesOf(server, a.id), await articlesOf(server, b.id)];
      expect(a.articleCount).toBe(ofA.length);
      const both = ofA.filter((x) => ofB.includes(x));
      expect(edge.count).toBe(both.length);
      expect(edge.jaccard).toBeCloseTo(edge.count / (a.articleCount + b.articleCount - edge.count));
      expect(edge.lift).toBeCloseTo((edge.count * 14) / (a.articleCount * b.articleCount));
      expect(edge.articles).toHaveLength(edge.count);
    }
    expect(links.nodes.every((n) => n.entity.id === n.id)).toBe(true);
  });

  it('a filter that keeps every article gives the same network, counted live', async () => {
    const stored = await server.query(LinksDocument, { first: 30, articlesFirst: 3 });
    const live = await server.query(LinksDocument, { first: 30, articlesFirst: 3, filter: { OR: [{ kind: 'NEWS' }, { kind: 'PAGE' }] } });
    expect(live).toEqual(stored);
  });

  it('a filter counts only its articles; search too; kinds and minCount restrict the edges', async () => {
    const { links } = await server.query(LinksDocument, { filter: { topics: { any: ['mining'] } }, articlesFirst: 5 });
    expect(links.articleCount).toBe(5);
    const mining = links.nodes.find((n) => slugOf(n.entity) === 'mining')!;
    expect(mining.articleCount).toBe(5);
    // In these five, mining is on every article: lift 1 with anything.
    for (const edge of links.edges.filter((e) => e.source === mining.id || e.target === mining.id)) expect(edge.lift).toBeCloseTo(1);
    const searched = await server.query(LinksDocument, { search: 'copper', kinds: ['ORGANISATION', 'PLACE'], minCount: 1 });
    expect(searched.links.articleCount).toBe(2);
    expect(searched.links.nodes.every((n) => n.kind === 'ORGANISATION' || n.kind === 'PLACE')).toBe(true);
    const strong = await server.query(LinksDocument, { minCount: 2, first: 200 });
    expect(strong.links.edges.length).toBeGreaterThan(0);
    expect(strong.links.edges.every((e) => e.count >= 2)).toBe(true);
    const people = await server.query(LinksDocument, { kinds: ['PERSON'], minCount: 5 });
    // No edge qualifies: the people with the most articles stand alone.
    expect(people.links.edges).toEqual([]);
    expect(people.links.nodes.length).toBeGreaterThan(0);
    expect(people.links.nodes.every((n) => n.kind === 'PERSON')).toBe(true);
  });

  it('a filter matching more articles than the live bound is an error that says how many, the bound and what to do', async () => {
    await expect(computeGraph(server.sql, { filter: { kind: 'NEWS' as never }, minCount: 1, first: 10 }, 5)).rejects.toThrow(
      /match 10 articles; a filtered network is counted live over at most 5\. Narrow the filter/,
    );
  });

  it('a path search past its bound says so instead of answering none', async () => {
    const ids = async (slug: string, table: string) => (await server.sql.get<{ id: number }>(`SELECT id FROM ${table} WHERE slug = ?`, [slug]))!.id;
    const from = { kind: SubjectKind.ORGANISATION, id: await ids('fraser-institute', 'organisation') };
    const to = { kind: SubjectKind.PERSON, id: await ids('alberto-fujimori', 'person') };
    await expect(findPaths(server.sql, from, to, 4, 3)).rejects.toThrow(/read more than 3 links/);
  });

  it.each([
    [{ first: 0 }, 'first', /first must be between 1 and 200; got 0/],
    [{ first: 201 }, 'first', /between 1 and 200/],
    [{ minCount: 0 }, 'minCount', /minCount must be 1 or more; got 0/],
    [{ kinds: [] }, 'kinds', /kinds is empty: give at least one of TOPIC, ORGANISATION, PLACE, PERSON/],
    [{ articlesFirst: 21 }, 'first', /first must be between 0 and 20; got 21/],
    [{ filter: { topics: { any: ['gardening'] } } }, 'filter', /unknown slugs: topic "gardening"/],
  ])('links rejects %j with an error naming %s', async (variables, argument, message) => {
    const { errors } = await server.request(LinksDocument, variables);
    expect(errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argument } });
    expect(errors![0].message).toMatch(message);
  });

  it('path and related reject what they cannot answer, naming the argument', async () => {
    const ids = await server.query(EntityIdsDocument, { organisation: 'fraser-institute', place: 'tia-maria', person: 'alberto-fujimori' });
    const article = Buffer.from('Article:1').toString('base64url');
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ from: ids.organisation!.id, to: ids.place!.id, maxHops: 5 }, 'maxHops', /maxHops must be between 1 and 4; got 5/],
      [{ from: article, to: ids.place!.id }, 'from', /from is the id of a Article; give the id of a topic, organisation, place or person/],
      [{ from: ids.place!.id, to: Buffer.from('Person:999').toString('base64url') }, 'to', /to: there is no Person/],
      [{ from: 'nonsense', to: ids.place!.id }, 'from', /not a Quipu global id/],
    ];
    for (const [variables, argument, message] of cases) {
      const { errors } = await server.request(PathDocument, variables as never);
      expect(errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argument } });
      expect(errors![0].message).toMatch(message);
    }
    const { errors } = await server.request(TopicRelatedDocument, { slug: 'mining', first: 51 });
    expect(errors?.[0]).toMatchObject({ message: 'first must be between 1 and 50; got 51', extensions: { code: 'BAD_USER_INPUT', argument: 'first' } });
  });
});

describe('SQL statements of the analyst queries (no N+1)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer({ files: [writeNewsFixture(120)] });
  });
  afterAll(() => server.close());

  it('links with entities and evidence costs the same for 2 or 100 edges, stored or live', async () => {
    const small = await statementsFor(server, () => server.query(LinksDocument, { first: 2, articlesFirst: 3 }));
    const large = await statementsFor(server, () => server.query(LinksDocument, { first: 100, articlesFirst: 3 }));
    expect(small.result.links.edges).toHaveLength(2);
    expect(large.result.links.edges).toHaveLength(100);
    expect(large.result.links.edges.every((e) => e.articles.length === Math.min(3, e.count))).toBe(true);
    // edges + one subject statement per kind among the nodes + the evidence.
    const kinds = (r: typeof large.result) => new Set(r.links.nodes.map((n) => n.kind)).size;
    expect(small.statements).toBe(1 + kinds(small.result) + 1);
    expect(large.statements).toBe(1 + kinds(large.result) + 1);
    const live = await statementsFor(server, () => server.query(LinksDocument, { first: 100, articlesFirst: 3, filter: { publishedFrom: '2010-03-01' } }));
    expect(live.result.links.edges.length).toBeGreaterThan(50);
    // matching ids + their links + one subject statement per kind + evidence.
    expect(live.statements).toBe(2 + kinds(live.result) + 1);
  });

  it('related entities of a page of topics are batched: the same statements for 1 or 20 topics', async () => {
    const one = await statementsFor(server, () => server.query(TopicsRelatedDocument, { first: 1, relatedFirst: 5 }));
    const many = await statementsFor(server, () => server.query(TopicsRelatedDocument, { first: 20, relatedFirst: 5 }));
    expect(many.result.topics.nodes.filter((t) => t.related.length > 0).length).toBeGreaterThan(10);
    const kinds = (r: typeof many.result) => new Set(r.topics.nodes.flatMap((t) => t.related.map((x) => x.entity.__typename))).size;
    // topics page + related + one subject statement per kind + evidence.
    expect(one.statements).toBe(3 + kinds(one.result));
    expect(many.statements).toBe(3 + kinds(many.result));
  });
});

describe('paths with several shortest chains', () => {
  // Each article names exactly two entities, so the links form this graph (F to T in four hops, two ways):
  //   F - X - M - P1 - T,  M - P2 - T,  and F - E1, F - E2. F's side is the wider: the search grows T's
  //   side until it meets F's at X, where one half from F joins two halves from T.
  const names = {
    F: ['fraser-institute', 'Fraser Institute'],
    X: ['alberto-fujimori', 'Alberto Fujimori'],
    M: ['rosa-bartra', 'Rosa Bartra'],
    P1: ['pedro-pablo-kuczynski', 'Pedro Pablo Kuczynski'],
    P2: ['fuerza-popular', 'Fuerza Popular'],
    T: ['inei', 'Instituto Nacional de Estadística e Informática'],
    E1: ['amazon-conservation', 'Amazon Conservation'],
    E2: ['constitutional-tribunal', 'Constitutional Tribunal'],
  } as const;
  const edges: [keyof typeof names, keyof typeof names][] = [
    ['F', 'X'],
    ['X', 'M'],
    ['M', 'P1'],
    ['M', 'P2'],
    ['P1', 'T'],
    ['P2', 'T'],
    ['F', 'E1'],
    ['F', 'E2'],
  ];
  let server: TestServer;
  beforeAll(async () => {
    const items = edges.map(([a, b], i) => `  • Meeting ${i + 1}\n\n    ${i + 1} March 2018\n\n    ${names[a][1]} met ${names[b][1]}.\n`);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quipu-paths-'));
    const file = path.join(dir, 'paths.txt');
    fs.writeFileSync(file, items.join('\n'));
    server = await startServer({ files: [file] });
  });
  afterAll(() => server.close());

  it('returns every shortest chain in order from start to end, each step with an article naming both ends', async () => {
    const ids = await server.query(EntityIdsDocument, { organisation: 'fraser-institute', place: 'peru', person: 'alberto-fujimori' });
    const inei = (await server.query(OrganisationRelatedDocument, { slug: 'inei' })).organisation!;
    // Every article links exactly the two entities it names.
    const pairs = await server.sql.all<{ n: number }>('SELECT count(*) AS n FROM article_link GROUP BY article_id');
    expect(pairs.map((p) => p.n)).toEqual(edges.map(() => 2));
    const { path } = await server.query(PathDocument, { from: ids.organisation!.id, to: inei.id, maxHops: 4 });
    expect(path).toMatchObject({ found: true, hops: 4 });
    const slug = (k: keyof typeof names) => names[k][0];
    expect(path.paths.map((p) => p.entities.map(slugOf)).sort()).toEqual(
      [
        [slug('F'), slug('X'), slug('M'), slug('P1'), slug('T')],
        [slug('F'), slug('X'), slug('M'), slug('P2'), slug('T')],
      ].sort(),
    );
    for (const chain of path.paths) {
      expect(chain.steps.map((s) => slugOf(s.from))).toEqual(chain.entities.slice(0, -1).map(slugOf));
      expect(chain.steps.map((s) => slugOf(s.to))).toEqual(chain.entities.slice(1).map(slugOf));
    }
  });
});
