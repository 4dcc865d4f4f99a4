import { Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { toGlobalId } from '../core/node';
import type { Context } from '../graph/context';
import { SOURCE_COLUMNS, Source } from './source.entity';

@Resolver(() => Source)
export class SourceResolver {
  @Query(() => [Source], { description: 'Every source Quipu carries, by name: publishers of the seed’s files and feeds, each feed with its last fetch and error.' })
  async sources(@Ctx() ctx: Context): Promise<Source[]> {
    return (await ctx.sql.lookup<Source>(`SELECT ${SOURCE_COLUMNS} FROM source ORDER BY name`)).map((row) => Object.assign(new Source(), row));
  }

  @FieldResolver(() => ID, { description: 'Opaque global id.' })
  id(@Root() source: Source): string {
    return toGlobalId('Source', source.id);
  }
}
