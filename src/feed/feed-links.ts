/**
 * The public URLs of feeds and article pages, and the `<link rel="alternate">` tags that announce
 * feeds to browsers and feed readers. Pure functions of an origin, shared by the API (Channel.feeds,
 * Article.url), the feeds themselves, the explorer and embed pages.
 */

/** The feed formats, their file extensions and media types. */
export const FEED_FORMATS = {
  rss: { type: 'application/rss+xml', label: 'RSS' },
  atom: { type: 'application/atom+xml', label: 'Atom' },
  json: { type: 'application/feed+json', label: 'JSON Feed' },
} as const;

export type FeedFormat = keyof typeof FEED_FORMATS;

/** The kinds of subject with feeds of their own, as they appear in feed paths (/feeds/topic/mining.rss). */
export const FEED_SUBJECTS = ['topic', 'organisation', 'place', 'person'] as const;
export type FeedSubject = (typeof FEED_SUBJECTS)[number];

/** What a feed follows: a channel, or one topic, organisation, place or person (with what lies inside it). */
export type FeedTarget = { channel: string } | { subject: FeedSubject; slug: string };

/** The absolute URL of an article's public page. */
export function articleUrl(origin: string, slug: string): string {
  return `${origin}/articles/${encodeURIComponent(slug)}`;
}

/** The absolute URL of one feed. */
export function feedUrl(origin: string, target: FeedTarget, format: FeedFormat): string {
  const path = 'channel' in target ? encodeURIComponent(target.channel) : `${target.subject}/${encodeURIComponent(target.slug)}`;
  return `${origin}/feeds/${path}.${format}`;
}

/** The three feed URLs of a target. */
export function feedUrls(origin: string, target: FeedTarget): Record<FeedFormat, string> {
  return { rss: feedUrl(origin, target, 'rss'), atom: feedUrl(origin, target, 'atom'), json: feedUrl(origin, target, 'json') };
}

/** Escapes text for an HTML attribute value or element content. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/**
 * The autodiscovery tags of a channel's feeds (RSS, Atom, JSON Feed), for a page's `<head>`:
 * `feedLinks('https://news.example.org', 'mining')`. `title` names what the feeds follow.
 */
export function feedLinks(origin: string, channelSlug: string, title = channelSlug): string {
  return alternateLinks(origin, { channel: channelSlug }, title);
}

/** The autodiscovery tags of any feed target, one `<link rel="alternate">` per format. */
export function alternateLinks(origin: string, target: FeedTarget, title: string): string {
  return (Object.keys(FEED_FORMATS) as FeedFormat[])
    .map((format) => {
      const { type, label } = FEED_FORMATS[format];
      return `<link rel="alternate" type="${type}" title="${escapeHtml(`${title} (${label})`)}" href="${escapeHtml(feedUrl(origin, target, format))}">`;
    })
    .join('\n');
}
