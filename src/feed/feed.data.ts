import { isDated } from '../core/dated';
import type { Sql } from '../db/sql';
import { InternalQuery } from '../graph/internal-query';
import type { FeedSubject, FeedTarget } from './feed-links';

/** One article as a feed item, exactly as the API gives it. */
export interface FeedArticle {
  id: string;
  slug: string;
  title: string;
  summary: string;
  body: string | null;
  /** Always set: undated pages are left out of feeds. */
  publishedAt: string;
  url: string;
  topics: { slug: string; name: string }[];
  source: { name: string; url: string };
}

/** What a feed is about and its newest articles; null when the channel or subject does not exist. */
export interface FeedContent {
  title: string;
  description: string;
  /** The filter of the explorer view showing the same articles, as its URL parameters. */
  explore: Record<string, string>;
  articles: FeedArticle[];
}

export const DEFAULT_FEED_LIMIT = 20;
export const MAX_FEED_LIMIT = 100;

const ARTICLE_FIELDS = 'id slug title summary body publishedAt url topics { slug name } source { name url }';

/** Per subject kind (also the name of its query field): the field holding a description, if any. */
const SUBJECT_FIELDS: Record<FeedSubject, { description: string | null }> = {
  topic: { description: 'description' },
  organisation: { description: 'description' },
  place: { description: null },
  person: { description: 'description' },
};

const queries = new Map<string, InternalQuery<{ target: RawTarget | null }>>();

/** The query of a target kind: `channel` or `topic` and friends, aliased to one shape. */
function feedQuery(kind: 'channel' | FeedSubject): InternalQuery<{ target: RawTarget | null }> {
  let query = queries.get(kind);
  if (!query) {
    const selection =
      kind === 'channel'
        ? 'target: channel(slug: $slug) { name: title description slug filter'
        : `target: ${kind}(slug: $slug) { name ${SUBJECT_FIELDS[kind].description ? `description: ${SUBJECT_FIELDS[kind].description}` : ''} slug`;
    query = new InternalQuery(`the ${kind} feed`, `query Feed($slug: String!, $first: Int!) { ${selection} articles(first: $first) { nodes { ${ARTICLE_FIELDS} } } } }`);
    queries.set(kind, query);
  }
  return query;
}

/**
 * A feed's content, read through the real schema with a request context on `origin` (so item links
 * are Article.url): the newest `limit` articles of the channel (its `articles`) or the subject (its
 * `articles`, subtopics and places inside included), newest first. Undated articles (standing pages)
 * sort after every dated one, so dropping them leaves exactly the newest dated articles.
 */
export async function fetchFeedContent(sql: Sql, origin: string, target: FeedTarget, limit: number): Promise<FeedContent | null> {
  const kind = 'channel' in target ? 'channel' : target.subject;
  const slug = 'channel' in target ? target.channel : target.slug;
  const found = (await feedQuery(kind).data(sql, { slug, first: limit }, origin)).target;
  if (!found) return null;
  return {
    title: 'channel' in target ? found.name : `${found.name} (${target.subject})`,
    description: found.description ?? `News about ${found.name} from Quipu.`,
    explore: exploreParams(kind, found),
    articles: found.articles.nodes.filter(isDated),
  };
}

interface RawTarget {
  name: string;
  description?: string | null;
  slug: string;
  filter?: Record<string, unknown>;
  articles: { nodes: (Omit<FeedArticle, 'publishedAt'> & { publishedAt: string | null })[] };
}

/**
 * The explorer's URL parameters for the same articles, when the explorer can say it: a subject, or a
 * channel whose filter is one slug per kind (the explorer ANDs what it is given). Else none: the
 * explorer's front page.
 */
function exploreParams(kind: 'channel' | FeedSubject, target: RawTarget): Record<string, string> {
  if (kind !== 'channel') return { [kind]: target.slug };
  const params: Record<string, string> = {};
  const names: Record<string, string> = { topics: 'topic', organisations: 'organisation', places: 'place', people: 'person' };
  for (const [field, value] of Object.entries(target.filter ?? {})) {
    if (value === null || value === undefined) continue;
    const match = value as { any?: string[]; all?: string[]; none?: string[] };
    if (field in names && match.any?.length === 1 && !match.all?.length && !match.none?.length) params[names[field]] = match.any[0];
    else if (field === 'publishedFrom' || field === 'publishedTo') params[field === 'publishedFrom' ? 'from' : 'to'] = value as string;
    else return {};
  }
  return params;
}
