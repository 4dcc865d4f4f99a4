/**
 * Entity and topic extraction driven by the catalogue (seeds/taxonomy.yaml, seeds/gazetteer.yaml).
 *
 * Each field of an article (title, summary, body) is scanned twice with prebuilt phrase matchers
 * (see matcher.ts: case-, accent-, hyphen- and possessive-insensitive, leftmost-longest):
 *
 * Entities (organisations, places, people). Every name and alias is a phrase; ignore phrases
 * (e.g. "Southern Peru") take part in longest-match but produce nothing. Each match is one piece
 * of evidence with a weight by field:
 *     TITLE 0.5, SUMMARY 0.3, BODY 0.2
 *     relevance = min(1, sum of evidence weights), rounded to 3 decimals
 * Every surface form resolves to one entity, so "Southern Peru Copper" and "Southern" are two
 * pieces of evidence for the one link to southern-copper, with one exception: a district's name
 * (geography.ts) may be shared, and links only with support. It links the one district it may
 * name that lies in a region or province the article names on its own, or that holds a mine site
 * the article names; the evidence records that place as `supportedBy`. With no such district, or
 * more than one, it links nothing. Generated place names match only where written with capitals.
 *
 * Topics. Every rule phrase of the taxonomy; longest match among topic rules, independently of
 * the entity pass (a phrase can be both an alias and a keyword, e.g. "Congress"). Each match is
 * evidence for every topic that lists the phrase:
 *     evidence weight = min(1, rule weight × 2) in the TITLE, the rule weight elsewhere
 *     sum = sum of evidence weights, rounded to 3 decimals
 *     linked when sum >= the topic's threshold (default 0.5); relevance = min(1, sum)
 * A subtopic does not imply its parent: the taxonomy lists shared phrases under both, and
 * queries can roll links up the tree.
 *
 * Evidence records the exact original text, its field, its offset and length in UTF-16 code
 * units (possessive "’s" excluded), and its weight. Links are sorted by kind (TOPIC,
 * ORGANISATION, PLACE, PERSON), then relevance descending, then slug; evidence by field
 * (TITLE, SUMMARY, BODY), then offset.
 */
import { ArticleField, SubjectKind } from '../article/mention-kinds';
import { PlaceKind } from '../place/place-kind';
import type { Catalogue } from './catalogue';
import { UNCAPITALISED_WORDS } from './geography';
import { PhraseMatcher, phraseKey, type Token, tokenize } from './matcher';
import { type Suggestion, suggestNames } from './suggest';

/** The text fields of an article that extraction reads. */
export interface ArticleText {
  title: string;
  summary: string;
  body: string | null;
}

/** Where and how strongly a link was seen in the article. */
export interface Evidence {
  field: ArticleField;
  offset: number;
  length: number;
  text: string;
  weight: number;
  /** For a name several places share: the slug of the place named in the article that told which one. */
  supportedBy?: string;
}

/** One extracted link from the article to a topic or an entity. */
export interface ExtractedLink {
  kind: SubjectKind;
  slug: string;
  relevance: number;
  evidence: Evidence[];
}

/** Evidence weight of an entity mention, by field. */
export const ENTITY_FIELD_WEIGHT: Readonly<Record<ArticleField, number>> = {
  [ArticleField.TITLE]: 0.5,
  [ArticleField.SUMMARY]: 0.3,
  [ArticleField.BODY]: 0.2,
};

/** A topic rule's weight is multiplied by this in the title (then capped at 1). */
export const TITLE_TOPIC_FACTOR = 2;

type EntityKind = SubjectKind.ORGANISATION | SubjectKind.PLACE | SubjectKind.PERSON;
/** What an entity phrase stands for (`id` is "KIND:slug"); null for an ignore phrase. */
type EntityTarget = { kind: EntityKind; slug: string; id: string; needsSupport: boolean; capitalised: boolean } | null;
interface TopicTarget {
  slug: string;
  weight: number;
}

const FIELD_ORDER: ArticleField[] = [ArticleField.TITLE, ArticleField.SUMMARY, ArticleField.BODY];
const KIND_ORDER: SubjectKind[] = [SubjectKind.TOPIC, SubjectKind.ORGANISATION, SubjectKind.PLACE, SubjectKind.PERSON];

const round3 = (n: number): number => Math.round(n * 1000) / 1000;

function buildEntityMatcher(catalogue: Catalogue): PhraseMatcher<EntityTarget> {
  const matcher = new PhraseMatcher<EntityTarget>();
  // A name and an alias often fold to the same phrase ("Tía María" / "Tia Maria"); add it once.
  const added = new Set<string>();
  const add = (kind: EntityKind, slug: string, form: string, needsSupport = false, capitalised = false): void => {
    const id = `${phraseKey(form)}\u0000${kind}:${slug}`;
    if (added.has(id)) return;
    added.add(id);
    matcher.add(form, { kind, slug, id: `${kind}:${slug}`, needsSupport, capitalised });
  };
  for (const e of catalogue.organisations) {
    for (const form of [e.name, ...e.aliases]) if (!e.capitalised?.includes(form)) add(SubjectKind.ORGANISATION, e.slug, form);
    for (const form of e.capitalised ?? []) add(SubjectKind.ORGANISATION, e.slug, form, false, true);
  }
  for (const p of catalogue.places) for (const form of p.forms) add(SubjectKind.PLACE, p.slug, form.text, form.needsSupport, form.capitalised);
  for (const e of catalogue.people) {
    for (const form of [e.name, ...e.aliases]) if (!e.capitalised?.includes(form)) add(SubjectKind.PERSON, e.slug, form);
    for (const form of e.capitalised ?? []) add(SubjectKind.PERSON, e.slug, form, false, true);
  }
  for (const [form, slug] of shortNames(catalogue)) add(SubjectKind.PERSON, slug, form);
  for (const phrase of catalogue.ignore) matcher.add(phrase, null);
  return matcher;
}

/** Words that join the parts of a Spanish name ("de la Cruz"): a name with one is not shortened. */
const NAME_PARTICLES = new Set(['de', 'del', 'la', 'las', 'los', 'y']);

/**
 * The news names a person by first name and first surname: "Francisco Pinedo" for Francisco Pinedo
 * Ramírez. A person whose name is three words, none a particle, is also known by its first two,
 * unless another person's name gives the same two words or the form already names something.
 * Returns each such form with the person's slug.
 */
export function shortNames(catalogue: Catalogue): Map<string, string> {
  const taken = new Set(
    [
      ...catalogue.organisations.flatMap((o) => [o.name, ...o.aliases, ...(o.capitalised ?? [])]),
      ...catalogue.places.flatMap((p) => p.forms.map((f) => f.text)),
      ...catalogue.people.flatMap((p) => [p.name, ...p.aliases, ...(p.capitalised ?? [])]),
      ...catalogue.ignore,
    ].map(phraseKey),
  );
  const short = new Map<string, { form: string; slugs: string[] }>();
  for (const p of catalogue.people) {
    const words = p.name.split(/\s+/);
    if (words.length !== 3 || words.some((w) => NAME_PARTICLES.has(w.toLowerCase()))) continue;
    const form = `${words[0]} ${words[1]}`;
    const key = phraseKey(form);
    if (taken.has(key)) continue;
    const entry = short.get(key) ?? { form, slugs: [] };
    entry.slugs.push(p.slug);
    short.set(key, entry);
  }
  return new Map([...short.values()].filter((e) => e.slugs.length === 1).map((e) => [e.form, e.slugs[0]]));
}

function buildTopicMatcher(catalogue: Catalogue): PhraseMatcher<TopicTarget> {
  const matcher = new PhraseMatcher<TopicTarget>();
  for (const topic of catalogue.topics) {
    for (const rule of topic.rules) matcher.add(rule.match, { slug: topic.slug, weight: rule.weight });
  }
  return matcher;
}

/** Whether the tokens from `start` to `end` write every word with a capital, but for the words a name may write in lower case. */
function capitalised(text: string, tokens: readonly Token[], start: number, end: number): boolean {
  for (const t of tokens) {
    if (t.start < start || t.start >= end || UNCAPITALISED_WORDS.has(t.key)) continue;
    const first = text.charAt(t.start);
    if (first === first.toLowerCase()) return false;
  }
  return true;
}

/** Each place's ancestors that can support a shared name: its regions and provinces, not its country. */
function supportingAncestors(catalogue: Catalogue): Map<string, string[]> {
  const places = new Map(catalogue.places.map((p) => [p.slug, p]));
  const out = new Map<string, string[]>();
  for (const p of catalogue.places) {
    const chain: string[] = [];
    for (let a = p.parent === null ? undefined : places.get(p.parent); a; a = a.parent === null ? undefined : places.get(a.parent)) {
      if (a.kind !== PlaceKind.COUNTRY) chain.push(a.slug);
    }
    out.set(p.slug, chain);
  }
  return out;
}

function compareLinks(a: ExtractedLink, b: ExtractedLink): number {
  return KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || b.relevance - a.relevance || (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0);
}

/** Extracts the links of one article; `withSuggestions` also names what the catalogue lacks (suggest.ts). */
export interface Extractor {
  (article: ArticleText): ExtractedLink[];
  withSuggestions(article: ArticleText): { links: ExtractedLink[]; suggestions: Suggestion[] };
}

/**
 * Builds the matchers once from the catalogue and returns a function that extracts the topic
 * and entity links of one article. The returned function is pure and safe to call repeatedly.
 */
export function createExtractor(catalogue: Catalogue): Extractor {
  const entityMatcher = buildEntityMatcher(catalogue);
  const topicMatcher = buildTopicMatcher(catalogue);
  const thresholds = new Map(catalogue.topics.map((t) => [t.slug, t.threshold]));
  const ancestors = supportingAncestors(catalogue);

  const analyse = (article: ArticleText, suggestions: Suggestion[] | null): ExtractedLink[] => {
    const entities = new Map<string, { kind: EntityKind; slug: string; evidence: Evidence[] }>();
    const topics = new Map<string, Evidence[]>();
    const shared: { candidates: NonNullable<EntityTarget>[]; evidence: Evidence }[] = [];
    const addEvidence = (target: NonNullable<EntityTarget>, evidence: Evidence) => {
      let entry = entities.get(target.id);
      if (!entry) {
        entry = { kind: target.kind, slug: target.slug, evidence: [] };
        entities.set(target.id, entry);
      }
      entry.evidence.push(evidence);
    };
    // Fields are scanned in order and matches come left to right, so evidence is born sorted
    // by field, then offset.
    const fields: [ArticleField, string | null][] = [
      [ArticleField.TITLE, article.title],
      [ArticleField.SUMMARY, article.summary],
      [ArticleField.BODY, article.body],
    ];
    for (const [field, text] of fields) {
      if (!text) continue;
      const tokens = tokenize(text); // once for both passes
      const entityWeight = ENTITY_FIELD_WEIGHT[field];
      const matches = entityMatcher.matchTokens(tokens);
      if (suggestions) suggestions.push(...suggestNames(field, text, tokens, matches));
      for (const m of matches) {
        // An ignore phrase wins over anything else that shares its surface form.
        if (m.payload.includes(null)) continue;
        const evidence = { field, offset: m.start, length: m.end - m.start, text: text.slice(m.start, m.end), weight: entityWeight };
        const written = m.payload.some((t) => t!.capitalised) ? capitalised(text, tokens, m.start, m.end) : true;
        const targets = (m.payload as NonNullable<EntityTarget>[]).filter((t) => written || !t.capitalised);
        const candidates = targets.filter((t) => t.needsSupport);
        if (candidates.length > 0) shared.push({ candidates, evidence });
        for (const target of targets) if (!target.needsSupport) addEvidence(target, evidence);
      }
      for (const m of topicMatcher.matchTokens(tokens)) {
        const matched = text.slice(m.start, m.end);
        for (const rule of m.payload) {
          const weight = field === ArticleField.TITLE ? Math.min(1, rule.weight * TITLE_TOPIC_FACTOR) : rule.weight;
          let evidence = topics.get(rule.slug);
          if (!evidence) {
            evidence = [];
            topics.set(rule.slug, evidence);
          }
          evidence.push({ field, offset: m.start, length: m.end - m.start, text: matched, weight });
        }
      }
    }

    if (shared.length > 0) {
      const named = new Set([...entities.values()].filter((e) => e.kind === SubjectKind.PLACE).map((e) => e.slug));
      // A named place inside each region, province or district: a mine site supports its district.
      const within = new Map<string, string>();
      for (const slug of named) for (const above of ancestors.get(slug) ?? []) if (!within.has(above)) within.set(above, slug);
      for (const { candidates, evidence } of shared) {
        const found = candidates.flatMap((c): { target: NonNullable<EntityTarget>; by: string | undefined }[] => {
          if (named.has(c.slug)) return [{ target: c, by: undefined }];
          const by = (ancestors.get(c.slug) ?? []).find((a) => named.has(a)) ?? within.get(c.slug);
          return by === undefined ? [] : [{ target: c, by }];
        });
        if (found.length !== 1) continue;
        const { target, by } = found[0];
        addEvidence(target, by === undefined ? evidence : { ...evidence, supportedBy: by });
        entities.get(target.id)!.evidence.sort((a, b) => FIELD_ORDER.indexOf(a.field) - FIELD_ORDER.indexOf(b.field) || a.offset - b.offset);
      }
    }

    const links: ExtractedLink[] = [];
    for (const [slug, evidence] of topics) {
      // Round before comparing so that 0.3 + 0.6 reaches a 0.9 threshold despite binary floats.
      const sum = round3(evidence.reduce((s, e) => s + e.weight, 0));
      if (sum < (thresholds.get(slug) ?? 0.5)) continue;
      links.push({ kind: SubjectKind.TOPIC, slug, relevance: Math.min(1, sum), evidence });
    }
    for (const { kind, slug, evidence } of entities.values()) {
      const relevance = Math.min(1, round3(evidence.reduce((s, e) => s + e.weight, 0)));
      links.push({ kind, slug, relevance, evidence });
    }
    return links.sort(compareLinks);
  };
  const extract = ((article: ArticleText) => analyse(article, null)) as Extractor;
  extract.withSuggestions = (article) => {
    const suggestions: Suggestion[] = [];
    return { links: analyse(article, suggestions), suggestions };
  };
  return extract;
}
