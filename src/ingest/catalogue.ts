/**
 * The catalogue: curated topics (seeds/taxonomy.yaml), named entities (seeds/gazetteer.yaml and
 * every seeds/catalogue/*.yaml, one format) and Peru's regions, provinces and districts from the
 * reference table (seeds/reference, see geography.ts), all of which drive extraction. The files
 * hold facts only; this module reads them, merges them, flattens their trees into parent-before-
 * child lists, and validates everything up front. All problems are collected and reported together
 * so that one review round fixes a data file.
 *
 * A curated place may be a unit of the reference table (`ubigeo: "080000"`): it then takes that
 * unit's place, with the curated slug, name, kind, parent and forms, and the table's coordinates
 * unless it gives its own. A `parent` may be a slug or a six-digit ubigeo code.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { OrganisationKind } from '../organisation/organisation-kind';
import { PlaceKind } from '../place/place-kind';
import { entries, Fields, isObj, list, type Obj, origins, parentFirst, parseYaml, type Report, SLUG, show } from './catalogue-fields';
import { loadGeography, type ReferencePlace, type SurfaceForm } from './geography';
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
  /** Forms that are also ordinary words, matched only where written with capitals ("Migraciones", not "migraciones"); it may hold the name. */
  capitalised?: string[];
  parent: string | null;
  country: string | null;
  description: string | null;
}

/** A place, from a country down to a district, a town or a mine site. */
export interface PlaceDef {
  slug: string;
  name: string;
  kind: PlaceKind;
  /** Other names shown to users. */
  aliases: string[];
  parent: string | null;
  latitude: number | null;
  longitude: number | null;
  /** INEI's code of a region, province or district of Peru. */
  ubigeo: string | null;
  description: string | null;
  /** The organisation that operates a mine site or project. */
  operator: string | null;
  /** What extraction matches: a curated place's name and aliases, or the forms geography.ts gives a unit of the table. */
  forms: SurfaceForm[];
}

/** A person. */
export interface PersonDef {
  slug: string;
  name: string;
  aliases: string[];
  /** As for organisations. */
  capitalised?: string[];
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

const UBIGEO = /^\d{6}$/;
const COUNTRY = /^[A-Z]{2}$/;
const DEFAULT_THRESHOLD = 0.5;

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

/** One data file: its name for messages and its text. */
export interface SourceFile {
  file: string;
  text: string;
}

/** What a catalogue is read from. */
export interface CatalogueSources {
  taxonomy: SourceFile;
  /** Files in the gazetteer format, merged: a slug or a surface form may be defined once across all of them. */
  gazetteers: SourceFile[];
  /** Peru's regions, provinces and districts (geography.ts); none when left out. */
  geography?: ReferencePlace[];
}

/** Parses and validates one taxonomy and one gazetteer (tests and callers with a single file). */
export function parseCatalogue(
  taxonomyYaml: string,
  gazetteerYaml: string,
  files: { taxonomy: string; gazetteer: string } = { taxonomy: 'taxonomy.yaml', gazetteer: 'gazetteer.yaml' },
): Catalogue {
  return readCatalogue({ taxonomy: { file: files.taxonomy, text: taxonomyYaml }, gazetteers: [{ file: files.gazetteer, text: gazetteerYaml }] });
}

/** Curated place fields as read, before the reference table is merged in. */
type CuratedPlace = Omit<PlaceDef, 'kind' | 'forms'> & { kind: PlaceKind | null; capitalised: string[]; report: (what: string) => void };

/** Parses, merges and validates the data files; throws CatalogueError listing every problem. */
export function readCatalogue(sources: CatalogueSources): Catalogue {
  const problems: string[] = [];
  const { taxonomy: taxFile } = sources;
  const tax = parseYaml(taxFile.text, taxFile.file, problems);
  const taxReport: Report = (where, what) => problems.push(`${taxFile.file}: ${where}: ${what}`);

  let topics: TopicDef[] = [];
  if (tax !== undefined && !isObj(tax)) problems.push(`${taxFile.file}: must be a mapping with a "topics" list`);
  else if (isObj(tax)) {
    for (const k of Object.keys(tax)) if (k !== 'topics') taxReport('top level', `unknown key "${k}" (allowed: topics)`);
    topics = readTopics(list(tax, 'topics', taxFile.file, problems), 'topics', null, taxReport, new Set());
  }

  const organisations: OrganisationDef[] = [];
  const curated: CuratedPlace[] = [];
  const people: PersonDef[] = [];
  const ignore: string[] = [];
  const ignoreFiles = new Map<string, string>();
  // Where each slug was first defined, per list, to report a slug defined in two files.
  const firstSeen = new Map<string, string>();
  const once = (list: string, slug: string, where: string, report: Report): void => {
    const key = `${list}:${slug}`;
    const prev = firstSeen.get(key);
    if (prev !== undefined && prev !== where) report(`${list} (${slug})`, `duplicate slug "${slug}": also defined in ${prev}`);
    else firstSeen.set(key, where);
  };
  const reports = new Map<string, Report>();
  for (const { file, text } of sources.gazetteers) {
    const gaz = parseYaml(text, file, problems);
    const gazReport: Report = (where, what) => problems.push(`${file}: ${where}: ${what}`);
    reports.set(file, gazReport);
    const g: Obj = isObj(gaz) ? gaz : {};
    if (gaz !== undefined && gaz !== null && !isObj(gaz)) problems.push(`${file}: must be a mapping of organisations, places, people, ignore`);
    const topKeys = ['organisations', 'places', 'people', 'ignore'];
    for (const k of Object.keys(g)) if (!topKeys.includes(k)) gazReport('top level', `unknown key "${k}" (allowed: ${topKeys.join(', ')})`);

    for (const o of entries<OrganisationDef>(
      list(g, 'organisations', file, problems),
      'organisations',
      gazReport,
      ['slug', 'name', 'kind', 'aliases', 'capitalised', 'parent', 'country', 'description'],
      (f) => {
        const name = f.str('name', true) ?? '';
        const kind = f.kind(OrganisationKind);
        const country = f.str('country', false);
        if (country !== null && !COUNTRY.test(country)) f.problem(`country ${show(country)} must be an ISO 3166-1 alpha-2 code such as "PE", or null`);
        const capitalised = f.strings('capitalised');
        return {
          name,
          kind,
          aliases: f.strings('aliases'),
          ...(capitalised.length > 0 && { capitalised }),
          parent: f.str('parent', false),
          country,
          description: f.str('description', false),
        };
      },
      file,
    )) {
      once('organisations', o.slug, file, gazReport);
      organisations.push(o);
    }

    const placeFields = ['slug', 'name', 'kind', 'aliases', 'capitalised', 'parent', 'latitude', 'longitude', 'ubigeo', 'description', 'operator'];
    for (const p of entries<CuratedPlace>(
      list(g, 'places', file, problems),
      'places',
      gazReport,
      placeFields,
      (f) => {
        const name = f.str('name', true) ?? '';
        const ubigeo = f.str('ubigeo', false);
        if (ubigeo !== null && !UBIGEO.test(ubigeo)) f.problem(`ubigeo ${show(ubigeo)} must be a six-digit INEI code written as a quoted string, e.g. "080000"`);
        const kind = ubigeo !== null && f.has('kind') === false ? null : f.kind(PlaceKind);
        const latitude = f.num('latitude', -90, 90, false, null);
        const longitude = f.num('longitude', -180, 180, false, null);
        if ((latitude === null) !== (longitude === null)) f.problem('latitude and longitude must both be numbers or both be null');
        const operator = f.str('operator', false);
        if (operator !== null && kind !== PlaceKind.MINE_SITE) f.problem('only a MINE_SITE has an operator');
        return {
          name,
          kind,
          aliases: f.strings('aliases'),
          capitalised: f.strings('capitalised'),
          parent: f.str('parent', false),
          latitude,
          longitude,
          ubigeo,
          description: f.str('description', false),
          operator,
          report: (what: string) => f.problem(what),
        };
      },
      file,
    )) {
      once('places', p.slug, file, gazReport);
      curated.push(p);
    }

    for (const p of entries<PersonDef>(
      list(g, 'people', file, problems),
      'people',
      gazReport,
      ['slug', 'name', 'aliases', 'capitalised', 'description'],
      (f) => {
        const capitalised = f.strings('capitalised');
        return { name: f.str('name', true) ?? '', aliases: f.strings('aliases'), ...(capitalised.length > 0 && { capitalised }), description: f.str('description', false) };
      },
      file,
    )) {
      once('people', p.slug, file, gazReport);
      people.push(p);
    }

    list(g, 'ignore', file, problems).forEach((p, i) => {
      if (typeof p === 'string' && phraseKey(p) !== '') {
        ignore.push(p);
        ignoreFiles.set(p, file);
      } else gazReport(`ignore[${i}]`, `must be a phrase with letters or digits, got ${show(p)}`);
    });
  }

  const report: Report = (where, what) => problems.push(`${where}: ${what}`);
  const orderedOrganisations = parentFirst(organisations, 'organisations', report);
  const { places: merged, fromReference } = mergePlaces(curated, sources.geography ?? []);
  const places = parentFirst(merged, 'places', report);
  const organisationSlugs = new Set(organisations.map((o) => o.slug));
  for (const p of curated) {
    if (p.operator !== null && !organisationSlugs.has(p.operator)) p.report(`unknown operator "${p.operator}" (must be the slug of an organisation)`);
  }

  checkSurfaceForms(orderedOrganisations, places, fromReference, people, ignore, ignoreFiles, report);
  if (problems.length > 0) throw new CatalogueError(problems);
  return { topics, organisations: orderedOrganisations, places, people, ignore };
}

/**
 * The curated places and the reference table as one list: a curated place with a `ubigeo` takes
 * that unit's place; a parent given as a ubigeo code becomes that unit's slug.
 */
function mergePlaces(curated: CuratedPlace[], geography: ReferencePlace[]): { places: PlaceDef[]; fromReference: Set<PlaceDef> } {
  const reference = new Map(geography.filter((r) => r.ubigeo !== null).map((r) => [r.ubigeo!, r]));
  const overrides = new Map<string, CuratedPlace>();
  for (const p of curated) {
    if (p.ubigeo === null) continue;
    if (geography.length > 0 && !reference.has(p.ubigeo)) p.report(`ubigeo "${p.ubigeo}" is not in the reference table`);
    else if (overrides.has(p.ubigeo)) p.report(`ubigeo "${p.ubigeo}" is also given to "${overrides.get(p.ubigeo)!.slug}"`);
    else overrides.set(p.ubigeo, p);
  }
  const slugOf = (ubigeo: string): string | undefined => overrides.get(ubigeo)?.slug ?? reference.get(ubigeo)?.slug;
  const overridden = (r: ReferencePlace): boolean => r.ubigeo !== null && overrides.has(r.ubigeo);
  const generatedSlugs = new Map(geography.filter((r) => !overridden(r)).map((r) => [r.slug, r.ubigeo ?? r.name]));
  const parentOf = (p: CuratedPlace): string | null => {
    if (p.parent === null || !UBIGEO.test(p.parent)) return p.parent;
    const slug = slugOf(p.parent);
    if (slug === undefined) p.report(`parent "${p.parent}" is not a ubigeo code of the reference table`);
    return slug ?? p.parent;
  };
  const places: PlaceDef[] = curated.map((p) => {
    const unit = p.ubigeo === null ? undefined : reference.get(p.ubigeo);
    const clash = generatedSlugs.get(p.slug);
    if (clash !== undefined)
      p.report(`slug "${p.slug}" is also the slug of the reference place ${clash}: give this entry \`ubigeo: "${clash}"\` if it is that place, or another slug`);
    const forms = [
      ...[p.name, ...p.aliases].filter((text) => !p.capitalised.includes(text)).map((text) => ({ text, needsSupport: false, capitalised: false })),
      ...p.capitalised.map((text) => ({ text, needsSupport: false, capitalised: true })),
    ];
    const { report: _, capitalised: __, ...fields } = p;
    const place: PlaceDef = {
      ...fields,
      aliases: [...p.aliases, ...p.capitalised.filter((text) => text !== p.name)],
      kind: p.kind ?? unit?.kind ?? PlaceKind.TOWN,
      parent: p.parent === null && unit ? (unit.parentUbigeo === null ? 'peru' : slugOf(unit.parentUbigeo)!) : parentOf(p),
      latitude: p.latitude ?? unit?.latitude ?? null,
      longitude: p.longitude ?? unit?.longitude ?? null,
      forms,
    };
    origins.set(place, origins.get(p) ?? p.slug);
    return place;
  });
  const fromReference = new Set<PlaceDef>();
  for (const r of geography) {
    if (overridden(r)) continue;
    const place: PlaceDef = {
      slug: r.slug,
      name: r.name,
      kind: r.kind,
      aliases: r.aliases,
      parent: r.parentUbigeo === null ? 'peru' : slugOf(r.parentUbigeo)!,
      latitude: r.latitude,
      longitude: r.longitude,
      ubigeo: r.ubigeo,
      description: null,
      operator: null,
      forms: r.forms,
    };
    origins.set(place, `${REFERENCE_DIR}: ${r.ubigeo ?? r.name} (${r.slug})`);
    places.push(place);
    fromReference.add(place);
  }
  return { places, fromReference };
}

/**
 * A surface form (name, alias or ignore phrase, after normalisation) must name exactly one entity,
 * with one exception: a form that needs support (a district's name) may be shared by several
 * places, which the article's other places tell apart. A form that needs support gives way to a
 * form that does not: "Santa Rosa" the person, if there were one, would not be a district's.
 */
function checkSurfaceForms(
  organisations: OrganisationDef[],
  places: PlaceDef[],
  fromReference: Set<PlaceDef>,
  people: PersonDef[],
  ignore: string[],
  ignoreFiles: Map<string, string>,
  report: Report,
): void {
  // An owner is "place \"cusco\"", and the file it is defined in ("" for the reference table).
  const owners = new Map<string, { owner: string; file: string; form: string }>();
  const claim = (owner: string, file: string, form: string): void => {
    const key = phraseKey(form);
    if (key === '') return; // already reported as having no words
    const prev = owners.get(key);
    if (!prev) owners.set(key, { owner, file, form });
    else if (prev.owner !== owner) {
      const elsewhere = prev.file !== file && prev.file !== '' ? ` in ${prev.file}` : '';
      report(
        `${file === '' ? '' : `${file}: `}${owner}`,
        `surface form ${show(form)} also names ${prev.owner}${elsewhere} (as ${show(prev.form)}); a surface form must name one entity`,
      );
    }
  };
  const fileOf = (e: object) => origins.get(e)?.replace(/: .*/, '') ?? '';
  for (const e of organisations) for (const form of [e.name, ...e.aliases, ...(e.capitalised ?? [])]) claim(`organisation "${e.slug}"`, fileOf(e), form);
  for (const p of places) if (!fromReference.has(p)) for (const form of p.forms) claim(`place "${p.slug}"`, fileOf(p), form.text);
  for (const e of people) for (const form of [e.name, ...e.aliases, ...(e.capitalised ?? [])]) claim(`person "${e.slug}"`, fileOf(e), form);
  for (const phrase of ignore) claim('ignore phrase', ignoreFiles.get(phrase) ?? '', phrase);
  // The reference table's forms give way to the curated ones: a company or a mine of that name keeps it.
  for (const p of fromReference) {
    p.forms = p.forms.filter((form) => {
      const held = owners.get(phraseKey(form.text));
      if (held !== undefined && held.owner !== `place "${p.slug}"`) return false;
      if (!form.needsSupport) owners.set(phraseKey(form.text), { owner: `place "${p.slug}"`, file: '', form: form.text });
      return true;
    });
  }
  // A shared form gives way where something else owns it outright.
  for (const p of fromReference) p.forms = p.forms.filter((form) => !form.needsSupport || !owners.has(phraseKey(form.text)));
}

/** The folder of extra gazetteer files, and of the reference table, inside the seeds folder. */
export const CATALOGUE_DIR = 'catalogue';
export const REFERENCE_DIR = 'reference';

/**
 * Reads and validates the catalogue in `seedsDir`: `taxonomy.yaml`, `gazetteer.yaml`, every
 * `catalogue/*.yaml` (in name order) and, when there is a `reference` folder, Peru's geography.
 */
export function loadCatalogue(seedsDir: string): Catalogue {
  const read = (file: string): SourceFile => ({ file, text: readFileSync(file, 'utf8') });
  const extra = join(seedsDir, CATALOGUE_DIR);
  const files = existsSync(extra)
    ? readdirSync(extra)
        .filter((name) => name.endsWith('.yaml'))
        .sort()
        .map((name) => join(extra, name))
    : [];
  const reference = join(seedsDir, REFERENCE_DIR);
  return readCatalogue({
    taxonomy: read(join(seedsDir, 'taxonomy.yaml')),
    gazetteers: [join(seedsDir, 'gazetteer.yaml'), ...files].map(read),
    geography: existsSync(reference) ? loadGeography(reference) : undefined,
  });
}
