/**
 * <quipu-news channel="mining" limit="5">: the latest articles of a Quipu channel, for any page.
 * Loaded as `<script src="<origin>/embed.js" async>`; everything it fetches comes from that origin.
 * It also sizes the /embed/<channel> iframes of that origin to their content (see `resizeFrames`).
 */
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

/** A problem with the element's attributes or the answer, shown in the widget as it is. */
class WidgetError extends Error {}

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
  if (body.errors?.length) throw new WidgetError(body.errors.map((error) => error.message).join('; '));
  if (!body.data) throw new WidgetError('the answer had no data');
  return body.data.channel;
}

async function getJson(url: string, headers: Record<string, string>): Promise<GraphQLResponse> {
  const response = await fetch(url, { headers, credentials: 'omit' });
  let body: GraphQLResponse;
  try {
    body = (await response.json()) as GraphQLResponse;
  } catch {
    throw new WidgetError(`the server answered ${response.status} ${response.statusText}`.trim());
  }
  if (!response.ok && !body.errors?.length) throw new WidgetError(`the server answered ${response.status}`);
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
 * <time datetime>, and the topics as a list.
 */
function articleItem(article: ArticleItem, dates: Intl.DateTimeFormat): HTMLLIElement {
  const item = el('li', { part: 'item' });
  const link = el('a', { class: 'title', part: 'link', href: article.url }, article.title);
  const meta = el('div', { class: 'meta' });
  if (article.publishedAt) {
    meta.append(el('time', { datetime: article.publishedAt, part: 'date' }, dates.format(new Date(`${article.publishedAt}T00:00:00Z`))));
  }
  if (article.topics.length > 0) {
    const topics = el('ul', { class: 'topics', part: 'topics', 'aria-label': 'Topics' });
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
    this.heading.textContent = heading || 'Latest news';
    this.list.replaceChildren();
    this.footer.replaceChildren();
    this.list.hidden = true;
    this.setState('loading', 'Loading the latest news…');
    try {
      if (!slug) throw new WidgetError('the channel attribute is missing (for example channel="mining")');
      const limit = parseLimit(this.getAttribute('limit'));
      const channel = await fetchChannel(slug, limit, this.getAttribute('key'));
      if (generation !== this.generation) return;
      if (!channel) throw new WidgetError(`there is no channel "${slug}"`);
      this.render(channel, heading);
    } catch (error) {
      if (generation !== this.generation) return;
      const reason = error instanceof WidgetError ? error.message : 'the news server could not be reached';
      this.setState('error', `The news could not be loaded: ${reason}.`);
      // The element's own content (its fallback link) stands in for the list.
      this.footer.replaceChildren(el('slot'));
      console.warn(`<quipu-news channel="${slug}">: ${reason}`, error instanceof WidgetError ? '' : error);
    }
  }

  private render(channel: Channel, heading: string | null): void {
    this.heading.textContent = heading || channel.title;
    const lang = this.closest('[lang]')?.getAttribute('lang') || undefined;
    let dates: Intl.DateTimeFormat;
    try {
      dates = new Intl.DateTimeFormat(lang, { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' });
    } catch {
      dates = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' });
    }
    const nodes = channel.articles.nodes;
    this.list.replaceChildren(...nodes.map((article) => articleItem(article, dates)));
    this.list.hidden = nodes.length === 0;
    this.setState('ready', nodes.length === 0 ? 'No articles yet.' : '');
    this.footer.replaceChildren(el('a', { href: channel.feeds.rss, type: 'application/rss+xml', part: 'feed-link' }, `${channel.title}: RSS feed`));
  }
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
 * posts it when it loads, and that message is lost if nothing listened yet. A frame that has not
 * loaded drops this request (its document is not yet on Quipu's origin) and posts when it loads.
 */
function askFrames(): void {
  for (const frame of Array.from(document.getElementsByTagName('iframe'))) {
    if (frame.src.startsWith(`${ORIGIN}/embed/`)) frame.contentWindow?.postMessage({ type: HEIGHT_REQUEST }, ORIGIN);
  }
}

if (!customElements.get('quipu-news')) {
  customElements.define('quipu-news', QuipuNews);
  addEventListener('message', resizeFrames);
  askFrames();
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', askFrames);
}
