import { type ArticleFilter, relations } from '../article/article.filter';
import { type ParsedSearch, parseSearch } from '../db/fts5';
import type { WorkStats } from './work-stats';

/**
 * The work a filtered or searched list asks of the database, in cost points, estimated before it runs
 * from WorkStats. One point is about 0.1 ms of SQLite's time on this hardware class; the rates are
 * rounded from measurements of the statements the query layer writes:
 */
/** Article ids gathered from the link index into a set (a filter's `any`, `all`, `none`, a NOT's complement). */
export const SET_ROWS_PER_POINT = 500;
/** Links joined and counted for a facet: each article of the list brings its links of the facet's kind. */
export const LINK_ROWS_PER_POINT = 100;
/** Doc-list entries a search reads: each word's articles, and for a prefix term every word it starts. */
export const POSTINGS_PER_POINT = 500;

/**
 * A request that costs this much or more is heavy (about 0.2 s of estimated work, or a page of a
 * hundred articles with their lists): its reads never take the last free reader, which stays for
 * light requests (db/sqlite/reader-pool.ts).
 */
export const HEAVY_COST = 2000;

/** What a request reads of one list: its page, its total, its facets. */
export interface ListSelection {
  page: boolean;
  totalCount: boolean;
  /** Subject facets asked for (topics, organisations, places, people). */
  subjectFacets: number;
  months: boolean;
}

/**
 * The points of one list's work. Nothing is charged where the answer comes from the aggregates kept
 * at ingest (no filter and no search; a total or month counts of one subject): that is a lookup.
 * Otherwise every statement of the list evaluates the filter's sets and the search again: the page,
 * the total, and each facet, which also counts the links of every article in the list.
 */
export function listWork(filter: ArticleFilter | null | undefined, searchText: string | null | undefined, selection: ListSelection, stats: WorkStats): number {
  const search = readSearch(searchText);
  if (!filter && !search) return 0;
  const n = stats.articles;
  const base = setRows(filter, stats) / SET_ROWS_PER_POINT + (search ? stats.postings(search) / POSTINGS_PER_POINT : 0);
  const matched = Math.min(resultRows(filter, stats), search ? stats.matches(search) : n);
  const oneSubject = !search && filter != null && isOneSubject(filter);
  let points = 0;
  if (selection.page) points += base;
  if (selection.totalCount && !oneSubject) points += base;
  if (selection.months && !oneSubject) points += base + matched / SET_ROWS_PER_POINT;
  points += selection.subjectFacets * (base + (matched * stats.linksPerArticle) / LINK_ROWS_PER_POINT);
  return Math.ceil(points);
}

/** The search as the query layer will read it, or null (none, or invalid: the field itself says why). */
function readSearch(text: string | null | undefined): ParsedSearch | null {
  if (text == null) return null;
  try {
    return parseSearch(text);
  } catch {
    return null;
  }
}

/** Rows gathered into sets to evaluate the filter: every slug list's articles, and the whole table for each negation. */
function setRows(filter: ArticleFilter | null | undefined, stats: WorkStats): number {
  if (!filter) return 0;
  let rows = 0;
  for (const [field, kind] of relations) {
    const match = filter[field];
    for (const slug of [...(match?.any ?? []), ...(match?.all ?? []), ...(match?.none ?? [])]) rows += stats.subjectArticles(kind, slug);
    if (match?.none && match.none.length > 0) rows += stats.articles;
  }
  for (const child of [...(filter.AND ?? []), ...(filter.OR ?? [])]) rows += setRows(child, stats);
  if (filter.NOT) rows += stats.articles + setRows(filter.NOT, stats);
  return rows;
}

/** How many articles the filter can keep at most (what its facets count links over). */
function resultRows(filter: ArticleFilter | null | undefined, stats: WorkStats): number {
  const n = stats.articles;
  if (!filter) return n;
  const bounds: number[] = [n];
  for (const [field, kind] of relations) {
    const match = filter[field];
    const size = (slugs: string[]) => slugs.reduce((sum, slug) => sum + stats.subjectArticles(kind, slug), 0);
    if (match?.any) bounds.push(size(match.any));
    for (const slug of match?.all ?? []) bounds.push(stats.subjectArticles(kind, slug));
  }
  for (const child of filter.AND ?? []) bounds.push(resultRows(child, stats));
  if (filter.OR) bounds.push(filter.OR.reduce((sum, child) => sum + resultRows(child, stats), 0));
  return Math.min(...bounds);
}

/** One `any` list of one slug and nothing else: its totals and months come from the aggregates. */
function isOneSubject(filter: ArticleFilter): boolean {
  const given = Object.entries(filter).filter(([, value]) => value != null);
  if (given.length !== 1) return false;
  const match = given[0][1] as { any?: string[] | null; all?: string[] | null; none?: string[] | null };
  return relations.some(([field]) => field === given[0][0]) && match.any?.length === 1 && !match.all?.length && !match.none?.length;
}

/** How many articles a list with this filter and search holds at most, as estimated (exports size themselves by it). */
export function listMatches(filter: ArticleFilter | null | undefined, searchText: string | null | undefined, stats: WorkStats): number {
  const search = readSearch(searchText);
  return Math.min(resultRows(filter, stats), search ? stats.matches(search) : stats.articles);
}
