/**
 * An example topic page built on Quipu's typed client: the topic's name and description, its
 * subtopics, its latest articles ten at a time, and a sidebar of facets (places, organisations,
 * months) over all of them. Everything it shows comes from one documented operation, TopicPage
 * (schema/operations/frontend.graphql), sent as a persisted query over GET.
 *
 * URL parameters: `topic` (a topic slug, default `mining`), `size` (articles per page, default 10)
 * and `api` (the GraphQL endpoint, default `http://localhost:4000/graphql`; another origin needs
 * Quipu's CORS to allow this page's).
 */
import { createClient, QuipuError, TopicPageDocument, type TopicPageQuery } from '../../client';

type Topic = NonNullable<TopicPageQuery['topic']>;

const params = new URLSearchParams(window.location.search);
/** Articles per page; the API answers a clear error outside 0–100. */
const PAGE_SIZE = Number(params.get('size') ?? 10);
const slug = params.get('topic') ?? 'mining';
const client = createClient({ url: new URL(params.get('api') ?? 'http://localhost:4000/graphql', window.location.href).toString() });

const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;

/** The cursors of the pages before the current one, so "Newer" can go back. */
const previous: (string | null)[] = [];
let current: string | null = null;

async function show(after: string | null): Promise<void> {
  const list = $('articles');
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
    status.textContent = `The topic could not be loaded: ${error instanceof QuipuError ? error.message : String(error)}`;
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
  $('articles').replaceChildren(
    ...articles.nodes.map((article) => {
      const li = item();
      li.dataset.slug = article.slug;
      const title = document.createElement('h3');
      title.textContent = article.title;
      const meta = document.createElement('p');
      meta.className = 'meta';
      meta.textContent = [article.publishedAt ?? 'Undated', article.places.map((place) => place.name).join(', ')].filter(Boolean).join(' · ');
      const summary = document.createElement('p');
      summary.className = 'summary';
      summary.textContent = article.summary;
      li.append(title, meta, summary);
      return li;
    }),
  );

  const { facets } = articles;
  renderFacet(
    'facet-places',
    facets.places.map(({ count, place }) => [place.name, count]),
  );
  renderFacet(
    'facet-organisations',
    facets.organisations.map(({ count, organisation }) => [organisation.name, count]),
  );
  renderFacet(
    'facet-months',
    facets.months.map(({ count, month }) => [month, count]),
  );
}

function renderMissing(): void {
  $('topic-name').textContent = 'No such topic';
  $('topic-description').textContent = `There is no topic "${slug}".`;
  $('articles').replaceChildren();
}

function renderFacet(id: string, rows: [label: string, count: number][]): void {
  $(id).replaceChildren(
    ...(rows.length === 0
      ? [item('None')]
      : rows.map(([label, count]) => {
          const count_ = document.createElement('span');
          count_.className = 'count';
          count_.textContent = String(count);
          return item(label, count_);
        })),
  );
}

function setButtons(newer: boolean, older: boolean): void {
  $<HTMLButtonElement>('newer').disabled = !newer;
  $<HTMLButtonElement>('older').disabled = !older;
}

function topicLink(topicSlug: string, name: string): HTMLAnchorElement {
  const link = document.createElement('a');
  const url = new URL(window.location.href);
  url.searchParams.set('topic', topicSlug);
  link.href = url.toString();
  link.textContent = name;
  return link;
}

function item(...children: (Node | string)[]): HTMLLIElement {
  const li = document.createElement('li');
  li.append(...children);
  return li;
}

$('newer').addEventListener('click', () => void show(previous.pop() ?? null));
void show(null);
