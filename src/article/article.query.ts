import { registerEnumType } from 'type-graphql';
import { DEFAULT_PAGE_SIZE, encodeCursor, type PageArgs, type PageInfo, type PageRequest, pageWindow } from '../core/connection';
import { BadUserInput } from '../core/errors';
import type { Dialect } from '../db/dialect';
import { inList, placeholders, type Sql, type SqlValue } from '../db/sql';
import { searchMatch } from '../search/search-terms';
import { subjectTables } from '../subject/subject-table';
import { Article } from './article.entity';
import { type ArticleFilter, type CompiledFilter, type CompileOptions, compileFilter, compileWholeFilters, type SqlCondition } from './article.filter';
import type { SubjectKind } from './mention-kinds';

export enum ArticleOrder {
  PUBLISHED_AT_DESC = 'PUBLISHED_AT_DESC',
  PUBLISHED_AT_ASC = 'PUBLISHED_AT_ASC',
  RELEVANCE = 'RELEVANCE',
  TITLE = 'TITLE',
}

registerEnumType(ArticleOrder, {
  name: 'ArticleOrder',
  description: 'Article order. Undated pages come after all dated news in both date orders.',
  valuesConfig: {
    PUBLISHED_AT_DESC: { description: 'Newest first. The default without `search`.' },
    PUBLISHED_AT_ASC: { description: 'Oldest first.' },
    RELEVANCE: {
      description:
        'Best search match first (title counts most, then summary, then body). Needs `search`; the default with it. ' +
        'Ranks the 1,000 most recently added matches: when more match, `totalCount` still counts them all, and PUBLISHED_AT_DESC lists them all.',
    },
    TITLE: { description: 'By title, A to Z, ignoring case.' },
  },
});

/**
 * How many of a search's hits a relevance order ranks: the most recently added that pass the filter. Ranking costs a
 * score per hit ranked, and a word most articles hold has hundreds of thousands of hits (a second or more to rank
 * at 1,000,000 articles), so a search that matches more ranks these and its pages end after them. The total still
 * counts every hit, and a date order lists them all. The window is a set, not an order: within it the best come first.
 */
export const RANK_WINDOW = 1000;

/** Per order: the sort key expression and its direction; ties are broken by id in the same direction. */
const orderKeys: Record<ArticleOrder, { key: string; descending: boolean }> = {
  PUBLISHED_AT_DESC: { key: "coalesce(a.published_at, '')", descending: true },
  PUBLISHED_AT_ASC: { key: "coalesce(a.published_at, '9999-99-99')", descending: false },
  // Without regard to case: the dialect's caseless(a.title).
  TITLE: { key: 'a.title', descending: false },
  RELEVANCE: { key: 's.rank', descending: false },
};

/** The select list of an article row (table alias `t`) with its property names. */
const articleColumns = (t: string) =>
  `${t}.id, ${t}.slug, ${t}.title, ${t}.summary, ${t}.body, ${t}.kind, ${t}.published_at AS publishedAt, ${t}.language, ${t}.source_id AS sourceId, ` +
  `${t}.content_hash AS contentHash, ${t}.created_at AS createdAt, ${t}.updated_at AS updatedAt, ${t}.version`;

export const ARTICLE_COLUMNS = articleColumns('a');

/**
 * A compiled article list: which articles (the filter as `condition` for reading a page: in the
 * shape that suits it, see CompiledFilter; as `wholeCondition` for totals, facets and per-subject
 * pages), the search, and the order.
 */
export interface ArticleQuery {
  condition: SqlCondition;
  wholeCondition: SqlCondition;
  /** The same articles as distinct ids from the link index alone, when the filter allows (see CompiledFilter). */
  linkSet: SqlCondition | null;
  /** The one subject the filter is about, when that is all it says (see CompiledFilter). */
  subject: CompiledFilter['subject'];
  /** The filter as set algebra, for a store that keeps article sets (see CompiledFilter). */
  plan: CompiledFilter['plan'];
  match: string | null;
  order: ArticleOrder;
  /** The filter's articles are few (see CompiledFilter): a page is read from their set, never by walking the order. */
  selective: boolean;
  /** The filter's date range on the order's key (date orders), already part of `condition`: where a walk of the order starts. */
  range: SqlCondition;
  /** The engine's SQL for search and case-blind order. */
  dialect: Dialect;
  /** False when the query was compiled early from slug ids that no longer hold (CompileOptions.early): compile it again. Rejects when the slugs' read fails. */
  checked: Promise<boolean>;
}

export interface ArticleListArgs {
  filter?: ArticleFilter | null;
  search?: string | null;
  orderBy?: ArticleOrder | null;
}

/** `threshold` forces the shape of a page's filter (tests; by default the filter's probe decides); `early`: see CompileOptions. */
export async function compileArticleQuery(sql: Sql, args: ArticleListArgs & PageArgs, options: Omit<CompileOptions, 'pageSize'> = {}): Promise<ArticleQuery> {
  // Said before anything is read, and before any problem with the filter.
  if (args.orderBy === ArticleOrder.RELEVANCE && args.search == null) {
    throw new BadUserInput('orderBy RELEVANCE needs a search; without one use PUBLISHED_AT_DESC, PUBLISHED_AT_ASC or TITLE', 'orderBy');
  }
  // The search's word forms and the filter's slugs are read at once: neither needs the other.
  const [match, filter] = await Promise.all([
    args.search == null ? null : searchMatch(sql, args.search),
    compileFilter(sql, args.filter, { ...options, pageSize: args.first ?? args.last ?? DEFAULT_PAGE_SIZE }),
  ]);
  const order = args.orderBy ?? (match ? ArticleOrder.RELEVANCE : ArticleOrder.PUBLISHED_AT_DESC);
  if (order === ArticleOrder.RELEVANCE && !match) throw new BadUserInput('orderBy RELEVANCE needs a search that has words', 'orderBy');
  // A selective filter's page reads its smallest set first, then tests the rest, if there is any (see Dialect.smallSet).
  const small = filter.smallest && sql.dialect.smallSet(filter.smallest);
  const condition = !filter.selective
    ? filter.ordered
    : small
      ? filter.smallestIsAll
        ? small
        : { text: `(${filter.whole.text}) AND ${small.text}`, params: [...filter.whole.params, ...small.params] }
      : filter.whole;
  return {
    condition: withDateRangeOnKey(condition, args.filter, order),
    range: dateRangeOnKey(args.filter, order),
    wholeCondition: filter.whole,
    linkSet: filter.linkSet,
    subject: filter.subject,
    plan: filter.plan,
    match,
    order,
    selective: filter.selective,
    dialect: sql.dialect,
    checked: filter.checked,
  };
}

/**
 * A date range restated on the order's own key, for date orders: the same rows (the filter already
 * excludes undated articles), but now the range and the order are one index walk. Without it
 * SQLite reads every article in the range through the plain date index and sorts them all.
 */
function withDateRangeOnKey(condition: SqlCondition, filter: ArticleFilter | null | undefined, order: ArticleOrder): SqlCondition {
  const bounds = dateRangeOnKey(filter, order);
  return bounds.text === 'TRUE' ? condition : { text: `(${condition.text}) AND ${bounds.text}`, params: [...condition.params, ...bounds.params] };
}

/** The filter's top-level date range on the order's own key (date orders only), or `1`. */
function dateRangeOnKey(filter: ArticleFilter | null | undefined, order: ArticleOrder): SqlCondition {
  if (order !== ArticleOrder.PUBLISHED_AT_DESC && order !== ArticleOrder.PUBLISHED_AT_ASC) return { text: 'TRUE', params: [] };
  const { key } = orderKeys[order];
  const bounds: SqlCondition[] = [];
  if (filter?.publishedFrom) bounds.push({ text: `${key} >= ?`, params: [filter.publishedFrom] });
  if (filter?.publishedTo) bounds.push({ text: `${key} <= ?`, params: [filter.publishedTo] });
  if (bounds.length === 0) return { text: 'TRUE', params: [] };
  return { text: bounds.map((part) => `(${part.text})`).join(' AND '), params: bounds.flatMap((part) => part.params) };
}

/**
 * `FROM` clause and its parameters: the article table (behind the scope of a subject's list),
 * joined to the search hits when searching.
 */
function articleSource(query: ArticleQuery, scoped: boolean, ranked: boolean): { text: string; params: SqlValue[] } {
  const article = scoped ? 'scope JOIN article a ON a.id = scope.article_id' : 'article a';
  const hits = ranked ? query.dialect.searchSubquery : query.dialect.searchHitsSubquery;
  return query.match ? { text: `${article} JOIN (${hits}) s ON s.id = a.id`, params: [query.match] } : { text: article, params: [] };
}

/**
 * CTEs for the scope as scope(root, article_id): a subject and its descendants (the articles on a
 * topic or place page), or the members given by a stored filter (a channel).
 */
function scopeCtes(scope: Scope): { ctes: string[]; params: SqlValue[] } {
  if (scope.kind === FILTER_SCOPE) return { ctes: [`scope(root, article_id) AS (${scope.members.text})`], params: scope.members.params };
  const { table, tree } = subjectTables[scope.kind];
  return {
    ctes: [
      `scope_sub(root, id) AS (SELECT id, id FROM ${table} WHERE id IN (${placeholders(scope.ids.length)})` +
        (tree ? ` UNION SELECT scope_sub.root, c.id FROM ${table} c JOIN scope_sub ON c.parent_id = scope_sub.id)` : ')'),
      'scope(root, article_id) AS (SELECT DISTINCT scope_sub.root, l.article_id FROM scope_sub JOIN article_link l ON l.subject_kind = ? AND l.subject_id = scope_sub.id)',
    ],
    params: [...scope.ids, scope.kind],
  };
}

/**
 * The articles of a list as a relation with a partition column `root`: one partition per subject
 * when the list is scoped to subjects (Topic.articles for many topics at once), else the single
 * partition 0. Counts and facets are written once against it for both cases.
 */
export interface ListRelation {
  ctes: string[];
  cteParams: SqlValue[];
  from: string;
  fromParams: SqlValue[];
  /** The partition column: the scoped subject's id, or the constant 0 for a root list. */
  root: string;
  /** `GROUP BY` / `PARTITION BY` terms for the partition: none for a root list. */
  partition: string[];
}

export function listRelation(query: ArticleQuery, scope?: Scope, ranked = false): ListRelation {
  if (!scope) {
    const source = articleSource(query, false, ranked);
    return { ctes: [], cteParams: [], from: source.text, fromParams: source.params, root: '0', partition: [] };
  }
  const source = articleSource(query, true, ranked);
  const { ctes, params } = scopeCtes(scope);
  return {
    ctes,
    cteParams: params,
    from: source.text,
    fromParams: source.params,
    root: 'scope.root',
    partition: ['scope.root'],
  };
}

/** `GROUP BY` for the partition plus `terms`; empty when there is nothing to group by. */
export function groupBy(list: ListRelation, ...terms: string[]): string {
  const all = [...list.partition, ...terms];
  return all.length > 0 ? `GROUP BY ${all.join(', ')}` : '';
}

export function partitionBy(list: ListRelation): string {
  return list.partition.length > 0 ? `PARTITION BY ${list.partition.join(', ')} ` : '';
}

export function withClause(ctes: string[]): string {
  return ctes.length > 0 ? `WITH RECURSIVE ${ctes.join(', ')} ` : '';
}

/** The kind of a scope made of stored filters, one per partition id (see filterScope). */
export const FILTER_SCOPE = 'FILTER';

export type Scope =
  | { kind: SubjectKind; ids: number[] }
  /** `members` selects (root, article_id): the articles of each partition, distinct within it. */
  | { kind: typeof FILTER_SCOPE; ids: number[]; members: SqlCondition };

/**
 * A scope of stored filters (channels): partition `id` holds the articles its filter keeps. All the
 * filters' slugs are resolved in one statement, so many channels' lists cost what one does.
 */
export async function filterScope(sql: Sql, entries: { id: number; filter: ArticleFilter }[]): Promise<Scope> {
  const conditions = await compileWholeFilters(
    sql,
    entries.map((entry) => entry.filter),
  );
  const selects = conditions.map((condition) => `SELECT CAST(? AS INTEGER) AS root, a.id AS article_id FROM article a WHERE ${condition.text}`);
  return {
    kind: FILTER_SCOPE,
    ids: entries.map((entry) => entry.id),
    members: { text: unionAll(selects), params: conditions.flatMap((condition, i) => [entries[i].id, ...condition.params]) },
  };
}

/** SQLite's limit on the SELECTs of one compound statement (SQLITE_MAX_COMPOUND_SELECT), with room to spare. */
const COMPOUND_TERMS = 400;

/** `a UNION ALL b ...`, nested in groups of COMPOUND_TERMS so that any number of SELECTs stays one statement. */
function unionAll(selects: string[]): string {
  if (selects.length <= COMPOUND_TERMS) return selects.join(' UNION ALL ');
  const groups: string[] = [];
  for (let i = 0; i < selects.length; i += COMPOUND_TERMS) groups.push(`SELECT root, article_id FROM (${selects.slice(i, i + COMPOUND_TERMS).join(' UNION ALL ')})`);
  return unionAll(groups);
}

/** Rows of the order a page may walk on the event loop before it is read on a reader instead (see fetchArticlePage). */
const WALK_IN_PROCESS = 1000;

export interface ArticlePage {
  items: Article[];
  cursors: string[];
  pageInfo: PageInfo;
}

/**
 * One page of a list, read by keyset on (sort key, id): as fast on page 1,000 as on page 1. Two
 * statements: the page's ids and sort keys, found on a reader (the search, the filter, the order),
 * then their rows by id, a lookup. Only the narrow rows travel back from the reader, and sorting a
 * whole set (a selective filter's, or search hits) never carries titles and bodies.
 */
export async function fetchArticlePage(sql: Sql, query: ArticleQuery, page: PageRequest): Promise<ArticlePage> {
  if (query.match !== null && query.order === ArticleOrder.RELEVANCE) {
    // By relevance: the window of the search's most recently added hits that pass the filter, ranked (see RANK_WINDOW).
    const parts = pageParts(query, page, 's.id');
    const keys = await sql.all<PageKey>(
      `SELECT s.id, s.rank AS sortKey FROM (${sql.dialect.searchWindow(query.condition.text)}) s WHERE ${parts.after} ORDER BY ${parts.orderBy} LIMIT ?`,
      [query.match, ...query.condition.params, RANK_WINDOW, ...parts.params, page.size + 1],
    );
    return toPage(await withRows(sql, keys), query, page);
  }
  const parts = pageParts(query, page);
  if (!query.match && !query.selective) {
    // Most pages (the newest on a topic, the next page of a channel) are found near the start of
    // the order, or of the filter's date range in it: walk at most WALK_IN_PROCESS rows of it on the
    // event loop's own connection, a few hundred microseconds, with no trip to a reader, in one
    // statement with the page's rows. The walk keeps the order (SQLite reads a FROM subquery with
    // LIMIT as a coroutine, in its order), so a full page found is the page. The filter tests the
    // walk's narrow rows (`a`); only the page's own rows are read whole (`r`).
    const near = await sql.lookup<Record<string, unknown>>(
      `SELECT ${articleColumns('r')}, a.sortKey FROM (SELECT a.id, a.published_at, a.kind, a.title, a.updated_at, ${parts.key} AS sortKey ` +
        `FROM article a WHERE ${parts.after} AND ${query.range.text} ORDER BY ${parts.orderBy} LIMIT ?) a JOIN article r ON r.id = a.id WHERE ${query.condition.text} ` +
        `${sql.dialect.keepOrder(parts.keyedOrderBy('a'))}LIMIT ?`,
      [...parts.params, ...query.range.params, WALK_IN_PROCESS, ...query.condition.params, page.size + 1],
    );
    if (near.length === page.size + 1) return toPage(near, query, page);
  }
  const from = articleSource(query, false, false);
  const found = `SELECT a.id, ${parts.key} AS sortKey FROM ${from.text} WHERE (${query.condition.text}) AND ${parts.after} ORDER BY ${parts.orderBy} LIMIT ?`;
  const params = [...from.params, ...query.condition.params, ...parts.params, page.size + 1];
  if (sql.dialect.pageWithRows) {
    const rows = await sql.all<Record<string, unknown>>(
      `SELECT ${ARTICLE_COLUMNS}, k.sortKey FROM (${found}) k JOIN article a ON a.id = k.id ORDER BY ${parts.keyedOrderBy('k')}`,
      params,
    );
    return toPage(rows, query, page);
  }
  return toPage(await withRows(sql, await sql.all<PageKey>(found, params)), query, page);
}

/** An article of a page as found: its id and sort key (and, for several lists at once, its list). */
interface PageKey {
  id: number;
  sortKey: string | number;
  scopeRoot?: number;
}

/** The page's articles, in the order found, each row with its sort key: one lookup by id for all. */
async function withRows(sql: Sql, keys: PageKey[]): Promise<Record<string, unknown>[]> {
  if (keys.length === 0) return [];
  const ids = inList([...new Set(keys.map((key) => key.id))]);
  const rows = await sql.lookup<Record<string, unknown>>(`SELECT ${ARTICLE_COLUMNS} FROM article a WHERE a.id IN (${placeholders(ids.length)})`, ids, { samePlan: true });
  const byId = new Map(rows.map((row) => [row.id as number, row]));
  return keys.map((key) => ({ ...byId.get(key.id), sortKey: key.sortKey, scopeRoot: key.scopeRoot }));
}

/** The same page for many subjects at once (Topic.articles and friends): one statement for all. */
export async function fetchScopedPages(sql: Sql, query: ArticleQuery, scope: Scope, page: PageRequest): Promise<Map<number, ArticlePage>> {
  const keys = query.order === ArticleOrder.RELEVANCE ? await scopedRankedKeys(sql, query, scope, page) : await scopedKeys(sql, query, scope, page);
  const rows = await withRows(sql, keys);
  const byRoot = new Map<number, Record<string, unknown>[]>(scope.ids.map((id) => [id, []]));
  for (const row of rows) byRoot.get(row.scopeRoot as number)!.push(row);
  return new Map([...byRoot].map(([id, group]) => [id, toPage(group, query, page)]));
}

/** Each subject's page of keys in one statement: the first rows of each partition in the order, past the cursor. */
function scopedKeys(sql: Sql, query: ArticleQuery, scope: Scope, page: PageRequest): Promise<PageKey[]> {
  const parts = pageParts(query, page);
  const list = listRelation(query, scope);
  return sql.all<PageKey>(
    `${withClause(list.ctes)}SELECT scopeRoot, id, sortKey FROM (SELECT ${list.root} AS scopeRoot, a.id AS id, ${parts.key} AS sortKey, ` +
      `ROW_NUMBER() OVER (${partitionBy(list)}ORDER BY ${parts.orderBy}) AS rowNumber ` +
      `FROM ${list.from} WHERE (${query.wholeCondition.text}) AND ${parts.after}) ` +
      `WHERE rowNumber <= ? ORDER BY scopeRoot, rowNumber`,
    [...list.cteParams, ...list.fromParams, ...query.wholeCondition.params, ...parts.params, page.size + 1],
  );
}

/**
 * The same by relevance: within each subject, the window of its most recently added hits (see RANK_WINDOW), then the
 * page of it past the cursor. A subject's hits are all ranked before the window is taken: its list is its own.
 */
function scopedRankedKeys(sql: Sql, query: ArticleQuery, scope: Scope, page: PageRequest): Promise<PageKey[]> {
  const parts = pageParts(query, page, 'w.id', 'w.sortKey');
  const list = listRelation(query, scope, true);
  return sql.all<PageKey>(
    `${withClause(list.ctes)}SELECT scopeRoot, id, sortKey FROM (SELECT w.scopeRoot, w.id, w.sortKey, ` +
      `ROW_NUMBER() OVER (PARTITION BY w.scopeRoot ORDER BY ${parts.orderBy}) AS rowNumber FROM ` +
      `(SELECT ${list.root} AS scopeRoot, a.id AS id, ${orderKeys.RELEVANCE.key} AS sortKey, ROW_NUMBER() OVER (${partitionBy(list)}ORDER BY a.id DESC) AS recency ` +
      `FROM ${list.from} WHERE (${query.wholeCondition.text})) w WHERE w.recency <= ? AND ${parts.after}) ` +
      `WHERE rowNumber <= ? ORDER BY scopeRoot, rowNumber`,
    [...list.cteParams, ...list.fromParams, ...query.wholeCondition.params, RANK_WINDOW, ...parts.params, page.size + 1],
  );
}

function pageParts(query: ArticleQuery, page: PageRequest, id = 'a.id', sortKey?: string) {
  const { descending } = orderKeys[query.order];
  const key = sortKey ?? (query.order === ArticleOrder.TITLE ? query.dialect.caseless(orderKeys.TITLE.key) : orderKeys[query.order].key);
  // Reading backwards (last/before) walks the order in reverse, then pageWindow flips the rows back.
  const down = descending !== page.backward;
  const direction = down ? 'DESC' : 'ASC';
  return {
    key,
    orderBy: `${key} ${direction}, ${id} ${direction}`,
    /** The same order on the output columns (`sortKey`, `id`) of a subquery named `alias` (a walk's: see Dialect.keepOrder). */
    keyedOrderBy: (alias: string) => `${alias}.sortKey ${direction}, ${alias}.id ${direction}`,
    after: page.cursor ? `(${key}, ${id}) ${down ? '<' : '>'} (?, ?)` : 'TRUE',
    params: (page.cursor ?? []) as SqlValue[],
  };
}

function toPage(rows: Record<string, unknown>[], query: ArticleQuery, page: PageRequest): ArticlePage {
  const { items, pageInfo } = pageWindow(rows, page);
  const cursors = items.map((row) => encodeCursor(query.order, [row.sortKey as string | number, row.id as number]));
  return {
    items: items.map(hydrateArticle),
    cursors,
    pageInfo: { ...pageInfo, startCursor: cursors[0] ?? null, endCursor: cursors[cursors.length - 1] ?? null },
  };
}

export function hydrateArticle(row: Record<string, unknown>): Article {
  return Object.assign(Object.create(Article.prototype) as Article, row);
}
