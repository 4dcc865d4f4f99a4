import { DateTimeResolver } from 'graphql-scalars';
import { Field, InputType } from 'type-graphql';
import { BadUserInput } from '../core/errors';
import { LocalDate } from '../core/scalars';
import type { SetPlan } from '../db/article-sets';
import type { Dialect } from '../db/dialect';
import type { Sql, SqlValue } from '../db/sql';
import { placeholders } from '../db/sql';
import { subjectTables } from '../subject/subject-table';
import { ArticleKind } from './article-kind';
import { type Resolved, resolveSlugs } from './filter-slugs';
import { SubjectKind } from './mention-kinds';

export const MAX_FILTER_DEPTH = 5;
export const MAX_FILTER_SLUGS = 100;
export const MAX_FILTERS = 50;

@InputType({
  description:
    'Slugs to match on a to-many relation. `any`: linked to at least one; `all`: linked to every one; `none`: linked to none. ' +
    'Topics include their subtopics and places the places inside them. An empty `all` or `none` imposes nothing; an empty `any` is an error.',
})
export class SlugMatch {
  @Field(() => [String], { nullable: true, description: 'Keep articles linked to at least one of these.' })
  any?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Keep articles linked to every one of these.' })
  all?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Keep articles linked to none of these.' })
  none?: string[] | null;
}

@InputType({
  description: `Which articles to keep. All conditions given must hold; compose with AND, OR and NOT (at most ${MAX_FILTER_DEPTH} levels deep, ${MAX_FILTERS} filter objects and ${MAX_FILTER_SLUGS} slugs in all).`,
})
export class ArticleFilter {
  @Field(() => SlugMatch, { nullable: true, description: 'By topic slug; a topic includes its subtopics.' })
  topics?: SlugMatch | null;

  @Field(() => SlugMatch, { nullable: true, description: 'By organisation slug.' })
  organisations?: SlugMatch | null;

  @Field(() => SlugMatch, { nullable: true, description: 'By place slug; a place includes the places inside it.' })
  places?: SlugMatch | null;

  @Field(() => SlugMatch, { nullable: true, description: 'By person slug.' })
  people?: SlugMatch | null;

  @Field(() => LocalDate, { nullable: true, description: 'Published on or after this date. Undated pages never match a date bound.' })
  publishedFrom?: string | null;

  @Field(() => LocalDate, { nullable: true, description: 'Published on or before this date.' })
  publishedTo?: string | null;

  @Field(() => ArticleKind, { nullable: true, description: 'Only news items or only pages.' })
  kind?: ArticleKind | null;

  @Field(() => DateTimeResolver, {
    nullable: true,
    description: 'Stored or changed at or after this time (`updatedAt`): for polling. `changes` also lists deletions and is exact to the write.',
  })
  updatedSince?: Date | null;

  @Field(() => [ArticleFilter], { nullable: true, description: 'Every one of these filters holds.' })
  AND?: ArticleFilter[] | null;

  @Field(() => [ArticleFilter], { nullable: true, description: 'At least one of these filters holds.' })
  OR?: ArticleFilter[] | null;

  @Field(() => ArticleFilter, { nullable: true, description: 'This filter does not hold.' })
  NOT?: ArticleFilter | null;
}

/** A boolean SQL expression over `article a`, with its parameters in order. */
export interface SqlCondition {
  text: string;
  params: SqlValue[];
}

/**
 * A filter compiled twice, as the same condition in two shapes that suit two access paths:
 * `ordered` tests each article as it comes (EXISTS per row), for a page read in sort order that
 * stops after `first` rows; `whole` builds the set of linked articles first (IN a subquery), for
 * totals and facets that must visit every match anyway and should not scan the whole table for it.
 */
export interface CompiledFilter {
  ordered: SqlCondition;
  whole: SqlCondition;
  /**
   * True when a top-level condition links to few articles: then a page is cheaper read from that
   * small set and sorted than by walking the order until `first` match (see selectiveBelow).
   */
  selective: boolean;
  /** When selective: the articles of its smallest top-level set (`SELECT l.article_id ...`), which a page reads first. */
  smallest: SqlCondition | null;
  /** That set is the whole filter (one `any` list and nothing else): a page read from it tests nothing more. */
  smallestIsAll: boolean;
  /** The filter's articles as a set of distinct ids from the links alone, when it is one `any` list. */
  linkSet: SqlCondition | null;
  /** The one subject (with its subtree) the filter keeps articles about, when that is all it says. */
  subject: { kind: SubjectKind; id: number } | null;
  /** The same condition as set algebra, for a store that keeps article sets (db/article-sets.ts); null: SQL alone answers it. */
  plan: SetPlan | null;
  /** False when the filter was compiled early (CompileOptions.early) from slug ids that no longer hold: compile it again. Rejects when the slugs' read fails. */
  checked: Promise<boolean>;
}

export interface CompileOptions {
  /** The page's size, which tunes the choice of shape for a page (see selectiveBelow). */
  pageSize?: number;
  /** Forces the choice of shape: read a set below this many links (tests). */
  threshold?: number;
  /**
   * Compile from the ids these slugs resolved to last time, if they were resolved before (db/hints.ts), while they are
   * read again: the caller runs its statements beside that read, and must await `checked` before it answers.
   */
  early?: boolean;
}

type Shape = 'ordered' | 'whole';

/** Above this many linked articles a subject is never read as a set for a page, whatever the table's size. */
const MAX_SELECTIVE = 5000;

/**
 * Walking the order costs about `page × articles ÷ matches` rows, reading the set about `matches`
 * rows and a sort; they break even near matches = √(page × articles). So a page of 20 reads a topic
 * as a set below about 200 linked articles in 2,000, about 4,500 in 1,000,000.
 */
export function selectiveBelow(pageSize: number, articles: number): number {
  return Math.min(MAX_SELECTIVE, Math.sqrt((pageSize + 1) * articles));
}

/** The filter's to-many fields and the subject kind each matches (the cost estimate and the channel file read them too). */
export const relations: readonly [keyof ArticleFilter & ('topics' | 'organisations' | 'places' | 'people'), SubjectKind][] = [
  ['topics', SubjectKind.TOPIC],
  ['organisations', SubjectKind.ORGANISATION],
  ['places', SubjectKind.PLACE],
  ['people', SubjectKind.PERSON],
];

/**
 * Compiles a filter to SQL. Its slugs are first resolved to ids with one statement for the whole
 * filter, so an unknown slug is an error that names it rather than a silent empty result. Topics
 * and places then match their whole subtree inside the SQL (see CompileOptions).
 */
export async function compileFilter(sql: Sql, filter: ArticleFilter | null | undefined, options: CompileOptions = {}): Promise<CompiledFilter> {
  const { pageSize = 20, threshold, early = false } = options;
  const always = { text: 'TRUE', params: [] };
  const checked = Promise.resolve(true);
  if (!filter) return { ordered: always, whole: always, selective: false, smallest: null, smallestIsAll: false, linkSet: null, subject: null, plan: { all: true }, checked };
  const wanted = new Map<SubjectKind, Set<string>>(relations.map(([, kind]) => [kind, new Set()]));
  const size = { filters: 0, slugs: 0 };
  collectSlugs(filter, 'filter', 1, wanted, size);
  const { resolved, links, articles, ...resolving } =
    size.slugs > 0 ? await resolveSlugs(sql, wanted, topLevelSlugs(filter), early) : { resolved: new Map(), links: new Map(), articles: 0, checked };
  const smallest = smallestSet(filter, resolved, links, threshold ?? selectiveBelow(pageSize, articles), sql.dialect);
  return {
    ordered: toSql(filter, resolved, 'ordered', sql.dialect),
    whole: toSql(filter, resolved, 'whole', sql.dialect),
    selective: smallest !== null,
    smallest,
    // The one `any` list is then the only top-level set there is, so the smallest.
    smallestIsAll: smallest !== null && onlyAnyList(filter, resolved) !== null,
    linkSet: size.slugs > 0 ? onlyLinks(filter, resolved, sql.dialect) : null,
    subject: size.slugs > 0 ? onlySubject(filter, resolved) : null,
    plan: toPlan(filter, resolved),
    checked: resolving.checked,
  };
}

/** Checks a filter's limits and shape as compileFilter does, without resolving its slugs (no SQL). */
export function checkFilterLimits(filter: ArticleFilter): void {
  collectSlugs(filter, 'filter', 1, new Map(relations.map(([, kind]) => [kind, new Set<string>()])), { filters: 0, slugs: 0 });
}

/**
 * Several filters compiled at once, in the `whole` shape only (as sets: what a scope of stored
 * filters needs), their slugs resolved together in one statement. Each filter is checked as
 * compileFilter checks one, so a stored filter means exactly what it means as an argument.
 */
export async function compileWholeFilters(sql: Sql, filters: ArticleFilter[]): Promise<SqlCondition[]> {
  const wanted = new Map<SubjectKind, Set<string>>(relations.map(([, kind]) => [kind, new Set()]));
  let slugs = 0;
  for (const filter of filters) {
    const size = { filters: 0, slugs: 0 };
    collectSlugs(filter, 'filter', 1, wanted, size);
    slugs += size.slugs;
  }
  const resolved: Resolved = slugs > 0 ? (await resolveSlugs(sql, wanted, new Map())).resolved : new Map();
  return filters.map((filter) => toSql(filter, resolved, 'whole', sql.dialect));
}

/** The slugs of the filter's own `any` and `all` lists: the sets every match must fall in. */
function topLevelSlugs(filter: ArticleFilter): Map<SubjectKind, Set<string>> {
  return new Map(relations.map(([field, kind]) => [kind, new Set([...(filter[field]?.any ?? []), ...(filter[field]?.all ?? [])])]));
}

/**
 * The filter's smallest top-level `any` list (all its slugs together) or `all` slug, as the set of its
 * articles, when it links to at most `below` of them (the filter is then selective); else null.
 */
function smallestSet(filter: ArticleFilter, resolved: Resolved, links: Map<string, number>, below: number, dialect: Dialect): SqlCondition | null {
  let smallest: { count: number; kind: SubjectKind; slugs: string[] } | null = null;
  for (const [field, kind] of relations) {
    const match = filter[field];
    if (!match) continue;
    const count = (slug: string) => links.get(`${kind}:${slug}`) ?? Infinity;
    const any = [...new Set(match.any ?? [])];
    const candidates = [
      ...(any.length > 0 ? [{ count: any.reduce((sum, slug) => sum + count(slug), 0), slugs: any }] : []),
      ...(match.all ?? []).map((slug) => ({ count: count(slug), slugs: [slug] })),
    ];
    for (const candidate of candidates) if (candidate.count <= below && (!smallest || candidate.count < smallest.count)) smallest = { ...candidate, kind };
  }
  return (
    smallest &&
    linkedArticles(
      smallest.kind,
      smallest.slugs.map((slug) => resolved.get(smallest.kind)!.get(slug)!),
      dialect,
    )
  );
}

/** Walks the filter once, checking its limits and gathering the slugs to resolve. */
function collectSlugs(filter: ArticleFilter, path: string, depth: number, wanted: Map<SubjectKind, Set<string>>, size: { filters: number; slugs: number }): void {
  if (depth > MAX_FILTER_DEPTH) throw new BadUserInput(`${path} nests deeper than ${MAX_FILTER_DEPTH} levels`, 'filter');
  if (++size.filters > MAX_FILTERS) throw new BadUserInput(`filter holds more than ${MAX_FILTERS} filter objects (AND, OR and NOT entries count)`, 'filter');
  for (const [field, kind] of relations) {
    const match = filter[field];
    if (!match) continue;
    if (match.any && match.any.length === 0) {
      throw new BadUserInput(`${path}.${field}.any is empty: give at least one slug, or leave it out`, 'filter');
    }
    for (const slug of [...(match.any ?? []), ...(match.all ?? []), ...(match.none ?? [])]) {
      if (++size.slugs > MAX_FILTER_SLUGS) throw new BadUserInput(`filter names more than ${MAX_FILTER_SLUGS} slugs`, 'filter');
      wanted.get(kind)!.add(slug);
    }
  }
  if (filter.publishedFrom && filter.publishedTo && filter.publishedFrom > filter.publishedTo) {
    throw new BadUserInput(`${path}.publishedFrom (${filter.publishedFrom}) is after publishedTo (${filter.publishedTo})`, 'filter');
  }
  filter.AND?.forEach((f, i) => {
    collectSlugs(f, `${path}.AND[${i}]`, depth + 1, wanted, size);
  });
  filter.OR?.forEach((f, i) => {
    collectSlugs(f, `${path}.OR[${i}]`, depth + 1, wanted, size);
  });
  if (filter.NOT) collectSlugs(filter.NOT, `${path}.NOT`, depth + 1, wanted, size);
}

/** Linked to any of these subjects; for topics and places, to anything below them too. */
function linkedTo(kind: SubjectKind, ids: number[], shape: Shape, dialect: Dialect): SqlCondition {
  const set = linkedArticles(kind, ids, dialect);
  return shape === 'ordered' ? { text: `EXISTS (${set.text} AND l.article_id = a.id${dialect.fence})`, params: set.params } : { text: `a.id IN (${set.text})`, params: set.params };
}

/** `SELECT l.article_id ...` of the articles linked to these subjects (and, for trees, what lies below them). */
function linkedArticles(kind: SubjectKind, ids: number[], dialect: Dialect): SqlCondition {
  const { table, tree } = subjectTables[kind];
  const subjects = tree
    ? dialect.inSubtree(
        `WITH RECURSIVE sub(id) AS (SELECT id FROM ${table} WHERE id IN (${placeholders(ids.length)}) ` +
          `UNION SELECT c.id FROM ${table} c JOIN sub ON c.parent_id = sub.id) SELECT id FROM sub`,
      )
    : `IN (${placeholders(ids.length)})`;
  return { text: `SELECT l.article_id FROM article_link l WHERE l.subject_kind = ? AND l.subject_id ${subjects}`, params: [kind, ...ids] };
}

/** The kind and ids of the filter's one `any` list, when the filter says nothing else. */
function onlyAnyList(filter: ArticleFilter, resolved: Resolved): { kind: SubjectKind; ids: number[] } | null {
  const given = Object.entries(filter).filter(([, value]) => value != null);
  if (given.length !== 1) return null;
  const [field, match] = given[0] as [string, SlugMatch];
  const relation = relations.find(([name]) => name === field);
  if (!relation || !match.any || (match.all?.length ?? 0) > 0 || (match.none?.length ?? 0) > 0) return null;
  const kind = relation[1];
  return { kind, ids: [...new Set(match.any)].map((slug) => resolved.get(kind)!.get(slug)!) };
}

/**
 * When the whole filter is one `any` list (a topic page, a partner's channel), the distinct article
 * ids of its links: counting them reads the link index alone, never the article rows.
 */
function onlyLinks(filter: ArticleFilter, resolved: Resolved, dialect: Dialect): SqlCondition | null {
  const list = onlyAnyList(filter, resolved);
  if (!list) return null;
  const set = linkedArticles(list.kind, list.ids, dialect);
  return { text: set.text.replace('SELECT l.article_id', 'SELECT DISTINCT l.article_id'), params: set.params };
}

function onlySubject(filter: ArticleFilter, resolved: Resolved): CompiledFilter['subject'] {
  const list = onlyAnyList(filter, resolved);
  return list && list.ids.length === 1 ? { kind: list.kind, id: list.ids[0] } : null;
}

function toSql(filter: ArticleFilter, resolved: Resolved, shape: Shape, dialect: Dialect): SqlCondition {
  const parts: SqlCondition[] = [];
  for (const [field, kind] of relations) {
    const match = filter[field];
    if (!match) continue;
    const ids = (slugs: string[]) => [...new Set(slugs)].map((slug) => resolved.get(kind)!.get(slug)!);
    if (match.any) parts.push(linkedTo(kind, ids(match.any), shape, dialect));
    for (const id of ids(match.all ?? [])) parts.push(linkedTo(kind, [id], shape, dialect));
    if (match.none && match.none.length > 0) parts.push(not(linkedTo(kind, ids(match.none), shape, dialect)));
  }
  if (filter.publishedFrom) parts.push({ text: 'a.published_at >= ?', params: [filter.publishedFrom] });
  if (filter.publishedTo) parts.push({ text: 'a.published_at <= ?', params: [filter.publishedTo] });
  if (filter.kind) parts.push({ text: 'a.kind = ?', params: [filter.kind] });
  if (filter.updatedSince) parts.push({ text: 'a.updated_at >= ?', params: [new Date(filter.updatedSince).toISOString()] });
  for (const f of filter.AND ?? []) parts.push(toSql(f, resolved, shape, dialect));
  if (filter.OR)
    parts.push(
      join(
        filter.OR.map((f) => toSql(f, resolved, shape, dialect)),
        'OR',
        'FALSE',
      ),
    );
  if (filter.NOT) parts.push(not(toSql(filter.NOT, resolved, shape, dialect)));
  return join(parts, 'AND', 'TRUE');
}

/** The filter as set algebra: toSql's condition, term for term (a NOT keeps undated pages, as coalesce makes it in SQL). */
function toPlan(filter: ArticleFilter, resolved: Resolved): SetPlan | null {
  // The article index keeps no update times: such a filter is answered by SQL.
  if (usesUpdatedSince(filter)) return null;
  return planOf(filter, resolved);
}

function usesUpdatedSince(filter: ArticleFilter): boolean {
  return (
    filter.updatedSince != null || (filter.AND ?? []).some(usesUpdatedSince) || (filter.OR ?? []).some(usesUpdatedSince) || (filter.NOT ? usesUpdatedSince(filter.NOT) : false)
  );
}

function planOf(filter: ArticleFilter, resolved: Resolved): SetPlan {
  const parts: SetPlan[] = [];
  for (const [field, kind] of relations) {
    const match = filter[field];
    if (!match) continue;
    const ids = (slugs: string[]) => [...new Set(slugs)].map((slug) => resolved.get(kind)!.get(slug)!);
    if (match.any) parts.push({ subjects: { kind, ids: ids(match.any) } });
    for (const id of ids(match.all ?? [])) parts.push({ subjects: { kind, ids: [id] } });
    if (match.none && match.none.length > 0) parts.push({ not: { subjects: { kind, ids: ids(match.none) } } });
  }
  if (filter.publishedFrom || filter.publishedTo) {
    parts.push({ published: { ...(filter.publishedFrom ? { from: filter.publishedFrom } : {}), ...(filter.publishedTo ? { to: filter.publishedTo } : {}) } });
  }
  if (filter.kind) parts.push({ kind: filter.kind });
  for (const f of filter.AND ?? []) parts.push(planOf(f, resolved));
  if (filter.OR) parts.push({ or: filter.OR.map((f) => planOf(f, resolved)) });
  if (filter.NOT) parts.push({ not: planOf(filter.NOT, resolved) });
  return parts.length === 1 ? parts[0] : parts.length === 0 ? { all: true } : { and: parts };
}

/** A date bound on an undated page is NULL, not false: coalesce so that NOT is the true complement. */
function not(condition: SqlCondition): SqlCondition {
  return { text: `NOT coalesce((${condition.text}), FALSE)`, params: condition.params };
}

function join(parts: SqlCondition[], operator: 'AND' | 'OR', empty: string): SqlCondition {
  if (parts.length === 0) return { text: empty, params: [] };
  if (parts.length === 1) return parts[0];
  return { text: parts.map((p) => `(${p.text})`).join(` ${operator} `), params: parts.flatMap((p) => p.params) };
}
