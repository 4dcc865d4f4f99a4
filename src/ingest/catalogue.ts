/**
 * The catalogue: curated topics (seeds/taxonomy.yaml) and named entities (seeds/gazetteer.yaml)
 * that drive extraction. The YAML files hold facts only; this module reads them, flattens their
 * trees into parent-before-child lists, and validates everything up front. All problems are
 * collected and reported together so that one review round fixes a data file.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { OrganisationKind } from '../organisation/organisation-kind';
import { PlaceKind } from '../place/place-kind';
import { phraseKey } from './matcher';

/** One keyword or phrase of a topic and how much it counts towards the topic. */
export interface TopicRule {
  match: string;
  weight: number;
}

/** A topic of the taxonomy, with its parent topic's slug (null for a root topic). */
export interface TopicDef {
  slug: string;
  name: string;
  description: string;
  parent: string | null;
  threshold: number;
  rules: TopicRule[];
}

/** An organisation: company, NGO, court, political group… */
export interface OrganisationDef {
  slug: string;
  name: string;
  kind: OrganisationKind;
  aliases: string[];
  parent: string | null;
  country: string | null;
  description: string | null;
}

/** A place, from a country down to a town or a mine site. */
export interface PlaceDef {
  slug: string;
  name: string;
  kind: PlaceKind;
  aliases: string[];
  parent: string | null;
  latitude: number | null;
  longitude: number | null;
}

/** A person. */
export interface PersonDef {
  slug: string;
  name: string;
  aliases: string[];
  description: string | null;
}

/** Everything extraction needs; every list is ordered so that parents come before their children. */
export interface Catalogue {
  topics: TopicDef[];
  organisations: OrganisationDef[];
  places: PlaceDef[];
  people: PersonDef[];
  /** Phrases that consume text without producing a link, e.g. "Southern Peru". */
  ignore: string[];
}

/** Thrown when the data files are invalid; `problems` lists every problem found, one per line. */
export class CatalogueError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid catalogue, ${problems.length} problem(s):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'CatalogueError';
  }
}

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const COUNTRY = /^[A-Z]{2}$/;
const DEFAULT_THRESHOLD = 0.5;

type Obj = Record<string, unknown>;
type Report = (where: string, what: string) => void;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const show = (v: unknown): string => JSON.stringify(v) ?? String(v);

/** Reads the fields of one YAML mapping, reporting wrong or unknown fields against `where`. */
class Fields {
  constructor(
    private readonly o: Obj,
    readonly where: string,
    private readonly report: Report,
    allowed: string[],
  ) {
    for (const k of Object.keys(o)) {
      if (!allowed.includes(k)) report(where, `unknown field "${k}" (allowed: ${allowed.join(', ')})`);
    }
  }
  problem(what: string): void {
    this.report(this.where, what);
  }
  str(key: string, required: boolean): string | null {
    const v = this.o[key];
    if (v === undefined || v === null) {
      if (required) this.problem(`missing "${key}" (a non-empty string)`);
      return null;
    }
    if (typeof v !== 'string' || v.trim() === '') {
      this.problem(`"${key}" must be a non-empty string, got ${show(v)}`);
      return null;
    }
    return v;
  }
  /** A string or a list of strings (used for aliases and rule matches); missing means empty. */
  strings(key: string): string[] {
    const v = this.o[key];
    if (v === undefined || v === null) return [];
    const list = Array.isArray(v) ? v : [v];
    const ok = list.filter((s): s is string => typeof s === 'string' && s.trim() !== '');
    if (ok.length !== list.length) this.problem(`"${key}" must be a string or a list of non-empty strings, got ${show(v)}`);
    for (const s of ok) if (phraseKey(s) === '') this.problem(`"${key}" entry ${show(s)} has no letters or digits to match`);
    return ok;
  }
  /** A number in [min, max] (min exclusive when `openMin`), or null when missing and optional. */
  num(key: string, min: number, max: number, openMin: boolean, fallback: number | null): number | null {
    const v = this.o[key];
    if (v === undefined || v === null) return fallback;
    const inRange = typeof v === 'number' && (openMin ? v > min : v >= min) && v <= max;
    if (!inRange) this.problem(`"${key}" must be a number ${openMin ? '>' : '>='} ${min} and <= ${max}, got ${show(v)}`);
    return inRange ? v : fallback;
  }
  kind<K extends string>(allowed: Record<string, K>): K {
    const v = this.o.kind;
    const values = Object.values(allowed);
    if (!values.includes(v as K)) this.problem(`unknown kind ${show(v)} (allowed: ${values.join(', ')})`);
    return v as K;
  }
}

function parseYaml(text: string, file: string, problems: string[]): unknown {
  const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: false });
  for (const e of doc.errors) problems.push(`${file}: YAML error: ${e.message}`);
  return doc.errors.length > 0 ? undefined : doc.toJS();
}

function list(root: Obj, key: string, file: string, problems: string[]): unknown[] {
  const v = root[key];
  if (v === undefined || v === null) return [];
  if (Array.isArray(v)) return v;
  problems.push(`${file}: "${key}" must be a list, got ${show(v)}`);
  return [];
}

/** Reads one entry list, checking slugs are well formed and unique within the list. */
function entries<T extends { slug: string }>(items: unknown[], path: string, report: Report, allowed: string[], read: (f: Fields) => Omit<T, 'slug'>): T[] {
  const out: T[] = [];
  const seen = new Set<string>();
  items.forEach((raw, i) => {
    const at = `${path}[${i}]`;
    if (!isObj(raw)) {
      report(at, `must be a mapping with fields ${allowed.join(', ')}`);
      return;
    }
    const slug = typeof raw.slug === 'string' ? raw.slug : '';
    const f = new Fields(raw, slug ? `${at} (${slug})` : at, report, allowed);
    if (!SLUG.test(slug)) f.problem(`slug ${show(raw.slug)} must match ${SLUG.source} (lower-case words joined by hyphens)`);
    else if (seen.has(slug)) f.problem(`duplicate slug "${slug}" in ${path}`);
    seen.add(slug);
    out.push({ slug, ...read(f) } as T);
  });
  return out;
}

function readTopics(items: unknown[], path: string, parent: string | null, report: Report, seen: Set<string>): TopicDef[] {
  const out: TopicDef[] = [];
  items.forEach((raw, i) => {
    const at = `${path}[${i}]`;
    const allowed = ['slug', 'name', 'description', 'threshold', 'rules', 'children'];
    if (!isObj(raw)) {
      report(at, `must be a mapping with fields ${allowed.join(', ')}`);
      return;
    }
    const slug = typeof raw.slug === 'string' ? raw.slug : '';
    const f = new Fields(raw, slug ? `${at} (${slug})` : at, report, allowed);
    if (!SLUG.test(slug)) f.problem(`slug ${show(raw.slug)} must match ${SLUG.source} (lower-case words joined by hyphens)`);
    else if (seen.has(slug)) f.problem(`duplicate topic slug "${slug}"`);
    seen.add(slug);
    const name = f.str('name', true) ?? '';
    const description = f.str('description', true) ?? '';
    const threshold = f.num('threshold', 0, 1, true, DEFAULT_THRESHOLD) ?? DEFAULT_THRESHOLD;
    const rules: TopicRule[] = [];
    const phrases = new Set<string>();
    const rawRules = Array.isArray(raw.rules) ? raw.rules : [];
    if (rawRules.length === 0) f.problem('"rules" must be a non-empty list of { match, weight }');
    rawRules.forEach((r, j) => {
      if (!isObj(r)) {
        report(`${f.where} rules[${j}]`, 'must be a mapping { match, weight }');
        return;
      }
      const rf = new Fields(r, `${f.where} rules[${j}]`, report, ['match', 'weight']);
      const weight = rf.num('weight', 0, 1, true, null);
      const matches = rf.strings('match');
      if (matches.length === 0) rf.problem('"match" must be a word, a phrase or a list of them');
      if (r.weight === undefined) rf.problem('missing "weight" (a number > 0 and <= 1)');
      for (const m of matches) {
        const key = phraseKey(m);
        if (key && phrases.has(key)) rf.problem(`phrase ${show(m)} appears more than once in this topic`);
        phrases.add(key);
        if (weight !== null) rules.push({ match: m, weight });
      }
    });
    out.push({ slug, name, description, parent, threshold, rules });
    if (raw.children !== undefined && !Array.isArray(raw.children)) f.problem('"children" must be a list of topics');
    else if (raw.children) out.push(...readTopics(raw.children as unknown[], `${at}.children`, slug, report, seen));
  });
  return out;
}

/** Orders entries parent-first, reporting unknown parents and cycles. */
function parentFirst<T extends { slug: string; parent: string | null }>(items: T[], what: string, path: string, report: Report): T[] {
  const bySlug = new Map(items.map((e) => [e.slug, e]));
  const state = new Map<string, 'visiting' | 'done'>();
  const out: T[] = [];
  const at = (e: T): string => `${path}[${items.indexOf(e)}] (${e.slug})`;
  const visit = (e: T, trail: string[]): void => {
    if (state.get(e.slug) === 'done') return;
    if (state.get(e.slug) === 'visiting') {
      report(at(e), `parent cycle: ${[...trail.slice(trail.indexOf(e.slug)), e.slug].join(' -> ')}`);
      return;
    }
    state.set(e.slug, 'visiting');
    const parent = e.parent === null ? undefined : bySlug.get(e.parent);
    if (e.parent !== null && !parent) report(at(e), `unknown parent "${e.parent}" (must be the slug of one of the ${what})`);
    if (parent) visit(parent, [...trail, e.slug]);
    state.set(e.slug, 'done');
    out.push(e);
  };
  for (const e of items) visit(e, []);
  return out;
}

/** Parses and validates the two data files; throws CatalogueError listing every problem. */
export function parseCatalogue(
  taxonomyYaml: string,
  gazetteerYaml: string,
  files: { taxonomy: string; gazetteer: string } = { taxonomy: 'taxonomy.yaml', gazetteer: 'gazetteer.yaml' },
): Catalogue {
  const problems: string[] = [];
  const tax = parseYaml(taxonomyYaml, files.taxonomy, problems);
  const gaz = parseYaml(gazetteerYaml, files.gazetteer, problems);
  const taxReport: Report = (where, what) => problems.push(`${files.taxonomy}: ${where}: ${what}`);
  const gazReport: Report = (where, what) => problems.push(`${files.gazetteer}: ${where}: ${what}`);

  let topics: TopicDef[] = [];
  if (tax !== undefined && !isObj(tax)) problems.push(`${files.taxonomy}: must be a mapping with a "topics" list`);
  else if (isObj(tax)) {
    for (const k of Object.keys(tax)) if (k !== 'topics') taxReport('top level', `unknown key "${k}" (allowed: topics)`);
    topics = readTopics(list(tax, 'topics', files.taxonomy, problems), 'topics', null, taxReport, new Set());
  }

  const g: Obj = isObj(gaz) ? gaz : {};
  if (gaz !== undefined && !isObj(gaz)) problems.push(`${files.gazetteer}: must be a mapping of organisations, places, people, ignore`);
  const topKeys = ['organisations', 'places', 'people', 'ignore'];
  for (const k of Object.keys(g)) if (!topKeys.includes(k)) gazReport('top level', `unknown key "${k}" (allowed: ${topKeys.join(', ')})`);

  const organisations = parentFirst(
    entries<OrganisationDef>(
      list(g, 'organisations', files.gazetteer, problems),
      'organisations',
      gazReport,
      ['slug', 'name', 'kind', 'aliases', 'parent', 'country', 'description'],
      (f) => {
        const name = f.str('name', true) ?? '';
        const kind = f.kind(OrganisationKind);
        const country = f.str('country', false);
        if (country !== null && !COUNTRY.test(country)) f.problem(`country ${show(country)} must be an ISO 3166-1 alpha-2 code such as "PE", or null`);
        return { name, kind, aliases: f.strings('aliases'), parent: f.str('parent', false), country, description: f.str('description', false) };
      },
    ),
    'organisations',
    'organisations',
    gazReport,
  );

  const places = parentFirst(
    entries<PlaceDef>(list(g, 'places', files.gazetteer, problems), 'places', gazReport, ['slug', 'name', 'kind', 'aliases', 'parent', 'latitude', 'longitude'], (f) => {
      const name = f.str('name', true) ?? '';
      const kind = f.kind(PlaceKind);
      const latitude = f.num('latitude', -90, 90, false, null);
      const longitude = f.num('longitude', -180, 180, false, null);
      if ((latitude === null) !== (longitude === null)) f.problem('latitude and longitude must both be numbers or both be null');
      return { name, kind, aliases: f.strings('aliases'), parent: f.str('parent', false), latitude, longitude };
    }),
    'places',
    'places',
    gazReport,
  );

  const people = entries<PersonDef>(list(g, 'people', files.gazetteer, problems), 'people', gazReport, ['slug', 'name', 'aliases', 'description'], (f) => ({
    name: f.str('name', true) ?? '',
    aliases: f.strings('aliases'),
    description: f.str('description', false),
  }));

  const ignore: string[] = [];
  list(g, 'ignore', files.gazetteer, problems).forEach((p, i) => {
    if (typeof p === 'string' && phraseKey(p) !== '') ignore.push(p);
    else gazReport(`ignore[${i}]`, `must be a phrase with letters or digits, got ${show(p)}`);
  });

  checkSurfaceForms(organisations, places, people, ignore, gazReport);
  if (problems.length > 0) throw new CatalogueError(problems);
  return { topics, organisations, places, people, ignore };
}

/** A surface form (name, alias or ignore phrase, after normalisation) must name exactly one entity. */
function checkSurfaceForms(organisations: OrganisationDef[], places: PlaceDef[], people: PersonDef[], ignore: string[], report: Report): void {
  const owners = new Map<string, { owner: string; form: string }>();
  const claim = (owner: string, form: string): void => {
    const key = phraseKey(form);
    if (key === '') return; // already reported as having no words
    const prev = owners.get(key);
    if (!prev) owners.set(key, { owner, form });
    else if (prev.owner !== owner) {
      report(owner, `surface form ${show(form)} also names ${prev.owner} (as ${show(prev.form)}); a surface form must name one entity`);
    }
  };
  const entities: [string, { slug: string; name: string; aliases: string[] }[]][] = [
    ['organisation', organisations],
    ['place', places],
    ['person', people],
  ];
  for (const [kind, list] of entities) {
    for (const e of list) for (const form of [e.name, ...e.aliases]) claim(`${kind} "${e.slug}"`, form);
  }
  for (const phrase of ignore) claim('ignore phrase', phrase);
}

/** Reads and validates `taxonomy.yaml` and `gazetteer.yaml` from `seedsDir`. */
export function loadCatalogue(seedsDir: string): Catalogue {
  const taxonomy = join(seedsDir, 'taxonomy.yaml');
  const gazetteer = join(seedsDir, 'gazetteer.yaml');
  return parseCatalogue(readFileSync(taxonomy, 'utf8'), readFileSync(gazetteer, 'utf8'), { taxonomy, gazetteer });
}
