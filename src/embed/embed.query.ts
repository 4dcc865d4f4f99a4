import { type DocumentNode, execute, parse, validate } from 'graphql';
import type { Sql } from '../db/sql';
import { createContext } from '../graph/context';
import { getSchema } from '../graph/schema';

/** A channel as the iframe page and oEmbed read it: the widget's fields, plus the other feeds. */
export interface EmbedChannel {
  slug: string;
  title: string;
  feeds: { rss: string; atom: string; json: string };
  articles: { nodes: { id: string; title: string; publishedAt: string | null; url: string; topics: { slug: string; name: string }[] }[] };
}

/** The widget's operation, with the Atom and JSON feeds added for the page's autodiscovery links. */
const EMBED_PAGE_OPERATION = /* GraphQL */ `
  query EmbedPage($slug: String!, $first: Int!) {
    channel(slug: $slug) {
      slug
      title
      feeds { rss atom json }
      articles(first: $first) {
        nodes { id title publishedAt url topics { slug name } }
      }
    }
  }
`;

let document: DocumentNode | undefined;

function pageDocument(): DocumentNode {
  if (document) return document;
  const parsed = parse(EMBED_PAGE_OPERATION);
  const errors = validate(getSchema(), parsed);
  if (errors.length > 0) throw new Error(`the embed page's operation does not fit the schema: ${errors.map((e) => e.message).join('; ')}`);
  return (document = parsed);
}

/**
 * Reads a channel through the real schema with a fresh request context, so the iframe page shows
 * exactly what the widget's query answers. `origin` is the public origin the URLs are made from.
 * Null when there is no such channel.
 */
export async function fetchEmbedChannel(sql: Sql, origin: string, slug: string, first: number): Promise<EmbedChannel | null> {
  const result = await execute({ schema: getSchema(), document: pageDocument(), variableValues: { slug, first }, contextValue: (createContext as (sql: Sql, origin?: string) => ReturnType<typeof createContext>)(sql, origin) });
  if (result.errors && result.errors.length > 0) throw result.errors[0].originalError ?? result.errors[0];
  return (result.data as { channel: EmbedChannel | null }).channel;
}
