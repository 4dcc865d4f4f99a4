/** The explorer's state, and its round trip through the URL's query string so a view can be shared. */

export type Kind = 'TOPIC' | 'ORGANISATION' | 'PLACE' | 'PERSON';
export const KINDS: readonly Kind[] = ['TOPIC', 'ORGANISATION', 'PLACE', 'PERSON'];

/** Per kind: its URL parameter, its ArticleFilter field, and its names in the page. */
export const KIND_INFO: Record<Kind, { param: string; field: 'topics' | 'organisations' | 'places' | 'people'; label: string; plural: string }> = {
  TOPIC: { param: 'topic', field: 'topics', label: 'Topic', plural: 'Topics' },
  ORGANISATION: { param: 'organisation', field: 'organisations', label: 'Organisation', plural: 'Organisations' },
  PLACE: { param: 'place', field: 'places', label: 'Place', plural: 'Places' },
  PERSON: { param: 'person', field: 'people', label: 'Person', plural: 'People' },
};

export interface ExploreState {
  /** Full-text search, as typed. */
  q: string;
  /** Chosen slugs per kind; an article must be linked to every one of them. */
  slugs: Record<Kind, string[]>;
  /** Inclusive publication dates, YYYY-MM-DD, or ''. */
  from: string;
  to: string;
  /** The kinds of entity the network shows. */
  kinds: Kind[];
}

/** The subset of Quipu's ArticleFilter input the page writes. */
export interface ArticleFilter {
  topics?: { all: string[] };
  organisations?: { all: string[] };
  places?: { all: string[] };
  people?: { all: string[] };
  publishedFrom?: string;
  publishedTo?: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const SLUG = /^[a-z0-9][a-z0-9-]*$/;

export function emptyState(): ExploreState {
  return { q: '', slugs: { TOPIC: [], ORGANISATION: [], PLACE: [], PERSON: [] }, from: '', to: '', kinds: [...KINDS] };
}

/** Reads a state from a query string; anything malformed is dropped rather than sent to the API. */
export function readState(query: string): ExploreState {
  const params = new URLSearchParams(query);
  const state = emptyState();
  state.q = (params.get('q') ?? '').slice(0, 500);
  for (const kind of KINDS) {
    state.slugs[kind] = [...new Set(params.getAll(KIND_INFO[kind].param).filter((slug) => SLUG.test(slug)))];
  }
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  state.from = DATE.test(from) ? from : '';
  state.to = DATE.test(to) ? to : '';
  const kinds = params.get('kinds');
  if (kinds !== null) {
    const chosen = KINDS.filter((kind) => kinds.split(',').includes(kind.toLowerCase()));
    if (chosen.length > 0) state.kinds = chosen;
  }
  return state;
}

/** Writes a state as a query string (with its leading `?`, or '' for the empty state). */
export function writeState(state: ExploreState): string {
  const params = new URLSearchParams();
  if (state.q.trim()) params.set('q', state.q.trim());
  for (const kind of KINDS) for (const slug of state.slugs[kind]) params.append(KIND_INFO[kind].param, slug);
  if (state.from) params.set('from', state.from);
  if (state.to) params.set('to', state.to);
  if (state.kinds.length < KINDS.length) params.set('kinds', state.kinds.map((kind) => kind.toLowerCase()).join(','));
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** The ArticleFilter for a state, or null when it filters nothing. */
export function toFilter(state: ExploreState): ArticleFilter | null {
  const filter: ArticleFilter = {};
  for (const kind of KINDS) {
    if (state.slugs[kind].length > 0) filter[KIND_INFO[kind].field] = { all: state.slugs[kind] };
  }
  if (state.from) filter.publishedFrom = state.from;
  if (state.to) filter.publishedTo = state.to;
  return Object.keys(filter).length > 0 ? filter : null;
}

/** Adds the slug to the filter, or removes it when it is there already. */
export function toggleSlug(state: ExploreState, kind: Kind, slug: string): ExploreState {
  const slugs = state.slugs[kind];
  const next = slugs.includes(slug) ? slugs.filter((s) => s !== slug) : [...slugs, slug];
  return { ...state, slugs: { ...state.slugs, [kind]: next } };
}
