import { Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { Context } from '../graph/context';
import { countArticles } from './article.count';
import { ArticleFacets } from './article.facets';
import { ArticleConnection } from './article.types';

@Resolver(() => ArticleConnection)
export class ArticleConnectionResolver {
  @FieldResolver(() => Int, { description: 'How many articles the whole list holds (filter and search applied), across all pages.' })
  async totalCount(@Root() connection: ArticleConnection, @Ctx() ctx: Context): Promise<number> {
    const { scope } = connection;
    if (scope) return ctx.articles.scopedCounts.load(scope);
    if (connection.total) return connection.total;
    return (await countArticles(ctx.sql, connection.query)).get(0)!;
  }

  @FieldResolver(() => ArticleFacets, { description: 'Counts by topic, organisation, place, person and month over the whole list.' })
  facets(@Root() connection: ArticleConnection): ArticleFacets {
    const facets = new ArticleFacets();
    facets.query = connection.query;
    facets.scope = connection.scope;
    return facets;
  }
}
