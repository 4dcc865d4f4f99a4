/**
 * The explorer page: filters held in the URL, three requests per view (articles with facets, the
 * link network, the timeline), each drawn into its own region. A region with nothing to show says
 * what to do; a request that fails leaves its region empty and is named in the page's one message.
 */
import { type ArticlesPage, type FacetRow, fetchArticles, fetchLinks, fetchNames, fetchTimeline, type LinkGraph, type Query } from './api';
import { renderArticle } from './articles';
import { filtersDrawer } from './drawer';
import { renderEmptyArticles } from './empty';
import { announceEntityFeeds } from './feeds';
import { problemMessage, showEmpty, showNotes } from './messages';
import { clearNetwork, currentNetwork, drawNetwork, renderEntityList } from './network';
import { type Measure, renderPairs } from './pairs';
import { renderPickers } from './pickers';
import { type ExploreState, emptyState, filterCount, KIND_INFO, KINDS, type Kind, readState, setMatch, toFilter, toggleSlug, writeState } from './state';
import { apiQuery, copyQuery, renderDownloads } from './take-out';
import { clearTimeline, currentTimeline, drawTimeline, fitTimeline } from './timeline';

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
const notes = byId<HTMLDivElement>('notes');
const downloads = byId<HTMLUListElement>('downloads');
const copyStatus = byId<HTMLSpanElement>('copy-status');
const queryText = byId<HTMLTextAreaElement>('query-text');
const network = byId<HTMLDivElement>('network');
const networkMessage = byId<HTMLParagraphElement>('network-message');
const entities = byId<HTMLUListElement>('entities');
const pairs = byId<HTMLTableElement>('pairs');
const pairsMessage = byId<HTMLParagraphElement>('pairs-message');
const timeline = byId<HTMLDivElement>('timeline');
const timelineMessage = byId<HTMLParagraphElement>('timeline-message');
const timelineTable = byId<HTMLTableElement>('timeline-table');
const articleList = byId<HTMLOListElement>('articles');
const articlesMessage = byId<HTMLDivElement>('articles-message');
const more = byId<HTMLButtonElement>('more');
const drawer = filtersDrawer(form, byId('filters-toggle'), byId('filters-close'), [document.querySelector('header')!, document.querySelector('main')!]);

const initial = readState(location.search);
let state: ExploreState = initial.state;
/** Display names by `KIND:slug`, learnt from every response, for the chips of chosen filters. */
const names = new Map<string, string>();
let facets: Record<Kind, FacetRow[]> | undefined;
let endCursor: string | null = null;
let inFlight: AbortController | null = null;
let graph: LinkGraph | null = null;
let pairsBy: Measure = 'count';
const problem = problemMessage(byId('problem'), byId('problem-text'));

const NOTHING_MATCHES = 'Nothing to draw: no articles match this view. Remove a filter to see more.';

const query = (): Query => ({ filter: toFilter(state), search: state.q.trim() || null });
const selectedKeys = () => new Set(KINDS.flatMap((kind) => state.slugs[kind].map((slug) => `${kind}:${slug}`)));

/** Moves to a new state: the URL first (so Back returns here), then the view. */
function go(next: ExploreState): void {
  state = next;
  const search = writeState(state);
  if (search !== location.search) history.pushState(null, '', `${location.pathname}${search}`);
  showNotes(notes, []);
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

function syncForm(): void {
  searchInput.value = state.q;
  fromInput.value = state.from;
  toInput.value = state.to;
  for (const box of kindBoxes.querySelectorAll<HTMLInputElement>('input[type=checkbox]')) box.checked = state.kinds.includes(box.value as Kind);
  drawer.count(filterCount(state));
  renderDownloads(downloads, state);
  copyStatus.textContent = '';
  queryText.hidden = true;
  drawPickers();
}

function drawPickers(): void {
  keepFocus(pickers, () => renderPickers(pickers, state, facets, names, { pick, setMatch: (kind, match) => go(setMatch(state, kind, match)) }));
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
  articleList.append(...page.nodes.map((article) => renderArticle(article, state)));
  endCursor = page.pageInfo.endCursor;
  more.hidden = !page.pageInfo.hasNextPage;
  const shown = articleList.children.length;
  summary.textContent = `${page.totalCount} article${page.totalCount === 1 ? '' : 's'} match${page.totalCount === 1 ? 'es' : ''}${shown < page.totalCount ? ` (showing ${shown})` : ''}.`;
  if (page.totalCount === 0) renderEmptyArticles(articlesMessage, state, names, { remove: go, clear: () => go(emptyState()) });
  else showEmpty(articlesMessage, null);
}

function showPairs(): void {
  if (!graph) return;
  const { edges } = graph;
  const none = graph.articleCount === 0 ? NOTHING_MATCHES : 'No pairs: no two entities of the kinds shown share an article here. Show more kinds, or remove a filter.';
  showEmpty(pairsMessage, edges.length === 0 ? none : null);
  pairs.hidden = edges.length === 0;
  keepFocus(pairs, () =>
    renderPairs(pairs, graph!, pairsBy, (measure) => {
      pairsBy = measure;
      showPairs();
    }),
  );
}

/** Loads the three parts of the view for the current state; a newer load cancels an older one. */
async function load(): Promise<void> {
  inFlight?.abort();
  const controller = new AbortController();
  inFlight = controller;
  const { signal } = controller;
  const q = query();
  announceEntityFeeds(state);
  problem.clear();
  summary.textContent = 'Loading…';
  for (const region of [network, timeline, articleList]) region.dataset.state = 'loading';

  const articles = fetchArticles(q, null, true, signal).then(
    (page) => {
      if (signal.aborted) return;
      facets = page.facets;
      showArticles(page, false);
      drawPickers();
      articleList.dataset.state = 'ready';
    },
    (error: unknown) => {
      if (signal.aborted) return;
      articleList.replaceChildren();
      showEmpty(articlesMessage, null);
      more.hidden = true;
      summary.textContent = 'No articles to show.';
      problem.fail('the article list', error);
      articleList.dataset.state = 'error';
    },
  );

  const links = fetchLinks(q, state.kinds, signal).then(
    (answer) => {
      if (signal.aborted) return;
      graph = answer;
      for (const node of answer.nodes) names.set(`${node.kind}:${node.entity.slug}`, node.entity.name);
      if (answer.nodes.length === 0) {
        clearNetwork();
        network.hidden = true;
        showEmpty(
          networkMessage,
          answer.articleCount === 0 ? NOTHING_MATCHES : 'No linked entities: the matching articles name none of the kinds shown. Show more kinds, or remove a filter.',
        );
      } else {
        showEmpty(networkMessage, null);
        network.hidden = false;
        drawNetwork(network, answer, selectedKeys(), pick);
      }
      keepFocus(entities, () => renderEntityList(entities, answer, selectedKeys(), pick));
      showPairs();
      network.dataset.state = 'ready';
      network.dataset.nodes = String(answer.nodes.length);
    },
    (error: unknown) => {
      if (signal.aborted) return;
      graph = null;
      clearNetwork();
      network.hidden = true;
      showEmpty(networkMessage, null);
      entities.replaceChildren();
      pairs.hidden = true;
      showEmpty(pairsMessage, null);
      problem.fail('the link network', error);
      network.dataset.state = 'error';
    },
  );

  const series = fetchTimeline(q, signal).then(
    (rows) => {
      if (signal.aborted) return;
      const empty = (rows[0]?.total ?? 0) === 0;
      showEmpty(timelineMessage, empty ? 'No dated articles to count: remove a filter, or widen the dates.' : null);
      timeline.hidden = empty;
      if (empty) clearTimeline();
      else drawTimeline(timeline, timelineTable, rows, (from, to) => go({ ...state, from, to }));
      if (empty) timelineTable.tBodies[0]?.replaceChildren();
      timeline.dataset.state = 'ready';
    },
    (error: unknown) => {
      if (signal.aborted) return;
      clearTimeline();
      timeline.hidden = true;
      showEmpty(timelineMessage, null);
      timelineTable.tBodies[0]?.replaceChildren();
      problem.fail('the timeline', error);
      timeline.dataset.state = 'error';
    },
  );

  await Promise.all([articles, links, series]);
  if (signal.aborted) return;
  drawPickers();
  await nameTheUnnamed(signal);
}

/** Chosen entities no answer named (nothing matched them): their names, asked for once, for the chips and the empty state. */
async function nameTheUnnamed(signal: AbortSignal): Promise<void> {
  const unnamed = KINDS.flatMap((kind) => state.slugs[kind].filter((slug) => !names.has(`${kind}:${slug}`)).map((slug) => ({ kind, slug })));
  if (unnamed.length === 0) return;
  const found = await fetchNames(unnamed, signal).catch(() => new Map<string, string>());
  if (signal.aborted || found.size === 0) return;
  for (const [key, name] of found) names.set(key, name);
  drawPickers();
  if (!articlesMessage.hidden) renderEmptyArticles(articlesMessage, state, names, { remove: go, clear: () => go(emptyState()) });
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  drawer.close();
  go({ ...state, q: searchInput.value, from: fromInput.value, to: toInput.value });
});
byId<HTMLButtonElement>('clear').addEventListener('click', () => go(emptyState()));
byId<HTMLButtonElement>('retry').addEventListener('click', () => void load());
byId<HTMLButtonElement>('copy-query').addEventListener('click', () => void copyQuery(apiQuery(state, location.origin, writeState(state)), copyStatus, queryText));
more.addEventListener('click', () => {
  const controller = inFlight ?? new AbortController();
  more.disabled = true;
  fetchArticles(query(), endCursor, false, controller.signal)
    .then(
      (page) => showArticles(page, true),
      (error: unknown) => problem.fail('the next page of articles', error),
    )
    .finally(() => (more.disabled = false));
});
window.addEventListener('resize', () => fitTimeline(timeline));
window.addEventListener('popstate', () => {
  const read = readState(location.search);
  state = read.state;
  showNotes(notes, read.notes);
  syncForm();
  void load();
});

/** For the browser console and the end-to-end test: the drawn network (a cytoscape.js Core) and timeline (a uPlot). */
(window as unknown as { quipuExplorer: object }).quipuExplorer = { network: currentNetwork, timeline: currentTimeline };

renderKindBoxes();
showNotes(notes, initial.notes);
syncForm();
void load();
