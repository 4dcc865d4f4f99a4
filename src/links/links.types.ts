import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import type { Article } from '../article/article.entity';
import { SubjectKind } from '../article/mention-kinds';
import type { Subject } from '../subject/subject-table';

/** A subject as stored in the links: its kind and database id. */
export interface SubjectRef {
  kind: SubjectKind;
  id: number;
}

/** What the evidence of a pair needs to pick its cheapest plan (see links.loaders.ts). */
export interface PairStats {
  a: SubjectRef;
  b: SubjectRef;
  /** Articles linked to both (within the scope, when there is one). */
  count: number;
  /** Articles linked to a, to b, and N, over all stored articles: they size the plans. */
  na: number;
  nb: number;
  total: number;
  /**
   * For a graph counted live: the pair's articles among those counted, newest first (at most
   * MAX_EVIDENCE), found while counting; null for the stored graph, whose evidence is looked up.
   */
  evidence: number[] | null;
}

@ObjectType({ description: 'An entity of a co-occurrence network, with the number of articles (of those counted) linked to it.' })
export class LinkNode {
  @Field(() => ID, { description: 'The global id of the entity; `LinkEdge.source` and `target` refer to it.' })
  id!: string;
  @Field(() => SubjectKind, { description: 'The kind of the entity.' })
  kind!: SubjectKind;
  @Field(() => Int, { description: 'Articles linked directly to the entity, of those counted (`LinkGraph.articleCount`).' })
  articleCount!: number;
  /** Resolved by LinkNodeResolver.entity. */
  ref!: SubjectRef;
}

@ObjectType({
  description:
    'Two entities linked by the articles about both. count = articles linked to both; jaccard = count / (articles(source) + articles(target) − count); ' +
    'lift = count × N / (articles(source) × articles(target)), N = the articles counted: 1 means as often together as chance would have it, more means more.',
})
export class LinkEdge {
  @Field(() => ID, { description: 'Global id of one entity (a node of the graph).' })
  source!: string;
  @Field(() => ID, { description: 'Global id of the other entity (a node of the graph).' })
  target!: string;
  @Field(() => Int, { description: 'Articles linked to both entities, of those counted.' })
  count!: number;
  @Field(() => Float, { description: 'count / (articles(source) + articles(target) − count): 1 when the two always come together.' })
  jaccard!: number;
  @Field(() => Float, { description: 'count × N / (articles(source) × articles(target)): observed over expected co-occurrence.' })
  lift!: number;
  /** Resolved by LinkEdgeResolver.articles. */
  stats!: PairStats;
}

@ObjectType({ description: 'A co-occurrence network: the entities of the articles counted, and the pairs of them that share articles.' })
export class LinkGraph {
  @Field(() => Int, { description: 'The articles counted: those matching filter and search, or all articles.' })
  articleCount!: number;
  @Field(() => [LinkNode], { description: 'Every entity that appears in an edge, strongest first; with no edges, the entities with the most articles.' })
  nodes!: LinkNode[];
  @Field(() => [LinkEdge], { description: 'The strongest pairs, at most `first`: by count, most first, then by the entities’ kind and id.' })
  edges!: LinkEdge[];
}

@ObjectType({ description: 'An entity linked to another by the articles about both, with the strength of the link (over all articles).' })
export class RelatedSubject {
  @Field(() => Int, { description: 'Articles linked to both.' })
  count!: number;
  @Field(() => Float, { description: 'count / (articles(this) + articles(related) − count).' })
  jaccard!: number;
  @Field(() => Float, { description: 'count × N / (articles(this) × articles(related)), N = all articles: observed over expected co-occurrence.' })
  lift!: number;
  stats!: PairStats;
}

@ObjectType({ description: 'One step of a path: two entities and an article linked to both (the newest).' })
export class PathStep {
  fromRef!: SubjectRef;
  toRef!: SubjectRef;
  stats!: PairStats;
}

@ObjectType({ description: 'A chain entity – article – entity – ... from `path(from:)` to `path(to:)`.' })
export class EntityPath {
  refs!: SubjectRef[];
  @Field(() => [PathStep], { description: 'The steps, from `from` to `to`, each with its article.' })
  steps!: PathStep[];
}

@ObjectType({ description: 'The shortest chains linking two entities through shared articles, or an explicit none.' })
export class PathResult {
  @Field({ description: 'Whether a chain of at most `maxHops` steps exists.' })
  found!: boolean;
  @Field(() => Int, { nullable: true, description: 'The number of steps of the shortest chains (0 when from = to); null when none was found.' })
  hops!: number | null;
  @Field(() => [EntityPath], { description: 'The shortest chains (at most 10, in a stable order); empty when none was found.' })
  paths!: EntityPath[];
}

export type { Article, Subject };
