/**
 * Reading a feed: bytes -> the items ingest writes, and the errors of the items it could not read.
 * RSS 2.0, RSS 1.0 (RDF), Atom 1.0 and JSON Feed 1.1 through feedsmith; the seed's text format
 * through parse.ts. HTML in an item becomes plain text with html-to-text, paragraphs kept: the first
 * is the summary, the rest the body, as in the seed's format. Pure: no database, no network.
 *
 * Each item is known by its GUID (Atom and JSON Feed: its id), else its link, else the hash of its
 * content (sources.ts deduplicates in that order). A bad item (no title, no text, a date that is not
 * one, too much text) is an error with its position, and never stops the good ones.
 */
import { createHash } from 'node:crypto';
import { parseFeed } from 'feedsmith';
import { convert } from 'html-to-text';
import { ArticleKind } from '../article/article-kind';
import { type ParsedItem, parseNewsFile } from './parse';
import { slugify } from './slug';

export type FeedFormat = 'rss' | 'atom' | 'rdf' | 'json' | 'text';

/** One item of a feed, ready for ingest. */
export interface FeedItem {
  /** GUID, id, link or content hash: what the item is known by within its feed. */
  guid: string;
  link: string | null;
  item: ParsedItem;
}

/** An item that could not be read: where (1-based, in the feed's order) and why. */
export interface FeedItemError {
  position: number;
  message: string;
}

export interface ReadFeed {
  format: FeedFormat;
  title: string | null;
  /** The site the feed belongs to. */
  link: string | null;
  items: FeedItem[];
  errors: FeedItemError[];
}

/** The feed as a whole could not be read (not a feed, broken XML or JSON). */
export class FeedError extends Error {}

/** Characters of text one item may carry; more is an error for that item (a runaway or hostile feed). */
export const MAX_ITEM_CHARACTERS = 100_000;
/** A date this far past now is wrong: a feed's clock or format. */
const FUTURE_SLACK_MS = 2 * 86_400_000;

/** Where items' fields are, per format. */
interface RawItem {
  title?: string;
  guid?: string;
  link?: string;
  date?: string;
  html?: string;
  text?: string;
}

type Anything = Record<string, unknown> | undefined;
const str = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value : undefined);
const value = (node: unknown): string | undefined => (typeof node === 'string' ? str(node) : str((node as Anything)?.value));

function rawItems(format: FeedFormat, feed: Record<string, unknown>): RawItem[] {
  const list = (format === 'atom' ? feed.entries : feed.items) as Anything[] | undefined;
  return (list ?? []).map((entry) => {
    const e = entry ?? {};
    if (format === 'atom') {
      const links = (e.links as Anything[] | undefined) ?? [];
      const alternate = links.find((l) => !l?.rel || l.rel === 'alternate') ?? links[0];
      const content = e.content as Anything;
      const summary = e.summary as Anything;
      const isText = (node: Anything) => node?.type === 'text';
      return {
        title: value(e.title),
        guid: str(e.id),
        link: str(alternate?.href),
        date: str(e.published) ?? str(e.updated),
        html: content && !isText(content) ? value(content) : summary && !isText(summary) ? value(summary) : undefined,
        text: content && isText(content) ? value(content) : summary && isText(summary) ? value(summary) : undefined,
      };
    }
    if (format === 'json') {
      return {
        title: str(e.title),
        guid: e.id === undefined || e.id === null ? undefined : String(e.id),
        link: str(e.url),
        date: str(e.date_published) ?? str(e.date_modified),
        html: str(e.content_html) ?? undefined,
        text: str(e.content_text) ?? str(e.summary),
      };
    }
    const content = (e.content as Anything)?.encoded;
    const dc = e.dc as Anything;
    return {
      title: str(e.title),
      guid: value(e.guid),
      link: str(e.link),
      date: str(e.pubDate) ?? str(dc?.date),
      html: str(content) ?? str(e.description),
    };
  });
}

/** HTML -> text with its paragraphs (blank-line separated), links as their text, images dropped. */
export function htmlToText(html: string): string {
  return convert(html, {
    wordwrap: false,
    selectors: [
      { selector: 'a', options: { ignoreHref: true } },
      { selector: 'img', format: 'skip' },
      { selector: 'h1', options: { uppercase: false } },
      { selector: 'h2', options: { uppercase: false } },
      { selector: 'h3', options: { uppercase: false } },
      { selector: 'table', format: 'dataTable' },
    ],
  });
}

/** `YYYY-MM-DD` (UTC) of a feed's date, or an error message. */
function day(text: string, now: number): string | Error {
  const time = Date.parse(text);
  if (Number.isNaN(time)) return new Error(`its date "${text}" is not a date (RSS: RFC 822 like "Mon, 02 Mar 2018 10:00:00 GMT"; Atom and JSON Feed: RFC 3339)`);
  if (time > now + FUTURE_SLACK_MS) return new Error(`its date "${text}" lies in the future`);
  if (time < Date.UTC(1900, 0, 1)) return new Error(`its date "${text}" is before 1900`);
  return new Date(time).toISOString().slice(0, 10);
}

/** Paragraphs of text: blank lines apart, each one's lines joined, spaces squeezed. */
function paragraphs(text: string): string[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter((p) => p !== '');
}

const hash = (...parts: (string | null)[]) => createHash('sha256').update(JSON.stringify(parts)).digest('hex');

/**
 * Reads a feed's bytes. `name` names it in errors (its URL or file). Throws a FeedError when the whole
 * feed is unreadable; item problems are in `errors`.
 */
export function readFeed(bytes: Buffer, name: string, now: number = Date.now()): ReadFeed {
  const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
  const head = text.trimStart()[0];
  if (head !== '<' && head !== '{') {
    const parsed = parseNewsFile(bytes, name);
    return {
      format: 'text',
      title: null,
      link: null,
      items: parsed.items.map((item) => ({ guid: item.slug, link: null, item })),
      errors: parsed.errors.map((e) => ({ position: e.line, message: `line ${e.line}: ${e.message}` })),
    };
  }
  let parsed: { format: string; feed: Record<string, unknown> };
  try {
    parsed = parseFeed(head === '{' ? JSON.parse(text) : text) as typeof parsed;
  } catch (error) {
    throw new FeedError(`${name} is not a feed Quipu reads (RSS 2.0, RSS 1.0, Atom 1.0, JSON Feed 1.1 or the seed's text format): ${(error as Error).message}`);
  }
  const format = parsed.format as FeedFormat;
  const feed = parsed.feed;
  const items: FeedItem[] = [];
  const errors: FeedItemError[] = [];
  for (const [index, raw] of rawItems(format, feed).entries()) {
    const position = index + 1;
    const fail = (message: string) => {
      errors.push({ position, message: `item ${position}${raw.title ? ` ("${raw.title.slice(0, 60)}")` : ''}: ${message}` });
    };
    const title = raw.title ? htmlToText(raw.title).replace(/\s+/g, ' ').trim() : '';
    if (!title) {
      fail('it has no title');
      continue;
    }
    const body = raw.html !== undefined ? htmlToText(raw.html) : (raw.text ?? '');
    if (body.length > MAX_ITEM_CHARACTERS) {
      fail(`its text has ${body.length} characters; at most ${MAX_ITEM_CHARACTERS} are read`);
      continue;
    }
    const parts = paragraphs(body);
    if (parts.length === 0) {
      fail('it has no text (no description, summary or content)');
      continue;
    }
    let publishedAt: string | null = null;
    if (raw.date) {
      const date = day(raw.date, now);
      if (date instanceof Error) {
        fail(date.message);
        continue;
      }
      publishedAt = date;
    }
    const slug = slugify(title);
    if (!slug) {
      fail('its title has no letters or digits to make a slug of');
      continue;
    }
    const item: ParsedItem = {
      kind: publishedAt ? ArticleKind.NEWS : ArticleKind.PAGE,
      slug: publishedAt ? `${publishedAt}-${slug}` : slug,
      title,
      publishedAt,
      summary: parts[0],
      body: parts.length > 1 ? parts.slice(1).join('\n\n') : null,
      file: name,
      line: position,
    };
    items.push({ guid: raw.guid ?? raw.link ?? hash(title, publishedAt, item.summary, item.body), link: raw.link ?? null, item });
  }
  const title = format === 'atom' ? value(feed.title) : str(feed.title);
  const links = feed.links as Anything[] | undefined;
  const link = format === 'atom' ? str(links?.find((l) => !l?.rel || l.rel === 'alternate')?.href) : format === 'json' ? str(feed.home_page_url) : str(feed.link);
  return { format, title: title ?? null, link: link ?? null, items, errors };
}
