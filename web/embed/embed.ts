/**
 * <quipu-news channel="mining" limit="5">: the latest articles of a Quipu channel, for any page.
 * Loaded as `<script src="<origin>/embed.js" async>`; everything it fetches comes from that origin.
 * It also sizes the /embed/<channel> iframes of that origin to their content (see `resizeFrames`).
 */

import { isDated } from '../../src/core/dated';
import { formatDay, type PageLanguage, pageLanguage } from '../../src/core/dates';
import { EMBED_WORDS, type EmbedWords } from '../../src/embed/embed-words';
import { EMBED_CSS, EMBED_QUERY, EMBED_QUERY_HASH, HEIGHT_MESSAGE, HEIGHT_REQUEST, LIMIT_DEFAULT, LIMIT_MAX, LIMIT_MIN } from './build-constants';

interface Topic {
  slug: string;
  name: string;
}
interface ArticleItem {
  id: string;
  title: string;
  publishedAt: string | null;
  url: string;
  topics: Topic[];
}
interface Channel {
  slug: string;
  title: string;
  feeds: { rss: string };
  articles: { nodes: ArticleItem[] };
}
interface GraphQLResponse {
  data?: { channel: Channel | null } | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

/** The origin that served this script: where the widget reads from, and whose frames it resizes. */
const ORIGIN = scriptOrigin();

function scriptOrigin(): string {
  const current = document.currentScript as HTMLScriptElement | null;
  // currentScript is set while a classic script (async or not) runs; the search is for odd loaders.
  const src = current?.src || Array.from(document.querySelectorAll<HTMLScriptElement>('script[src]')).find((s) => /\/embed\.js([?#]|$)/.test(s.src))?.src;
  return new URL(src || location.href, location.href).origin;
}

/** A problem with the element's attributes, shown in the widget as it is: the partner's developer reads it. */
class WidgetError extends Error {}

/**
 * The API refused the request or answered with errors: a reader sees plain words (EmbedWords.refused),
 * and the API's own messages, written for developers, go to the console.
 */
class RefusedError extends Error {}

/**
 * Reads the channel with the widget's persisted GET query. The first request sends only the hash;
 * a server that does not know it yet answers PERSISTED_QUERY_NOT_FOUND and the second request
 * registers the text (Apollo's automatic persisted queries). The x-apollo-operation-name header
 * satisfies Apollo's CSRF prevention for GET.
 */
async function fetchChannel(slug: string, first: number, key: string | null): Promise<Channel | null> {
  const params = new URLSearchParams({
    operationName: 'EmbedChannel',
    variables: JSON.stringify({ slug, first }),
    extensions: JSON.stringify({ persistedQuery: { version: 1, sha256Hash: EMBED_QUERY_HASH } }),
  });
  const headers: Record<string, string> = { 'x-apollo-operation-name': 'EmbedChannel' };
  if (key) headers.authorization = `Bearer ${key}`;
  let body = await getJson(`${ORIGIN}/graphql?${params}`, headers);
  if (body.errors?.some((error) => error.extensions?.code === 'PERSISTED_QUERY_NOT_FOUND')) {
    params.set('query', EMBED_QUERY);
    body = await getJson(`${ORIGIN}/graphql?${params}`, headers);
  }
  if (body.errors?.length) throw new RefusedError(body.errors.map((error) => error.message).join('; '));
  if (!body.data) throw new RefusedError('the answer had no data');
  return body.data.channel;
}

async function getJson(url: string, headers: Record<string, string>): Promise<GraphQLResponse> {
  const response = await fetch(url, { headers, credentials: 'omit' });
  let body: GraphQLResponse;
  try {
    body = (await response.json()) as GraphQLResponse;
  } catch {
    throw new RefusedError(`the server answered ${response.status} ${response.statusText}`.trim());
  }
  if (!response.ok && !body.errors?.length) throw new RefusedError(`the server answered ${response.status}`);
  return body;
}

function parseLimit(value: string | null): number {
  if (value === null || value.trim() === '') return LIMIT_DEFAULT;
  const limit = Number(value);
  if (!/^\s*\d+\s*$/.test(value) || limit < LIMIT_MIN || limit > LIMIT_MAX) {
    throw new WidgetError(`limit must be a whole number from ${LIMIT_MIN} to ${LIMIT_MAX}, got "${value}"`);
  }
  return limit;
}

/** `tag` with a class and text, the only way text from the API reaches the page (never as HTML). */
function el<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Record<string, string> = {}, text?: string): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  if (text !== undefined) element.textContent = text;
  return element;
}

/**
 * Renders one article as the iframe page does: the title as a link to its page, the date as a
 * <time datetime> written as every Quipu page writes a day in `language`, and the topics as a list.
 */
function articleItem(article: ArticleItem & { publishedAt: string }, language: PageLanguage): HTMLLIElement {
  const item = el('li', { part: 'item' });
  const link = el('a', { class: 'title', part: 'link', href: article.url }, article.title);
  const meta = el('div', { class: 'meta' });
  meta.append(el('time', { datetime: article.publishedAt, part: 'date' }, formatDay(article.publishedAt, language)));
  if (article.topics.length > 0) {
    const topics = el('ul', { class: 'topics', part: 'topics', 'aria-label': EMBED_WORDS[language].topics });
    for (const topic of article.topics) topics.append(el('li', { 'data-slug': topic.slug }, topic.name));
    meta.append(topics);
  }
  item.append(link, meta);
  return item;
}

class QuipuNews extends HTMLElement {
  static observedAttributes = ['channel', 'limit', 'key', 'heading'];

  private root: ShadowRoot | null = null;
  private container!: HTMLElement;
  private heading!: HTMLHeadingElement;
  private status!: HTMLParagraphElement;
  private list!: HTMLUListElement;
  private footer!: HTMLParagraphElement;
  /** Bumped by every load, so that a slow answer for old attributes never overwrites a newer one. */
  private generation = 0;
  private scheduled = false;

  connectedCallback(): void {
    if (!this.root) this.build();
    this.schedule();
  }

  attributeChangedCallback(): void {
    if (this.root) this.schedule();
  }

  private build(): void {
    this.root = this.attachShadow({ mode: 'open' });
    const style = el('style', {}, `:host{display:block}:host([hidden]){display:none}${EMBED_CSS}`);
    this.container = el('section', { class: 'quipu', part: 'container', 'aria-labelledby': 'heading' });
    this.heading = el('h2', { id: 'heading', part: 'heading' });
    this.status = el('p', { class: 'status', role: 'status' });
    this.list = el('ul', { class: 'articles', part: 'list', 'aria-labelledby': 'heading' });
    this.footer = el('p', { class: 'footer', part: 'footer' });
    this.container.append(this.heading, this.status, this.list, this.footer);
    this.root.append(style, this.container);
  }

  /** Attributes often change together (a framework sets them one by one): load once for all of them. */
  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    queueMicrotask(() => {
      this.scheduled = false;
      if (this.isConnected) void this.load();
    });
  }

  private setState(state: 'loading' | 'ready' | 'error', message: string): void {
    this.dataset.state = state;
    this.container.setAttribute('aria-busy', String(state === 'loading'));
    this.status.className = state === 'error' ? 'status error' : 'status';
    this.status.textContent = message;
  }

  private async load(): Promise<void> {
    const generation = ++this.generation;
    const slug = this.getAttribute('channel')?.trim() ?? '';
    const heading = this.getAttribute('heading');
    // The page's language where the element stands (a Spanish section of an English page counts).
    const language = pageLanguage(this.closest('[lang]')?.getAttribute('lang'));
    const words = EMBED_WORDS[language];
    this.heading.textContent = heading || words.latest;
    this.list.replaceChildren();
    this.footer.replaceChildren();
    this.list.hidden = true;
    this.setState('loading', words.loading);
    try {
      if (!slug) throw new WidgetError('the channel attribute is missing (for example channel="mining")');
      const limit = parseLimit(this.getAttribute('limit'));
      const channel = await fetchChannel(slug, limit, this.getAttribute('key'));
      if (generation !== this.generation) return;
      if (!channel) throw new WidgetError(words.noChannel(slug));
      this.render(channel, heading, language);
    } catch (error) {
      if (generation !== this.generation) return;
      const reason = readerReason(error, words);
      this.setState('error', `${words.failed}: ${reason}.`);
      // The element's own content (its fallback link) stands in for the list.
      this.footer.replaceChildren(el('slot'));
      // The developer's detail (the API's own words, or the browser's) goes to the console, as a warning.
      console.warn(`<quipu-news channel="${slug}">: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private render(channel: Channel, heading: string | null, language: PageLanguage): void {
    const words = EMBED_WORDS[language];
    this.heading.textContent = heading || channel.title;
    const nodes = channel.articles.nodes.filter(isDated);
    this.list.replaceChildren(...nodes.map((article) => articleItem(article, language)));
    this.list.hidden = nodes.length === 0;
    this.setState('ready', nodes.length === 0 ? words.empty : '');
    this.footer.replaceChildren(el('a', { href: channel.feeds.rss, type: 'application/rss+xml', part: 'feed-link' }, words.feed(channel.title)));
  }
}

/** What the reader is told when the news cannot be shown. */
function readerReason(error: unknown, words: EmbedWords): string {
  if (error instanceof WidgetError) return error.message;
  if (error instanceof RefusedError) return words.refused;
  return words.unreachable;
}

/**
 * The partner side of the iframe embed: an /embed/<channel> page posts its height to its parent,
 * and this sets the height of the iframe that sent it. Only messages from Quipu's origin count, and
 * only the frame that is the message's source is resized, so no other frame or page can size it.
 */
function resizeFrames(event: MessageEvent): void {
  if (event.origin !== ORIGIN) return;
  const data = event.data as { type?: unknown; height?: unknown } | null;
  if (!data || data.type !== HEIGHT_MESSAGE || typeof data.height !== 'number' || !Number.isFinite(data.height)) return;
  for (const frame of Array.from(document.getElementsByTagName('iframe'))) {
    if (frame.contentWindow === event.source) frame.style.height = `${Math.max(0, Math.ceil(data.height))}px`;
  }
}

/**
 * Asks the frames of Quipu's embed pages that loaded before this script for their height: a frame
 * posts it when it loads, and that message is lost if nothing listened yet. Only frames that show
 * Quipu's page are asked: one still loading (or lazy, below the fold) holds its first, empty document,
 * on this page's origin, and the browser would refuse a message addressed to Quipu's origin and say so
 * in the console. Such a frame needs no asking: it posts its height when it loads, and this script is
 * listening by then.
 */
function askFrames(): void {
  for (const frame of Array.from(document.getElementsByTagName('iframe'))) {
    if (frame.src.startsWith(`${ORIGIN}/embed/`) && showsQuipu(frame)) frame.contentWindow?.postMessage({ type: HEIGHT_REQUEST }, ORIGIN);
  }
}

/**
 * Whether the frame's document is Quipu's. A document on another origin than this page's is not
 * readable (`contentDocument` is null, with no error), and a frame whose address is Quipu's holds no
 * other; a readable one is Quipu's only when Quipu is this page's own origin and the page has loaded.
 */
function showsQuipu(frame: HTMLIFrameElement): boolean {
  const inside = frame.contentDocument;
  if (inside === null) return ORIGIN !== location.origin;
  return inside.URL.startsWith(`${ORIGIN}/embed/`);
}

if (!customElements.get('quipu-news')) {
  customElements.define('quipu-news', QuipuNews);
  addEventListener('message', resizeFrames);
  askFrames();
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', askFrames);
}
