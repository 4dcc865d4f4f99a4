import { Arg, Ctx, Field, FieldResolver, Int, ObjectType, Resolver, Root } from 'type-graphql';
import type { SqlValue } from '../db/sql';
import { BadUserInput } from '../graph/errors';
import type { Context } from '../graph/context';
import { Organisation } from '../organisation/organisation.entity';
import { Person } from '../person/person.entity';
import { Place } from '../place/place.entity';
import { type Subject, subjectTables } from '../subject/subject-table';
import { Topic } from '../topic/topic.entity';
import { type ArticleQuery, articleSource } from './article.query';
import { SubjectKind } from './mention-kinds';

export const MAX_FACET_SIZE = 100;

@ObjectType({ description: 'How many articles of the current list are about one topic (or its subtopics).' })
export class TopicFacet {
  @Field(() => Topic, { description: 'The topic.' })
  topic!: Topic;
  @Field(() => Int, { description: 'Articles in the list that `topics: { any: [slug] }` would keep.' })
  count!: number;
}

@ObjectType({ description: 'How many articles of the current list are about one organisation.' })
export class OrganisationFacet {
  @Field(() => Organisation, { description: 'The organisation.' })
  organisation!: Organisation;
  @Field(() => Int, { description: 'Articles in the list that `organisations: { any: [slug] }` would keep.' })
  count!: number;
}

@ObjectType({ description: 'How many articles of the current list are about one place (or places inside it).' })
export class PlaceFacet {
  @Field(() => Place, { description: 'The place.' })
  place!: Place;
  @Field(() => Int, { description: 'Articles in the list that `places: { any: [slug] }` would keep.' })
  count!: number;
}

@ObjectType({ description: 'How many articles of the current list are about one person.' })
export class PersonFacet {
  @Field(() => Person, { description: 'The person.' })
  person!: Person;
  @Field(() => Int, { description: 'Articles in the list that `people: { any: [slug] }` would keep.' })
  count!: number;
}

@ObjectType({ description: 'How many articles of the current list were published in one month.' })
export class MonthFacet {
  @Field({ description: 'The month, as YYYY-MM.' })
  month!: string;
  @Field(() => Int, { description: 'Dated articles in the list published that month.' })
  count!: number;
}

@ObjectType({ description: 'Counts for a filter sidebar, over the same articles as the list (filter and search), not just this page.' })
export class ArticleFacets {
  query!: ArticleQuery;
}

const facetSize = (first: number) => {
  if (!Number.isInteger(first) || first < 1 || first > MAX_FACET_SIZE) {
    throw new BadUserInput(`first must be between 1 and ${MAX_FACET_SIZE}, got ${first}`, 'first');
  }
  return first;
};

/**
 * Counts per subject over the list's articles. Tree subjects count what lies below them too (a
 * region counts the articles about its towns), so a count always equals what filtering by it yields.
 */
function subjectCounts(ctx: Context, query: ArticleQuery, kind: SubjectKind, first: number): { subject: Subject; count: number }[] {
  const { table, columns, tree, hydrate } = subjectTables[kind];
  const from = articleSource(query);
  const ancestors = tree
    ? `WITH RECURSIVE up(id, ancestor) AS (SELECT id, id FROM ${table} UNION ALL SELECT up.id, t.parent_id FROM up JOIN ${table} t ON t.id = up.ancestor WHERE t.parent_id IS NOT NULL) `
    : '';
  const subjectColumn = tree ? 'up.ancestor' : 'l.subject_id';
  const joinUp = tree ? 'JOIN up ON up.id = l.subject_id' : '';
  const params: SqlValue[] = [...from.params, ...query.condition.params, kind, facetSize(first)];
  const rows = ctx.sql.all<Record<string, unknown>>(
    `${ancestors}SELECT f.count AS facetCount, ${columns} FROM (` +
      `SELECT ${subjectColumn} AS subjectId, count(DISTINCT l.article_id) AS count FROM article_link l ${joinUp} ` +
      `WHERE l.article_id IN (SELECT a.id FROM ${from.text} WHERE ${query.condition.text}) AND l.subject_kind = ? ` +
      `GROUP BY ${subjectColumn} ORDER BY count DESC, subjectId LIMIT ?) f JOIN ${table} e ON e.id = f.subjectId ORDER BY f.count DESC, e.name`,
    params,
  );
  return rows.map((row) => ({ subject: hydrate(row), count: row.facetCount as number }));
}

const firstArg = { defaultValue: 10, description: `How many values, most frequent first; at most ${MAX_FACET_SIZE}.` };

@Resolver(() => ArticleFacets)
export class ArticleFacetsResolver {
  @FieldResolver(() => [TopicFacet], { description: 'Article counts by topic.' })
  topics(@Root() facets: ArticleFacets, @Ctx() ctx: Context, @Arg('first', () => Int, firstArg) first: number): TopicFacet[] {
    return subjectCounts(ctx, facets.query, SubjectKind.TOPIC, first).map(({ subject, count }) => ({ topic: subject as Topic, count }));
  }

  @FieldResolver(() => [OrganisationFacet], { description: 'Article counts by organisation.' })
  organisations(@Root() facets: ArticleFacets, @Ctx() ctx: Context, @Arg('first', () => Int, firstArg) first: number): OrganisationFacet[] {
    return subjectCounts(ctx, facets.query, SubjectKind.ORGANISATION, first).map(({ subject, count }) => ({
      organisation: subject as Organisation,
      count,
    }));
  }

  @FieldResolver(() => [PlaceFacet], { description: 'Article counts by place.' })
  places(@Root() facets: ArticleFacets, @Ctx() ctx: Context, @Arg('first', () => Int, firstArg) first: number): PlaceFacet[] {
    return subjectCounts(ctx, facets.query, SubjectKind.PLACE, first).map(({ subject, count }) => ({ place: subject as Place, count }));
  }

  @FieldResolver(() => [PersonFacet], { description: 'Article counts by person.' })
  people(@Root() facets: ArticleFacets, @Ctx() ctx: Context, @Arg('first', () => Int, firstArg) first: number): PersonFacet[] {
    return subjectCounts(ctx, facets.query, SubjectKind.PERSON, first).map(({ subject, count }) => ({ person: subject as Person, count }));
  }

  @FieldResolver(() => [MonthFacet], { description: 'Article counts by month of publication, newest month first (undated pages are not counted).' })
  months(
    @Root() facets: ArticleFacets,
    @Ctx() ctx: Context,
    @Arg('first', () => Int, { defaultValue: 24, description: `How many months, newest first; at most ${MAX_FACET_SIZE}.` }) first: number,
  ): MonthFacet[] {
    const from = articleSource(facets.query);
    return ctx.sql.all<MonthFacet>(
      `SELECT substr(a.published_at, 1, 7) AS month, count(*) AS count FROM ${from.text} ` +
        `WHERE (${facets.query.condition.text}) AND a.published_at IS NOT NULL GROUP BY month ORDER BY month DESC LIMIT ?`,
      [...from.params, ...facets.query.condition.params, facetSize(first)],
    );
  }
}
