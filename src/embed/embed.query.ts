import { isDated } from '../core/dated';
import type { Sql } from '../db/sql';
import { InternalQuery } from '../graph/internal-query';
import { EMBED_CHANNEL_QUERY } from './embed-operation';

/** One article as the widget's operation reads it. */
interface EmbedArticle {
  id: string;
  title: string;
  publishedAt: string | null;
  url: string;
  topics: { slug: string; name: string }[];
}

/** A channel as the iframe page shows it: the widget's operation's answer, its undated pages left out. */
export interface EmbedChannel {
  slug: string;
  title: string;
  feeds: { rss: string };
  articles: { nodes: (EmbedArticle & { publishedAt: string })[] };
}

type EmbedChannelAnswer = Omit<EmbedChannel, 'articles'> & { articles: { nodes: EmbedArticle[] } };

const embedChannel = new InternalQuery<{ channel: EmbedChannelAnswer | null }>('the embed page', EMBED_CHANNEL_QUERY);

/**
 * Runs the widget's own operation through the real schema with a fresh request context, and keeps
 * what the widget keeps of it (the dated articles, as the feeds do), so the iframe page shows exactly
 * what the widget shows. `origin` is the public origin the URLs are made from. Null when there is no
 * such channel.
 */
export async function fetchEmbedChannel(sql: Sql, origin: string, slug: string, first: number): Promise<EmbedChannel | null> {
  const { channel } = await embedChannel.data(sql, { slug, first }, origin);
  return channel && { ...channel, articles: { nodes: channel.articles.nodes.filter(isDated) } };
}

/** A channel a reader may pick from, when the one asked for does not exist. */
export interface ChannelChoice {
  slug: string;
  title: string;
  description: string;
}

const channelChoices = new InternalQuery<{ channels: ChannelChoice[] }>(
  'the embed page for an unknown channel',
  'query EmbedChannelChoices { channels { slug title description } }',
);

/** Every channel, as the API lists them, for the page that answers an unknown one. */
export async function fetchChannelChoices(sql: Sql, origin: string): Promise<ChannelChoice[]> {
  return (await channelChoices.data(sql, {}, origin)).channels;
}
