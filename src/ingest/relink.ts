/**
 * Re-linking: when the catalogue changes, every stored article is read again by extraction with
 * the new catalogue. Rule-made links are replaced; links an editor made are kept (and win over a
 * rule link to the same subject); the timeline aggregate is kept exact article by article, and the
 * co-occurrence aggregates by their triggers, as at ingest. Articles go in batches, one transaction
 * each, so a large database is never locked for long and a cut run leaves every article either
 * relinked or as it was. The catalogue's fingerprint is kept in `quipu_state`, so a seed run can
 * tell whether the stored links were made with the catalogue it holds.
 */
import { createHash } from 'node:crypto';
import { Provenance } from '../article/mention-kinds';
import { ChangeAction, recordChange } from '../change/change-log';
import type { Sql } from '../db/sql';
import { recordSearchTerms } from '../search/search-terms';
import { countArticle, keepingTimeline, uncountArticle } from '../timeline/timeline.counts';
import { insertLinks, linkColumns, linkSets, replaceSuggestions, type SubjectIds } from './article-writer';
import type { Catalogue } from './catalogue';
import { editorialCatalogue, storedSubjectIds } from './editorial';
import { createExtractor, type Extractor } from './extract';
import { detectLanguage } from './language';
import { upsertCatalogue } from './upsert';

/** The `quipu_state` key that holds the fingerprint of the catalogue the stored links were made with. */
export const CATALOGUE_FINGERPRINT = 'catalogue_fingerprint';
const BATCH = 500;

export interface RelinkReport {
  articles: number;
  /** Rule links before and after. */
  linksBefore: number;
  linksAfter: number;
}

/** A hash of everything in the catalogue that extraction reads. */
export function catalogueFingerprint(catalogue: Catalogue): string {
  return createHash('sha256').update(JSON.stringify(catalogue)).digest('hex');
}

/** The fingerprint stored with the links, or null when none was (a database from before re-linking). */
export async function storedFingerprint(sql: Sql): Promise<string | null> {
  return (await sql.get<{ value: string }>('SELECT value FROM quipu_state WHERE key = ?', [CATALOGUE_FINGERPRINT]))?.value ?? null;
}

/**
 * Records that the stored links were made with the files' catalogue `files` as editors left it
 * (ingest/editorial.ts): the ingest calls it after a full seed, relinkArticles when it is done.
 */
export async function recordFingerprint(sql: Sql, files: Catalogue): Promise<void> {
  await sql.run('INSERT INTO quipu_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [
    CATALOGUE_FINGERPRINT,
    catalogueFingerprint(await editorialCatalogue(sql, files)),
  ]);
}

/** Whether the stored links were made with another catalogue than `files` as editors left it: then they need relinking. */
export async function catalogueChanged(sql: Sql, files: Catalogue): Promise<boolean> {
  return (await storedFingerprint(sql)) !== catalogueFingerprint(await editorialCatalogue(sql, files));
}

/** Re-runs extraction over every stored article with `files` as editors left it; see the module comment. */
export async function relinkArticles(store: Sql, files: Catalogue, onBatch?: (done: number, total: number) => void): Promise<RelinkReport> {
  const catalogue = await editorialCatalogue(store, files);
  const extract = createExtractor(catalogue);
  const rules = async (sql: Sql) => (await sql.get<{ n: number }>('SELECT count(*) AS n FROM article_link WHERE provenance = ?', [Provenance.RULE]))!.n;
  const { total, linksBefore } = await store.transaction(async (sql) => ({
    ids: await keepingTimeline(sql, () => upsertCatalogue(sql, catalogue)),
    total: (await sql.get<{ n: number }>('SELECT count(*) AS n FROM article'))!.n,
    linksBefore: await rules(sql),
  }));
  let after = 0;
  let done = 0;
  for (;;) {
    // Each batch is read, and its subjects' ids looked up, in the transaction that relinks it: an editor's
    // write between two batches (a deletion, a new text, a merge) is seen by the next one.
    const batch = await store.transaction(async (sql) => {
      const rows = await sql.all<{ id: number; title: string; summary: string; body: string | null }>(
        'SELECT id, title, summary, body FROM article WHERE id > ? ORDER BY id LIMIT ?',
        [after, BATCH],
      );
      if (rows.length > 0) await relinkBatch(sql, rows, extract, await storedSubjectIds(sql), new Date().toISOString());
      return rows;
    });
    if (batch.length === 0) break;
    after = batch[batch.length - 1].id;
    done += batch.length;
    onBatch?.(done, total);
  }
  const linksAfter = await store.transaction(async (sql) => {
    await recordFingerprint(sql, files);
    return rules(sql);
  });
  return { articles: done, linksBefore, linksAfter };
}

async function relinkBatch(
  sql: Sql,
  batch: { id: number; title: string; summary: string; body: string | null }[],
  extract: Extractor,
  ids: SubjectIds,
  now: string,
): Promise<void> {
  const articleIds = batch.map((a) => a.id);
  const before = await linkSets(sql, articleIds);
  const changed = new Set<number>();
  for (const article of batch) {
    await uncountArticle(sql, article.id);
    await sql.run('DELETE FROM article_link WHERE article_id = ? AND provenance = ?', [article.id, Provenance.RULE]);
    const language = detectLanguage(article);
    const { changes } = await sql.run('UPDATE article SET language = ? WHERE id = ? AND language IS DISTINCT FROM ?', [language, article.id, language]);
    if (changes > 0) changed.add(article.id);
    await recordSearchTerms(sql, language, [article.title, article.summary, article.body]);
  }
  const extracted = batch.map((article) => extract.withSuggestions(article));
  await insertLinks(sql, articleIds, linkColumns(extracted), ids);
  await replaceSuggestions(
    sql,
    articleIds,
    extracted.map((e) => e.suggestions),
  );
  for (const article of batch) await countArticle(sql, article.id);
  // The change log lists the articles whose links (or language) came out different.
  const after = await linkSets(sql, articleIds);
  for (const id of articleIds) if (changed.has(id) || before.get(id) !== after.get(id)) await recordChange(sql, now, ChangeAction.UPDATED, { type: 'Article', id });
}
