/**
 * The in-memory index of article sets that two processes of SQLite's reader pool keep (sqlite/reader-pool.ts), and
 * a worker thread of each server on PostgreSQL (postgres/article-index.worker.ts): for every subject the sorted ids of the articles
 * linked to it, and for every article its publication date and kind. A filter's set is then a
 * bitmap (one bit per article id) built from those lists and combined word by word, and a count
 * or a facet is a population count: at 1M articles a facet over a hot topic reads a few million
 * integers instead of joining millions of rows. Related articles come from the same lists (related-sets.ts).
 *
 * Kept in step through `article_change` (migration 1764806400000): triggers log every article and
 * link write with its article id (0: a subject tree changed; NULL: rebuild everything, as after a
 * bulk load). Before each answer, inside the same read transaction, the index applies the log past
 * the point it has seen, so what it counts is exactly what SQL would count at that moment.
 *
 * Built in small steps (a statement per subject, a chunk of articles per step) when the process
 * starts; until then it answers null and the caller asks SQL. At 1,000,000 articles (9.3M links) it
 * takes about 5 s and the process grows from 20 MB to about 225 MB (its resident size after a facet
 * of each kind). Processes of its own, not every reader: a reader killed for a runaway statement would
 * lose it, and four copies would cost twice the memory. Plain typed arrays, no library: a facet needs a count for each of up to 20,000
 * subjects, which one pass over the set's articles and their links gives (the 247,000 articles of
 * a hot topic: 9 to 17 ms a kind), where roaring-wasm took 60 ms for 1,000 intersection counts at
 * this size; its native sibling, roaring, downloads its binary at install.
 */
import type { RelatedRow, SetAnswer, SetFacetValue, SetPlan, SetRequest } from './article-sets';
import { addId, type Bitmap, bitmapWords, cardinality, childrenOf, descendants, emptyBitmap, forEachId, withIds } from './id-sets';
import { relatedFromLists } from './related-sets';

/**
 * The subject kinds and their tables; topics and places are trees (a filter includes what lies below).
 * subject/subject-table.ts says the same for the server; this process does not load the entities.
 */
const KINDS: { kind: string; table: string; tree: boolean }[] = [
  { kind: 'TOPIC', table: 'topic', tree: true },
  { kind: 'ORGANISATION', table: 'organisation', tree: false },
  { kind: 'PLACE', table: 'place', tree: true },
  { kind: 'PERSON', table: 'person', tree: false },
];
/** Plans whose sets a reader keeps until the next change (32 bitmaps: 4 MB at 1M articles). */
const RECENT_PLANS = 32;
/** Articles read per build step. */
const ARTICLES_PER_STEP = 50_000;
/** Above this many articles changed at once, rebuilding costs less than applying the log. */
const MAX_CHANGES_APPLIED = 100_000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const NO_ARTICLE = 0;
const UNDATED = -1;

/**
 * What the index reads, from one engine's connection (sqlite/article-index-source.ts, postgres/article-index-source.ts).
 * Rows come as arrays, in the order of the columns named.
 */
export interface IndexSource {
  /** A table's subjects: [id, parent id or null]. */
  subjects(table: string, tree: boolean): Promise<[number, number | null][]>;
  /** The ids of the articles linked to one subject, ascending. */
  postings(kind: string, subject: number): Promise<number[]>;
  /** The largest article id, or 0. */
  maxArticleId(): Promise<number>;
  /** Up to `limit` articles with ids above `after`, ascending: [id, published_at, kind]. */
  articlesAfter(after: number, limit: number): Promise<[number, string | null, string][]>;
  /** These articles: [id, published_at, kind]. */
  articles(ids: number[]): Promise<[number, string | null, string][]>;
  /** These articles' links: [subject kind, subject id, article id]. */
  links(ids: number[]): Promise<[string, number, number][]>;
  /** The last seq the change log has handed out (0: none). */
  lastSeq(): Promise<number>;
  /** The change log past `seq`, in order: [seq, article id or null]. */
  changesAfter(seq: number): Promise<[number, number | null][]>;
  /** `work`'s reads in one read transaction: they see one state of the database. */
  snapshot<T>(work: () => Promise<T>): Promise<T>;
}

interface Kind {
  tree: boolean;
  /** Every subject id of the kind, with its parent (trees). */
  parents: Map<number, number | null>;
  /** Direct links: subject id → sorted article ids. */
  postings: Map<number, Uint32Array>;
  /** Trees: subject id → its children (made on demand). */
  children: Map<number, number[]> | null;
  /** The same links the other way round, for facet counts (made on demand, dropped when a link changes). */
  forward: Forward | null;
}

/**
 * A kind's links by article: the subjects (as slots 0..n-1) of article `a` are
 * `slots[offsets[a]] .. slots[offsets[a + 1] - 1]`. A facet then costs the set's articles times
 * their links, not every link of the kind.
 */
interface Forward {
  offsets: Uint32Array;
  slots: Uint32Array;
  /** Slot → subject id. */
  subjects: number[];
  /** Slot → its parent's slot, or -1 (trees). */
  parents: Int32Array;
}

export class ArticleIndex {
  private kinds = new Map<string, Kind>();
  /** Per article id: its date as YYYYMMDD, UNDATED, or NO_ARTICLE where no article has that id. */
  private dates = new Int32Array(0);
  /** Per article id: 1 + the index of its kind in kindNames, or 0. */
  private kindCodes = new Uint8Array(0);
  private kindNames: string[] = [];
  /** Articles stored: the ids whose date is not NO_ARTICLE. */
  private articleCount = 0;
  /** The last article_change seq applied. */
  private seen = 0;
  private state: 'empty' | 'building' | 'ready' | 'unusable' = 'empty';
  /** Every article, as a bitmap: made on demand, dropped when articles change. */
  private everything: Bitmap | null = null;
  /** The sets of the last plans asked (the same list asked again and again), until the next change. */
  private recent = new Map<string, { seen: number; set: Bitmap }>();

  constructor(private readonly source: IndexSource) {}

  /** Builds in steps (each after `yieldNow`); answers come once it is done. True when it is ready. */
  async build(yieldNow: () => Promise<void>): Promise<boolean> {
    if (this.state === 'building') return false;
    this.state = 'building';
    try {
      const start = await this.source.lastSeq();
      const kinds = new Map<string, Kind>();
      for (const { kind, table, tree } of KINDS) {
        const parents = new Map<number, number | null>(await this.source.subjects(table, tree));
        const postings = new Map<number, Uint32Array>();
        for (const id of parents.keys()) {
          const ids = await this.source.postings(kind, id);
          if (ids.length > 0) postings.set(id, Uint32Array.from(ids));
          if (ids.length > 10_000) await yieldNow();
        }
        kinds.set(kind, { tree, parents, postings, children: null, forward: null });
        await yieldNow();
      }
      const maxId = (await this.source.maxArticleId()) + 1;
      this.dates = new Int32Array(maxId);
      this.kindCodes = new Uint8Array(maxId);
      this.kindNames = [];
      this.articleCount = 0;
      for (let after = 0; ; ) {
        const chunk = await this.source.articlesAfter(after, ARTICLES_PER_STEP);
        if (chunk.length === 0) break;
        for (const [id, publishedAt, kind] of chunk) this.setArticle(id, publishedAt, kind);
        after = chunk[chunk.length - 1][0];
        await yieldNow();
      }
      this.kinds = kinds;
      this.everything = null;
      this.recent.clear();
      // What changed while building was read half before, half after: apply it all again.
      this.seen = start;
      this.state = 'ready';
      return true;
    } catch (error) {
      // A date the index cannot compare as SQL does, say: SQL answers instead, always.
      this.state = 'unusable';
      process.stderr.write(`article index not built: ${(error as Error).message}\n`);
      return false;
    }
  }

  /**
   * The answer to `request` as of now, or null when the index cannot give it (not built yet, or it
   * must rebuild): then the caller asks SQL. Runs in one read transaction with the log it applies.
   */
  async answer(request: SetRequest, rebuild: () => void): Promise<SetAnswer | null> {
    if (this.state !== 'ready') {
      if (this.state === 'empty') rebuild();
      return null;
    }
    return this.source.snapshot(async () => {
      try {
        if (!(await this.catchUp())) {
          this.state = 'empty';
          rebuild();
          return null;
        }
        const facets: Record<string, SetFacetValue[]> = {};
        let count: number | undefined;
        if (request.plan) {
          const set = this.remembered(request.plan);
          if (!set) return null;
          for (const { name, first } of request.facets ?? []) facets[name] = name === 'MONTH' ? this.months(set, first) : this.subjectFacet(set, name, first);
          if (request.count) count = cardinality(set);
        }
        const related = request.related ? await this.related(request.related) : undefined;
        return { count, facets, related };
      } catch (error) {
        // Half applied, the index could be wrong: SQL answers until it is built again.
        process.stderr.write(`article index dropped, rebuilding: ${(error as Error).message}\n`);
        this.state = 'empty';
        rebuild();
        return null;
      }
    });
  }

  /** Each article's related articles (related-sets.ts), its links read as they are in this snapshot. */
  private async related({ articleIds, bound, first }: NonNullable<SetRequest['related']>): Promise<RelatedRow[]> {
    const links = new Map<number, { kind: string; id: number }[]>(articleIds.map((id) => [id, []]));
    for (const [kind, id, article] of await this.source.links(articleIds)) links.get(article)?.push({ kind, id });
    const lists = {
      postings: (kind: string, id: number) => this.kinds.get(kind)?.postings.get(id),
      date: (id: number) => this.dates[id],
      total: this.articleCount,
    };
    return articleIds.flatMap((id) => relatedFromLists(id, links.get(id) ?? [], lists, bound, first));
  }

  /** The plan's set, evaluated or remembered from an earlier request since the last change (read-only: callers never change it). */
  private remembered(plan: SetPlan): Bitmap | null {
    const key = JSON.stringify(plan);
    const known = this.recent.get(key);
    if (known && known.seen === this.seen) return known.set;
    const set = this.evaluate(plan);
    if (!set) return null;
    if (this.recent.size >= RECENT_PLANS) this.recent.delete(this.recent.keys().next().value!);
    this.recent.set(key, { seen: this.seen, set });
    return set;
  }

  /** Applies the change log past `seen`; false when only a rebuild will do (a bulk load, a log pruned past us, too many changes). */
  private async catchUp(): Promise<boolean> {
    const log = await this.source.changesAfter(this.seen);
    if (log.length === 0) return true;
    // A gap: the log was pruned past what this index has seen (on PostgreSQL a write rolled back leaves one too, its
    // identity values spent: rare, and a rebuild is right then as well).
    if (log[0][0] !== this.seen + 1) return false;
    const changed = new Set<number>();
    let trees = false;
    for (const [, id] of log) {
      if (id === null) return false;
      if (id === 0) trees = true;
      else changed.add(id);
    }
    if (changed.size > MAX_CHANGES_APPLIED) return false;
    if (trees) await this.reloadTrees();
    if (changed.size > 0) await this.applyArticles([...changed]);
    this.seen = log[log.length - 1][0];
    return true;
  }

  private async reloadTrees(): Promise<void> {
    for (const { kind, table, tree } of KINDS) {
      const entry = this.kinds.get(kind)!;
      entry.parents = new Map(await this.source.subjects(table, tree));
      entry.children = null;
      entry.forward = null;
    }
  }

  /** Re-reads these articles (their date, kind and links) as they are now. */
  private async applyArticles(ids: number[]): Promise<void> {
    const known = ids.filter((id) => id < this.dates.length && this.dates[id] !== NO_ARTICLE);
    for (const id of ids) this.clearArticle(id);
    if (known.length > 0) {
      // Old links: drop the changed ids from every list (rare: a re-ingest or an edit, not a new article).
      const gone = new Uint8Array(this.dates.length);
      for (const id of known) gone[id] = 1;
      for (const entry of this.kinds.values()) {
        for (const [subject, list] of entry.postings) {
          if (list.some((id) => gone[id] === 1))
            entry.postings.set(
              subject,
              list.filter((id) => gone[id] !== 1),
            );
        }
      }
    }
    const added = new Map<string, Map<number, number[]>>();
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      for (const [id, publishedAt, kind] of await this.source.articles(chunk)) this.setArticle(id, publishedAt, kind);
      for (const [kind, subject, article] of await this.source.links(chunk)) {
        const bySubject = added.get(kind) ?? added.set(kind, new Map()).get(kind)!;
        (bySubject.get(subject) ?? bySubject.set(subject, []).get(subject)!).push(article);
      }
    }
    for (const [kind, bySubject] of added) {
      const entry = this.kinds.get(kind);
      if (!entry) continue;
      for (const [subject, articles] of bySubject) entry.postings.set(subject, withIds(entry.postings.get(subject), articles));
    }
    for (const entry of this.kinds.values()) entry.forward = null;
    this.everything = null;
  }

  private setArticle(id: number, publishedAt: string | null, kind: string): void {
    if (id >= this.dates.length) this.grow(id + 1);
    let date = UNDATED;
    if (publishedAt !== null) {
      const parts = DATE.exec(publishedAt);
      if (!parts) throw new Error(`article ${id} has published_at "${publishedAt}", not YYYY-MM-DD`);
      date = Number(parts[1] + parts[2] + parts[3]);
    }
    if (this.dates[id] === NO_ARTICLE) this.articleCount++;
    this.dates[id] = date;
    let code = this.kindNames.indexOf(kind);
    if (code < 0) code = this.kindNames.push(kind) - 1;
    this.kindCodes[id] = code + 1;
  }

  private clearArticle(id: number): void {
    if (id < this.dates.length) {
      if (this.dates[id] !== NO_ARTICLE) this.articleCount--;
      this.dates[id] = NO_ARTICLE;
      this.kindCodes[id] = 0;
    }
  }

  private grow(size: number): void {
    const capacity = Math.max(size, Math.ceil(this.dates.length * 1.25));
    const dates = new Int32Array(capacity);
    dates.set(this.dates);
    const codes = new Uint8Array(capacity);
    codes.set(this.kindCodes);
    this.dates = dates;
    this.kindCodes = codes;
  }

  /** The plan's articles as a bitmap over article ids; null when a bound cannot be compared as SQL compares it. */
  private evaluate(plan: SetPlan): Bitmap | null {
    const size = this.dates.length;
    const words = bitmapWords(size);
    if ('all' in plan) {
      if (!this.everything) {
        this.everything = emptyBitmap(size);
        const codes = this.kindCodes;
        for (let id = 1; id < codes.length; id++) if (codes[id] !== 0) addId(this.everything, id);
      }
      return this.everything.slice();
    }
    if ('subjects' in plan) {
      const set = emptyBitmap(size);
      const entry = this.kinds.get(plan.subjects.kind);
      if (!entry) return set;
      if (entry.tree) entry.children ??= childrenOf(entry.parents);
      const children = entry.children;
      const subjects = children ? plan.subjects.ids.flatMap((id) => descendants(children, id)) : plan.subjects.ids;
      for (const id of subjects) for (const article of entry.postings.get(id) ?? EMPTY) addId(set, article);
      return set;
    }
    if ('published' in plan) {
      const from = plan.published.from === undefined ? -Infinity : dateNumber(plan.published.from);
      const to = plan.published.to === undefined ? Infinity : dateNumber(plan.published.to);
      if (from === null || to === null) return null;
      const set = emptyBitmap(size);
      const dates = this.dates;
      for (let id = 1; id < dates.length; id++) {
        const date = dates[id];
        if (date > 0 && date >= from && date <= to) addId(set, id);
      }
      return set;
    }
    if ('kind' in plan) {
      const code = this.kindNames.indexOf(plan.kind) + 1;
      const set = emptyBitmap(size);
      const codes = this.kindCodes;
      if (code > 0) for (let id = 1; id < codes.length; id++) if (codes[id] === code) addId(set, id);
      return set;
    }
    if ('not' in plan) {
      const inner = this.evaluate(plan.not);
      const all = this.evaluate({ all: true });
      if (!inner || !all) return null;
      for (let w = 0; w < words; w++) all[w] &= ~inner[w];
      return all;
    }
    const parts = 'and' in plan ? plan.and : plan.or;
    const sets: Bitmap[] = [];
    for (const part of parts) {
      const set = this.evaluate(part);
      if (!set) return null;
      sets.push(set);
    }
    if (sets.length === 0) return 'and' in plan ? this.evaluate({ all: true }) : emptyBitmap(size);
    const [result, ...rest] = sets;
    for (const set of rest) {
      if ('and' in plan) for (let w = 0; w < words; w++) result[w] &= set[w];
      else for (let w = 0; w < words; w++) result[w] |= set[w];
    }
    return result;
  }

  /** The `first` subjects of a kind with the most articles in the set (ties by id), each with its count. */
  private subjectFacet(set: Bitmap, kind: string, first: number): SetFacetValue[] {
    const entry = this.kinds.get(kind);
    if (!entry) return [];
    entry.forward ??= forwardOf(entry, this.dates.length);
    const { offsets, slots, subjects, parents } = entry.forward;
    const tally = new Uint32Array(subjects.length);
    // A tree's subject counts an article once however many of its descendants the article names.
    const lastCounted = new Int32Array(entry.tree ? subjects.length : 0).fill(-1);
    const articles = offsets.length - 1;
    forEachId(set, (article) => {
      if (article >= articles) return;
      for (let j = offsets[article]; j < offsets[article + 1]; j++) {
        if (!entry.tree) {
          tally[slots[j]]++;
          continue;
        }
        for (let slot = slots[j]; slot >= 0 && lastCounted[slot] !== article; slot = parents[slot]) {
          lastCounted[slot] = article;
          tally[slot]++;
        }
      }
    });
    const counts: { id: number; count: number }[] = [];
    for (let slot = 0; slot < tally.length; slot++) if (tally[slot] > 0) counts.push({ id: subjects[slot], count: tally[slot] });
    return counts.sort((a, b) => b.count - a.count || a.id - b.id).slice(0, first);
  }

  /** The set's dated articles by month (YYYY-MM), newest first, the `first` newest months. */
  private months(set: Bitmap, first: number): SetFacetValue[] {
    const counts = new Map<number, number>();
    forEachId(set, (article) => {
      const date = this.dates[article];
      if (date > 0) {
        const month = Math.floor(date / 100);
        counts.set(month, (counts.get(month) ?? 0) + 1);
      }
    });
    return [...counts]
      .sort((a, b) => b[0] - a[0])
      .slice(0, first)
      .map(([month, count]) => ({ month: `${Math.floor(month / 100)}-${String(month % 100).padStart(2, '0')}`, count }));
  }
}

const EMPTY = new Uint32Array(0);

/** A bound as YYYYMMDD, when it is a plain date (then comparing numbers is comparing the stored text). */
function dateNumber(bound: string): number | null {
  const parts = DATE.exec(bound);
  return parts ? Number(parts[1] + parts[2] + parts[3]) : null;
}

/** A kind's links by article (see Forward), from its lists by subject. */
function forwardOf(entry: Kind, size: number): Forward {
  const subjects = entry.tree ? [...entry.parents.keys()] : [...entry.postings.keys()];
  const slotOf = new Map(subjects.map((id, slot) => [id, slot]));
  const offsets = new Uint32Array(size + 1);
  for (const list of entry.postings.values()) for (const article of list) if (article < size) offsets[article + 1]++;
  for (let a = 0; a < size; a++) offsets[a + 1] += offsets[a];
  const slots = new Uint32Array(offsets[size]);
  const next = offsets.slice(0, size);
  for (const [subject, list] of entry.postings) {
    const slot = slotOf.get(subject);
    if (slot === undefined) continue;
    for (const article of list) if (article < size) slots[next[article]++] = slot;
  }
  const parents = Int32Array.from(subjects, (id) => slotOf.get(entry.parents.get(id) ?? -1) ?? -1);
  return { offsets, slots, subjects, parents };
}
