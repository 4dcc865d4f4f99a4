import {
  OrganisationPageDocument,
  OrganisationSearchDocument,
  PeopleListDocument,
  PersonPageDocument,
  PlacePageDocument,
  PlaceSearchDocument,
  TopicPageDocument,
  TopicSearchDocument,
  TopicTreeDocument,
} from './generated/graphql';
import { NEWS } from './support/seed-slugs';
import { startServer, type TestServer } from './support/server';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

describe('topics', () => {
  it('form a tree with the four core topics at the top', async () => {
    const { topics } = await server.query(TopicTreeDocument, { articlesFirst: 1 });
    const roots = topics.nodes.filter((t) => t.parent === null).map((t) => t.slug);
    expect(roots).toEqual(expect.arrayContaining(['mining', 'human-rights', 'environment', 'politics']));
    expect(topics.totalCount).toBe(topics.nodes.length);
  });

  it('a topic page lists its subtopics and the articles on it or them', async () => {
    const { topic } = await server.query(TopicPageDocument, { slug: 'environment', first: 10 });
    expect(topic).toMatchObject({ slug: 'environment', name: 'Environment', parent: null });
    expect(topic!.children.map((c) => c.slug).sort()).toEqual(['climate-change', 'deforestation', 'pollution', 'water']);
    expect(topic!.articles.totalCount).toBe(3);
    expect(topic!.articles.nodes.map((a) => a.slug)).toEqual([NEWS.heavyMetals, NEWS.mercury, NEWS.maap]);
    const sub = await server.query(TopicPageDocument, { slug: 'deforestation', first: 10 });
    expect(sub.topic!.parent).toEqual({ slug: 'environment' });
  });

  it('a topic page can be searched, paged and faceted like the root list', async () => {
    const result = await server.query(TopicSearchDocument, { slug: 'mining', search: 'copper' });
    expect(result.topic!.articles.totalCount).toBe(2);
    expect(result.topic!.articles.nodes.map((a) => a.slug).sort()).toEqual([NEWS.michiquillay, NEWS.tiaMaria].sort());
    expect(result.topic!.articles.facets.organisations).toEqual(
      expect.arrayContaining([
        { count: 2, organisation: { slug: 'southern-copper' } },
        { count: 1, organisation: { slug: 'grupo-mexico' } },
      ]),
    );
    const first = await server.query(TopicSearchDocument, { slug: 'mining', search: 'copper', first: 1 });
    const rest = await server.query(TopicSearchDocument, { slug: 'mining', search: 'copper', first: 5, after: first.topic!.articles.pageInfo.endCursor });
    expect([...first.topic!.articles.nodes, ...rest.topic!.articles.nodes]).toEqual(result.topic!.articles.nodes);
    expect(rest.topic!.articles.pageInfo.hasNextPage).toBe(false);
  });

  it('a missing slug gives null', async () => {
    expect((await server.query(TopicPageDocument, { slug: 'gardening' })).topic).toBeNull();
  });
});

describe('places', () => {
  it('sit in a hierarchy with coordinates, and a region page includes its towns and mines', async () => {
    const { place } = await server.query(PlacePageDocument, { slug: 'moquegua' });
    expect(place).toMatchObject({ slug: 'moquegua', kind: 'REGION', parent: { slug: 'peru' } });
    expect(place!.latitude).toBeCloseTo(-17, 0);
    expect(place!.articles.nodes.map((a) => a.slug)).toEqual([NEWS.michiquillay]);
    // Facets of a region's list count over that list: the places of its one article.
    expect(place!.articles.facets.places.map((f) => f.place.slug)).toEqual(expect.arrayContaining(['moquegua', 'cuajone']));
  });

  it('keep their names with and without diacritics', async () => {
    const { place } = await server.query(PlacePageDocument, { slug: 'tia-maria' });
    expect(place!.name).toBe('Tía María');
    expect(place!.aliases).toEqual(expect.arrayContaining(['Tia Maria']));
    expect(place!.kind).toBe('MINE_SITE');
    expect(place!.children).toEqual([]);
  });

  it('are searched by name ignoring accents, and paged in name order', async () => {
    const found = await server.query(PlaceSearchDocument, { search: 'tia mar' });
    expect(found.places.nodes.map((p) => p.slug)).toEqual(['tia-maria']);
    const all = await server.query(PlaceSearchDocument, { first: 100 });
    const names = all.places.nodes.map((p) => p.name);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' })));
    const page1 = await server.query(PlaceSearchDocument, { first: 5 });
    const page2 = await server.query(PlaceSearchDocument, { first: 5, after: page1.places.pageInfo.endCursor });
    expect(page2.places.totalCount).toBe(all.places.totalCount);
    expect([...page1.places.nodes, ...page2.places.nodes]).toEqual(all.places.nodes.slice(0, 10));
    const back = await server.query(PlaceSearchDocument, { last: 5, before: page2.places.pageInfo.startCursor });
    expect(back.places.nodes).toEqual(page1.places.nodes);
  });
});

describe('organisations and people', () => {
  it('an organisation has its aliases, kind, country and parent, and its articles', async () => {
    const { organisation } = await server.query(OrganisationPageDocument, { slug: 'southern-copper' });
    expect(organisation).toMatchObject({ name: 'Southern Copper Corporation', kind: 'COMPANY', parent: { slug: 'grupo-mexico' } });
    expect(organisation!.aliases).toEqual(expect.arrayContaining(['Southern Peru Copper', 'Southern']));
    expect(organisation!.articles.nodes.map((a) => a.slug)).toEqual([NEWS.michiquillay, NEWS.tiaMaria]);
  });

  it('an organisation is found by any of its names', async () => {
    expect((await server.query(OrganisationSearchDocument, { search: 'iachr' })).organisations.nodes.map((o) => o.slug)).toContain('inter-american-court-of-human-rights');
    expect((await server.query(OrganisationSearchDocument, { search: 'grupo mexico' })).organisations.nodes.map((o) => o.slug)).toEqual(['grupo-mexico']);
  });

  it('a person page lists the articles about them', async () => {
    const { person } = await server.query(PersonPageDocument, { slug: 'alberto-fujimori' });
    expect(person).toMatchObject({ name: 'Alberto Fujimori', articles: { totalCount: 1, nodes: [{ slug: NEWS.fujimori }] } });
    // "Fujimorista" names the movement, not the man: Rosa Bartra's item is not his.
    const bartra = await server.query(PersonPageDocument, { slug: 'rosa-bartra' });
    expect(bartra.person!.articles.nodes.map((a) => a.slug)).toEqual([NEWS.students]);
    // The catalogue knows hundreds of people; `linked: true` keeps those the news is about.
    const { people } = await server.query(PeopleListDocument);
    expect(people.nodes.map((p) => p.slug)).toEqual(['alberto-fujimori', 'pedro-pablo-kuczynski', 'rosa-bartra']);
    expect(people.totalCount).toBe(3);
  });
});
