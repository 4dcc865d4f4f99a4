/**
 * The explorer page: filters held in the URL, three requests per view (articles with facets, the
 * link network, the timeline), each drawn into its own region or replaced by a message if it fails.
 */
import { type ArticlesPage, type FacetRow, fetchArticles, fetchLinks, fetchTimeline, type Query, RequestFailed } from './api';
import { renderArticle } from './articles';
import { announceEntityFeeds } from './feeds';
import { clearNetwork, currentNetwork, drawNetwork, renderEntityList } from './network';
import { type ExploreState, emptyState, KIND_INFO, KINDS, type Kind, readState, toFilter, toggleSlug, writeState } from './state';
import { clearTimeline, drawTimeline, fitTimeline } from './timeline';

function byId<T extends HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`the page has no #${id}`);
  return element as T;
}

const form = byId<HTMLFormElement>('filters');
const searchInput = byId<HTMLInputElement>('search');
const fromInput = byId<HTMLInputElement>('from');
const toInput = byId<HTMLInputElement>('to');
const pickers = byId<HTMLDivElement>('pickers');
const kindBoxes = byId<HTMLDivElement>('kinds');
const summary = byId<HTMLParagraphElement>('summary');
const network = byId<HTMLDivElement>('network');
const networkMessage = byId<HTMLParagraphElement>('network-message');
const entities = byId<HTMLUListElement>('entities');
const timeline = byId<HTMLDivElement>('timeline');
const timelineMessage = byId<HTMLParagraphElement>('timeline-message');
const timelineTable = byId<HTMLTableElement>('timeline-table');
const articleList = byId<HTMLOListElement>('articles');
const articlesMessage = byId<HTMLParagraphElement>('articles-message');
const more = byId<HTMLButtonElement>('more');

let state: ExploreState = readState(location.search);
/** Display names by `KIND:slug`, learnt from every response, for the chips of chosen filters. */
const names = new Map<string, string>();
let facets: Record<Kind, FacetRow[]> | undefined;
let endCursor: string | null = null;
let inFlight: AbortController | null = null;

const query = (): Query => ({ filter: toFilter(state), search: state.q.trim() || null });
const selectedKeys = () => new Set(KINDS.flatMap((kind) => state.slugs[kind].map((slug) => `${kind}:${slug}`)));

/** Moves to a new state: the URL first (so Back returns here), then the view. */
function go(next: ExploreState): void {
  state = next;
  const search = writeState(state);
  if (search !== location.search) history.pushState(null, '', `${location.pathname}${search}`);
  syncForm();
  void load();
}

function pick(kind: Kind, slug: string): void {
  go(toggleSlug(state, kind, slug));
}

/**
 * Re-renders a region without losing the keyboard user's place: the focused control is found again
 * by its id or data-key in the new content, or its data-fallback (a removed chip's picker) is focused.
 */
function keepFocus(region: HTMLElement, render: () => void): void {
  const active = document.activeElement instanceof HTMLElement && region.contains(document.activeElement) ? document.activeElement : null;
  const id = active?.id;
  const key = active?.dataset.key;
  const fallback = active?.dataset.fallback;
  render();
  if (!active) return;
  const again =
    (id && document.getElementById(id)) || (key && region.querySelector<HTMLElement>(`[data-key="${CSS.escape(key)}"]`)) || (fallback && document.getElementById(fallback));
  if (again instanceof HTMLElement) again.focus();
}

function showMessage(element: HTMLElement, what: string, error: unknown): void {
  element.hidden = false;
  element.setAttribute('role', 'alert');
  element.textContent = `The ${what} could not be loaded: ${error instanceof RequestFailed ? error.message : 'unexpected error'}.`;
}

function hideMessage(element: HTMLElement): void {
  element.hidden = true;
  element.removeAttribute('role');
  element.textContent = '';
}

function syncForm(): void {
  searchInput.value = state.q;
  fromInput.value = state.from;
  toInput.value = state.to;
  for (const box of kindBoxes.querySelectorAll<HTMLInputElement>('input[type=checkbox]')) box.checked = state.kinds.includes(box.value as Kind);
  renderPickers();
}

/** One picker per kind: the chosen values as removable chips, and a select of the facet values. */
function renderPickers(): void {
  keepFocus(pickers, () =>
    pickers.replaceChildren(
      ...KINDS.map((kind) => {
        const info = KIND_INFO[kind];
        const group = document.createElement('div');
        group.className = 'picker';
        const label = document.createElement('label');
        label.htmlFor = `pick-${info.param}`;
        label.textContent = info.label;
        const select = document.createElement('select');
        select.id = `pick-${info.param}`;
        select.name = info.param;
        const prompt = new Option(`Add a ${info.label.toLowerCase()}…`, '');
        select.append(prompt);
        for (const row of facets?.[kind] ?? []) {
          if (state.slugs[kind].includes(row.subject.slug)) continue;
          select.append(new Option(`${row.subject.name} (${row.count})`, row.subject.slug));
        }
        select.disabled = select.options.length === 1;
        select.addEventListener('change', () => {
          if (select.value) pick(kind, select.value);
        });
        const chips = document.createElement('ul');
        chips.className = 'chips';
        chips.setAttribute('aria-label', `Chosen ${info.plural.toLowerCase()}`);
        for (const slug of state.slugs[kind]) {
          const name = names.get(`${kind}:${slug}`) ?? slug;
          const chip = document.createElement('li');
          const remove = document.createElement('button');
          remove.type = 'button';
          remove.className = `chip kind-${kind.toLowerCase()}`;
          remove.setAttribute('aria-label', `Remove ${info.label.toLowerCase()} ${name}`);
          remove.dataset.key = `${kind}:${slug}`;
          remove.dataset.fallback = select.id;
          remove.textContent = `${name} ×`;
          remove.addEventListener('click', () => pick(kind, slug));
          chip.append(remove);
          chips.append(chip);
        }
        group.append(label, select, chips);
        return group;
      }),
    ),
  );
}

function renderKindBoxes(): void {
  kindBoxes.replaceChildren(
    ...KINDS.map((kind) => {
      const label = document.createElement('label');
      label.className = 'check';
      const box = document.createElement('input');
      box.type = 'checkbox';
      box.value = kind;
      box.checked = state.kinds.includes(kind);
      box.addEventListener('change', () => {
        const kinds = KINDS.filter((k) => (k === kind ? box.checked : state.kinds.includes(k)));
        if (kinds.length === 0) {
          box.checked = true;
          return;
        }
        go({ ...state, kinds });
      });
      label.append(box, ` ${KIND_INFO[kind].plural}`);
      return label;
    }),
  );
}

function learnNames(page: ArticlesPage): void {
  for (const article of page.nodes) for (const mention of article.mentions) names.set(`${mention.kind}:${mention.subject.slug}`, mention.subject.name);
  for (const kind of KINDS) for (const row of page.facets?.[kind] ?? []) names.set(`${kind}:${row.subject.slug}`, row.subject.name);
}

function showArticles(page: ArticlesPage, append: boolean): void {
  learnNames(page);
  if (!append) articleList.replaceChildren();
  articleList.append(...page.nodes.map(renderArticle));
  endCursor = page.pageInfo.endCursor;
  more.hidden = !page.pageInfo.hasNextPage;
  const shown = articleList.children.length;
  summary.textContent = `${page.totalCount} article${page.totalCount === 1 ? '' : 's'} match${page.totalCount === 1 ? 'es' : ''}${shown < page.totalCount ? ` (showing ${shown})` : ''}.`;
}

/** Loads the three parts of the view for the current state; a newer load cancels an older one. */
async function load(): Promise<void> {
  inFlight?.abort();
  const controller = new AbortController();
  inFlight = controller;
  const { signal } = controller;
  const q = query();
  announceEntityFeeds(state);
  summary.textContent = 'Loading…';
  for (const region of [network, timeline, articleList]) region.dataset.state = 'loading';

  const articles = fetchArticles(q, null, true, signal).then(
    (page) => {
      if (signal.aborted) return;
      hideMessage(articlesMessage);
      facets = page.facets;
      showArticles(page, false);
      renderPickers();
      articleList.dataset.state = 'ready';
    },
    (error: unknown) => {
      if (signal.aborted) return;
      articleList.replaceChildren();
      more.hidden = true;
      summary.textContent = 'No articles to show.';
      showMessage(articlesMessage, 'article list', error);
      articleList.dataset.state = 'error';
    },
  );

  const links = fetchLinks(q, state.kinds, signal).then(
    (graph) => {
      if (signal.aborted) return;
      hideMessage(networkMessage);
      for (const node of graph.nodes) names.set(`${node.kind}:${node.entity.slug}`, node.entity.name);
      if (graph.nodes.length === 0) {
        clearNetwork();
        network.hidden = true;
        networkMessage.hidden = false;
        networkMessage.removeAttribute('role');
        networkMessage.textContent = 'No linked entities for this filter.';
      } else {
        network.hidden = false;
        drawNetwork(network, graph, selectedKeys(), pick);
      }
      keepFocus(entities, () => renderEntityList(entities, graph, selectedKeys(), pick));
      network.dataset.state = 'ready';
      network.dataset.nodes = String(graph.nodes.length);
    },
    (error: unknown) => {
      if (signal.aborted) return;
      clearNetwork();
      network.hidden = true;
      entities.replaceChildren();
      showMessage(networkMessage, 'link network', error);
      network.dataset.state = 'error';
    },
  );

  const series = fetchTimeline(q, signal).then(
    (rows) => {
      if (signal.aborted) return;
      hideMessage(timelineMessage);
      timeline.hidden = false;
      drawTimeline(timeline, timelineTable, rows);
      timeline.dataset.state = 'ready';
    },
    (error: unknown) => {
      if (signal.aborted) return;
      clearTimeline();
      timeline.hidden = true;
      timelineTable.tBodies[0]?.replaceChildren();
      showMessage(timelineMessage, 'timeline', error);
      timeline.dataset.state = 'error';
    },
  );

  await Promise.all([articles, links, series]);
  if (!signal.aborted) renderPickers();
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  go({ ...state, q: searchInput.value, from: fromInput.value, to: toInput.value });
});
for (const input of [fromInput, toInput]) input.addEventListener('change', () => go({ ...state, from: fromInput.value, to: toInput.value }));
byId<HTMLButtonElement>('clear').addEventListener('click', () => go(emptyState()));
more.addEventListener('click', () => {
  const controller = inFlight ?? new AbortController();
  more.disabled = true;
  fetchArticles(query(), endCursor, false, controller.signal)
    .then(
      (page) => showArticles(page, true),
      (error: unknown) => showMessage(articlesMessage, 'next page of articles', error),
    )
    .finally(() => (more.disabled = false));
});
window.addEventListener('resize', () => fitTimeline(timeline));
window.addEventListener('popstate', () => {
  state = readState(location.search);
  syncForm();
  void load();
});

/** For the browser console and the end-to-end test: the drawn network (a cytoscape.js Core). */
(window as unknown as { quipuExplorer: object }).quipuExplorer = { network: currentNetwork };

renderKindBoxes();
syncForm();
void load();
