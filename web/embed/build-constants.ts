/**
 * Values the server side owns, written in by the bundler (esbuild `define`, see src/embed/bundle.ts)
 * so the widget and the server never disagree: the operation and its hash, the limit's range, the
 * stylesheet shared with the iframe page, and the types of the iframe height messages.
 */
declare const QUIPU_EMBED_QUERY: string;
declare const QUIPU_EMBED_QUERY_HASH: string;
declare const QUIPU_EMBED_CSS: string;
declare const QUIPU_HEIGHT_MESSAGE: string;
declare const QUIPU_HEIGHT_REQUEST: string;
declare const QUIPU_LIMIT: { min: number; max: number; default: number };

export const EMBED_QUERY = QUIPU_EMBED_QUERY;
export const EMBED_QUERY_HASH = QUIPU_EMBED_QUERY_HASH;
export const EMBED_CSS = QUIPU_EMBED_CSS;
export const HEIGHT_MESSAGE = QUIPU_HEIGHT_MESSAGE;
export const HEIGHT_REQUEST = QUIPU_HEIGHT_REQUEST;
export const LIMIT_MIN = QUIPU_LIMIT.min;
export const LIMIT_MAX = QUIPU_LIMIT.max;
export const LIMIT_DEFAULT = QUIPU_LIMIT.default;
