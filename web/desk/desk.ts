/**
 * The editors' desk: the newest articles with their links and evidence (remove one, add one with a
 * picker), the suggestion queue (accept, reject), merging two entries, and each source's last fetch.
 * Everything goes through the GraphQL API with the editor's key, which is kept in sessionStorage
 * only: it is gone when the tab closes. No framework: plain DOM, native controls, keyboard first.
 */
import { formatDay } from '../../src/core/dates';

const KEY_STORAGE = 'quipu.desk.key';
const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

interface GraphQLError {
  message: string;
  extensions?: { code?: string };
}

class ApiError extends Error {}

/** POSTs a GraphQL operation with the editor's key; throws an ApiError with the API's own message. */
async function api<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const key = sessionStorage.getItem(KEY_STORAGE);
  let response: Response;
  try {
    response = await fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
  } catch {
    throw new ApiError('Quipu cannot be reached: check the connection and try again.');
  }
  const body = (await response.json().catch(() => null)) as { data?: T; errors?: GraphQLError[] } | null;
  if (body?.errors?.length) {
    const [error] = body.errors;
    if (error.extensions?.code === 'CONFLICT') throw new ApiError('Someone changed this in the meantime: the list has been reloaded, try again.');
    throw new ApiError(error.message);
  }
  if (!response.ok || !body?.data) throw new ApiError(`Quipu answered ${response.status}.`);
  return body.data;
}

function show(message: string, ok = false): void {
  const box = $('message');
  box.textContent = message;
  box.classList.toggle('ok', ok);
  box.hidden = false;
}

function clearMessage(): void {
  $('message').hidden = true;
}

function element<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
}

/** Runs a write, says how it went, and reloads what it changed. */
async function write(what: () => Promise<unknown>, done: string, reload: () => Promise<void>): Promise<void> {
  clearMessage();
  try {
    await what();
    show(done, true);
  } catch (error) {
    show((error as Error).message);
  }
  await reload();
}

// --- Articles ---------------------------------------------------------------------------------

interface Subject {
  __typename: string;
  id: string;
  name: string;
  slug: string;
}
interface Mention {
  kind: string;
  provenance: string;
  evidence: { text: string }[];
  editor: { name: string } | null;
  subject: Subject;
}
interface ArticleNode {
  id: string;
  slug: string;
  title: string;
  publishedAt: string | null;
  version: number;
  mentions: Mention[];
}

const SUBJECT_FIELDS = '__typename ... on Topic { id name slug } ... on Organisation { id name slug } ... on Place { id name slug } ... on Person { id name slug }';
const ARTICLES = `query DeskArticles { articles(first: 20) { nodes { id slug title publishedAt version
  mentions { kind provenance evidence { text } editor { name } subject { ${SUBJECT_FIELDS} } } } } }`;

async function loadArticles(): Promise<void> {
  const list = $('article-list');
  list.dataset.state = 'loading';
  try {
    const data = await api<{ articles: { nodes: ArticleNode[] } }>(ARTICLES);
    list.replaceChildren(...data.articles.nodes.map(articleItem));
    list.dataset.state = 'ready';
  } catch (error) {
    list.dataset.state = 'error';
    show((error as Error).message);
  }
}

function articleItem(article: ArticleNode): HTMLLIElement {
  const links = element('ul', { className: 'links' });
  links.setAttribute('aria-label', `Links of “${article.title}”`);
  for (const mention of article.mentions) {
    const { subject } = mention;
    const evidence = [...new Set(mention.evidence.map((e) => e.text))].map((text) => `“${text}”`).join(', ');
    const label = mention.editor ? `linked by ${mention.editor.name}` : evidence;
    const remove = element('button', { type: 'button', className: 'danger', textContent: '×', title: `Remove the link to ${subject.name}` });
    remove.setAttribute('aria-label', `Remove the link to ${subject.name}`);
    remove.addEventListener('click', () =>
      write(
        () =>
          api('mutation ($a: ID!, $s: ID!, $v: Int) { unlinkSubject(article: $a, subject: $s, expectedVersion: $v) { id } }', { a: article.id, s: subject.id, v: article.version }),
        `Removed ${subject.name} from “${article.title}”.`,
        loadArticles,
      ),
    );
    const item = element(
      'li',
      { className: mention.provenance === 'EDITOR' ? 'editor' : '' },
      element('span', { textContent: subject.name }),
      element('span', { className: 'kind', textContent: mention.kind }),
    );
    item.dataset.slug = subject.slug;
    if (label) item.append(element('span', { className: 'evidence', textContent: label }));
    item.append(remove);
    links.append(item);
  }
  const item = element(
    'li',
    { className: 'article' },
    element('div', { className: 'article-title', textContent: article.title }),
    element('div', {
      className: 'article-meta',
      textContent: `${article.publishedAt ? formatDay(article.publishedAt) : 'page'} · ${article.slug}`,
    }),
    links,
    addLinkForm(article),
  );
  item.dataset.slug = article.slug;
  return item;
}

/** A picker: type a name, choose from the list (arrow keys move, nothing applies), then Link or Enter. */
function addLinkForm(article: ArticleNode): HTMLFormElement {
  const id = `add-${article.slug}`;
  const input = element('input', { id, placeholder: 'topic, organisation, place or person', autocomplete: 'off', required: true });
  const options = element('datalist', { id: `${id}-options` });
  input.setAttribute('list', options.id);
  const found = new Map<string, Subject>();
  attachSearch(input, options, found, null);
  const form = element(
    'form',
    { className: 'add-link' },
    element('label', { htmlFor: id, textContent: 'Add a link' }),
    input,
    options,
    element('button', { type: 'submit', textContent: 'Link' }),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const subject = found.get(input.value);
    if (!subject) {
      show(`Choose one of the names offered for “${input.value}”.`);
      return;
    }
    void write(
      () => api('mutation ($a: ID!, $s: ID!, $v: Int) { linkSubject(article: $a, subject: $s, expectedVersion: $v) { id } }', { a: article.id, s: subject.id, v: article.version }),
      `Linked ${subject.name} to “${article.title}”.`,
      loadArticles,
    );
  });
  return form;
}

const LISTS: Record<string, string> = { TOPIC: 'topics', ORGANISATION: 'organisations', PLACE: 'places', PERSON: 'people' };

/** Fills a datalist with subjects whose names match what was typed (of one kind, or all four), as "Name (kind, slug)". */
function attachSearch(input: HTMLInputElement, options: HTMLDataListElement, found: Map<string, Subject>, kind: (() => string | null) | null): void {
  let timer: number | undefined;
  input.addEventListener('input', () => {
    window.clearTimeout(timer);
    const text = input.value.trim();
    if (text.length < 2 || found.has(input.value)) return;
    timer = window.setTimeout(async () => {
      const kinds = kind?.() ? [kind()!] : Object.keys(LISTS);
      const fields = kinds.map((k) => `${LISTS[k]}(search: $q, first: 8) { nodes { __typename id name slug } }`).join(' ');
      try {
        const data = await api<Record<string, { nodes: Subject[] }>>(`query ($q: String!) { ${fields} }`, { q: text });
        // Names that are what was typed first, then those that start with it, then the rest.
        const rank = (s: Subject) => (s.name.toLowerCase() === text.toLowerCase() ? 0 : s.name.toLowerCase().startsWith(text.toLowerCase()) ? 1 : 2);
        const subjects = Object.values(data)
          .flatMap((list) => list.nodes)
          .sort((a, b) => rank(a) - rank(b));
        found.clear();
        options.replaceChildren(
          ...subjects.map((s) => {
            const label = `${s.name} (${s.__typename.toLowerCase()}, ${s.slug})`;
            found.set(label, s);
            return element('option', { value: label });
          }),
        );
      } catch (error) {
        show((error as Error).message);
      }
    }, 200);
  });
}

// --- Suggestions ------------------------------------------------------------------------------

interface Suggestion {
  text: string;
  kind: string;
  reason: string;
  articleCount: number;
}

async function loadSuggestions(): Promise<void> {
  const body = $('suggestion-list');
  body.dataset.state = 'loading';
  try {
    const data = await api<{ entitySuggestions: { nodes: Suggestion[] } }>('{ entitySuggestions(first: 20) { nodes { text kind reason articleCount } } }');
    const rows = data.entitySuggestions.nodes.map((s) => {
      const accept = element('button', { type: 'button', textContent: 'Accept' });
      accept.setAttribute('aria-label', `Accept “${s.text}” as a new ${s.kind.toLowerCase()}`);
      accept.addEventListener('click', () =>
        write(() => api('mutation ($t: String!) { acceptSuggestion(input: { text: $t }) { __typename } }', { t: s.text }), `Added “${s.text}” and linked its articles.`, reloadAll),
      );
      const reject = element('button', { type: 'button', className: 'danger', textContent: 'Reject' });
      reject.setAttribute('aria-label', `Reject “${s.text}”`);
      reject.addEventListener('click', () =>
        write(() => api('mutation ($t: String!) { rejectSuggestion(text: $t) }', { t: s.text }), `“${s.text}” is no longer suggested.`, loadSuggestions),
      );
      return element(
        'tr',
        {},
        element('td', { textContent: s.text }),
        element('td', { textContent: s.kind.toLowerCase() }),
        element('td', { textContent: String(s.articleCount) }),
        element('td', { textContent: s.reason }),
        element('td', {}, accept, ' ', reject),
      );
    });
    body.replaceChildren(
      ...(rows.length > 0 ? rows : [element('tr', {}, element('td', { colSpan: 5, textContent: 'No suggestions: the catalogue knows every name read so far.' }))]),
    );
    body.dataset.state = 'ready';
  } catch (error) {
    body.dataset.state = 'error';
    show((error as Error).message);
  }
}

// --- Merge ------------------------------------------------------------------------------------

function setUpMerge(): void {
  const kind = $<HTMLSelectElement>('merge-kind');
  const into = $<HTMLInputElement>('merge-into');
  const from = $<HTMLInputElement>('merge-from');
  const foundInto = new Map<string, Subject>();
  const foundFrom = new Map<string, Subject>();
  attachSearch(into, $<HTMLDataListElement>('merge-into-options'), foundInto, () => kind.value);
  attachSearch(from, $<HTMLDataListElement>('merge-from-options'), foundFrom, () => kind.value);
  $('merge-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const keep = foundInto.get(into.value);
    const gone = foundFrom.get(from.value);
    if (!keep || !gone) {
      show('Choose both entries from the names offered.');
      return;
    }
    if (!window.confirm(`Merge ${gone.name} into ${keep.name}? ${gone.name} is removed; its links and names move to ${keep.name}.`)) return;
    void write(
      () => api('mutation ($i: ID!, $f: [ID!]!) { mergeEntities(into: $i, from: $f) { __typename } }', { i: keep.id, f: [gone.id] }),
      `Merged ${gone.name} into ${keep.name}.`,
      async () => {
        into.value = '';
        from.value = '';
        await reloadAll();
      },
    );
  });
}

// --- Sources ----------------------------------------------------------------------------------

interface Source {
  name: string;
  feedUrl: string | null;
  lastFetchedAt: string | null;
  itemsSeen: number;
  lastError: string | null;
}

const timeFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'UTC',
  timeZoneName: 'short',
});

async function loadSources(): Promise<void> {
  const body = $('source-list');
  body.dataset.state = 'loading';
  try {
    const data = await api<{ sources: Source[] }>('{ sources { name feedUrl lastFetchedAt itemsSeen lastError } }');
    body.replaceChildren(
      ...data.sources.map((s) =>
        element(
          'tr',
          {},
          element('td', { textContent: s.name }),
          element('td', { textContent: s.feedUrl ?? '(none: news files and the desk)' }),
          element('td', { textContent: s.lastFetchedAt ? timeFormat.format(new Date(s.lastFetchedAt)) : '—' }),
          element('td', { textContent: String(s.itemsSeen) }),
          element('td', { className: s.lastError ? 'error' : '', textContent: s.lastError ?? 'none' }),
        ),
      ),
    );
    body.dataset.state = 'ready';
  } catch (error) {
    body.dataset.state = 'error';
    show((error as Error).message);
  }
}

// --- The key ----------------------------------------------------------------------------------

async function reloadAll(): Promise<void> {
  await Promise.all([loadArticles(), loadSuggestions(), loadSources()]);
}

/** Checks the key by reading the audit log, which only editors may; then opens the desk. */
async function open(): Promise<void> {
  clearMessage();
  try {
    await api('{ auditLog(first: 1) { nodes { sequence } } }');
  } catch (error) {
    sessionStorage.removeItem(KEY_STORAGE);
    $('desk').hidden = true;
    $('forget').hidden = true;
    $('who').textContent = '';
    show(`${(error as Error).message}`);
    return;
  }
  $('desk').hidden = false;
  $('forget').hidden = false;
  for (const id of ['key', 'use-key']) $(id).hidden = true;
  document.querySelector<HTMLLabelElement>('label[for="key"]')!.hidden = true;
  $('who').textContent = 'Editor key in use in this tab only (it is forgotten when the tab closes).';
  await reloadAll();
}

$('key-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const input = $<HTMLInputElement>('key');
  sessionStorage.setItem(KEY_STORAGE, input.value.trim());
  input.value = '';
  void open();
});
$('forget').addEventListener('click', () => {
  sessionStorage.removeItem(KEY_STORAGE);
  window.location.reload();
});
setUpMerge();
if (sessionStorage.getItem(KEY_STORAGE)) void open();
