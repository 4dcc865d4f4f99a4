import { Args, Ctx, Query, Resolver } from 'type-graphql';
import { BadUserInput } from '../core/errors';
import { fromGlobalId } from '../core/node';
import type { Context } from '../graph/context';
import { type Subject, subjectTables } from '../subject/subject-table';
import { ALL_ARTICLES } from './timeline.counts';
import { computeTimeline, type SeriesRef } from './timeline.query';
import { ALL_LABEL, MAX_SERIES, TimelineArgs, TimelineSeries } from './timeline.types';

const subjectByType = new Map(Object.values(subjectTables).map((table) => [table.type as string, table]));

@Resolver()
export class TimelineResolver {
  @Query(() => [TimelineSeries], {
    description:
      'Article counts over time: one series per entity in `series` (the articles matching the filter and search that are about it), ' +
      'or one series of the filter alone. The range is filter.publishedFrom to filter.publishedTo when given, else the first to the last ' +
      'counted article over all series.',
  })
  async timeline(@Ctx() ctx: Context, @Args() args: TimelineArgs): Promise<TimelineSeries[]> {
    const entities = args.series == null ? null : await seriesEntities(ctx, args.series);
    const refs: SeriesRef[] = entities?.map(({ ref }) => ref) ?? [ALL_ARTICLES];
    const counts = await computeTimeline(ctx.sql, { filter: args.filter, search: args.search, interval: args.interval, series: refs });
    return counts.map(({ total, buckets }, i) => {
      const entity = entities?.[i].entity ?? null;
      return Object.assign(new TimelineSeries(), { entity, label: entity?.name ?? ALL_LABEL, total, buckets });
    });
  }
}

/** Decodes and loads the series' entities, failing on the first id that is not a stored topic, organisation, place or person. */
async function seriesEntities(ctx: Context, ids: string[]): Promise<{ ref: SeriesRef; entity: Subject }[]> {
  if (ids.length === 0) throw new BadUserInput('series is empty: give at least one topic, organisation, place or person id, or leave it out', 'series');
  if (ids.length > MAX_SERIES) throw new BadUserInput(`series holds ${ids.length} ids; at most ${MAX_SERIES} are allowed`, 'series');
  const refs = ids.map((globalId, i) => {
    const name = `series[${i}]`;
    const { type, id } = fromGlobalId(globalId, name);
    const table = subjectByType.get(type);
    if (!table) throw new BadUserInput(`${name} "${globalId}" is an id of type ${type}; series takes ids of type Topic, Organisation, Place or Person`, 'series');
    const twin = ids.indexOf(globalId);
    if (twin !== i) throw new BadUserInput(`${name} "${globalId}" repeats series[${twin}]; give each entity once`, 'series');
    return { kind: table.kind, id, type };
  });
  const entities = await Promise.all(refs.map(({ kind, id }) => ctx.subjects.byId[kind].load(id)));
  const missing = refs.findIndex((_, i) => entities[i] === null);
  if (missing >= 0) {
    throw new BadUserInput(`series[${missing}] "${ids[missing]}": no ${refs[missing].type} has this id (take ids from the API's \`id\` fields)`, 'series');
  }
  return refs.map(({ kind, id }, i) => ({ ref: { kind, id }, entity: entities[i]! }));
}
