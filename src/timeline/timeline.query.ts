/**
 * Counting a timeline. Every series is first read from the aggregate (timeline.counts.ts): per
 * subject and day, summed into buckets in one statement for all series. That answers a request
 * whose filter is dates alone. Any other condition, or a search, is counted live in one more
 * statement, driven from the series' own links (or, with no series, from the filter's articles);
 * the aggregate's counts bound that work before it starts, so an expensive request fails at once
 * with the numbers instead of running long or being cut short.
 */
import type { ArticleFilter } from '../article/article.filter';
import { compileFilter, type SqlCondition } from '../article/article.filter';
import type { SubjectKind } from '../article/mention-kinds';
import { BadUserInput } from '../core/errors';
import type { Sql, SqlValue } from '../db/sql';
import { searchMatch } from '../search/search-terms';
import { bucketCount, bucketSql, bucketsBetween, type Interval } from './timeline.buckets';
import { ALL_ARTICLES, TIMELINE_TABLE } from './timeline.counts';
import { MAX_BUCKETS, MAX_LIVE_ARTICLES } from './timeline.types';

/** What one series counts: the articles about a subject (with its subtree), or all articles. */
export type SeriesRef = { kind: SubjectKind; id: number } | typeof ALL_ARTICLES;

export interface TimelineRequest {
  filter?: ArticleFilter | null;
  search?: string | null;
  interval: Interval;
  series: SeriesRef[];
  /** Overrides MAX_LIVE_ARTICLES (tests). */
  liveBound?: number;
}

export interface SeriesCounts {
  total: number;
  buckets: { start: string; end: string; count: number }[];
}

type BucketRow = { s: number; start: string; count: number };

const always: SqlCondition = { text: 'TRUE', params: [] };
const NO_DATE_BEFORE = '0000-01-01';
const NO_DATE_AFTER = '9999-12-31';
const number = (n: number) => n.toLocaleString('en');

/** The counts of every series, in the order of `request.series`, over one shared range of buckets. */
export async function computeTimeline(sql: Sql, request: TimelineRequest): Promise<SeriesCounts[]> {
  const { filter, interval, series } = request;
  const from = filter?.publishedFrom ?? null;
  const to = filter?.publishedTo ?? null;
  const compiled = filter ? await compileFilter(sql, filter) : null;
  const match = request.search == null ? null : await searchMatch(sql, request.search);
  if (from && to) checkBuckets(interval, from, to);
  const range = [from ?? NO_DATE_BEFORE, to ?? NO_DATE_AFTER];
  let rows = await fromAggregate(sql, interval, series, range);
  if (match || !onlyDates(filter)) {
    await checkLiveBound(sql, series, rows, range, compiled?.whole, match, request.liveBound ?? MAX_LIVE_ARTICLES);
    rows = await live(sql, interval, series, range, compiled?.whole ?? always, match);
  }
  const starts = rows.map((row) => row.start).sort();
  const first = from ?? starts[0] ?? to;
  const last = to ?? starts[starts.length - 1] ?? from;
  if (!first || !last) return series.map(() => ({ total: 0, buckets: [] }));
  if (!(from && to)) checkBuckets(interval, first, last);
  const counts = series.map(() => new Map<string, number>());
  for (const row of rows) counts[row.s].set(row.start, row.count);
  const buckets = bucketsBetween(interval, first, last);
  return counts.map((byStart) => {
    const filled = buckets.map(({ start, end }) => ({ start, end, count: byStart.get(start) ?? 0 }));
    return { total: filled.reduce((sum, bucket) => sum + bucket.count, 0), buckets: filled };
  });
}

/** A filter that holds dates and nothing else is exactly what the aggregate can answer. */
function onlyDates(filter: ArticleFilter | null | undefined): boolean {
  return !filter || Object.entries(filter).every(([key, value]) => value == null || key === 'publishedFrom' || key === 'publishedTo');
}

function checkBuckets(interval: Interval, first: string, last: string): void {
  const count = bucketCount(interval, first, last, MAX_BUCKETS);
  if (count > MAX_BUCKETS) {
    throw new BadUserInput(
      `timeline from ${first} to ${last} by ${interval} makes more than ${number(MAX_BUCKETS)} buckets per series (the limit); ` +
        'use a wider interval or set filter.publishedFrom and filter.publishedTo closer together',
      'interval',
    );
  }
}

/** `series(s, kind, id)`: the series as rows, s being the index in the request. */
function seriesValues(series: SeriesRef[]): { text: string; params: SqlValue[] } {
  return {
    text: `series(s, kind, id) AS (VALUES ${series.map(() => '(CAST(? AS INTEGER), ?, CAST(? AS INTEGER))').join(', ')})`,
    params: series.flatMap((ref, s) => [s, ref.kind, ref.id]),
  };
}

/** Every series' articles per bucket in the date range, from the aggregate, whatever the other conditions. */
function fromAggregate(sql: Sql, interval: Interval, series: SeriesRef[], range: string[]): Promise<BucketRow[]> {
  const values = seriesValues(series);
  return sql.all<BucketRow>(
    `WITH ${values.text} SELECT series.s AS s, ${bucketSql(interval, 't.day', sql.dialect)} AS start, sum(t.articles) AS count ` +
      `FROM series JOIN ${TIMELINE_TABLE} t ON t.subject_kind = series.kind AND t.subject_id = series.id ` +
      'WHERE t.day >= ? AND t.day <= ? GROUP BY 1, 2',
    [...values.params, ...range],
  );
}

/**
 * Refuses live counting above `bound` (MAX_LIVE_ARTICLES). The series' articles in range are already known
 * from the aggregate; the filter alone is measured by a probe that stops just past the bound.
 */
async function checkLiveBound(
  sql: Sql,
  series: SeriesRef[],
  rows: BucketRow[],
  range: string[],
  whole: SqlCondition | undefined,
  match: string | null,
  bound: number,
): Promise<void> {
  let visited = rows.reduce((sum, row) => sum + row.count, 0);
  let what = `the series' dated articles in range number ${number(visited)}`;
  if (series[0] === ALL_ARTICLES && visited > bound) {
    const source = match ? { text: `article a JOIN (${sql.dialect.searchHitsSubquery}) s ON s.id = a.id`, params: [match] } : { text: 'article a', params: [] };
    const condition = whole ?? { text: 'TRUE', params: [] };
    visited = (await sql.get<{ n: number }>(
      `SELECT count(*) AS n FROM (SELECT 1 FROM ${source.text} WHERE a.published_at >= ? AND a.published_at <= ? AND (${condition.text}) LIMIT ?)`,
      [...source.params, ...range, ...condition.params, bound + 1],
    ))!.n;
    what = `the filter matches ${visited > bound ? 'more than ' : ''}${number(Math.min(visited, bound))} dated articles`;
  }
  if (visited > bound) {
    throw new BadUserInput(
      `timeline with a filter beyond dates, or a search, counts live over at most ${number(bound)} articles, and ${what}; ` +
        'narrow filter.publishedFrom and filter.publishedTo, give fewer or smaller series, or leave out search and every filter condition ' +
        'but the dates (those are counted from precomputed totals, without a bound)',
      'filter',
    );
  }
}

/**
 * The series counted live under the filter and search, one statement for all series. The filter is
 * read in its `whole` shape: SQLite builds each of its link sets once, and every series' article is
 * then one index probe. (Its `ordered` shape, EXISTS per article, re-walks a large place's subtree
 * for every article: seconds for a hot series.)
 */
function live(sql: Sql, interval: Interval, series: SeriesRef[], range: string[], filter: SqlCondition, match: string | null): Promise<BucketRow[]> {
  const search = match ? { text: `JOIN (${sql.dialect.searchHitsSubquery}) m ON m.id = a.id `, params: [match] } : { text: '', params: [] };
  const dates = 'a.published_at >= ? AND a.published_at <= ?';
  if (series[0] === ALL_ARTICLES) {
    return sql.all<BucketRow>(
      `SELECT 0 AS s, ${bucketSql(interval, 'a.published_at', sql.dialect)} AS start, count(*) AS count FROM article a ${search.text}` +
        `WHERE ${dates} AND (${filter.text}) GROUP BY 2`,
      [...search.params, ...range, ...filter.params],
    );
  }
  const where = `${dates} AND (${filter.text})`;
  // sub: each series' subject and, for topics and places, everything below it; hits: its articles, once each.
  const values = seriesValues(series);
  return sql.all<BucketRow>(
    `WITH RECURSIVE ${values.text}, sub(s, kind, id) AS (SELECT s, kind, id FROM series ` +
      // One recursive term for both trees (PostgreSQL allows only one): each child row is a topic's or a place's.
      "UNION SELECT sub.s, sub.kind, c.id FROM sub JOIN (SELECT 'TOPIC' AS kind, id, parent_id FROM topic UNION ALL SELECT 'PLACE', id, parent_id FROM place) c " +
      'ON c.kind = sub.kind AND c.parent_id = sub.id), ' +
      'hits(s, article_id) AS (SELECT DISTINCT sub.s, l.article_id FROM sub JOIN article_link l ON l.subject_kind = sub.kind AND l.subject_id = sub.id) ' +
      `SELECT h.s AS s, ${bucketSql(interval, 'a.published_at', sql.dialect)} AS start, count(*) AS count FROM hits h JOIN article a ON a.id = h.article_id ` +
      `${search.text}WHERE ${where} GROUP BY 1, 2`,
    [...values.params, ...search.params, ...range, ...filter.params],
  );
}
