import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, Int, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { Article } from '../article/article.entity';
import { Evidence } from '../article/article.types';
import { ArticleField, SubjectKind } from '../article/mention-kinds';
import { encodeCursor, PageArgs, PageInfo, pageRequest, pageWindow } from '../core/connection';
import { BadUserInput } from '../core/errors';
import type { SqlValue } from '../db/sql';
import type { Context } from '../graph/context';

@ObjectType({ simpleResolvers: true, description: 'One place in one article where a suggested name was read.' })
export class SuggestionOccurrence {
  @Field(() => Article, { description: 'The article.' })
  article!: Article;

  @Field(() => Evidence, { description: 'Where in the article, and the name exactly as published (its weight is 0: it links nothing).' })
  evidence!: Evidence;
}

@ObjectType({
  simpleResolvers: true,
  description:
    'A name that articles use and the catalogue does not know: a candidate organisation, place or person for an editor to add to the catalogue (seeds/catalogue) or to reject. It goes away once the catalogue matches it (after `npm run relink`), or once an editor accepts or rejects it (`acceptSuggestion`, `rejectSuggestion`).',
})
export class EntitySuggestion {
  @Field({ description: 'The name as most often written, e.g. "Tragadero Grande".' })
  text!: string;

  /** The folded name every form of it shares: the key of the suggestion. */
  formKey!: string;

  @Field(() => SubjectKind, { description: 'The kind of subject it most likely is: ORGANISATION, PLACE or PERSON.' })
  kind!: SubjectKind;

  @Field({ description: 'Why that kind, e.g. `contains "Ministerio"`, `after "minister"`, `an acronym`.' })
  reason!: string;

  @Field(() => Int, { description: 'How many articles use the name.' })
  articleCount!: number;
}

@ObjectType({ simpleResolvers: true, description: 'A suggestion in a connection, with its cursor.' })
class EntitySuggestionEdge {
  @Field({ description: 'Pass as `after` or `before` to page from here.' })
  cursor!: string;
  @Field(() => EntitySuggestion, { description: 'The suggestion.' })
  node!: EntitySuggestion;
}

@ObjectType({ simpleResolvers: true, description: 'A page of entity suggestions, the most used first, then by name (Relay cursor connection).' })
export class EntitySuggestionConnection {
  @Field(() => [EntitySuggestionEdge], { description: 'The suggestions of this page, each with its cursor.' })
  edges!: EntitySuggestionEdge[];
  @Field(() => [EntitySuggestion], { description: 'The suggestions of this page.' })
  nodes!: EntitySuggestion[];
  @Field(() => PageInfo, { description: 'Cursors and whether more pages exist.' })
  pageInfo!: PageInfo;
  @Field(() => Int, { description: 'How many suggestions match the arguments.' })
  totalCount!: number;
}

@ArgsType()
class EntitySuggestionArgs extends PageArgs {
  @Field(() => SubjectKind, { nullable: true, description: 'Only suggestions of this kind: ORGANISATION, PLACE or PERSON.' })
  kind?: SubjectKind | null;

  @Field(() => Int, { nullable: true, description: 'Only names used by at least this many articles (default 1, at most 1,000,000).' })
  minArticles?: number | null;
}

const TAG = 'suggestion:count';
const MAX_MIN_ARTICLES = 1_000_000;
const MAX_OCCURRENCES = 20;

/**
 * The suggestions grouped by name. Kind and reason are those most of its occurrences give (ties by
 * name). One statement per page: the groups, their total (a window count) and the keyset.
 */
const GROUPS = `SELECT form_key AS formKey, min(text) AS text, count(DISTINCT article_id) AS articleCount,
  (SELECT kind FROM entity_suggestion k WHERE k.form_key = s.form_key GROUP BY kind ORDER BY count(*) DESC, kind LIMIT 1) AS kind,
  (SELECT reason FROM entity_suggestion r WHERE r.form_key = s.form_key GROUP BY reason ORDER BY count(*) DESC, reason LIMIT 1) AS reason
  FROM entity_suggestion s WHERE s.form_key NOT IN (SELECT form_key FROM suggestion_decision) GROUP BY form_key`;

@Resolver(() => EntitySuggestion)
export class SuggestionResolver {
  @Query(() => EntitySuggestionConnection, {
    description:
      'Names in the news that the catalogue lacks, with a guessed kind and the reason for it, the most used first: what editors may add next. Read from the summaries and bodies of articles ingested one by one (a bulk load of synthetic data adds none).',
  })
  async entitySuggestions(@Args() args: EntitySuggestionArgs, @Ctx() ctx: Context): Promise<EntitySuggestionConnection> {
    if (args.kind === SubjectKind.TOPIC) throw new BadUserInput('kind must be ORGANISATION, PLACE or PERSON: topics are not suggested', 'kind');
    const minArticles = args.minArticles ?? 1;
    if (!Number.isInteger(minArticles) || minArticles < 1 || minArticles > MAX_MIN_ARTICLES) {
      throw new BadUserInput(`minArticles must be between 1 and ${MAX_MIN_ARTICLES}, got ${minArticles}`, 'minArticles');
    }
    const page = pageRequest(args, TAG);
    const where = ['g.articleCount >= ?'];
    const params: SqlValue[] = [minArticles];
    if (args.kind) {
      where.push('g.kind = ?');
      params.push(args.kind);
    }
    // The order is articleCount descending, then name; backward pages read it reversed.
    const cursor = page.cursor as [string, number] | null;
    const after = cursor
      ? page.backward
        ? 'AND (g.articleCount > ? OR (g.articleCount = ? AND g.formKey < ?))'
        : 'AND (g.articleCount < ? OR (g.articleCount = ? AND g.formKey > ?))'
      : '';
    const order = page.backward ? 'g.articleCount ASC, g.formKey DESC' : 'g.articleCount DESC, g.formKey ASC';
    const rows = await ctx.sql.all<EntitySuggestion & { totalCount: number }>(
      `SELECT * FROM (SELECT g.*, count(*) OVER () AS totalCount FROM (${GROUPS}) g WHERE ${where.join(' AND ')}) g WHERE TRUE ${after} ORDER BY ${order} LIMIT ?`,
      [...params, ...(cursor ? [cursor[1], cursor[1], cursor[0]] : []), page.size + 1],
    );
    const { items, pageInfo } = pageWindow(rows, page);
    const nodes = items.map(({ totalCount: _, ...row }) => Object.assign(new EntitySuggestion(), row));
    const cursors = nodes.map((n) => encodeCursor(TAG, [n.formKey, n.articleCount]));
    const totalCount = rows.length > 0 ? rows[0].totalCount : (await ctx.sql.get<{ n: number }>(`SELECT count(*) AS n FROM (${GROUPS}) g WHERE ${where.join(' AND ')}`, params))!.n;
    return {
      edges: nodes.map((node, i) => ({ cursor: cursors[i], node })),
      nodes,
      pageInfo: { ...pageInfo, startCursor: cursors[0] ?? null, endCursor: cursors[cursors.length - 1] ?? null },
      totalCount,
    };
  }

  @FieldResolver(() => [SuggestionOccurrence], { description: 'Where the name was read, newest articles first.' })
  async occurrences(
    @Root() suggestion: EntitySuggestion,
    @Ctx() ctx: Context,
    @Arg('first', () => Int, { defaultValue: 5, description: `How many, at most ${MAX_OCCURRENCES}.` }) first: number,
  ): Promise<SuggestionOccurrence[]> {
    if (!Number.isInteger(first) || first < 0 || first > MAX_OCCURRENCES) throw new BadUserInput(`first must be between 0 and ${MAX_OCCURRENCES}, got ${first}`, 'first');
    const rows = await ctx.sql.all<{ articleId: number; field: ArticleField; offset: number; length: number; text: string }>(
      'SELECT s.article_id AS articleId, s.field, s."offset", s.length, s.text FROM entity_suggestion s JOIN article a ON a.id = s.article_id ' +
        'WHERE s.form_key = ? ORDER BY a.published_at IS NULL, a.published_at DESC, a.id DESC, s.field, s."offset" LIMIT ?',
      [suggestion.formKey, first],
    );
    const articles = await Promise.all(rows.map((row) => ctx.articles.byId.load(row.articleId)));
    return rows.flatMap((row, i) =>
      articles[i] ? [{ article: articles[i]!, evidence: { field: row.field, offset: row.offset, length: row.length, text: row.text, weight: 0 } }] : [],
    );
  }
}
