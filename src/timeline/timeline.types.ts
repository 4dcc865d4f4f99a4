import { ArgsType, Field, ID, Int, ObjectType } from 'type-graphql';
import { ArticleFilter } from '../article/article.filter';
import { LocalDate } from '../core/scalars';
import { SubjectUnion } from '../subject/subject.union';
import type { Subject } from '../subject/subject-table';
import { Interval } from './timeline.buckets';

/** At most this many series in one request. */
export const MAX_SERIES = 20;
/** At most this many buckets per series. */
export const MAX_BUCKETS = 1000;
/**
 * A filter or search other than dates is counted live, over the articles of the series (or, without
 * series, the filter's articles) in the date range: at most this many. Above it the request fails.
 */
export const MAX_LIVE_ARTICLES = 100_000;

/** The label of the series of the filter alone. */
export const ALL_LABEL = 'All matching articles';

@ArgsType()
export class TimelineArgs {
  @Field(() => ArticleFilter, {
    nullable: true,
    description:
      'Which articles to count. Its top-level publishedFrom and publishedTo also set the range of buckets. A filter of dates alone is counted ' +
      `from precomputed totals; any other condition is counted live, over at most ${MAX_LIVE_ARTICLES.toLocaleString('en')} articles.`,
  })
  filter?: ArticleFilter | null;

  @Field(() => String, {
    nullable: true,
    description: 'Count only articles that match this full-text search (same syntax as `articles(search:)`); counted live, like a filter.',
  })
  search?: string | null;

  @Field(() => Interval, { description: 'The width of each bucket.' })
  interval!: Interval;

  @Field(() => [ID], {
    nullable: true,
    description:
      `Global ids of up to ${MAX_SERIES} topics, organisations, places or people: one series each, in this order, counting the articles ` +
      'that match the filter and are about it (a topic or place with everything below it). Leave out for one series of the filter alone.',
  })
  series?: string[] | null;
}

@ObjectType({ simpleResolvers: true, description: 'Articles counted in one interval of time.' })
export class TimelineBucket {
  @Field(() => LocalDate, { description: 'The first day of the bucket (UTC, inclusive).' })
  start!: string;

  @Field(() => LocalDate, { description: 'The first day after the bucket (UTC, exclusive): the start of the next bucket.' })
  end!: string;

  @Field(() => Int, { description: 'Dated articles published in the bucket that the series counts; 0 for an empty bucket.' })
  count!: number;
}

@ObjectType({
  simpleResolvers: true,
  description:
    'Article counts over time, for one entity or for the filter alone. Every series of a request has the same buckets, empty ones included. ' +
    'Articles without a publication date (pages) are in no bucket.',
})
export class TimelineSeries {
  @Field(() => SubjectUnion, { nullable: true, description: 'The topic, organisation, place or person of the series; null for the series of the filter alone.' })
  entity!: Subject | null;

  @Field({ description: `The entity's name, or "${ALL_LABEL}".` })
  label!: string;

  @Field(() => Int, { description: "The sum of the bucket counts: the series' dated articles in the range." })
  total!: number;

  @Field(() => [TimelineBucket], { description: 'The buckets in time order, from the first to the last of the range.' })
  buckets!: TimelineBucket[];
}
