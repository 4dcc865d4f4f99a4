/** The page's three GraphQL requests, POSTed as JSON to the same server's /graphql. */
import type { ArticleFilter, Kind } from './state';

export interface Named {
  __typename: 'Topic' | 'Organisation' | 'Place' | 'Person';
  slug: string;
  name: string;
}

export interface EvidenceRow {
  field: 'TITLE' | 'SUMMARY' | 'BODY';
  offset: number;
  length: number;
  text: string;
}

export interface ArticleRow {
  id: string;
  slug: string;
  title: string;
  summary: string;
  kind: 'NEWS' | 'PAGE';
  publishedAt: string | null;
  mentions: { kind: Kind; subject: Named; evidence: EvidenceRow[] }[];
}

export interface FacetRow {
  count: number;
  subject: { slug: string; name: string };
}

export interface ArticlesPage {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  nodes: ArticleRow[];
  facets?: Record<Kind, FacetRow[]>;
}

export interface LinkGraph {
  articleCount: number;
  nodes: { id: string; kind: Kind; articleCount: number; entity: Named }[];
  edges: { source: string; target: string; count: number; jaccard: number; lift: number }[];
}

export interface TimelineSeries {
  label: string;
  total: number;
  buckets: { start: string; end: string; count: number }[];
}

const NAMED = `__typename ... on Topic { slug name } ... on Organisation { slug name } ... on Place { slug name } ... on Person { slug name }`;

const ARTICLES = `query ExploreArticles($filter: ArticleFilter, $search: String, $after: String, $facets: Boolean!) {
  articles(filter: $filter, search: $search, first: 20, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes {
      id slug title summary kind publishedAt
      mentions { kind subject { ${NAMED} } evidence { field offset length text } }
    }
    facets @include(if: $facets) {
      TOPIC: topics(first: 100) { count subject: topic { slug name } }
      ORGANISATION: organisations(first: 100) { count subject: organisation { slug name } }
      PLACE: places(first: 100) { count subject: place { slug name } }
      PERSON: people(first: 100) { count subject: person { slug name } }
    }
  }
}`;

/** Edges the network asks for: the links downloads and the copied query ask for as many, to be the same view. */
export const NETWORK_EDGES = 60;

const LINKS = `query ExploreLinks($filter: ArticleFilter, $search: String, $kinds: [SubjectKind!]) {
  links(filter: $filter, search: $search, kinds: $kinds, first: ${NETWORK_EDGES}) {
    articleCount
    nodes { id kind articleCount entity { ${NAMED} } }
    edges { source target count jaccard lift }
  }
}`;

const TIMELINE = `query ExploreTimeline($filter: ArticleFilter, $search: String) {
  timeline(filter: $filter, search: $search, interval: MONTH) { label total buckets { start end count } }
}`;

/**
 * A request that failed, with what went wrong in plain words for a reader ("the server could not be
 * reached"), never a status code or a stack: the page shows it in one sentence with what failed.
 */
export class RequestFailed extends Error {}

interface GraphQLErrorBody {
  message: string;
  extensions?: { code?: string };
}

/** An unknown slug, as the filter compiler names it: `topic "foo"`. */
const UNKNOWN_SLUG = /\b(topic|organisation|place|person) "([^"]+)"/g;

/** What went wrong, for a reader: the API's own words when they are about the reader's choices. */
export function plainReason(status: number, errors: GraphQLErrorBody[]): string {
  const codes = errors.map((error) => error.extensions?.code);
  if (status === 429 || codes.includes('RATE_LIMITED')) return 'too many requests came from here in a short time; wait a minute, then try again';
  if (status === 504 || codes.includes('QUERY_TIMEOUT')) return 'the server took too long; narrow the filters or the dates, then try again';
  if (status === 503 || codes.includes('SERVICE_UNAVAILABLE')) return 'Quipu is starting; try again in a moment';
  const input = errors.find((error) => error.extensions?.code === 'BAD_USER_INPUT');
  if (input) {
    const unknown = [...input.message.matchAll(UNKNOWN_SLUG)].map(([, kind, slug]) => `${kind} “${slug}”`);
    if (unknown.length > 0) return `Quipu knows no ${unknown.join(' or ')}; remove ${unknown.length === 1 ? 'it' : 'them'} from the filters`;
    return input.message.replace(/\.$/, '');
  }
  return 'something went wrong on the server; try again in a moment';
}

async function post<T>(query: string, variables: object, signal: AbortSignal): Promise<T> {
  let response: Response;
  try {
    response = await fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ query, variables }),
      signal,
    });
  } catch (error) {
    if (signal.aborted) throw error;
    throw new RequestFailed('the server could not be reached; check the connection, then try again');
  }
  let body: { data?: T | null; errors?: GraphQLErrorBody[] };
  try {
    body = (await response.json()) as typeof body;
  } catch {
    throw new RequestFailed(plainReason(response.status, []));
  }
  if (body.errors?.length || !response.ok || !body.data) throw new RequestFailed(plainReason(response.status, body.errors ?? []));
  return body.data;
}

export interface Query {
  filter: ArticleFilter | null;
  search: string | null;
}

export async function fetchArticles(query: Query, after: string | null, facets: boolean, signal: AbortSignal): Promise<ArticlesPage> {
  return (await post<{ articles: ArticlesPage }>(ARTICLES, { ...query, after, facets }, signal)).articles;
}

export async function fetchLinks(query: Query, kinds: Kind[], signal: AbortSignal): Promise<LinkGraph> {
  return (await post<{ links: LinkGraph }>(LINKS, { ...query, kinds }, signal)).links;
}

export async function fetchTimeline(query: Query, signal: AbortSignal): Promise<TimelineSeries[]> {
  return (await post<{ timeline: TimelineSeries[] }>(TIMELINE, query, signal)).timeline;
}

/**
 * The names of chosen entities the page has not seen in any answer (a shared view that matches
 * nothing), by `KIND:slug`, in one request; an unknown slug is left out.
 */
export async function fetchNames(wanted: { kind: Kind; slug: string }[], signal: AbortSignal): Promise<Map<string, string>> {
  const fields = { TOPIC: 'topic', ORGANISATION: 'organisation', PLACE: 'place', PERSON: 'person' } as const;
  const query = `query ExploreNames {\n${wanted.map(({ kind, slug }, index) => `  n${index}: ${fields[kind]}(slug: ${JSON.stringify(slug)}) { name }`).join('\n')}\n}`;
  const data = await post<Record<string, { name: string } | null>>(query, {}, signal);
  const names = new Map<string, string>();
  wanted.forEach(({ kind, slug }, index) => {
    const found = data[`n${index}`];
    if (found) names.set(`${kind}:${slug}`, found.name);
  });
  return names;
}
