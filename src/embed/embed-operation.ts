import { createHash } from 'node:crypto';

/**
 * The widget's one GraphQL operation, character for character as schema/operations/partner.graphql
 * has it: the trusted documents (schema/trusted-documents.json, written by `npm run codegen`) hold
 * that exact text under its hash, so a server knows the widget's hash from the start. A change here
 * must be made there too; the embed test checks that the hash is listed with this text.
 */
export const EMBED_CHANNEL_QUERY = `query EmbedChannel($slug: String!, $first: Int!) {
  channel(slug: $slug) {
    slug
    title
    feeds { rss }
    articles(first: $first) {
      nodes { id title publishedAt url topics { slug name } }
    }
  }
}`;

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
