import { SubjectKind } from '../article/mention-kinds';
import { parseCatalogue } from '../ingest/catalogue';
import { createExtractor, type ExtractedLink } from '../ingest/extract';
import { phraseKey } from '../ingest/matcher';
import { type ParsedItem, parseNewsText } from '../ingest/parse';
import { slugify } from '../ingest/slug';
import { OrganisationKind } from '../organisation/organisation-kind';
import { PlaceKind } from '../place/place-kind';
import { FIRST_YEAR, LAST_YEAR } from './articles';
import { FULL_CATALOGUE, gazetteerForms } from './catalogue';
import { catalogueFiles } from './catalogue-files';
import { type Corpus, createCorpus } from './corpus';
import { toNewsFile } from './news-file';
import { createRandom, ZipfSampler } from './random';
import { FUNCTION_WORDS } from './words';

const N = 2000;
const words = (text: string | null) => (text ? text.split(/\s+/).length : 0);

let corpus: Corpus;
let items: ParsedItem[];
let links: ExtractedLink[][];
beforeAll(() => {
  corpus = createCorpus(11, N);
  items = corpus.articles.batch(N);
  const extract = createExtractor(corpus.catalogue);
  links = items.map((item) => extract(item));
});

describe('random', () => {
  it('is a pure function of seed and stream', () => {
    const draw = (seed: number, stream: string) => Array.from({ length: 5 }, createRandom(seed, stream).next);
    expect(draw(1, 'a')).toEqual(draw(1, 'a'));
    expect(draw(1, 'a')).not.toEqual(draw(1, 'b'));
    expect(draw(1, 'a')).not.toEqual(draw(2, 'a'));
  });

  it('samples Zipf ranks: rank 1 about 10^1.05 times as often as rank 10', () => {
    const random = createRandom(3);
    const zipf = new ZipfSampler(1000, 1.05);
    const counts = new Array(1000).fill(0);
    for (let i = 0; i < 200_000; i++) counts[zipf.sample(random)]++;
    expect(counts[0] / counts[9]).toBeGreaterThan(9.5);
    expect(counts[0] / counts[9]).toBeLessThan(13);
    expect(counts[999]).toBeGreaterThan(0);
  });
});

describe('the vocabulary and the catalogue', () => {
  it('has at least 50,000 distinct words, the English function words first', () => {
    const { words: vocabulary } = corpus.vocabulary;
    expect(new Set(vocabulary).size).toBe(vocabulary.length);
    expect(vocabulary.length).toBeGreaterThanOrEqual(50_000);
    expect(vocabulary.slice(0, FUNCTION_WORDS.length)).toEqual(FUNCTION_WORDS);
    expect(FUNCTION_WORDS.length).toBeGreaterThanOrEqual(190);
  });

  it('has the full sizes: 2,000 topics in 20 trees of depth 3, 20,000 organisations, 5,000 places, 5,000 people', () => {
    const { topics, organisations, places, people } = corpus.catalogue;
    expect([topics.length, organisations.length, places.length, people.length]).toEqual([
      FULL_CATALOGUE.topics,
      FULL_CATALOGUE.organisations,
      FULL_CATALOGUE.places,
      FULL_CATALOGUE.people,
    ]);
    const parent = new Map(topics.map((t) => [t.slug, t.parent]));
    const depth = (slug: string | null): number => (slug === null ? 0 : 1 + depth(parent.get(slug)!));
    expect(topics.filter((t) => t.parent === null)).toHaveLength(20);
    expect(Math.max(...topics.map((t) => depth(t.slug)))).toBe(3);
    for (const t of topics) {
      expect(t.threshold).toBe(0.5);
      expect(t.rules.length).toBeGreaterThanOrEqual(2);
      expect(t.rules.length).toBeLessThanOrEqual(5);
      for (const r of t.rules) expect([r.weight >= 0.3, r.weight <= 0.8, words(r.match) <= 2]).toEqual([true, true, true]);
    }
    expect(new Set(organisations.map((o) => o.kind))).toEqual(new Set(Object.values(OrganisationKind)));
    const withParent = organisations.filter((o) => o.parent !== null).length / organisations.length;
    expect(withParent).toBeGreaterThan(0.07);
    expect(withParent).toBeLessThan(0.13);
    // Places nest country > region > province > town or site.
    const placeKind = new Map(places.map((p) => [p.slug, p.kind]));
    const parentKinds = new Set(places.map((p) => `${p.kind}<${p.parent === null ? 'none' : placeKind.get(p.parent)}`));
    expect([...parentKinds].sort()).toEqual(['COUNTRY<none', 'MINE_SITE<PROVINCE', 'NATURAL_AREA<REGION', 'PROVINCE<REGION', 'REGION<COUNTRY', 'TOWN<PROVINCE']);
    expect(places.every((p) => p.latitude !== null && Math.abs(p.latitude) <= 90 && Math.abs(p.longitude!) <= 180)).toBe(true);
    expect(places.filter((p) => p.kind === PlaceKind.COUNTRY).length).toBeGreaterThan(5);
  });

  it('has a gazetteer of at least 30,000 names and aliases, each naming one entity, and no filler word in any', () => {
    const forms = gazetteerForms(corpus.catalogue);
    expect(forms.length).toBeGreaterThanOrEqual(30_000);
    expect(new Set(forms.map(phraseKey)).size).toBe(forms.length);
    const filler = new Set(corpus.vocabulary.words);
    const nameWords = new Set(forms.flatMap((f) => phraseKey(f).split(' ')));
    const keywordWords = new Set(corpus.catalogue.topics.flatMap((t) => t.rules.flatMap((r) => phraseKey(r.match).split(' '))));
    expect([...nameWords, ...keywordWords].filter((w) => filler.has(w))).toEqual([]);
  });

  it('passes the validation of the real catalogue loader, unchanged', () => {
    const files = catalogueFiles(corpus.catalogue);
    expect(parseCatalogue(files.taxonomy, files.gazetteer)).toEqual(corpus.catalogue);
  });
});

describe('the articles', () => {
  it('are the same for the same seed and differ for another', () => {
    expect(createCorpus(11, N).articles.batch(50)).toEqual(items.slice(0, 50));
    expect(createCorpus(12, N).articles.batch(50)).not.toEqual(items.slice(0, 50));
  });

  it('have titles of 8-14 words, summaries of 30-100 words and 100-600 words of text', () => {
    for (const { title, summary, body } of items) {
      expect(words(title)).toBeGreaterThanOrEqual(8);
      expect(words(title)).toBeLessThanOrEqual(14);
      expect(words(summary)).toBeGreaterThanOrEqual(30);
      expect(words(summary)).toBeLessThanOrEqual(100);
      expect(words(summary) + words(body)).toBeGreaterThanOrEqual(100);
      expect(words(summary) + words(body)).toBeLessThanOrEqual(600);
      expect(body === null || body.trim() !== '').toBe(true);
    }
  });

  it('read like text: the most frequent words are function words', () => {
    const counts = new Map<string, number>();
    for (const { summary } of items) for (const w of summary.toLowerCase().split(/[^a-z]+/)) counts.set(w, (counts.get(w) ?? 0) + 1);
    const top = [...counts]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 10)
      .map(([w]) => w);
    expect(top.filter((w) => FUNCTION_WORDS.includes(w)).length).toBeGreaterThanOrEqual(9);
  });

  it('are dated 2006-2025 in order, with volume rising, and about 1% are undated pages', () => {
    const dates = items.map((i) => i.publishedAt).filter((d): d is string => d !== null);
    expect(dates).toEqual([...dates].sort());
    expect(dates[0] >= `${FIRST_YEAR}-01-01` && dates[dates.length - 1] <= `${LAST_YEAR}-12-31`).toBe(true);
    const inYears = (from: number, to: number) => dates.filter((d) => Number(d.slice(0, 4)) >= from && Number(d.slice(0, 4)) <= to).length;
    expect(inYears(2021, 2025)).toBeGreaterThan(3 * inYears(2006, 2010));
    const pages = items.length - dates.length;
    expect(pages).toBeGreaterThan(0);
    expect(pages).toBeLessThan(items.length * 0.03);
  });

  it('have unique slugs made by the parser rule, and read back from a news file unchanged', () => {
    expect(new Set(items.map((i) => i.slug)).size).toBe(items.length);
    for (const i of items) expect(i.slug).toBe(i.publishedAt ? `${i.publishedAt}-${slugify(i.title)}` : slugify(i.title));
    const parsed = parseNewsText(toNewsFile(items), 'synthetic');
    expect(parsed.errors).toEqual([]);
    const strip = ({ file: _f, line: _l, ...rest }: ParsedItem) => rest;
    expect(parsed.items.reverse().map(strip)).toEqual(items.map(strip));
  });

  it('link 0-6 subjects of each kind, found by the real extractor, with a few hot entities and a long tail', () => {
    const perKind = (kind: SubjectKind) => links.map((l) => l.filter((x) => x.kind === kind).length);
    for (const kind of Object.values(SubjectKind)) {
      const counts = perKind(kind);
      expect(Math.max(...counts)).toBeLessThanOrEqual(6);
      expect(Math.max(...counts)).toBeGreaterThanOrEqual(5);
      const mean = counts.reduce((a, b) => a + b, 0) / counts.length;
      expect(mean).toBeGreaterThan(1.5);
      expect(mean).toBeLessThan(3.5);
    }
    const articlesPer = new Map<string, number>();
    for (const l of links) for (const x of l) if (x.kind === SubjectKind.ORGANISATION) articlesPer.set(x.slug, (articlesPer.get(x.slug) ?? 0) + 1);
    const sorted = [...articlesPer.values()].sort((a, b) => b - a);
    expect(sorted[0]).toBeGreaterThan(N / 20); // the hottest organisation is in more than 5% of the news
    expect(sorted[Math.floor(sorted.length / 2)]).toBeLessThanOrEqual(2); // the median one in one or two items
    // Some topic mentions stay below their threshold on purpose, as in real text.
    expect(links.some((l) => l.some((x) => x.kind === SubjectKind.TOPIC && x.relevance >= 0.5))).toBe(true);
  });
});
