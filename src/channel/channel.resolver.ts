import { JSONObjectResolver } from 'graphql-scalars';
import { Arg, Args, Ctx, Field, FieldResolver, ID, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { ArticlesArgs } from '../article/article.args';
import { toConnection } from '../article/article.connection';
import { FILTER_SCOPE } from '../article/article.query';
import { ArticleConnection, type ScopeRef } from '../article/article.types';
import { toGlobalId } from '../core/node';
import { feedUrls } from '../feed/feed-links';
import type { Context } from '../graph/context';
import { Channel } from './channel.entity';
import { channelBySlug, listChannels, storedFilter } from './channel.loaders';

@ObjectType({ simpleResolvers: true, description: 'The feeds of a channel, as absolute URLs.' })
export class ChannelFeeds {
  @Field({ description: 'RSS 2.0 feed of the newest articles.' })
  rss!: string;

  @Field({ description: 'Atom 1.0 feed of the newest articles.' })
  atom!: string;

  @Field({ description: 'JSON Feed 1.1 of the newest articles.' })
  json!: string;
}

@Resolver(() => Channel)
export class ChannelResolver {
  @Query(() => Channel, { nullable: true, description: 'One channel by slug; null when there is none.' })
  channel(@Ctx() ctx: Context, @Arg('slug', { description: 'The channel’s slug, e.g. `mining-in-cajamarca`.' }) slug: string): Promise<Channel | null> {
    return channelBySlug(ctx.sql, slug);
  }

  @Query(() => [Channel], { description: 'Every channel, by slug.' })
  channels(@Ctx() ctx: Context): Promise<Channel[]> {
    return listChannels(ctx.sql);
  }

  @FieldResolver(() => ID, { description: 'Opaque global id.' })
  id(@Root() channel: Channel): string {
    return toGlobalId('Channel', channel.id);
  }

  @FieldResolver(() => JSONObjectResolver, {
    description: 'The stored ArticleFilter, as checked when the channel was written (lists are lists, absent fields left out).',
  })
  filter(@Root() channel: Channel): object {
    return storedFilter(channel);
  }

  @FieldResolver(() => ArticleConnection, {
    description: 'The channel’s articles: its stored filter ANDed with `filter` when given; totals and facets honour both. ' + 'The same arguments as the root `articles`.',
  })
  async articles(@Root() channel: Channel, @Ctx() ctx: Context, @Args() args: ArticlesArgs): Promise<ArticleConnection> {
    // Plain copy: DataLoader keys compare by JSON, and args arrive as class instances.
    const plain = JSON.parse(JSON.stringify(args)) as ArticlesArgs;
    const scope: ScopeRef = { kind: FILTER_SCOPE, id: channel.id, args: plain, filter: storedFilter(channel) };
    const { page, query } = await ctx.articles.scopedPages.load(scope);
    return toConnection(page, query, scope);
  }

  @FieldResolver(() => ChannelFeeds, { description: 'The channel as RSS, Atom and JSON Feed (absolute URLs).' })
  feeds(@Root() channel: Channel, @Ctx() ctx: Context): ChannelFeeds {
    return feedUrls(ctx.origin, { channel: channel.slug });
  }
}
