import { setImmediate as nextTurn } from 'node:timers/promises';
import type { SubjectKind } from '../article/mention-kinds';
import type { ParsedSearch, Term } from '../db/fts5';
import { placeholders, type Sql } from '../db/sql';
import { fold } from '../ingest/fold';
import { subjectTables } from '../subject/subject-table';

/** Articles whose words are sampled to estimate how many articles a search word is in. */
const SAMPLE_SIZE = 1000;
/** Sampled articles tokenised per turn of the event loop (a few milliseconds' work). */
const SAMPLE_CHUNK = 50;
/** Statistics older than this are refreshed in the background at the next request. */
const MAX_AGE_MS = 60_000;

const WORD = /[\p{L}\p{N}]+/gu;
/** How much more a prefix term's doc-list entries cost than a word's (see termPostings). */
const PREFIX_MERGE = 3;

/**
 * What the cost of a request's work is estimated from (http/work-cost.ts): how many articles there
 * are, how many links an article has, how many articles each subject has (with everything below it
 * in its tree), and how many articles a search word is in, estimated from the words of a random
 * sample of SAMPLE_SIZE articles. All of it is read in the background and held in memory, so that
 * a request's cost is known, synchronously, before anything of it runs.
 */
export class WorkStats {
  /** Articles in all (the highest id: ids are dense). */
  articles = 0;
  /** Links per article, on average. */
  linksPerArticle = 0;
  private subjects = new Map<string, number>();
  /** Sampled words, sorted, with the running total of the sampled articles each is in (for prefix ranges). */
  private words: string[] = [];
  private runningDocs: number[] = [0];
  private sampled = 0;
  private refreshedAt = 0;
  private refreshing: Promise<void> | null = null;

  constructor(private readonly store: () => Sql | null) {}

  /** Reads everything anew; resolves when done (start-up waits for it). */
  refresh(): Promise<void> {
    const sql = this.store()?.background();
    if (!sql) return Promise.resolve();
    this.refreshing ??= this.read(sql).finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  /** Starts a background refresh when the statistics are old; never waits for it. */
  keepFresh(): void {
    if (Date.now() - this.refreshedAt > MAX_AGE_MS && !this.refreshing) void this.refresh().catch(() => undefined);
  }

  /** Articles linked to the subject with this slug or to anything below it; 0 when unknown. */
  subjectArticles(kind: SubjectKind, slug: string): number {
    return this.subjects.get(`${kind}:${slug}`) ?? 0;
  }

  /**
   * Doc-list entries a search reads: for each word, the articles it is in; for a prefix term, the
   * articles each word it starts is in, summed (every such word's list is read and merged).
   */
  postings(search: ParsedSearch): number {
    let total = 0;
    for (const term of [...search.groups.flat(), ...search.excluded]) total += this.termPostings(term);
    return total;
  }

  /** Articles a search can match at most: its best-matched group's rarest term (AND), summed over OR groups. */
  matches(search: ParsedSearch): number {
    let total = 0;
    for (const group of search.groups) total += Math.min(...group.map((term) => this.termPostings(term)));
    return Math.min(total, this.articles);
  }

  private termPostings(term: Term): number {
    const words = fold(term.text).match(WORD) ?? [];
    let sampledDocs = 0;
    for (const [i, word] of words.entries()) {
      const last = i === words.length - 1;
      sampledDocs += term.prefix && last ? this.prefixDocs(word) : this.prefixDocs(word, true);
    }
    // A prefix term merges the doc-lists of every word it starts: measured at about three times the work of reading them.
    const merge = term.prefix ? PREFIX_MERGE : 1;
    // A word the sample does not hold is rare: it still costs a lookup.
    return Math.max(words.length, Math.round((merge * sampledDocs * this.articles) / Math.max(1, this.sampled)));
  }

  /** Sampled articles of the words starting with `prefix` (or of `prefix` alone, when exact), summed per word. */
  private prefixDocs(prefix: string, exact = false): number {
    const from = lowerBound(this.words, prefix);
    const to = exact ? (this.words[from] === prefix ? from + 1 : from) : lowerBound(this.words, `${prefix}\uffff`);
    return this.runningDocs[to] - this.runningDocs[from];
  }

  private async read(sql: Sql): Promise<void> {
    const [totals] = await sql.all<{ articles: number | null; links: number | null }>(
      'SELECT (SELECT max(id) FROM article) AS articles, (SELECT sum(articles) FROM link_subject) AS links',
    );
    const articles = totals?.articles ?? 0;
    const subjects = new Map<string, number>();
    for (const { kind, table, tree } of Object.values(subjectTables)) {
      const rows = await sql.all<{ id: number; slug: string; parent: number | null; n: number }>(
        `SELECT e.id, e.slug, ${tree ? 'e.parent_id' : 'NULL'} AS parent, coalesce(s.articles, 0) AS n FROM ${table} e ` +
          'LEFT JOIN link_subject s ON s.subject_kind = ? AND s.subject_id = e.id',
        [kind],
      );
      // With its subtree: each subject's count added to every ancestor's (an upper bound: an article
      // linked to two places of one region counts twice).
      const byId = new Map(rows.map((row) => [row.id, row]));
      const total = new Map(rows.map((row) => [row.id, row.n]));
      for (const row of rows) {
        for (let up = row.parent, hops = 0; up !== null && hops < 32; hops++) {
          total.set(up, (total.get(up) ?? 0) + row.n);
          up = byId.get(up)?.parent ?? null;
        }
      }
      for (const row of rows) subjects.set(`${kind}:${row.slug}`, total.get(row.id)!);
    }
    const sample = await this.sampleWords(sql, articles);
    this.articles = articles;
    this.linksPerArticle = articles > 0 ? (totals?.links ?? 0) / articles : 0;
    this.subjects = subjects;
    this.words = sample.words;
    this.runningDocs = sample.running;
    this.sampled = sample.docs;
    this.refreshedAt = Date.now();
  }

  /** The words of a random sample of articles, each with how many sampled articles hold it. */
  private async sampleWords(sql: Sql, articles: number): Promise<{ words: string[]; running: number[]; docs: number }> {
    const ids = new Set<number>();
    const wanted = Math.min(SAMPLE_SIZE, articles);
    while (ids.size < wanted) ids.add(1 + Math.floor(Math.random() * articles));
    const rows =
      ids.size === 0
        ? []
        : await sql.all<{ text: string }>(
            `SELECT coalesce(title, '') || ' ' || coalesce(summary, '') || ' ' || coalesce(body, '') AS text FROM article WHERE id IN (${placeholders(ids.size)})`,
            [...ids],
          );
    const docsOf = new Map<string, number>();
    for (let i = 0; i < rows.length; i += SAMPLE_CHUNK) {
      for (const { text } of rows.slice(i, i + SAMPLE_CHUNK)) {
        for (const word of new Set(fold(text).match(WORD) ?? [])) docsOf.set(word, (docsOf.get(word) ?? 0) + 1);
      }
      await nextTurn();
    }
    const words = [...docsOf.keys()].sort();
    const running = [0];
    for (const word of words) running.push(running[running.length - 1] + docsOf.get(word)!);
    return { words, running, docs: rows.length };
  }
}

/** The first index whose word is not below `word`. */
function lowerBound(words: string[], word: string): number {
  let low = 0;
  let high = words.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (words[mid] < word) low = mid + 1;
    else high = mid;
  }
  return low;
}
