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

const LINKS = `query ExploreLinks($filter: ArticleFilter, $search: String, $kinds: [SubjectKind!]) {
  links(filter: $filter, search: $search, kinds: $kinds, first: 60) {
    articleCount
    nodes { id kind articleCount entity { ${NAMED} } }
    edges { source target count jaccard lift }
  }
}`;

const TIMELINE = `query ExploreTimeline($filter: ArticleFilter, $search: String) {
  timeline(filter: $filter, search: $search, interval: MONTH) { label total buckets { start end count } }
}`;

/** A request that failed, with the message to show in place of its result. */
export class RequestFailed extends Error {}

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
    throw new RequestFailed('the server could not be reached');
  }
  let body: { data?: T | null; errors?: { message: string }[] };
  try {
    body = (await response.json()) as typeof body;
  } catch {
    throw new RequestFailed(`the server answered ${response.status} without a GraphQL response`);
  }
  if (body.errors?.length) throw new RequestFailed(body.errors.map((error) => error.message.replace(/\.$/, '')).join('; '));
  if (!response.ok || !body.data) throw new RequestFailed(`the server answered ${response.status}`);
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
