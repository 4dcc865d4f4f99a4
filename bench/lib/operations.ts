import type { HostileRequest } from '../load/hostile';
import type { Picks } from './picks';

/**
 * The GraphQL operations the bench sends, as literal documents (no variables) so every variant
 * receives byte-identical request bodies and the floor can route on the query text.
 */
export interface Operation {
  name: string;
  query: string;
}

/** The request body every variant receives for an operation. */
export function requestBody(operation: Operation): string {
  return JSON.stringify({ query: operation.query });
}

const SUBJECT_REF = '__typename ... on Topic { slug } ... on Organisation { slug } ... on Place { slug } ... on Person { slug }';

export const RELATIONS = 'topics { slug name } places { slug name } organisations { slug name } people { slug name } source { name }';

/** Selections of growing depth for part (a): each level adds relation fields. */
export const DEPTHS: { name: string; selection: string }[] = [
  { name: 'fields', selection: 'slug title publishedAt summary' },
  { name: '+ topics/places/organisations/people/source', selection: `slug title publishedAt summary ${RELATIONS}` },
  {
    name: '+ mentions { subject evidence }',
    selection: `slug title publishedAt summary ${RELATIONS} mentions { kind relevance subject { ${SUBJECT_REF} } evidence { field offset length text weight } }`,
  },
  {
    name: '+ related { article }',
    selection:
      `slug title publishedAt summary ${RELATIONS} mentions { kind relevance subject { ${SUBJECT_REF} } evidence { field offset length text weight } } ` +
      `related(first: 5) { score article { slug title ${RELATIONS} } shared { ${SUBJECT_REF} } }`,
  },
];

/** Page sizes for part (a); 500 is five topics' lists of 100 (the API caps a page at 100). */
export const PAGE_SIZES = [1, 5, 20, 100, 500] as const;

/**
 * `articles(first: N)`, or for 500 the five most linked topics, each with its first 100 articles.
 * The topics come through `nodes(ids:)` (one batched statement, like a `topics` page) because the
 * first five topics by name may hold only a handful of articles between them.
 */
export function sizedList(size: number, selection: string, topTopicIds: number[]): Operation {
  if (size <= 100) return { name: `list-${size}`, query: `{ articles(first: ${size}) { nodes { ${selection} } } }` };
  const ids = topTopicIds.slice(0, size / 100).map((id) => `"${Buffer.from(`Topic:${id}`).toString('base64url')}"`);
  return { name: `list-${size}`, query: `{ nodes(ids: [${ids.join(', ')}]) { ... on Topic { articles(first: 100) { nodes { ${selection} } } } } }` };
}

/** The floor's two operations (b, c): a hot filtered list and one article, with the same relations. */
export function hotList(topic: string, first = 20): Operation {
  return {
    name: `hot list (${first})`,
    query: `query Hot { articles(first: ${first}, filter: { topics: { any: ["${topic}"] } }) { totalCount nodes { slug title publishedAt ${RELATIONS} } } }`,
  };
}

export function singleArticle(slug: string): Operation {
  return { name: 'single article', query: `query One { article(slug: "${slug}") { slug title publishedAt ${RELATIONS} } }` };
}

const ALL_RELATIONS = `${RELATIONS} mentions { kind relevance subject { ${SUBJECT_REF} } evidence { field offset length text weight } } related(first: 5) { score article { slug title } shared { ${SUBJECT_REF} } }`;
const FACETS =
  'facets { topics { count topic { slug } } organisations { count organisation { slug } } places { count place { slug } } people { count person { slug } } months { month count } }';

function list(name: string, first: number, filter: string): Operation {
  return { name, query: `{ articles(first: ${first}, filter: { ${filter} }) { totalCount nodes { slug title publishedAt ${RELATIONS} } } }` };
}

function search(name: string, term: string, filter: string | null): Operation {
  const filterArg = filter ? `, filter: { ${filter} }` : '';
  return { name, query: `{ articles(first: 20, search: "${term}"${filterArg}) { totalCount nodes { slug title publishedAt } } }` };
}

/** Part (d): the operations whose latency is tracked across database sizes. */
export function scalingOperations(p: Picks): Operation[] {
  const hot = `topics: { any: ["${p.hotTopic}"] }`;
  const rare = `topics: { any: ["${p.rareTopic}"] }`;
  const placeDates = `${hot}, places: { any: ["${p.hotPlace}"] }, publishedFrom: "${p.dateFrom}", publishedTo: "${p.dateTo}"`;
  return [
    cheapList(p),
    list('list rare topic (100)', 100, rare),
    list('list hot topic (20)', 20, hot),
    list('list hot topic (100)', 100, hot),
    list('list hot topic + place + dates (20)', 20, placeDates),
    list('list hot topic + place + dates (100)', 100, placeDates),
    { name: 'single article, all relations', query: `{ article(slug: "${p.article}") { slug title publishedAt ${ALL_RELATIONS} } }` },
    search(`search rare "${p.terms.rare}"`, p.terms.rare, null),
    search(`search rare "${p.terms.rare}" + hot topic`, p.terms.rare, hot),
    search(`search medium "${p.terms.medium}"`, p.terms.medium, null),
    search(`search medium "${p.terms.medium}" + hot topic`, p.terms.medium, hot),
    search(`search common "${p.terms.common}"`, p.terms.common, null),
    search(`search common "${p.terms.common}" + hot topic`, p.terms.common, hot),
    { name: 'facets, hot topic', query: `{ articles(first: 0, filter: { ${hot} }) { totalCount ${FACETS} } }` },
    { name: 'facets, all articles', query: `{ articles(first: 0) { totalCount ${FACETS} } }` },
    ...analystOperations(p),
  ];
}

const RELATED_ENTITY = `entity { ${SUBJECT_REF} } count jaccard lift`;
const GRAPH = 'articleCount nodes { id articleCount } edges { source target count jaccard lift }';

/** Issue 4's analyst queries, for a hot and a cold entity: co-occurrence, related, paths, timelines. */
export function analystOperations(p: Picks): Operation[] {
  const rare = `topics: { any: ["${p.rareTopic}"] }`;
  const related = (id: string) =>
    `{ node(id: "${id}") { ... on Topic { related(first: 10) { ${RELATED_ENTITY} } } ... on Organisation { related(first: 10) { ${RELATED_ENTITY} } } } }`;
  const timeline = (series: string, filter = '') => `{ timeline(interval: MONTH${filter}, series: [${series}]) { total buckets { start count } } }`;
  return [
    { name: 'links, all articles (50 edges)', query: `{ links(first: 50) { ${GRAPH} } }` },
    { name: 'links, rare topic (live)', query: `{ links(first: 50, filter: { ${rare} }) { ${GRAPH} } }` },
    { name: 'related, hot topic', query: related(p.ids.hotTopic) },
    { name: 'related, rare topic', query: related(p.ids.rareTopic) },
    { name: 'related, hot organisation', query: related(p.ids.hotOrganisation) },
    {
      name: 'path, hot to rare organisation',
      query: `{ path(from: "${p.ids.hotOrganisation}", to: "${p.ids.rareOrganisation}") { found hops paths { steps { article { slug } } } } }`,
    },
    { name: 'timeline, hot topic by month', query: timeline(`"${p.ids.hotTopic}"`) },
    { name: 'timeline, rare topic by month', query: timeline(`"${p.ids.rareTopic}"`) },
    {
      name: 'timeline, hot vs rare topic, last two years',
      query: timeline(`"${p.ids.hotTopic}", "${p.ids.rareTopic}"`, `, filter: { publishedFrom: "${p.dateFrom}", publishedTo: "${p.dateTo}" }`),
    },
  ];
}

/** Part (d), event loop: what runs beside the list traffic. */
export function heavyOperations(p: Picks): Operation[] {
  return [{ name: 'facets, all articles', query: `{ articles(first: 0) { totalCount ${FACETS} } }` }, search(`search common "${p.terms.common}"`, p.terms.common, null)];
}

/** Part (d), event loop: the analyst queries that run beside the list traffic (hot entities: the worst case). */
export function analystEventLoopOperations(p: Picks): Operation[] {
  const wanted = ['links, all articles (50 edges)', 'related, hot topic', 'path, hot to rare organisation', 'timeline, hot topic by month'];
  return analystOperations(p).filter((operation) => wanted.includes(operation.name));
}

/** A rare topic's list of 20: the cheap list, timed in (d) and probed beside the hostile clients. */
export function cheapList(p: Picks): Operation {
  return list('list rare topic (20)', 20, `topics: { any: ["${p.rareTopic}"] }`);
}

/** The widest search allowed: 8 prefix terms (the most a search may have), each reading every word it starts. */
export const HOSTILE_SEARCH = 'a* OR e* OR i* OR o* OR s* OR t* OR n* OR r*';
/** An export's search: four of those prefixes, which match nearly every article. */
export const HOSTILE_EXPORT_SEARCH = 'a* OR e* OR i* OR o*';

/**
 * Part (d), event loop: what the hostile clients send, in turn. With the bench's policy (no cost
 * cap, no budget) each runs until it finishes or QUERY_TIMEOUT_MS stops it: the widest search
 * counted whole, facets over every article but the biggest topic's, and an export of most articles.
 */
export function hostileRequests(p: Picks): HostileRequest[] {
  const graphql = (name: string, query: string): HostileRequest => ({ name, path: '/graphql', body: requestBody({ name, query }) });
  const counts = 'topics { count } organisations { count } places { count } people { count } months { count }';
  return [
    graphql('search, 8 prefix terms (totalCount)', `{ articles(first: 1, search: "${HOSTILE_SEARCH}") { totalCount } }`),
    graphql('facets, all but the hot topic', `{ articles(first: 0, filter: { NOT: { topics: { any: ["${p.hotTopic}"] } } }) { facets { ${counts} } } }`),
    { name: 'export CSV, 4 prefix terms', path: `/export/articles.csv?search=${encodeURIComponent(HOSTILE_EXPORT_SEARCH).replace(/%20/g, '+')}` },
  ];
}
