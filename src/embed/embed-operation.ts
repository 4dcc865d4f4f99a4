import { createHash } from 'node:crypto';
import { parse, print } from 'graphql';

/**
 * The widget's one GraphQL operation, as written in schema/operations/partner.graphql.
 */
const EMBED_CHANNEL_SOURCE = `query EmbedChannel($slug: String!, $first: Int!) {
  channel(slug: $slug) {
    slug
    title
    feeds { rss }
    articles(first: $first) {
      nodes { id title publishedAt url topics { slug name } }
    }
  }
}`;

/**
 * The text the widget sends: the operation printed by graphql-js, exactly as the trusted documents
 * (schema/trusted-documents.json, written by `npm run codegen`) hold it, so that its hash is found
 * there. The embed test checks that it is.
 */
export const EMBED_CHANNEL_QUERY = print(parse(EMBED_CHANNEL_SOURCE));

/** The operation's hash as the persisted-query protocol wants it: sha256 of the exact text, hex. */
export const EMBED_CHANNEL_QUERY_HASH = createHash('sha256').update(EMBED_CHANNEL_QUERY).digest('hex');

/** The widget's `limit`: how many articles, and the iframe page's `?limit=`. */
export const LIMIT = { min: 1, max: 20, default: 5 } as const;

/** The `type` of the message an /embed/<channel> page posts to its parent with its height. */
export const HEIGHT_MESSAGE = 'quipu:embed-height';
/**
 * The `type` of the message embed.js sends to the frames already loaded when it starts, asking for
 * their height again: their first message may have come before anything was listening.
 */
export const HEIGHT_REQUEST = 'quipu:embed-height-request';
