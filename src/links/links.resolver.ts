import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { Article } from '../article/article.entity';
import { ArticleFilter } from '../article/article.filter';
import { SubjectKind } from '../article/mention-kinds';
import { BadUserInput } from '../core/errors';
import { fromGlobalId } from '../core/node';
import type { Context } from '../graph/context';
import { SubjectUnion } from '../subject/subject.union';
import { type Subject, subjectTables } from '../subject/subject-table';
import { linkLoaders } from './links.loaders';
import { checkRange, computeGraph, MAX_EVIDENCE, MAX_LINK_EDGES, MAX_LIVE_ARTICLES } from './links.query';
import { EntityPath, LinkEdge, LinkGraph, LinkNode, type PairStats, PathResult, PathStep, RelatedSubject, type SubjectRef } from './links.types';
import { attachSteps, findPaths, MAX_PATH_HOPS, MAX_PATH_LINKS, MAX_PATHS } from './path';

@ArgsType()
class LinksArgs {
  @Field(() => ArticleFilter, { nullable: true, description: `Count only the articles matching this filter (computed live over at most ${MAX_LIVE_ARTICLES} articles).` })
  filter?: ArticleFilter | null;
  @Field(() => String, { nullable: true, description: `Count only the articles matching this full-text search (computed live over at most ${MAX_LIVE_ARTICLES} articles).` })
  search?: string | null;
  @Field(() => [SubjectKind], { nullable: true, description: 'Only entities of these kinds (both ends of every edge); all kinds when left out.' })
  kinds?: SubjectKind[] | null;
  @Field(() => Int, { defaultValue: 1, description: 'Only pairs linked by at least this many articles (1 or more).' })
  minCount!: number;
  @Field(() => Int, { defaultValue: 50, description: `How many edges, 1–${MAX_LINK_EDGES}.` })
  first!: number;
}

const evidenceArg = { defaultValue: 5, description: `How many articles, 0–${MAX_EVIDENCE}, newest first.` };

function evidence(ctx: Context, stats: PairStats, first: number): Promise<Article[]> | Article[] {
  checkRange(first, 'first', 0, MAX_EVIDENCE);
  return first === 0 ? [] : linkLoaders(ctx).evidence.load({ stats, first });
}

const entity = (ctx: Context, ref: SubjectRef) => ctx.subjects.byId[ref.kind].load(ref.id) as Promise<Subject>;

@Resolver(() => LinkGraph)
export class LinksResolver {
  @Query(() => LinkGraph, {
    description:
      'Co-occurrence network of the articles matching filter/search (all articles when both are left out: then read from counts kept on ingest). ' +
      'Counts are of direct links (a topic does not count its subtopics’ articles). See docs/analysts.md.',
  })
  links(@Ctx() ctx: Context, @Args() args: LinksArgs): Promise<LinkGraph> {
    return computeGraph(ctx.sql, args);
  }

  @Query(() => PathResult, {
    description:
      `The shortest chains entity – article – entity linking two entities, at most maxHops steps (1–${MAX_PATH_HOPS}). ` +
      `At most ${MAX_PATHS} chains; the search reads at most ${MAX_PATH_LINKS} links and says so with an error past that.`,
  })
  async path(
    @Ctx() ctx: Context,
    @Arg('from', () => ID, { description: 'Global id of a topic, organisation, place or person.' }) from: string,
    @Arg('to', () => ID, { description: 'Global id of a topic, organisation, place or person.' }) to: string,
    @Arg('maxHops', () => Int, { defaultValue: 3, description: `The longest chain to look for, in steps, 1–${MAX_PATH_HOPS}.` }) maxHops: number,
  ): Promise<PathResult> {
    checkRange(maxHops, 'maxHops', 1, MAX_PATH_HOPS);
    const [a, b] = await Promise.all([subjectRef(ctx, from, 'from'), subjectRef(ctx, to, 'to')]);
    const result = await findPaths(ctx.sql, a, b, maxHops);
    await attachSteps(ctx.sql, result.paths);
    return result;
  }
}

/** A global id of an existing subject, or an error naming the argument. */
async function subjectRef(ctx: Context, globalId: string, argument: string): Promise<SubjectRef> {
  const { type, id } = fromGlobalId(globalId, argument);
  const table = Object.values(subjectTables).find((t) => t.type === type);
  if (!table) throw new BadUserInput(`${argument} is the id of a ${type}; give the id of a topic, organisation, place or person`, argument);
  if (!(await ctx.subjects.byId[table.kind].load(id))) throw new BadUserInput(`${argument}: there is no ${type} with id "${globalId}"`, argument);
  return { kind: table.kind, id };
}

@Resolver(() => LinkNode)
export class LinkNodeResolver {
  @FieldResolver(() => SubjectUnion, { description: 'The entity.' })
  entity(@Root() node: LinkNode, @Ctx() ctx: Context) {
    return entity(ctx, node.ref);
  }
}

@Resolver(() => LinkEdge)
export class LinkEdgeResolver {
  @FieldResolver(() => [Article], { description: 'The evidence: articles linked to both entities (of those counted), newest first.' })
  articles(@Root() edge: LinkEdge, @Ctx() ctx: Context, @Arg('first', () => Int, evidenceArg) first: number) {
    return evidence(ctx, edge.stats, first);
  }
}

@Resolver(() => RelatedSubject)
export class RelatedSubjectResolver {
  @FieldResolver(() => SubjectUnion, { description: 'The related entity.' })
  entity(@Root() related: RelatedSubject, @Ctx() ctx: Context) {
    return entity(ctx, related.stats.b);
  }

  @FieldResolver(() => [Article], { description: 'The shared articles, newest first.' })
  articles(@Root() related: RelatedSubject, @Ctx() ctx: Context, @Arg('first', () => Int, evidenceArg) first: number) {
    return evidence(ctx, related.stats, first);
  }
}

@Resolver(() => EntityPath)
export class EntityPathResolver {
  @FieldResolver(() => [SubjectUnion], { description: 'The entities of the chain, from `from` to `to`.' })
  entities(@Root() path: EntityPath, @Ctx() ctx: Context) {
    return Promise.all(path.refs.map((ref) => entity(ctx, ref)));
  }
}

@Resolver(() => PathStep)
export class PathStepResolver {
  @FieldResolver(() => SubjectUnion, { description: 'The entity the step starts from.' })
  from(@Root() step: PathStep, @Ctx() ctx: Context) {
    return entity(ctx, step.fromRef);
  }

  @FieldResolver(() => Article, { description: 'The newest article linked to both entities of the step.' })
  async article(@Root() step: PathStep, @Ctx() ctx: Context): Promise<Article> {
    return (await linkLoaders(ctx).evidence.load({ stats: step.stats, first: 1 }))[0];
  }

  @FieldResolver(() => SubjectUnion, { description: 'The entity the step leads to.' })
  to(@Root() step: PathStep, @Ctx() ctx: Context) {
    return entity(ctx, step.toRef);
  }
}
