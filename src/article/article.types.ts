import { DateTimeResolver } from 'graphql-scalars';
import { Field, Float, Int, ObjectType } from 'type-graphql';
import { PageInfo } from '../core/connection';
import { SubjectUnion } from '../subject/subject.union';
import { type Subject } from '../subject/subject-table';
import type { ArticlesArgs } from './article.args';
import { Article } from './article.entity';
import type { ArticleFilter } from './article.filter';
import type { ArticleQuery, FILTER_SCOPE } from './article.query';
import { ArticleField, Provenance, SubjectKind } from './mention-kinds';

@ObjectType({ simpleResolvers: true, description: 'An article in a connection, with the cursor that points at it.' })
export class ArticleEdge {
  @Field({ description: 'Pass as `after` or `before` to page from here.' })
  cursor!: string;

  @Field(() => Article, { description: 'The article.' })
  node!: Article;
}

@ObjectType({ simpleResolvers: true, description: 'A page of articles (Relay cursor connection) with its total and facets.' })
export class ArticleConnection {
  @Field(() => [ArticleEdge], { description: 'The articles of this page, each with its cursor.' })
  edges!: ArticleEdge[];

  @Field(() => [Article], { description: 'The articles of this page (the edges’ nodes, for convenience).' })
  nodes!: Article[];

  @Field(() => PageInfo, { description: 'Cursors and whether more pages exist.' })
  pageInfo!: PageInfo;

  /** The compiled list, for totalCount and facets. */
  query!: ArticleQuery;

  /** The total, when it was asked for beside the page: counted at the same time as the page is read (see articleConnection). */
  total?: Promise<number>;

  /** Set on a subject's own list (Topic.articles): the subject it is scoped to, and the list's arguments. */
  scope?: ScopeRef;
}

export interface ScopeRef {
  /** A subject kind, or FILTER_SCOPE for a list scoped to a stored filter (a channel's). */
  kind: SubjectKind | typeof FILTER_SCOPE;
  id: number;
  args: ArticlesArgs;
  /** For FILTER_SCOPE: the stored filter of the parent `id`. */
  filter?: ArticleFilter;
}

@ObjectType({ simpleResolvers: true, description: 'One place in the text where a link was found.' })
export class Evidence {
  @Field(() => ArticleField, { description: 'The part of the article.' })
  field!: ArticleField;

  @Field(() => Int, { description: 'Offset of the match in that part, in UTF-16 code units (JavaScript string indices).' })
  offset!: number;

  @Field(() => Int, { description: 'Length of the match in UTF-16 code units.' })
  length!: number;

  @Field({ description: 'The matched text exactly as published, e.g. "Tía María" or "Southern".' })
  text!: string;

  @Field(() => Float, { description: 'What this match contributed to the relevance.' })
  weight!: number;

  @Field(() => String, {
    nullable: true,
    description:
      'For a name several places share (a district\'s, such as "Santa Rosa"): the slug of the place named in the same article that tells which one it is, a region or province above it or a mine site in it. Null for other matches.',
  })
  supportedBy?: string | null;
}

@ObjectType({ simpleResolvers: true, description: 'The editor who made a link by hand, and when.' })
export class LinkEditor {
  @Field({ description: 'The name of the editor’s key.' })
  name!: string;

  @Field(() => DateTimeResolver, { description: 'When the editor made the link.' })
  at!: string;
}

@ObjectType({ simpleResolvers: true, description: 'A link between an article and a subject, with the evidence for it.' })
export class Mention {
  @Field(() => SubjectUnion, { description: 'What the article is linked to.' })
  subject!: Subject;

  @Field(() => SubjectKind, { description: 'The kind of subject.' })
  kind!: SubjectKind;

  @Field(() => Float, { description: 'How strongly the article is about the subject, from 0 to 1 (see docs/linking.md).' })
  relevance!: number;

  @Field(() => Provenance, { description: 'Who made the link.' })
  provenance!: Provenance;

  @Field(() => [Evidence], { description: 'Where the text supports the link, in reading order (empty for a link an editor made on their own judgement).' })
  evidence!: Evidence[];

  @Field(() => LinkEditor, { nullable: true, description: 'For a link an editor made (provenance EDITOR): who and when; null for a rule’s.' })
  editor!: LinkEditor | null;
}

@ObjectType({ simpleResolvers: true, description: 'One entity an article shares with a related article, and what it weighs in the score.' })
export class RelatedReason {
  @Field(() => SubjectUnion, { description: 'The shared topic, organisation, place or person.' })
  subject!: Subject;

  @Field(() => Float, {
    description: 'Its weight: ln(N / articleCount), N being all articles. Rare entities weigh most; one on every article weighs 0 (see docs/analysts.md, "Related articles").',
  })
  weight!: number;

  @Field(() => Int, { description: 'Articles linked directly to the entity (a topic’s subtopics and a place’s places inside it do not count).' })
  articleCount!: number;
}

@ObjectType({ simpleResolvers: true, description: 'An article that shares subjects with another, with the shared subjects and their weights as the reason.' })
export class RelatedArticle {
  @Field(() => Article, { description: 'The related article.' })
  article!: Article;

  @Field(() => Float, { description: 'How related: the sum of the weights of the shared subjects (`reasons`), rounded to 9 decimals.' })
  score!: number;

  @Field(() => [SubjectUnion], { description: 'The subjects both articles are linked to, heaviest first (the subjects of `reasons`).' })
  shared!: Subject[];

  @Field(() => [RelatedReason], { description: 'Why: each shared subject with its weight and article count, heaviest first (ties by kind and id).' })
  reasons!: RelatedReason[];
}
