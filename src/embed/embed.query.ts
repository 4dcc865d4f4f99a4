import { type DocumentNode, execute, parse, validate } from 'graphql';
import type { Sql } from '../db/sql';
import { createContext } from '../graph/context';
import { getSchema } from '../graph/schema';
import { EMBED_CHANNEL_QUERY } from './embed-operation';

/** A channel as the widget's operation reads it. */
export interface EmbedChannel {
  slug: string;
  title: string;
  feeds: { rss: string };
  articles: { nodes: { id: string; title: string; publishedAt: string | null; url: string; topics: { slug: string; name: string }[] }[] };
}

let document: DocumentNode | undefined;

function pageDocument(): DocumentNode {
  if (document) return document;
  const parsed = parse(EMBED_CHANNEL_QUERY);
  const errors = validate(getSchema(), parsed);
  if (errors.length > 0) throw new Error(`the embed page's operation does not fit the schema: ${errors.map((e) => e.message).join('; ')}`);
  return (document = parsed);
}

/**
 * Runs the widget's own operation through the real schema with a fresh request context, so the
 * iframe page shows exactly what the widget shows. `origin` is the public origin the URLs are made from.
 * Null when there is no such channel.
 */
export async function fetchEmbedChannel(sql: Sql, origin: string, slug: string, first: number): Promise<EmbedChannel | null> {
  const result = await execute({ schema: getSchema(), document: pageDocument(), variableValues: { slug, first }, contextValue: createContext(sql, origin) });
  if (result.errors && result.errors.length > 0) throw result.errors[0].originalError ?? result.errors[0];
  return (result.data as { channel: EmbedChannel | null }).channel;
}
