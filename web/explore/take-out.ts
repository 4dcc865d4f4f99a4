/**
 * Taking the view out: download links to the exports, and the API query, for exactly the view on
 * screen. Both are written from the same state as the page's own requests: the exports read the same
 * URL words as the explorer (state.ts), and the query has the same arguments as the page's.
 */
import { NETWORK_EDGES } from './api';
import { type ExploreState, KINDS, toFilter, toParams } from './state';

/** The downloads: what each holds, and its export. */
const DOWNLOADS = [
  { label: 'Articles (CSV)', path: '/export/articles.csv', network: false },
  { label: 'Articles (NDJSON)', path: '/export/articles.ndjson', network: false },
  { label: 'Network (GEXF, for Gephi)', path: '/export/links.gexf', network: true },
  { label: 'Network (GraphML)', path: '/export/links.graphml', network: true },
  { label: 'Network links (CSV)', path: '/export/links.csv', network: true },
] as const;

/** The export URL of each download for the view: every matching article, and the network the page draws. */
export function downloadLinks(state: ExploreState): { label: string; href: string }[] {
  return DOWNLOADS.map(({ label, path, network }) => {
    const params = toParams(state, network);
    if (network) params.set('first', String(NETWORK_EDGES));
    const query = params.toString();
    return { label, href: query ? `${path}?${query}` : path };
  });
}

/** A GraphQL literal for a JSON value: object keys bare, strings quoted (JSON's escapes are GraphQL's). */
function literal(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(literal).join(', ')}]`;
  if (value && typeof value === 'object') {
    return `{ ${Object.entries(value)
      .map(([key, item]) => `${key}: ${literal(item)}`)
      .join(', ')} }`;
  }
  return JSON.stringify(value);
}

const NAMED = '... on Topic { slug name } ... on Organisation { slug name } ... on Place { slug name } ... on Person { slug name }';

/**
 * The view as one GraphQL query with its arguments written in, to paste into GraphiQL or send as
 * `{"query": ...}`: the articles (the first page, as the page shows them), the network and the timeline.
 */
export function apiQuery(state: ExploreState, origin: string, view: string): string {
  const filter = toFilter(state);
  const search = state.q.trim();
  const common = [filter ? `filter: ${literal(filter)}` : '', search ? `search: ${literal(search)}` : ''].filter(Boolean);
  const args = (...more: string[]) => `(${[...common, ...more].join(', ')})`;
  const kinds = state.kinds.length < KINDS.length ? [`kinds: [${state.kinds.join(', ')}]`] : [];
  return [
    `# The Quipu explorer's view ${origin}/explore${view}`,
    `# Run it at ${origin}/graphql; articles pages on with after: the endCursor.`,
    'query ExplorerView {',
    `  articles${args('first: 20')} {`,
    '    totalCount',
    '    pageInfo { hasNextPage endCursor }',
    '    nodes { slug title publishedAt url }',
    '  }',
    `  links${args(...kinds, `first: ${NETWORK_EDGES}`)} {`,
    '    articleCount',
    `    nodes { id kind articleCount entity { ${NAMED} } }`,
    '    edges { source target count jaccard lift }',
    '  }',
    `  timeline${args('interval: MONTH')} { label total buckets { start end count } }`,
    '}',
    '',
  ].join('\n');
}

/** Draws the download links into `list`. */
export function renderDownloads(list: HTMLElement, state: ExploreState): void {
  list.replaceChildren(
    ...downloadLinks(state).map(({ label, href }) => {
      const item = document.createElement('li');
      const link = document.createElement('a');
      link.href = href;
      link.textContent = label;
      link.setAttribute('download', '');
      item.append(link);
      return item;
    }),
  );
}

/**
 * Copies the query to the clipboard and says so in `status`. Where the browser refuses (a page not
 * served over HTTPS or from localhost has no clipboard), the query is shown selected, to copy by hand.
 */
export async function copyQuery(text: string, status: HTMLElement, fallback: HTMLTextAreaElement): Promise<void> {
  fallback.value = text;
  try {
    await navigator.clipboard.writeText(text);
    fallback.hidden = true;
    status.textContent = 'Copied the API query for this view.';
  } catch {
    fallback.hidden = false;
    fallback.focus();
    fallback.select();
    status.textContent = 'This browser does not let the page copy: the query is selected below, copy it with your keyboard or menu.';
  }
}
