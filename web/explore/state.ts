/**
 * The explorer's state, and its round trip through the URL's query string so a view can be shared.
 *
 * The URL speaks the exports' vocabulary (src/export/export.params.ts), so a view's words mean the
 * same on /explore and on /export: `topic=a&topic=b` (or `topic=a,b`) is an article about a *or* b,
 * `topic.all=a&topic.all=b` one about both, `search` the full-text search (`q`, its older name, is
 * still read), `from` and `to` the dates, `kinds` what the network shows. Words the explorer has no
 * control for (`topic.none`, `kind`, `filter`, ...) are not dropped silently: readState names them.
 */

export type Kind = 'TOPIC' | 'ORGANISATION' | 'PLACE' | 'PERSON';
export const KINDS: readonly Kind[] = ['TOPIC', 'ORGANISATION', 'PLACE', 'PERSON'];

/** Per kind: its URL parameter, its ArticleFilter field, and its names in the page. */
export const KIND_INFO: Record<Kind, { param: string; field: 'topics' | 'organisations' | 'places' | 'people'; label: string; plural: string }> = {
  TOPIC: { param: 'topic', field: 'topics', label: 'Topic', plural: 'Topics' },
  ORGANISATION: { param: 'organisation', field: 'organisations', label: 'Organisation', plural: 'Organisations' },
  PLACE: { param: 'place', field: 'places', label: 'Place', plural: 'Places' },
  PERSON: { param: 'person', field: 'people', label: 'Person', plural: 'People' },
};

/** How an article must match the values chosen for one kind: at least one of them, or every one. */
export type Match = 'any' | 'all';

export interface ExploreState {
  /** Full-text search, as typed. */
  q: string;
  /** Chosen slugs per kind. */
  slugs: Record<Kind, string[]>;
  /** Per kind, whether an article needs every chosen slug or one of them (the same with one slug). */
  match: Record<Kind, Match>;
  /** Inclusive publication dates, YYYY-MM-DD, or ''. */
  from: string;
  to: string;
  /** The kinds of entity the network shows. */
  kinds: Kind[];
}

/** The subset of Quipu's ArticleFilter input the page writes. */
export type ArticleFilter = {
  [field in (typeof KIND_INFO)[Kind]['field']]?: { any: string[] } | { all: string[] };
} & { publishedFrom?: string; publishedTo?: string };

/** A state read from a URL, with what the URL said that the explorer could not show as given. */
export interface ReadState {
  state: ExploreState;
  /** Plain sentences, one per word of the URL the view leaves out or reads differently. */
  notes: string[];
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const SLUG = /^[a-z0-9][a-z0-9-]*$/;

export function emptyState(): ExploreState {
  return {
    q: '',
    slugs: { TOPIC: [], ORGANISATION: [], PLACE: [], PERSON: [] },
    match: { TOPIC: 'all', ORGANISATION: 'all', PLACE: 'all', PERSON: 'all' },
    from: '',
    to: '',
    kinds: [...KINDS],
  };
}

/** A repeatable parameter's values, repeated or comma-separated, as the exports read them. */
function values(params: URLSearchParams, name: string): string[] {
  return params
    .getAll(name)
    .flatMap((value) => value.split(','))
    .map((value) => value.trim())
    .filter((value) => value !== '');
}

/** The URL words the explorer reads; any other is named in the notes. */
const KNOWN = new Set(['q', 'search', 'from', 'to', 'kinds', ...KINDS.flatMap((kind) => [KIND_INFO[kind].param, `${KIND_INFO[kind].param}.all`])]);

/** Reads a state from a query string; anything malformed or unknown is left out, and said so. */
export function readState(query: string): ReadState {
  const params = new URLSearchParams(query);
  const state = emptyState();
  const notes: string[] = [];
  state.q = (params.get('search') ?? params.get('q') ?? '').slice(0, 500);
  for (const kind of KINDS) {
    const { param } = KIND_INFO[kind];
    const any = values(params, param);
    const all = values(params, `${param}.all`);
    const bad = [...any, ...all].filter((slug) => !SLUG.test(slug));
    if (bad.length > 0) notes.push(`Left out ${param} ${bad.map((slug) => `“${slug}”`).join(', ')}: not a name Quipu uses.`);
    // One `any` value is simply one more condition, so it joins `all`; several `any` values with
    // `all` ones cannot be shown by one picker, and become `all`, said so.
    if (any.length > 1 && all.length > 0) notes.push(`Reading ${param} and ${param}.all together as ${param}.all: the articles shown are linked to every one.`);
    state.match[kind] = any.length > 1 && all.length === 0 ? 'any' : 'all';
    state.slugs[kind] = [...new Set([...all, ...any].filter((slug) => SLUG.test(slug)))];
  }
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  state.from = DATE.test(from) ? from : '';
  state.to = DATE.test(to) ? to : '';
  if (from && !state.from) notes.push(`Left out from “${from}”: not a date YYYY-MM-DD.`);
  if (to && !state.to) notes.push(`Left out to “${to}”: not a date YYYY-MM-DD.`);
  const kinds = params.get('kinds');
  if (kinds !== null) {
    const chosen = KINDS.filter((kind) => kinds.toLowerCase().split(',').includes(kind.toLowerCase()));
    if (chosen.length > 0) state.kinds = chosen;
  }
  const unknown = [...new Set(params.keys())].filter((name) => !KNOWN.has(name));
  if (unknown.length > 0) {
    notes.push(`The explorer has no control for ${unknown.join(', ')}, so this view and its downloads leave ${unknown.length === 1 ? 'it' : 'them'} out.`);
  }
  return { state, notes };
}

/**
 * The view's filter and search in the shared vocabulary, for the explorer's URL and the exports'.
 * With `network`, also `kinds` (the links exports and the page take it; the articles exports do not).
 */
export function toParams(state: ExploreState, network: boolean): URLSearchParams {
  const params = new URLSearchParams();
  if (state.q.trim()) params.set('search', state.q.trim());
  for (const kind of KINDS) {
    const slugs = state.slugs[kind];
    const name = slugs.length > 1 && state.match[kind] === 'all' ? `${KIND_INFO[kind].param}.all` : KIND_INFO[kind].param;
    for (const slug of slugs) params.append(name, slug);
  }
  if (state.from) params.set('from', state.from);
  if (state.to) params.set('to', state.to);
  if (network && state.kinds.length < KINDS.length) params.set('kinds', state.kinds.map((kind) => kind.toLowerCase()).join(','));
  return params;
}

/** Writes a state as a query string (with its leading `?`, or '' for the empty state). */
export function writeState(state: ExploreState): string {
  const text = toParams(state, true).toString();
  return text ? `?${text}` : '';
}

/** The ArticleFilter for a state, or null when it filters nothing. */
export function toFilter(state: ExploreState): ArticleFilter | null {
  const filter: ArticleFilter = {};
  for (const kind of KINDS) {
    const slugs = state.slugs[kind];
    if (slugs.length > 0) filter[KIND_INFO[kind].field] = state.match[kind] === 'any' ? { any: slugs } : { all: slugs };
  }
  if (state.from) filter.publishedFrom = state.from;
  if (state.to) filter.publishedTo = state.to;
  return Object.keys(filter).length > 0 ? filter : null;
}

/**
 * Adds the slug to the filter, or removes it when it is there already. Below two slugs the match goes
 * back to `all`, as the URL (which has no match word for one slug) would read it.
 */
export function toggleSlug(state: ExploreState, kind: Kind, slug: string): ExploreState {
  const slugs = state.slugs[kind];
  const next = slugs.includes(slug) ? slugs.filter((s) => s !== slug) : [...slugs, slug];
  const match = next.length < 2 ? 'all' : state.match[kind];
  return { ...state, slugs: { ...state.slugs, [kind]: next }, match: { ...state.match, [kind]: match } };
}

/** Sets whether an article needs every value chosen for the kind, or one of them. */
export function setMatch(state: ExploreState, kind: Kind, match: Match): ExploreState {
  return { ...state, match: { ...state.match, [kind]: match } };
}

/** How many filters the view has (chosen entities, dates, search): the drawer's button says it. */
export function filterCount(state: ExploreState): number {
  return KINDS.reduce((sum, kind) => sum + state.slugs[kind].length, 0) + (state.from ? 1 : 0) + (state.to ? 1 : 0) + (state.q.trim() ? 1 : 0);
}
