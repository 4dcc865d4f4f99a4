import type pg from 'pg';
import type { IndexSource } from '../article-index';

/**
 * The article index's reads on a PostgreSQL connection of its own (article-index.worker.ts). A snapshot
 * is a REPEATABLE READ transaction: the log and the rows it applies are of one moment, as SQLite's read
 * transaction gives. The writers' lock (pg.store.ts) hands out the log's seqs in commit order, so a
 * snapshot that sees seq n has seen every seq below it. A snapshot costs no round trip of its own: its BEGIN travels
 * with its first read, and its COMMIT is not waited for.
 */
export function pgIndexSource(client: pg.Client): IndexSource {
  /** A snapshot's BEGIN not sent yet: it goes in one message with the snapshot's first read (one round trip, not two). */
  let begin: string | null = null;
  const rows = async <T>(text: string, values: unknown[] = []): Promise<T> => {
    if (begin !== null) {
      const first = begin;
      begin = null;
      if (values.every(Number.isSafeInteger)) {
        // The simple protocol carries both statements; its values are integers, written into the text.
        const results = (await client.query({
          text: `${first}; ${text.replace(/\$(\d+)/g, (_, n: string) => String(values[Number(n) - 1]))}`,
          rowMode: 'array',
        })) as unknown as pg.QueryResult[];
        return results[1].rows as T;
      }
      await client.query(first);
    }
    return (await client.query({ text, values, rowMode: 'array' })).rows as T;
  };
  return {
    subjects: (table, tree) => rows(`SELECT id, ${tree ? 'parent_id' : 'NULL::integer'} FROM ${table}`),
    postings: async (kind, subject) =>
      (await rows<[number][]>('SELECT article_id FROM article_link WHERE subject_kind = $1 AND subject_id = $2 ORDER BY article_id', [kind, subject])).map(([id]) => id),
    maxArticleId: async () => (await rows<[number][]>('SELECT coalesce(max(id), 0) FROM article'))[0][0],
    articlesAfter: (after, limit) => rows('SELECT id, published_at, kind FROM article WHERE id > $1 ORDER BY id LIMIT $2', [after, limit]),
    articles: (ids) => rows('SELECT id, published_at, kind FROM article WHERE id = ANY($1)', [ids]),
    links: (ids) => rows('SELECT subject_kind, subject_id, article_id FROM article_link WHERE article_id = ANY($1)', [ids]),
    // The last committed seq (not the identity's counter, which a writer still in its transaction may have moved).
    lastSeq: async () => (await rows<[number][]>('SELECT coalesce(max(seq), 0) FROM article_change'))[0][0],
    changesAfter: (seq) => rows('SELECT seq, article_id FROM article_change WHERE seq > $1 ORDER BY seq', [seq]),
    async snapshot(work) {
      begin = 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY';
      try {
        return await work();
      } finally {
        // Nothing read, nothing begun. Else the answer need not wait for the COMMIT: the connection sends it before
        // the next snapshot's BEGIN, and a failed connection ends the worker (article-index.worker.ts).
        if (begin !== null) begin = null;
        else client.query('COMMIT').catch(() => undefined);
      }
    },
  };
}
