import { pipeline, Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import type { Article } from '../article/article.entity';
import type { ArticleFilter } from '../article/article.filter';
import { ArticleLoaders } from '../article/article.loaders';
import { ArticleOrder, type ArticleQuery, compileArticleQuery, fetchArticlePage } from '../article/article.query';
import { SubjectKind } from '../article/mention-kinds';
import { pageRequest } from '../core/connection';
import { toGlobalId } from '../core/node';
import type { Sql } from '../db/sql';
import { createSubjectLoaders } from '../subject/subject.loaders';
import type { Subject } from '../subject/subject-table';
import type { ExportArgs } from './export.params';

/** Articles read per statement: big enough to amortise a statement, small enough to yield the event loop often. */
export const EXPORT_PAGE_SIZE = 500;

/** One exported article: the fields an analyst sorts and filters a spreadsheet by, subjects as slugs. */
export interface ArticleRecord {
  id: string;
  slug: string;
  kind: string;
  publishedAt: string | null;
  title: string;
  summary: string;
  source: string;
  sourceUrl: string;
  topics: string[];
  organisations: string[];
  places: string[];
  people: string[];
}

export const ARTICLE_CSV_COLUMNS: (keyof ArticleRecord)[] = [
  'id',
  'slug',
  'kind',
  'publishedAt',
  'title',
  'summary',
  'source',
  'sourceUrl',
  'topics',
  'organisations',
  'places',
  'people',
];

/** The separator of slugs inside one CSV cell; slugs never contain it. */
export const CSV_LIST_SEPARATOR = ';';

const subjectFields = [
  ['topics', SubjectKind.TOPIC],
  ['organisations', SubjectKind.ORGANISATION],
  ['places', SubjectKind.PLACE],
  ['people', SubjectKind.PERSON],
] as const;

/**
 * Compiles the export's list: the `articles` field's filter and search, newest first. Done before the
 * response starts, so an unknown slug or a bad search is still a 400 and not a broken stream.
 */
export function compileArticleExport(sql: Sql, args: ExportArgs): Promise<ArticleQuery> {
  return compileArticleQuery(sql, {
    filter: args.filter as ArticleFilter | null,
    search: args.search ?? null,
    orderBy: ArticleOrder.PUBLISHED_AT_DESC,
    first: EXPORT_PAGE_SIZE,
  });
}

/**
 * Every article of the list, a page at a time, by the same keyset pagination as the API: memory
 * holds one page, and a slow client slows the reading (the stream pulls the next page when it wants it).
 * Subjects and sources come through the API's own loaders: one statement per relation per page.
 */
export async function* articlePages(sql: Sql, query: ArticleQuery, limit?: number): AsyncGenerator<ArticleRecord[]> {
  let remaining = limit ?? Infinity;
  let after: string | null = null;
  while (remaining > 0) {
    const page = await fetchArticlePage(sql, query, { ...pageRequest({ after }, query.order), size: Math.min(EXPORT_PAGE_SIZE, remaining) });
    if (page.items.length > 0) yield await toRecords(sql, page.items);
    remaining -= page.items.length;
    if (!page.pageInfo.hasNextPage) return;
    after = page.pageInfo.endCursor;
  }
}

async function toRecords(sql: Sql, items: Article[]): Promise<ArticleRecord[]> {
  // Fresh loaders per page: nothing accumulates across a long export.
  const subjects = createSubjectLoaders(sql);
  const articles = new ArticleLoaders(sql);
  const ids = items.map((item) => item.id);
  const [sources, ...linked] = await Promise.all([
    articles.sourceById.loadMany([...new Set(items.map((item) => item.sourceId))]),
    ...subjectFields.map(([, kind]) => subjects.ofArticle[kind].loadMany(ids)),
  ]);
  const sourceById = new Map(sources.flatMap((source) => (source && !(source instanceof Error) ? [[source.id, source] as const] : [])));
  return items.map((article, i) => {
    const source = sourceById.get(article.sourceId);
    const slugs = (field: number) => {
      const subjectsOfArticle = linked[field][i];
      if (subjectsOfArticle instanceof Error) throw subjectsOfArticle;
      return (subjectsOfArticle as Subject[]).map((subject) => subject.slug);
    };
    return {
      id: toGlobalId('Article', article.id),
      slug: article.slug,
      kind: article.kind,
      publishedAt: article.publishedAt,
      title: article.title,
      summary: article.summary,
      source: source?.name ?? '',
      sourceUrl: source?.url ?? '',
      topics: slugs(0),
      organisations: slugs(1),
      places: slugs(2),
      people: slugs(3),
    };
  });
}

/** Newline-delimited JSON: one article object a line. */
export function articlesNdjson(pages: AsyncIterable<ArticleRecord[]>): Readable {
  return Readable.from(
    (async function* () {
      for await (const page of pages) yield page.map((record) => `${JSON.stringify(record)}\n`).join('');
    })(),
  );
}

/**
 * CSV (RFC 4180, with a header row) written by csv-stringify; subject slugs are joined with `;` in
 * their cell. `onError` hears of a failure after the response has started, when all that is left
 * is to cut the stream short.
 */
export function articlesCsv(pages: AsyncIterable<ArticleRecord[]>, onError: (error: Error) => void): Readable {
  const rows = Readable.from(
    (async function* () {
      for await (const page of pages) {
        for (const record of page) {
          yield { ...record, ...Object.fromEntries(subjectFields.map(([field]) => [field, record[field].join(CSV_LIST_SEPARATOR)])) };
        }
      }
    })(),
  );
  const csv = stringify({ header: true, columns: ARTICLE_CSV_COLUMNS, record_delimiter: 'windows' });
  return pipeline(rows, csv, (error) => {
    if (error && error.code !== 'ERR_STREAM_PREMATURE_CLOSE') onError(error);
  });
}
