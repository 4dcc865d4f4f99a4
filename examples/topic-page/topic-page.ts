/**
 * An example topic page built on Quipu's typed client: the topic's name and description, its
 * subtopics, its latest articles ten at a time, and a sidebar of facets (places, organisations,
 * months) over all of them. Everything it shows comes from one documented operation, TopicPage
 * (schema/operations/frontend.graphql), sent as a persisted query over GET.
 *
 * Each title links to the article's page on Quipu, and each facet to Quipu's explorer showing the
 * topic's articles with that place, organisation or month.
 *
 * URL parameters: `api` (the GraphQL endpoint, such as `http://localhost:4000/graphql`; another
 * origin needs Quipu's CORS to allow this page's), `topic` (a topic slug, default `mining`), `size`
 * (articles per page, default 10) and `lang` (`en` or `es`: how days are written, default `en`).
 */
import { createClient, QuipuError, TopicPageDocument, type TopicPageQuery } from '../../client';
import { formatDay, formatMonth, pageLanguage } from '../../src/core/dates';

type Topic = NonNullable<TopicPageQuery['topic']>;
type Articles = Topic['articles'];

const params = new URLSearchParams(window.location.search);
/** Articles per page; the API answers a clear error outside 0–100. */
const PAGE_SIZE = Number(params.get('size') ?? 10);
const slug = params.get('topic') ?? 'mining';
const language = pageLanguage(params.get('lang'));
/** Where Quipu's API is, or null when the address does not say: the page then explains, and sends nothing. */
const api = params.get('api') ? new URL(params.get('api') as string, window.location.href) : null;
const client = api && createClient({ url: api.toString() });
/** The address a Quipu started with `npm start` answers on, offered when the page's address names none. */
const LOCAL_API = 'http://localhost:4000/graphql';

const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;

/** The cursors of the pages before the current one, so "Newer" can go back. */
const previous: (string | null)[] = [];
let current: string | null = null;

async function show(after: string | null): Promise<void> {
  const list = $('articles');
  if (!client) {
    renderNoApi();
    list.dataset.state = 'setup';
    return;
  }
  list.dataset.state = 'loading';
  setButtons(false, false);
  try {
    const { topic } = await client.request(TopicPageDocument, { slug, first: PAGE_SIZE, after });
    if (!topic) {
      renderMissing();
      list.dataset.state = 'empty';
      return;
    }
    current = after;
    renderTopic(topic);
    list.dataset.state = 'ready';
    setButtons(previous.length > 0, topic.articles.pageInfo.hasNextPage);
    $('older').onclick = () => {
      previous.push(current);
      void show(topic.articles.pageInfo.endCursor);
    };
  } catch (error) {
    const status = $('status');
    status.className = 'error';
    // The API's own message says what to change; a request that got no answer at all says only "Failed to fetch".
    status.textContent =
      error instanceof QuipuError
        ? `The topic could not be loaded: ${error.message}`
        : `The topic could not be loaded: Quipu did not answer at ${api?.toString()}. Check that it is running there and that it accepts requests from this page's address.`;
    list.dataset.state = 'error';
    setButtons(previous.length > 0, false);
  }
}

function renderTopic(topic: Topic): void {
  document.title = `${topic.name} — Quipu example`;
  $('topic-name').textContent = topic.name;
  $('topic-description').textContent = topic.description;
  const crumbs = $('crumbs');
  crumbs.replaceChildren();
  if (topic.parent) crumbs.append('Part of ', topicLink(topic.parent.slug, topic.parent.name));
  $('subtopics').replaceChildren(...topic.children.map((child) => item(topicLink(child.slug, child.name))));

  const { articles } = topic;
  const first = previous.length * PAGE_SIZE + 1;
  $('status').textContent = articles.totalCount === 0 ? 'No articles about this topic yet.' : '';
  $('status').className = '';
  $('page-label').textContent = articles.nodes.length ? `${first}–${first + articles.nodes.length - 1} of ${articles.totalCount}` : '';
  $('articles').replaceChildren(...articles.nodes.map(articleItem));

  const { facets } = articles;
  renderFacet(
    'facet-places',
    facets.places.map(({ count, place }) => [place.name, count, explorerUrl(topic.slug, { place: place.slug })]),
  );
  renderFacet(
    'facet-organisations',
    facets.organisations.map(({ count, organisation }) => [organisation.name, count, explorerUrl(topic.slug, { organisation: organisation.slug })]),
  );
  renderFacet(
    'facet-months',
    facets.months.map(({ count, month }) => [formatMonth(month, language), count, explorerUrl(topic.slug, monthBounds(month))]),
  );
}

/** One article: its title as a link to its page on Quipu, its day, its places and its summary. */
function articleItem(article: Articles['nodes'][number]): HTMLLIElement {
  const li = item();
  li.dataset.slug = article.slug;
  const title = document.createElement('h3');
  title.append(link(quipuUrl(`/articles/${encodeURIComponent(article.slug)}`), article.title));
  const meta = document.createElement('p');
  meta.className = 'meta';
  // The page's own words are English; a day written in Spanish says so, for screen readers.
  const day = document.createElement(article.publishedAt ? 'time' : 'span');
  if (article.publishedAt) day.setAttribute('datetime', article.publishedAt);
  day.lang = language;
  day.textContent = article.publishedAt ? formatDay(article.publishedAt, language) : language === 'es' ? 'Sin fecha' : 'Undated';
  const places = article.places.map((place) => place.name).join(', ');
  meta.append(day, ...(places ? [` · ${places}`] : []));
  const summary = document.createElement('p');
  summary.className = 'summary';
  summary.textContent = article.summary;
  li.append(title, meta, summary);
  return li;
}

/** A page of the Quipu server the API is on. */
function quipuUrl(path: string): string {
  return new URL(path, api ?? window.location.href).toString();
}

/** Quipu's explorer showing the topic's articles narrowed by `narrow` (a place, an organisation, a month). */
function explorerUrl(topicSlug: string, narrow: Record<string, string>): string {
  return quipuUrl(`/explore?${new URLSearchParams({ topic: topicSlug, ...narrow })}`);
}

/** A month facet (`2018-03`) as the explorer's inclusive day bounds. */
function monthBounds(month: string): { from: string; to: string } {
  const [year, number] = month.split('-').map(Number);
  const last = new Date(Date.UTC(year, number, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` };
}

/**
 * Without `api=` the page cannot know where Quipu is: it says so, and offers the address of a Quipu
 * started on this computer, rather than guess one and fail with the browser's "Failed to fetch".
 */
function renderNoApi(): void {
  document.title = 'Which Quipu? — Quipu example';
  $('topic-name').textContent = 'Which Quipu should this page read from?';
  const local = new URL(window.location.href);
  local.searchParams.set('api', LOCAL_API);
  local.searchParams.set('topic', slug);
  $('topic-description').replaceChildren(
    "This example page shows a topic's news from a Quipu server, and its address does not say which one. If Quipu runs on this computer (",
    code('npm start'),
    '), open ',
    link(local.toString(), 'this page with that server'),
    '. For another server, add ',
    code('api='),
    ' and the address of its GraphQL endpoint to this address.',
  );
  document.querySelector<HTMLElement>('.layout')!.hidden = true;
}

function code(text: string): HTMLElement {
  const element = document.createElement('code');
  element.textContent = text;
  return element;
}

function renderMissing(): void {
  $('topic-name').textContent = 'No such topic';
  $('topic-description').textContent = `There is no topic "${slug}".`;
  $('articles').replaceChildren();
}

function renderFacet(id: string, rows: [label: string, count: number, href: string][]): void {
  $(id).replaceChildren(
    ...(rows.length === 0
      ? [item('None')]
      : rows.map(([label, count, href]) => {
          const count_ = document.createElement('span');
          count_.className = 'count';
          count_.textContent = String(count);
          return item(link(href, label), count_);
        })),
  );
}

function setButtons(newer: boolean, older: boolean): void {
  $<HTMLButtonElement>('newer').disabled = !newer;
  $<HTMLButtonElement>('older').disabled = !older;
}

function topicLink(topicSlug: string, name: string): HTMLAnchorElement {
  const url = new URL(window.location.href);
  url.searchParams.set('topic', topicSlug);
  return link(url.toString(), name);
}

function link(href: string, text: string): HTMLAnchorElement {
  const anchor = document.createElement('a');
  anchor.href = href;
  anchor.textContent = text;
  return anchor;
}

function item(...children: (Node | string)[]): HTMLLIElement {
  const li = document.createElement('li');
  li.append(...children);
  return li;
}

$('newer').addEventListener('click', () => void show(previous.pop() ?? null));
void show(null);
