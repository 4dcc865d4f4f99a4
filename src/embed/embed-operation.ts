import { TrustedDocuments } from '../core/trusted-documents';

/**
 * The widget's one GraphQL operation, `EmbedChannel` of schema/operations/partner.graphql, as the
 * trusted documents (schema/trusted-documents.json, written by `npm run codegen`) hold it: the widget
 * sends only its hash, which every server knows from the start.
 */
const published = TrustedDocuments.load().byName('EmbedChannel');
if (!published) throw new Error('schema/trusted-documents.json has no EmbedChannel operation: run `npm run codegen`');

export const EMBED_CHANNEL_QUERY = published.text;

/** The operation's hash as the persisted-query protocol wants it: sha256 of the exact text, hex. */
export const EMBED_CHANNEL_QUERY_HASH = published.hash;

/** The widget's `limit`: how many articles, and the iframe page's `?limit=`. */
export const LIMIT = { min: 1, max: 20, default: 5 } as const;

/** The `type` of the message an /embed/<channel> page posts to its parent with its height. */
export const HEIGHT_MESSAGE = 'quipu:embed-height';
/**
 * The `type` of the message embed.js sends to the frames already loaded when it starts, asking for
 * their height again: their first message may have come before anything was listening.
 */
export const HEIGHT_REQUEST = 'quipu:embed-height-request';
