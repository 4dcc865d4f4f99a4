import { type PageLanguage, pageLanguage } from '../core/dates';
import { LIMIT } from './embed-operation';

type RawQuery = Record<string, string | string[] | undefined>;

/**
 * A query parameter the embed page or oEmbed cannot use: answered with `status` and a message that
 * names the parameter, the value and what is allowed.
 */
export class EmbedParamError extends Error {
  constructor(
    readonly parameter: string,
    readonly value: string | undefined,
    readonly allowed: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

/** A parameter's one value; given twice is an error, since which one would win is a guess. */
export function single(query: RawQuery, name: string): string | undefined {
  const value = query[name];
  if (Array.isArray(value)) {
    if (value.length === 1) return value[0];
    throw new EmbedParamError(name, value.join(','), 'one value', `${name} is given ${value.length} times; give it once`);
  }
  return value;
}

/** `limit`: how many articles, 1–20 (the widget's range), 5 when absent. */
export function parseLimit(query: RawQuery): number {
  const raw = single(query, 'limit');
  if (raw === undefined || raw === '') return LIMIT.default;
  const limit = Number(raw);
  if (!/^\d+$/.test(raw) || limit < LIMIT.min || limit > LIMIT.max) {
    throw new EmbedParamError('limit', raw, `a whole number from ${LIMIT.min} to ${LIMIT.max}`, `limit must be a whole number from ${LIMIT.min} to ${LIMIT.max}, got "${raw}"`);
  }
  return limit;
}

/** `maxwidth` / `maxheight` of oEmbed: a positive whole number of pixels, or absent. */
export function parsePixels(query: RawQuery, name: string): number | undefined {
  const raw = single(query, name);
  if (raw === undefined || raw === '') return undefined;
  const pixels = Number(raw);
  if (!/^\d+$/.test(raw) || pixels < 1 || pixels > 100_000) {
    throw new EmbedParamError(name, raw, 'a whole number of pixels from 1 to 100000', `${name} must be a whole number of pixels from 1 to 100000, got "${raw}"`);
  }
  return pixels;
}

/**
 * `parentOrigin` (or `origin`) of the iframe page: the embedding page's origin, which its height
 * messages go to. Only an http(s) origin is accepted, with no path, query or fragment.
 */
export function parseParentOrigin(query: RawQuery): string | undefined {
  for (const name of ['parentOrigin', 'origin']) {
    const raw = single(query, name);
    if (raw === undefined || raw === '') continue;
    let origin: string | undefined;
    try {
      const url = new URL(raw);
      if ((url.protocol === 'http:' || url.protocol === 'https:') && url.origin === raw.replace(/\/$/, '')) origin = url.origin;
    } catch {
      // not a URL: reported below
    }
    if (!origin)
      throw new EmbedParamError(
        name,
        raw,
        'an http(s) origin such as https://partner.example',
        `${name} must be an http(s) origin such as https://partner.example (no path), got "${raw}"`,
      );
    return origin;
  }
  return undefined;
}

/** `heading`: the list's heading instead of the channel's title; at most 200 characters. */
export function parseHeading(query: RawQuery): string | null {
  const raw = single(query, 'heading');
  if (raw === undefined || raw.trim() === '') return null;
  if (raw.length > 200) throw new EmbedParamError('heading', `${raw.slice(0, 20)}…`, 'at most 200 characters', `heading must be at most 200 characters, got ${raw.length}`);
  return raw.trim();
}

/**
 * `lang`: the embedding page's language (`es`, `es-PE`, `en` ...), which the page is marked with and
 * writes its days in. Quipu writes English and Spanish; any other language, or none, reads English.
 */
export function parseLanguage(query: RawQuery): PageLanguage {
  return pageLanguage(single(query, 'lang'));
}

/**
 * The canonical address of an embed page: the parameters that change what it shows, as given (the
 * oEmbed discovery link and oEmbed's iframe use it, so a Spanish page embeds a Spanish list).
 */
export function embedPageUrl(origin: string, slug: string, given: { limit?: number; language?: PageLanguage }): string {
  const params = new URLSearchParams();
  if (given.limit !== undefined) params.set('limit', String(given.limit));
  if (given.language !== undefined) params.set('lang', given.language);
  const search = params.toString();
  return `${origin}/embed/${slug}${search ? `?${search}` : ''}`;
}
