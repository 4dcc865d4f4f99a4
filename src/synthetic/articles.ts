/**
 * The article generator: one deterministic stream of news items shaped like the real thing.
 *
 * Each item decides which topics and entities it is about (0–6 of each kind, each drawn with Zipf
 * popularity over its kind), and writes their names, aliases or keywords into its title, summary
 * and body among Zipf-distributed filler words. It only decides what to WRITE: the links stored
 * are whatever the real extractor then finds in the text.
 *
 * Dates run from 2006 to 2025 with volume growing linearly (the last year about eight times the
 * first), and item i's date is a quantile of that distribution, so ids grow with publication as
 * the real ingest stores them.
 */
import { ArticleKind } from '../article/article-kind';
import type { Catalogue } from '../ingest/catalogue';
import type { ParsedItem } from '../ingest/parse';
import { slugify } from '../ingest/slug';
import { type Random, shuffled, ZipfSampler } from './random';
import { type Insert, TextComposer } from './text';
import type { Vocabulary } from './words';

/** The first and last years of the corpus. */
export const FIRST_YEAR = 2006;
export const LAST_YEAR = 2025;
/** Word exponent of the filler text; entity popularity uses 1.0. */
export const WORD_ZIPF_EXPONENT = 1.05;
/** The `file` of every generated item (the parser's field; not stored). */
export const SYNTHETIC_FILE = 'synthetic';

/** Links per kind: 0..6, most articles naming one to three of each. */
const LINK_COUNT_WEIGHTS = [10, 25, 25, 18, 11, 7, 4];
const PAGE_SHARE = 0.01;

enum Field {
  TITLE,
  SUMMARY,
  BODY,
}

/** Things of one kind, and how popular each is: `order[rank]` is the index of the rank-th most popular. */
interface Pool<T> {
  items: T[];
  order: Int32Array;
  zipf: ZipfSampler | null;
}

interface Rule {
  text: string;
  words: number;
  weight: number;
}
interface TopicEntry {
  rules: Rule[];
  threshold: number;
}

const wordCount = (text: string): number => text.split(' ').length;

function pool<T>(items: T[], random: Random): Pool<T> {
  // Popularity is independent of catalogue order, so hot entities are spread over the tree.
  const order = Int32Array.from(
    shuffled(
      items.map((_, i) => i),
      random,
    ),
  );
  return { items, order, zipf: items.length > 0 ? new ZipfSampler(items.length, 1.0) : null };
}

/** Volume grows linearly over time, from 1 at the start to 1 + GROWTH at the end (2025 has about eight times the articles of 2006). */
const GROWTH = 9;

/**
 * Where in [0, 1) of the date range the q-th quantile of articles falls, for the density 1 + GROWTH·t:
 * the root of (GROWTH/2)·t² + t = q·(1 + GROWTH/2). Item i gets quantile (i + u)/n, so dates never go down.
 */
function dateQuantile(q: number): number {
  return (Math.sqrt(1 + 2 * GROWTH * q * (1 + GROWTH / 2)) - 1) / GROWTH;
}

/** Every day from FIRST_YEAR-01-01 to LAST_YEAR-12-31 as `YYYY-MM-DD`. */
function allDays(): string[] {
  const days: string[] = [];
  for (let t = Date.UTC(FIRST_YEAR, 0, 1); t <= Date.UTC(LAST_YEAR, 11, 31); t += 86_400_000) days.push(new Date(t).toISOString().slice(0, 10));
  return days;
}

/** A deterministic stream of `total` news items over a catalogue. */
export class ArticleGenerator {
  private readonly topics: Pool<TopicEntry>;
  private readonly entities: Pool<Insert[]>[];
  private readonly weakRules: Rule[];
  private readonly text: TextComposer;
  private readonly days = allDays();
  private readonly linkCountTotal = LINK_COUNT_WEIGHTS.reduce((a, b) => a + b, 0);
  private index = 0;
  // Dates never go down, so a title only has to be unique among the items of the current day.
  private currentDay: string | null = null;
  private readonly daySlugs = new Set<string>();
  private readonly pageSlugs = new Set<string>();

  constructor(
    private readonly random: Random,
    readonly total: number,
    catalogue: Catalogue,
    vocabulary: Vocabulary,
  ) {
    const rule = (r: { match: string; weight: number }): Rule => ({ text: r.match, words: wordCount(r.match), weight: r.weight });
    this.topics = pool(
      catalogue.topics.map((t) => ({ rules: t.rules.map(rule), threshold: t.threshold })),
      random,
    );
    this.weakRules = catalogue.topics.flatMap((t) => t.rules.filter((r) => r.weight < t.threshold).map(rule));
    const forms = (e: { name: string; aliases: string[] }): Insert[] => [e.name, ...e.aliases].map((text) => ({ text, words: wordCount(text) }));
    this.entities = [catalogue.organisations, catalogue.places, catalogue.people].map((list) => pool(list.map(forms), random));
    this.text = new TextComposer(random, vocabulary, new ZipfSampler(vocabulary.words.length, WORD_ZIPF_EXPONENT));
  }

  /** True while items remain. */
  get hasNext(): boolean {
    return this.index < this.total;
  }

  /** The next item, shaped as the parser would return it. */
  next(): ParsedItem {
    const r = this.random;
    const i = this.index++;
    const publishedAt = r.chance(PAGE_SHARE) ? null : this.days[Math.min(this.days.length - 1, Math.floor(this.days.length * dateQuantile((i + r.next()) / this.total)))];
    const titleWords = r.int(8, 14);
    const textWords = 100 + Math.floor(500 * r.next() ** 1.5); // 100..599, skewed short like real news
    const summaryWords = r.int(30, Math.min(100, textWords));
    const bodyWords = textWords - summaryWords;
    const capacity = [titleWords - 4, Math.floor(summaryWords / 2), Math.floor(bodyWords / 2)];
    const placed: Insert[][] = [[], [], []];
    const used = [0, 0, 0];
    const fits = (insert: Insert, field: Field): boolean => (field !== Field.TITLE || placed[field].length < 2) && used[field] + insert.words <= capacity[field];
    // The wanted field if there is room, else the body, else the summary, else nowhere.
    const place = (insert: Insert, wanted: Field): void => {
      const field = fits(insert, wanted) ? wanted : fits(insert, Field.BODY) ? Field.BODY : fits(insert, Field.SUMMARY) ? Field.SUMMARY : -1;
      if (field < 0) return;
      placed[field].push(insert);
      used[field] += insert.words;
    };
    this.planTopics(place);
    for (const kind of this.entities) this.planEntities(kind, place);
    // Now and then a weak keyword once, below its topic's threshold: a near miss, as in real text.
    if (this.weakRules.length > 0 && r.chance(0.15)) place(r.pick(this.weakRules), Field.BODY);

    const summary = this.text.compose(shuffled(placed[Field.SUMMARY], r), summaryWords, 'paragraph');
    const body = bodyWords > 0 ? this.text.compose(shuffled(placed[Field.BODY], r), bodyWords, 'paragraphs') : null;
    const { title, slug } = this.uniqueTitle(placed[Field.TITLE], titleWords, publishedAt);
    return { kind: publishedAt ? ArticleKind.NEWS : ArticleKind.PAGE, slug, title, publishedAt, summary, body, file: SYNTHETIC_FILE, line: i + 1 };
  }

  /** Up to `max` items (fewer at the end of the stream). */
  batch(max: number): ParsedItem[] {
    const out: ParsedItem[] = [];
    while (out.length < max && this.hasNext) out.push(this.next());
    return out;
  }

  private linkCount(): number {
    let x = this.random.next() * this.linkCountTotal;
    for (let k = 0; k < LINK_COUNT_WEIGHTS.length; k++) {
      x -= LINK_COUNT_WEIGHTS[k];
      if (x < 0) return k;
    }
    return 0;
  }

  /** `count` distinct items of a pool, by popularity. */
  private choose<T>(p: Pool<T>, count: number): T[] {
    const picked: number[] = [];
    if (!p.zipf) return [];
    for (let tries = 0; picked.length < Math.min(count, p.items.length) && tries < 100; tries++) {
      const index = p.order[p.zipf.sample(this.random)];
      if (!picked.includes(index)) picked.push(index);
    }
    return picked.map((index) => p.items[index]);
  }

  private planTopics(place: (insert: Insert, field: Field) => void): void {
    const r = this.random;
    for (const topic of this.choose(this.topics, this.linkCount())) {
      const rule = r.pick(topic.rules);
      if (rule.weight * 2 >= topic.threshold && r.chance(0.2))
        place(rule, Field.TITLE); // doubled in the title
      else {
        // A weak keyword needs two mentions to reach the threshold; a strong one sometimes gets two anyway.
        place(rule, r.chance(0.5) ? Field.SUMMARY : Field.BODY);
        if (rule.weight < topic.threshold || r.chance(0.3)) place(rule, Field.BODY);
      }
    }
  }

  private planEntities(kind: Pool<Insert[]>, place: (insert: Insert, field: Field) => void): void {
    const r = this.random;
    // The first entity drawn is the one the story is about: it makes the headline more often.
    let titleChance = 0.3;
    for (const forms of this.choose(kind, this.linkCount())) {
      const mentions = 1 + (r.chance(0.4) ? 1 : 0) + (r.chance(0.15) ? 1 : 0);
      for (let m = 0; m < mentions; m++) {
        // The name most of the time, an alias otherwise; now and then a possessive the matcher must see through.
        const form = forms.length > 1 && r.chance(0.35) ? forms[r.int(1, forms.length - 1)] : forms[0];
        const insert = r.chance(0.08) ? { text: `${form.text}\u2019s`, words: form.words } : form;
        const roll = r.next();
        place(insert, m > 0 ? Field.BODY : roll < titleChance ? Field.TITLE : roll < 0.6 ? Field.SUMMARY : Field.BODY);
      }
      titleChance = 0.05;
    }
  }

  /** A title whose slug no earlier item of the same day (or, for pages, no earlier page) has. */
  private uniqueTitle(inserts: Insert[], words: number, publishedAt: string | null): { title: string; slug: string } {
    if (publishedAt !== null && publishedAt !== this.currentDay) {
      this.currentDay = publishedAt;
      this.daySlugs.clear();
    }
    const seen = publishedAt ? this.daySlugs : this.pageSlugs;
    for (;;) {
      const title = this.text.compose(shuffled(inserts, this.random), words, 'title');
      const titleSlug = slugify(title);
      const slug = publishedAt ? `${publishedAt}-${titleSlug}` : titleSlug;
      if (seen.has(slug)) continue; // astronomically rare: draw the title again
      seen.add(slug);
      return { title, slug };
    }
  }
}
