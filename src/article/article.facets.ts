import DataLoader from 'dataloader';
import { Arg, Ctx, Field, FieldResolver, Int, ObjectType, Resolver, Root } from 'type-graphql';
import { BadUserInput } from '../core/errors';
import type { SetFacetValue } from '../db/article-sets';
import { inList, placeholders, type Sql } from '../db/sql';
import type { Context } from '../graph/context';
import { Organisation } from '../organisation/organisation.entity';
import { Person } from '../person/person.entity';
import { Place } from '../place/place.entity';
import { type Subject, subjectTables } from '../subject/subject-table';
import { ALL_ARTICLES, TIMELINE_TABLE } from '../timeline/timeline.counts';
import { Topic } from '../topic/topic.entity';
import { type ArticleQuery, groupBy, listRelation, partitionBy, type Scope, withClause } from './article.query';
import type { ScopeRef } from './article.types';
import { SubjectKind } from './mention-kinds';

export const MAX_FACET_SIZE = 100;

@ObjectType({ simpleResolvers: true, description: 'How many articles of the current list are about one topic (or its subtopics).' })
export class TopicFacet {
  @Field(() => Topic, { description: 'The topic.' })
  topic!: Topic;
  @Field(() => Int, { description: 'Articles in the list that `topics: { any: [slug] }` would keep.' })
  count!: number;
}

@ObjectType({ simpleResolvers: true, description: 'How many articles of the current list are about one organisation.' })
export class OrganisationFacet {
  @Field(() => Organisation, { description: 'The organisation.' })
  organisation!: Organisation;
  @Field(() => Int, { description: 'Articles in the list that `organisations: { any: [slug] }` would keep.' })
  count!: number;
}

@ObjectType({ simpleResolvers: true, description: 'How many articles of the current list are about one place (or places inside it).' })
export class PlaceFacet {
  @Field(() => Place, { description: 'The place.' })
  place!: Place;
  @Field(() => Int, { description: 'Articles in the list that `places: { any: [slug] }` would keep.' })
  count!: number;
}

@ObjectType({ simpleResolvers: true, description: 'How many articles of the current list are about one person.' })
export class PersonFacet {
  @Field(() => Person, { description: 'The person.' })
  person!: Person;
  @Field(() => Int, { description: 'Articles in the list that `people: { any: [slug] }` would keep.' })
  count!: number;
}

@ObjectType({ simpleResolvers: true, description: 'How many articles of the current list were published in one month.' })
export class MonthFacet {
  @Field({ description: 'The month, as YYYY-MM.' })
  month!: string;
  @Field(() => Int, { description: 'Dated articles in the list published that month.' })
  count!: number;
}

@ObjectType({ simpleResolvers: true, description: 'Counts for a filter sidebar, over the same articles as the list (filter and search), not just this page.' })
export class ArticleFacets {
  query!: ArticleQuery;
  /** Set on a subject's own list: its facets are batched with those of the other parents. */
  scope?: ScopeRef;
  /** The facets of a list asked of the store's article sets together, in one trip (see indexedFacets). */
  fromIndex?: DataLoader<{ facet: FacetName; first: number }, FacetRow[] | null, string>;
}

export type FacetName = SubjectKind | 'MONTH';
export type FacetRow = { subject: Subject; count: number } | MonthFacet;

const facetSize = (first: number) => {
  if (!Number.isInteger(first) || first < 1 || first > MAX_FACET_SIZE) {
    throw new BadUserInput(`first must be between 1 and ${MAX_FACET_SIZE}, got ${first}`, 'first');
  }
  return first;
};

/**
 * The `first` most frequent values of one facet, per partition of the list (see listRelation).
 * Tree subjects count what lies below them too (a region counts the articles about its towns), so
 * a count always equals what filtering by that value yields.
 */
export async function computeFacets(sql: Sql, query: ArticleQuery, scope: Scope | undefined, facet: FacetName, first: number): Promise<Map<number, FacetRow[]>> {
  const list = listRelation(query, scope);
  const limit = facetSize(first);
  const byRoot = new Map<number, FacetRow[]>((scope?.ids ?? [0]).map((id) => [id, []]));
  if (facet === 'MONTH' && !scope && !query.match && (query.subject || query.wholeCondition.text === 'TRUE')) {
    // One subject, or everything: the per-day aggregate has the dated articles by day already (a
    // lookup: the subject's days, one row a day at most).
    const { kind, id } = query.subject ?? ALL_ARTICLES;
    const rows = await sql.lookup<MonthFacet>(
      `SELECT substr(day, 1, 7) AS month, sum(articles) AS count FROM ${TIMELINE_TABLE} WHERE subject_kind = ? AND subject_id = ? ` +
        'GROUP BY substr(day, 1, 7) ORDER BY month DESC LIMIT ?',
      [kind, id, limit],
    );
    byRoot.set(
      0,
      rows.map(({ month, count }) => ({ month, count })),
    );
    return byRoot;
  }
  if (facet === 'MONTH') {
    const rows = await sql.all<MonthFacet & { root: number }>(
      `${withClause(list.ctes)}SELECT root, month, count FROM (SELECT ${list.root} AS root, substr(a.published_at, 1, 7) AS month, count(*) AS count, ` +
        `ROW_NUMBER() OVER (${partitionBy(list)}ORDER BY substr(a.published_at, 1, 7) DESC) AS rowNumber ` +
        `FROM ${list.from} WHERE (${query.wholeCondition.text}) AND a.published_at IS NOT NULL ${groupBy(list, 'substr(a.published_at, 1, 7)')}) ` +
        'WHERE rowNumber <= ? ORDER BY root, month DESC',
      [...list.cteParams, ...list.fromParams, ...query.wholeCondition.params, limit],
    );
    for (const { root, month, count } of rows) byRoot.get(root)!.push({ month, count });
    return byRoot;
  }
  if (!scope && !query.match && query.wholeCondition.text === 'TRUE') return new Map([[0, await everyArticleFacet(sql, facet, limit)]]);

  const { table, columns, tree, hydrate } = subjectTables[facet];
  // hits: the list's links of this kind; up: the same links climbed to every ancestor (trees only),
  // starting from what the list links to rather than from the whole table.
  const ctes = [
    ...list.ctes,
    `hits(root, article_id, subject_id) AS (SELECT ${list.root}, a.id, l.subject_id FROM ${list.from} ` +
      `JOIN article_link l ON l.article_id = a.id AND l.subject_kind = ? WHERE ${query.wholeCondition.text})`,
    ...(tree
      ? [
          'up(root, article_id, subject_id) AS (SELECT root, article_id, subject_id FROM hits ' +
            `UNION SELECT up.root, up.article_id, t.parent_id FROM up JOIN ${table} t ON t.id = up.subject_id WHERE t.parent_id IS NOT NULL)`,
        ]
      : []),
  ];
  const rows = await sql.all<Record<string, unknown>>(
    `${withClause(ctes)}SELECT f.root AS facetRoot, f.count AS facetCount, ${columns} FROM (` +
      'SELECT root, subjectId, count, ROW_NUMBER() OVER (PARTITION BY root ORDER BY count DESC, subjectId) AS rowNumber FROM (' +
      `SELECT root, subject_id AS subjectId, count(DISTINCT article_id) AS count FROM ${tree ? 'up' : 'hits'} GROUP BY root, subject_id)) f ` +
      `JOIN ${table} e ON e.id = f.subjectId WHERE f.rowNumber <= ? ORDER BY f.root, f.count DESC, e.name`,
    [...list.cteParams, ...list.fromParams, facet, ...query.wholeCondition.params, limit],
  );
  for (const row of rows) byRoot.get(row.facetRoot as number)!.push({ subject: hydrate(row), count: row.facetCount as number });
  return byRoot;
}

/**
 * Facets of one list from the store's article sets (db/article-sets.ts), when it keeps them: the
 * counts from the index in one trip, then each kind's subjects by id (a lookup), in the order the
 * SQL gives: most articles first, the top `first` chosen by id among equals and shown by name. The
 * facets the SQL shortcuts answer from the aggregates kept on ingest in a lookup (months of one subject
 * or of every article, organisations and people over every article) are left to them (null); so is
 * everything when the store cannot answer.
 */
async function indexedFacets(sql: Sql, query: ArticleQuery, asked: readonly { facet: FacetName; first: number }[]): Promise<(FacetRow[] | null)[]> {
  const everything = query.wholeCondition.text === 'TRUE';
  // A tree kind over every article adds up a day aggregate of every subject (everyArticleFacet): the index counts faster.
  const fromAggregates = ({ facet }: { facet: FacetName }) => (facet === 'MONTH' ? everything || query.subject !== null : everything && !subjectTables[facet].tree);
  const wanted = asked.filter((entry) => !fromAggregates(entry));
  if (wanted.length === 0) return asked.map(() => null);
  // One request per facet, for the most values any alias of it asks.
  const most = new Map<FacetName, number>();
  for (const { facet, first } of wanted) most.set(facet, Math.max(first, most.get(facet) ?? 0));
  if (!query.plan) return asked.map(() => null);
  const answer = await sql.articleSets({ plan: query.plan, facets: [...most].map(([name, first]) => ({ name, first })) });
  if (!answer) return asked.map(() => null);
  return Promise.all(asked.map(async (entry) => (fromAggregates(entry) ? null : hydrateFacet(sql, entry.facet, answer.facets[entry.facet].slice(0, entry.first)))));
}

async function hydrateFacet(sql: Sql, facet: FacetName, values: SetFacetValue[]): Promise<FacetRow[]> {
  if (facet === 'MONTH') return values as MonthFacet[];
  const counts = new Map((values as { id: number; count: number }[]).map(({ id, count }) => [id, count]));
  if (counts.size === 0) return [];
  const { table, columns, hydrate } = subjectTables[facet];
  const ids = inList([...counts.keys()]);
  const rows = await sql.lookup<Record<string, unknown>>(`SELECT ${columns} FROM ${table} e WHERE e.id IN (${placeholders(ids.length)})`, ids, { samePlan: true });
  return rows.map((row) => ({ subject: hydrate(row), count: counts.get(row.id as number)! })).sort((a, b) => b.count - a.count || compareText(a.subject.name, b.subject.name));
}

/** SQLite's BINARY order of two texts (code point order, which UTF-16 order is below the surrogates). */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * A subject facet over every article, from the aggregates kept on ingest rather than from the links:
 * a kind without a tree counts its direct links (`link_subject`); a tree kind adds up its subtree's
 * dated articles by day (`timeline_day`) and counts the few undated ones live. Same counts and order
 * as the live query.
 */
async function everyArticleFacet(sql: Sql, kind: SubjectKind, limit: number): Promise<FacetRow[]> {
  const { table, columns, tree, hydrate } = subjectTables[kind];
  const counts = tree
    ? 'WITH RECURSIVE undated(article_id, subject_id) AS (' +
      // CROSS JOIN keeps the few undated articles first: the other way round reads every link of the kind.
      'SELECT l.article_id, l.subject_id FROM article a CROSS JOIN article_link l ON l.article_id = a.id AND l.subject_kind = ? WHERE a.published_at IS NULL ' +
      `UNION SELECT undated.article_id, t.parent_id FROM undated JOIN ${table} t ON t.id = undated.subject_id WHERE t.parent_id IS NOT NULL), ` +
      `counted(id, n) AS (SELECT subject_id, sum(articles) FROM ${TIMELINE_TABLE} WHERE subject_kind = ? GROUP BY subject_id ` +
      'UNION ALL SELECT subject_id, count(*) FROM undated GROUP BY subject_id), ' +
      'top(id, n) AS (SELECT id, sum(n) AS n FROM counted GROUP BY id ORDER BY n DESC, id LIMIT ?) '
    : 'WITH top(id, n) AS (SELECT subject_id, articles FROM link_subject WHERE subject_kind = ? ORDER BY articles DESC, subject_id LIMIT ?) ';
  const rows = await sql.all<Record<string, unknown>>(
    `${counts}SELECT top.n AS facetCount, ${columns} FROM top JOIN ${table} e ON e.id = top.id ORDER BY top.n DESC, e.name`,
    tree ? [kind, kind, limit] : [kind, limit],
  );
  return rows.map((row) => ({ subject: hydrate(row), count: row.facetCount as number }));
}

async function facetRows(ctx: Context, facets: ArticleFacets, facet: FacetName, first: number): Promise<FacetRow[]> {
  const { scope, query } = facets;
  if (scope) return ctx.articles.scopedFacets.load({ ...scope, args: { ...scope.args, facet, first } });
  if (!query.match) {
    // The sidebar's facets (topics, places, months ...) are asked in the same tick: one trip for all.
    facets.fromIndex ??= new DataLoader((asked) => indexedFacets(ctx.sql, query, asked), { cacheKeyFn: ({ facet, first }) => `${facet}:${first}` });
    const rows = await facets.fromIndex.load({ facet, first: facetSize(first) });
    if (rows) return rows;
  }
  return (await computeFacets(ctx.sql, query, undefined, facet, first)).get(0)!;
}

async function subjectFacets<T>(ctx: Context, facets: ArticleFacets, kind: SubjectKind, first: number, shape: (subject: Subject, count: number) => T) {
  const rows = (await facetRows(ctx, facets, kind, first)) as { subject: Subject; count: number }[];
  return rows.map((row) => shape(row.subject, row.count));
}

const firstArg = { defaultValue: 10, description: `How many values, most frequent first; at most ${MAX_FACET_SIZE}.` };

@Resolver(() => ArticleFacets)
export class ArticleFacetsResolver {
  @FieldResolver(() => [TopicFacet], { description: 'Article counts by topic.' })
  topics(@Root() facets: ArticleFacets, @Ctx() ctx: Context, @Arg('first', () => Int, firstArg) first: number): Promise<TopicFacet[]> {
    return subjectFacets(ctx, facets, SubjectKind.TOPIC, first, (subject, count) => ({ topic: subject as Topic, count }));
  }

  @FieldResolver(() => [OrganisationFacet], { description: 'Article counts by organisation.' })
  organisations(@Root() facets: ArticleFacets, @Ctx() ctx: Context, @Arg('first', () => Int, firstArg) first: number): Promise<OrganisationFacet[]> {
    return subjectFacets(ctx, facets, SubjectKind.ORGANISATION, first, (subject, count) => ({ organisation: subject as Organisation, count }));
  }

  @FieldResolver(() => [PlaceFacet], { description: 'Article counts by place.' })
  places(@Root() facets: ArticleFacets, @Ctx() ctx: Context, @Arg('first', () => Int, firstArg) first: number): Promise<PlaceFacet[]> {
    return subjectFacets(ctx, facets, SubjectKind.PLACE, first, (subject, count) => ({ place: subject as Place, count }));
  }

  @FieldResolver(() => [PersonFacet], { description: 'Article counts by person.' })
  people(@Root() facets: ArticleFacets, @Ctx() ctx: Context, @Arg('first', () => Int, firstArg) first: number): Promise<PersonFacet[]> {
    return subjectFacets(ctx, facets, SubjectKind.PERSON, first, (subject, count) => ({ person: subject as Person, count }));
  }

  @FieldResolver(() => [MonthFacet], { description: 'Article counts by month of publication, newest month first (undated pages are not counted).' })
  async months(
    @Root() facets: ArticleFacets,
    @Ctx() ctx: Context,
    @Arg('first', () => Int, { defaultValue: 24, description: `How many months, newest first; at most ${MAX_FACET_SIZE}.` }) first: number,
  ): Promise<MonthFacet[]> {
    return (await facetRows(ctx, facets, 'MONTH', first)) as MonthFacet[];
  }
}
