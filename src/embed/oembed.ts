import { CHANNEL_SLUG } from '../channel/channel.seed';
import { escapeHtml } from '../feed/feed-links';
import { EmbedParamError, embedPageUrl, parseLanguage, parseLimit, parsePixels, single } from './embed.params';
import { LIMIT } from './embed-operation';

/** An embed page's path, `/embed/<channel slug>`, its slug captured. */
const EMBED_PATH = new RegExp(`^/embed/(${CHANNEL_SLUG.source.slice(1, -1)})/?$`);

type RawQuery = Record<string, string | string[] | undefined>;

/** The iframe's size when the consumer sets no bounds; the frame then sizes itself to its content. */
export const DEFAULT_WIDTH = 480;
/** Seconds a consumer may cache an oEmbed answer (the list inside the frame is always current). */
export const CACHE_AGE = 3600;

/** An oEmbed request, checked: the channel and limit of the embed URL, and the size bounds. */
export interface OembedRequest {
  channel: string;
  limit: number;
  embedUrl: string;
  maxwidth?: number;
  maxheight?: number;
}

/**
 * Reads `/oembed?url=...&format=json&maxwidth=&maxheight=`. Errors follow oEmbed 1.0: no `url` is
 * 400, a format other than json is 501, and a URL that is not an embed page of this server is 404.
 */
export function parseOembedRequest(query: RawQuery, origin: string): OembedRequest {
  const format = single(query, 'format') ?? 'json';
  if (format !== 'json') {
    throw new EmbedParamError('format', format, 'json', `format "${format}" is not supported: Quipu answers oEmbed in json only`, 501);
  }
  const url = single(query, 'url');
  const example = `${origin}/embed/mining`;
  if (url === undefined || url.trim() === '') {
    throw new EmbedParamError('url', url, `an embed page of this server, such as ${example}`, `url is required: the address of an embed page, such as ${example}`);
  }
  const notOurs = (why: string) =>
    new EmbedParamError('url', url, `an embed page of this server, such as ${example}`, `url ${why}: oEmbed here covers embed pages of ${origin}, such as ${example}`, 404);
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw notOurs('is not an absolute URL');
  }
  if (parsed.origin !== origin) throw notOurs(`is on ${parsed.origin}`);
  const match = EMBED_PATH.exec(parsed.pathname);
  if (!match) throw notOurs('is not an embed page (/embed/<channel>)');
  let limit: number;
  try {
    limit = parseLimit({ limit: parsed.searchParams.get('limit') ?? undefined });
  } catch {
    throw notOurs(`has a limit outside ${LIMIT.min}–${LIMIT.max}`);
  }
  return {
    channel: match[1],
    limit,
    embedUrl: embedPageUrl(origin, match[1], {
      limit: parsed.searchParams.has('limit') ? limit : undefined,
      language: parsed.searchParams.has('lang') ? parseLanguage({ lang: parsed.searchParams.get('lang') ?? undefined }) : undefined,
    }),
    maxwidth: parsePixels(query, 'maxwidth'),
    maxheight: parsePixels(query, 'maxheight'),
  };
}

/** A first guess at the frame's height for `limit` articles; the frame reports its real height. */
export function estimatedHeight(limit: number): number {
  return 110 + 78 * limit;
}

/**
 * The oEmbed 1.0 `rich` answer: an iframe of the embed page and the widget's script, which sizes the
 * frame to its content (accepting height messages from this server's origin only). maxwidth and
 * maxheight bound the frame; with maxheight the frame keeps that bound when it resizes.
 */
export function oembedResponse(request: OembedRequest, origin: string, title: string) {
  const width = Math.min(DEFAULT_WIDTH, request.maxwidth ?? DEFAULT_WIDTH);
  const height = Math.min(estimatedHeight(request.limit), request.maxheight ?? Infinity);
  const style = `border:0;width:100%;max-width:${width}px;height:${height}px${request.maxheight ? `;max-height:${request.maxheight}px` : ''}`;
  const html =
    `<iframe src="${escapeHtml(request.embedUrl)}" title="${escapeHtml(`${title}: latest news from Quipu`)}" width="${width}" height="${height}" style="${style}" loading="lazy"></iframe>` +
    `<script async src="${escapeHtml(`${origin}/embed.js`)}"></script>`;
  return {
    version: '1.0',
    type: 'rich',
    provider_name: 'Quipu',
    provider_url: `${origin}/`,
    title,
    html,
    width,
    height,
    cache_age: CACHE_AGE,
  };
}
