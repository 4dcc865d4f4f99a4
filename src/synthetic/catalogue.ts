/**
 * A synthetic catalogue at realistic scale: a topic tree with keyword rules, and a gazetteer of
 * organisations, places and people with aliases. Names and keywords are fresh pseudo-words that
 * the filler vocabulary never uses, so an article mentions an entity or a topic only where the
 * article generator inserted it, and the extractor's links follow the generator's plan.
 *
 * Every name form starts with, and consists mostly of, pseudo-words; generic words ("Mining",
 * "Party") only ever follow one. So a name can never be read across two insertions that the
 * generator separates by filler words.
 */
import type { Catalogue, OrganisationDef, PersonDef, PlaceDef, TopicDef, TopicRule } from '../ingest/catalogue';
import { phraseKey } from '../ingest/matcher';
import { slugify } from '../ingest/slug';
import { OrganisationKind } from '../organisation/organisation-kind';
import { PlaceKind } from '../place/place-kind';
import { type Random, shuffled } from './random';
import { capitalise, FUNCTION_WORDS, type WordFactory } from './words';

/** How many of each thing to make. */
export interface CatalogueSizes {
  topicRoots: number;
  topics: number;
  organisations: number;
  places: number;
  people: number;
}

/** The sizes the issue asks for: the CLI always uses these. */
export const FULL_CATALOGUE: CatalogueSizes = { topicRoots: 20, topics: 2000, organisations: 20000, places: 5000, people: 5000 };

/** The word after an organisation's stem, by kind ("Kalo Mining", "Tresa Party"). */
const DESCRIPTORS: Record<OrganisationKind, string[]> = {
  [OrganisationKind.COMPANY]: ['Mining', 'Resources', 'Holdings', 'Group', 'Corporation', 'Energy', 'Copper', 'Gold', 'Minerals'],
  [OrganisationKind.GOVERNMENT_BODY]: ['Agency', 'Authority', 'Office', 'Commission', 'Ministry', 'Directorate'],
  [OrganisationKind.LEGISLATURE]: ['Congress', 'Assembly', 'Senate'],
  [OrganisationKind.COURT]: ['Court', 'Tribunal'],
  [OrganisationKind.NGO]: ['Foundation', 'Network', 'Association', 'Alliance', 'Collective'],
  [OrganisationKind.THINK_TANK]: ['Institute', 'Centre', 'Forum'],
  [OrganisationKind.INTERNATIONAL_BODY]: ['Bank', 'Council', 'Organisation', 'Union'],
  [OrganisationKind.POLITICAL_GROUP]: ['Party', 'Front', 'Movement'],
  [OrganisationKind.MEDIA]: ['News', 'Times', 'Radio', 'Post'],
  [OrganisationKind.TRADE_UNION]: ['Union', 'Confederation'],
  [OrganisationKind.COMMUNITY_ORGANISATION]: ['Federation', 'Front'],
  [OrganisationKind.OTHER]: ['Federation', 'Society', 'Trust'],
};
/** Companies dominate real news gazetteers; the other kinds share the rest. */
const KIND_WEIGHTS: [OrganisationKind, number][] = [
  [OrganisationKind.COMPANY, 30],
  [OrganisationKind.GOVERNMENT_BODY, 14],
  [OrganisationKind.LEGISLATURE, 2],
  [OrganisationKind.COURT, 4],
  [OrganisationKind.NGO, 20],
  [OrganisationKind.THINK_TANK, 6],
  [OrganisationKind.INTERNATIONAL_BODY, 5],
  [OrganisationKind.POLITICAL_GROUP, 7],
  [OrganisationKind.MEDIA, 8],
  // The kinds added last share what OTHER had, so the draws of every other kind stay as they were.
  [OrganisationKind.TRADE_UNION, 1],
  [OrganisationKind.COMMUNITY_ORGANISATION, 1],
  [OrganisationKind.OTHER, 2],
];
/** Generic words of place aliases ("Kalo Region"). */
const PLACE_SUFFIXES = ['Republic', 'Region', 'Province', 'City', 'mine', 'project', 'Reserve'];

/** Every generic word used in names: the filler vocabulary must not use them (see WordFactory). */
export const GENERIC_NAME_WORDS: readonly string[] = [...Object.values(DESCRIPTORS).flat(), ...PLACE_SUFFIXES].map((w) => w.toLowerCase());

const COUNTRIES = ['PE', 'GB', 'US', 'CA', 'MX', 'CN', 'AU', 'CH', 'BR', 'CL', 'CO', 'BO', 'ES', 'DE', 'FR'];
const ACCENTS: Record<string, string> = { a: 'á', e: 'é', i: 'í', o: 'ó', u: 'ú' };

/** Hands out surface forms that no other entity has claimed (compared as the matcher compares them). */
class FormRegistry {
  private readonly keys = new Set<string>();
  claim(form: string): boolean {
    const key = phraseKey(form);
    if (this.keys.has(key)) return false;
    this.keys.add(key);
    return true;
  }
}

const round = (n: number, places: number): number => Math.round(n * 10 ** places) / 10 ** places;

/** Makes a catalogue; the random stream and word factory fully determine it. */
export function generateCatalogue(random: Random, words: WordFactory, sizes: CatalogueSizes = FULL_CATALOGUE): Catalogue {
  const forms = new FormRegistry();
  const name = (parts: number) => Array.from({ length: parts }, () => capitalise(words.fresh(2, 3))).join(' ');
  // Claims a name, or makes another: fresh pseudo-words never collide, but shared stems can.
  const claimed = (make: () => string): string => {
    for (;;) {
      const candidate = make();
      if (forms.claim(candidate)) return candidate;
    }
  };
  const accented = (text: string) => text.replace(/[aeiou](?=[^aeiou]*$)/, (v) => ACCENTS[v]);
  const describe = () => (random.chance(0.6) ? null : `${capitalise(words.fresh(2, 2))} ${words.fresh(2, 3)} ${words.fresh(2, 3)}.`);
  return {
    topics: generateTopics(random, words, sizes),
    organisations: generateOrganisations(random, words, sizes.organisations, forms, name, claimed, describe),
    places: generatePlaces(random, sizes.places, forms, name, claimed, accented),
    people: generatePeople(random, words, sizes.people, forms, claimed, accented, describe),
    ignore: [],
  };
}

function generateTopics(random: Random, words: WordFactory, sizes: CatalogueSizes): TopicDef[] {
  const keyword = () => (random.chance(0.6) ? words.fresh(2, 3) : `${words.fresh(2, 3)} ${words.fresh(1, 2)}`);
  const make = (parent: string | null): TopicDef => {
    const rules: TopicRule[] = Array.from({ length: random.int(2, 5) }, () => ({ match: keyword(), weight: round(0.3 + random.int(0, 10) * 0.05, 2) }));
    const name = capitalise(rules[0].match);
    return { slug: slugify(name), name, description: `News about ${rules[0].match} and ${rules[1].match}.`, parent, threshold: 0.5, rules };
  };
  // Three levels: roots, about a tenth of the rest as second level, the others under those.
  const roots = Array.from({ length: Math.min(sizes.topicRoots, sizes.topics) }, () => make(null));
  const rest = sizes.topics - roots.length;
  const middle = Array.from({ length: Math.round(rest / 10) }, () => make(random.pick(roots).slug));
  const leaves = Array.from({ length: rest - middle.length }, () => make(random.pick(middle.length > 0 ? middle : roots).slug));
  // Pre-order (each topic followed by its subtree), as the taxonomy file's nesting gives it.
  const children = new Map<string | null, TopicDef[]>();
  for (const t of [...roots, ...middle, ...leaves]) children.set(t.parent, [...(children.get(t.parent) ?? []), t]);
  const out: TopicDef[] = [];
  const visit = (t: TopicDef): void => {
    out.push(t);
    for (const c of children.get(t.slug) ?? []) visit(c);
  };
  roots.forEach(visit);
  return out;
}

function generateOrganisations(
  random: Random,
  words: WordFactory,
  count: number,
  forms: FormRegistry,
  name: (parts: number) => string,
  claimed: (make: () => string) => string,
  describe: () => string | null,
): OrganisationDef[] {
  const totalWeight = KIND_WEIGHTS.reduce((s, [, w]) => s + w, 0);
  const kindOf = () => {
    let x = random.next() * totalWeight;
    for (const [kind, w] of KIND_WEIGHTS) {
      x -= w;
      if (x < 0) return kind;
    }
    return OrganisationKind.OTHER;
  };
  const out: OrganisationDef[] = [];
  const stems: string[] = [];
  for (let i = 0; i < count; i++) {
    const kind = kindOf();
    // About one in ten is a subsidiary or branch, named after its parent's stem ("Kalo Energy" of "Kalo Mining").
    const parent = out.length > 0 && random.chance(0.1) ? random.int(0, out.length - 1) : -1;
    let stem = parent >= 0 ? stems[parent] : name(random.chance(0.55) ? 1 : 2);
    let tries = 0;
    const full = claimed(() => {
      // A stem can run out of descriptors of its kind: then the subsidiary gets a stem of its own.
      if (++tries > 4) stem = name(1);
      return random.chance(parent >= 0 ? 1 : 0.8) ? `${stem} ${random.pick(DESCRIPTORS[kind])}` : stem;
    });
    const aliases: string[] = [];
    // An acronym is one word: it must not be a filler word ("AN" would match every "an").
    const initials = full
      .split(' ')
      .map((w) => w[0])
      .join('');
    if (initials.length >= 2 && random.chance(0.5) && words.claim(initials.toLowerCase()) && forms.claim(initials)) aliases.push(initials);
    if (full !== stem && random.chance(0.4) && forms.claim(stem)) aliases.push(stem);
    out.push({
      slug: slugify(full),
      name: full,
      kind,
      aliases,
      parent: parent >= 0 ? out[parent].slug : null,
      country: random.chance(0.8) ? random.pick(COUNTRIES) : null,
      description: describe(),
    });
    stems.push(stem);
  }
  return out;
}

function generatePlaces(
  random: Random,
  count: number,
  forms: FormRegistry,
  name: (parts: number) => string,
  claimed: (make: () => string) => string,
  accented: (text: string) => string,
): PlaceDef[] {
  // Roughly a country per 400 places, 12 regions per country, 6 provinces per region, towns and sites below.
  const countries = Math.max(1, Math.round(count / 400));
  const regions = Math.min(count - countries, countries * 12);
  const provinces = Math.min(count - countries - regions, regions * 6);
  const out: PlaceDef[] = [];
  const add = (kind: PlaceKind, parent: PlaceDef | null, spread: number, suffix: string | null, suffixChance: number) => {
    const base = claimed(() => {
      const n = name(kind === PlaceKind.COUNTRY || random.chance(0.8) ? 1 : 2);
      return random.chance(0.1) ? accented(n) : n;
    });
    const aliases = suffix && random.chance(suffixChance) && forms.claim(`${base} ${suffix}`) ? [`${base} ${suffix}`] : [];
    const latitude = parent ? clamp(parent.latitude! + (random.next() - 0.5) * spread, -89, 89) : random.next() * 110 - 50;
    const longitude = parent ? clamp(parent.longitude! + (random.next() - 0.5) * spread, -179, 179) : random.next() * 260 - 120;
    const matched = [base, ...aliases].map((text) => ({ text, needsSupport: false, capitalised: false }));
    const place = {
      ...{ slug: slugify(base), name: base, kind, aliases, parent: parent?.slug ?? null, latitude: round(latitude, 4), longitude: round(longitude, 4) },
      ...{ ubigeo: null, description: null, operator: null, forms: matched },
    };
    out.push(place);
    return place;
  };
  const countryList = Array.from({ length: countries }, () => add(PlaceKind.COUNTRY, null, 0, 'Republic', 0.5));
  const regionList = Array.from({ length: regions }, () => add(PlaceKind.REGION, random.pick(countryList), 10, 'Region', 0.4));
  const provinceList = Array.from({ length: provinces }, () => add(PlaceKind.PROVINCE, random.pick(regionList), 3, 'Province', 0.3));
  const lowest = provinceList.length > 0 ? provinceList : regionList.length > 0 ? regionList : countryList;
  while (out.length < count) {
    const roll = random.next();
    if (roll < 0.7) add(PlaceKind.TOWN, random.pick(lowest), 1, 'City', 0.1);
    else if (roll < 0.93) add(PlaceKind.MINE_SITE, random.pick(lowest), 1, random.pick(['mine', 'project']), 0.6);
    else add(PlaceKind.NATURAL_AREA, random.pick(regionList.length > 0 ? regionList : countryList), 2, 'Reserve', 0.5);
  }
  return out;
}

function generatePeople(
  random: Random,
  words: WordFactory,
  count: number,
  forms: FormRegistry,
  claimed: (make: () => string) => string,
  accented: (text: string) => string,
  describe: () => string | null,
): PersonDef[] {
  // Given names repeat across people, as in life; surnames are fresh, so each short form is unique.
  const given = shuffled(
    Array.from({ length: Math.max(1, Math.round(count / 12)) }, () => capitalise(words.fresh(2, 3))),
    random,
  );
  const out: PersonDef[] = [];
  for (let i = 0; i < count; i++) {
    const first = random.pick(given);
    const surname = capitalise(words.fresh(2, 3));
    const full = claimed(() => {
      const middle = random.chance(0.2) ? ` ${random.pick(given)}` : '';
      const n = `${first}${middle} ${surname}`;
      return random.chance(0.1) ? accented(n) : n;
    });
    const aliases: string[] = [];
    if (random.chance(0.5) && forms.claim(surname)) aliases.push(surname);
    // "A. Kalo" would read the filler word "a" before "Kalo" as part of the name: no initial that is a word.
    const initial = `${first[0]}. ${surname}`;
    if (random.chance(0.3) && !FUNCTION_WORDS.includes(first[0].toLowerCase()) && forms.claim(initial)) aliases.push(initial);
    out.push({ slug: slugify(full), name: full, aliases, description: describe() });
  }
  return out;
}

function clamp(n: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, n));
}

/** Every name and alias of the gazetteer (organisations, places, people). */
export function gazetteerForms(catalogue: Catalogue): string[] {
  return [...catalogue.organisations, ...catalogue.places, ...catalogue.people].flatMap((e) => [e.name, ...e.aliases]);
}
