import type Database from 'better-sqlite3';
import type { IndexSource } from '../article-index';

/**
 * The article index's reads on a reader process's own connection (reader.process.ts): synchronous
 * statements, so a snapshot's reads run back to back, never between another message's.
 */
export function sqliteIndexSource(db: Database.Database): IndexSource {
  const raw = <T>(text: string, ...params: unknown[]) =>
    Promise.resolve(
      db
        .prepare(text)
        .raw()
        .all(...params) as T,
    );
  const inList = (ids: number[]) => ids.map(() => '?').join(', ');
  return {
    subjects: (table, tree) => raw(`SELECT id, ${tree ? 'parent_id' : 'NULL'} FROM ${table}`),
    postings: (kind, subject) =>
      Promise.resolve(db.prepare('SELECT article_id FROM article_link WHERE subject_kind = ? AND subject_id = ? ORDER BY article_id').pluck().all(kind, subject) as number[]),
    maxArticleId: () => Promise.resolve(db.prepare('SELECT coalesce(max(id), 0) FROM article').pluck().get() as number),
    articlesAfter: (after, limit) => raw('SELECT id, published_at, kind FROM article WHERE id > ? ORDER BY id LIMIT ?', after, limit),
    articles: (ids) => raw(`SELECT id, published_at, kind FROM article WHERE id IN (${inList(ids)})`, ...ids),
    links: (ids) => raw(`SELECT subject_kind, subject_id, article_id FROM article_link WHERE article_id IN (${inList(ids)})`, ...ids),
    // The AUTOINCREMENT counter: right even when the log's rows were deleted.
    lastSeq: () => Promise.resolve((db.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'article_change'").pluck().get() as number | undefined) ?? 0),
    changesAfter: (seq) => raw('SELECT seq, article_id FROM article_change WHERE seq > ? ORDER BY seq', seq),
    async snapshot(work) {
      db.exec('BEGIN');
      try {
        return await work();
      } finally {
        db.exec('COMMIT');
      }
    },
  };
}
