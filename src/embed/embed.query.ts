import type { Sql } from '../db/sql';
import { InternalQuery } from '../graph/internal-query';
import { EMBED_CHANNEL_QUERY } from './embed-operation';

/** A channel as the widget's operation reads it. */
export interface EmbedChannel {
  slug: string;
  title: string;
  feeds: { rss: string };
  articles: { nodes: { id: string; title: string; publishedAt: string | null; url: string; topics: { slug: string; name: string }[] }[] };
}

const embedChannel = new InternalQuery<{ channel: EmbedChannel | null }>('the embed page', EMBED_CHANNEL_QUERY);

/**
 * Runs the widget's own operation through the real schema with a fresh request context, so the
 * iframe page shows exactly what the widget shows. `origin` is the public origin the URLs are made from.
 * Null when there is no such channel.
 */
export async function fetchEmbedChannel(sql: Sql, origin: string, slug: string, first: number): Promise<EmbedChannel | null> {
  return (await embedChannel.data(sql, { slug, first }, origin)).channel;
}
