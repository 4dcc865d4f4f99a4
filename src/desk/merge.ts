/**
 * Merging one subject into another (mergeEntities): its links (an editor's winning over a rule's,
 * the survivor's vetoes kept), vetoes, aliases, children, a mine site's operator, the stored channel
 * filters that name it and its old slugs move to the survivor; then it is removed, and its slug and id
 * resolve to the survivor from then on.
 */
import { SubjectKind } from '../article/mention-kinds';
import { ChangeAction, recordChange } from '../change/change-log';
import type { Sql } from '../db/sql';
import { fold } from '../ingest/fold';
import { subjectTables } from '../subject/subject-table';
import { countArticle, uncountArticle } from '../timeline/timeline.counts';
import type { Write } from './desk-writes';
import { snapshot, subjectRow } from './subject-rows';

/** Moves everything of `from` to `into` and removes it (see mergeEntities). */
export async function mergeOne(write: Write, into: { kind: SubjectKind; id: number }, from: { kind: SubjectKind; type: string; id: number; slug: string }): Promise<void> {
  const { tx } = write;
  const { kind } = into;
  const { table, type } = subjectTables[kind];
  const articles = (await tx.all<{ id: number }>('SELECT article_id AS id FROM article_link WHERE subject_kind = ? AND subject_id = ?', [kind, from.id])).map((r) => r.id);
  for (const id of articles) await uncountArticle(tx, id);
  // An editor's link wins over a rule's where both subjects were linked to one article.
  await tx.run(
    "UPDATE article_link SET provenance = 'EDITOR', editor = (SELECT f.editor FROM article_link f WHERE f.article_id = article_link.article_id AND f.subject_kind = ? AND f.subject_id = ?) " +
      "WHERE subject_kind = ? AND subject_id = ? AND provenance = 'RULE' AND article_id IN (SELECT article_id FROM article_link WHERE subject_kind = ? AND subject_id = ? AND provenance = 'EDITOR')",
    [kind, from.id, kind, into.id, kind, from.id],
  );
  await tx.run(
    'INSERT INTO article_link (article_id, subject_kind, subject_id, relevance, provenance, evidence, editor) ' +
      'SELECT article_id, subject_kind, ?, relevance, provenance, evidence, editor FROM article_link f WHERE subject_kind = ? AND subject_id = ? ' +
      // A link an editor removed from the survivor stays removed.
      'AND NOT EXISTS (SELECT 1 FROM link_veto v WHERE v.article_id = f.article_id AND v.subject_kind = f.subject_kind AND v.subject_id = ?) ORDER BY article_id ON CONFLICT DO NOTHING',
    [into.id, kind, from.id, into.id],
  );
  await tx.run('DELETE FROM article_link WHERE subject_kind = ? AND subject_id = ?', [kind, from.id]);
  await tx.run(
    'INSERT INTO link_veto (article_id, subject_kind, subject_id, key_name, at) SELECT article_id, subject_kind, ?, key_name, at FROM link_veto WHERE subject_kind = ? AND subject_id = ? ON CONFLICT DO NOTHING',
    [into.id, kind, from.id],
  );
  await tx.run('DELETE FROM link_veto WHERE subject_kind = ? AND subject_id = ?', [kind, from.id]);
  for (const id of articles) {
    await countArticle(tx, id);
    // Its links changed: a mirror reads it again.
    await recordChange(tx, write.at, ChangeAction.UPDATED, { type: 'Article', id });
  }

  const fromRow = await subjectRow(tx, kind, from.id);
  const intoRow = await subjectRow(tx, kind, into.id);
  if (kind !== SubjectKind.TOPIC) {
    const names = [...(JSON.parse(intoRow.aliases as string) as string[]), fromRow.name as string, ...(JSON.parse(fromRow.aliases as string) as string[])];
    const aliases = [...new Set(names)].filter((name) => name !== intoRow.name);
    await tx.run(`UPDATE ${table} SET aliases = ?, search_key = ? WHERE id = ?`, [JSON.stringify(aliases), [intoRow.name as string, ...aliases].map(fold).join('\t'), into.id]);
  }
  if (kind !== SubjectKind.PERSON) await tx.run(`UPDATE ${table} SET parent_id = ? WHERE parent_id = ?`, [into.id, from.id]);
  if (kind === SubjectKind.ORGANISATION) await tx.run('UPDATE place SET operator_id = ? WHERE operator_id = ?', [into.id, from.id]);
  await moveChannelSlugs(tx, kind, from.slug, intoRow.slug as string);
  await tx.run('UPDATE subject_redirect SET into_id = ? WHERE subject_kind = ? AND into_id = ?', [into.id, kind, from.id]);
  await tx.run(
    'INSERT INTO subject_redirect (subject_kind, slug, from_id, into_id) VALUES (?, ?, ?, ?) ON CONFLICT (subject_kind, slug) DO UPDATE SET into_id = excluded.into_id',
    [kind, from.slug, from.id, into.id],
  );
  await tx.run('UPDATE suggestion_decision SET subject_id = ? WHERE subject_kind = ? AND subject_id = ?', [into.id, kind, from.id]);
  await tx.run(`DELETE FROM ${table} WHERE id = ?`, [from.id]);
  await write.record('MERGED', { type, id: from.id }, snapshot(fromRow), { into: intoRow.slug }, { action: ChangeAction.MERGED, subject: { type, id: into.id } });
}

/** The channel filter key of each kind. */
const FILTER_KEY: Record<SubjectKind, string> = {
  [SubjectKind.TOPIC]: 'topics',
  [SubjectKind.ORGANISATION]: 'organisations',
  [SubjectKind.PLACE]: 'places',
  [SubjectKind.PERSON]: 'people',
};

/** Rewrites every stored channel filter that names `from` to name `into` instead. */
async function moveChannelSlugs(tx: Sql, kind: SubjectKind, from: string, into: string): Promise<void> {
  const key = FILTER_KEY[kind];
  const rewrite = (filter: unknown): unknown => {
    if (Array.isArray(filter)) return filter.map(rewrite);
    if (filter === null || typeof filter !== 'object') return filter;
    return Object.fromEntries(
      Object.entries(filter).map(([name, value]) => {
        if (name !== key || value === null || typeof value !== 'object') return [name, rewrite(value)];
        const match = value as Record<string, string[] | undefined>;
        return [name, Object.fromEntries(Object.entries(match).map(([op, slugs]) => [op, Array.isArray(slugs) ? [...new Set(slugs.map((s) => (s === from ? into : s)))] : slugs]))];
      }),
    );
  };
  for (const channel of await tx.all<{ id: number; filter: string }>('SELECT id, filter FROM channel WHERE filter LIKE ?', [`%"${from}"%`])) {
    const filter = JSON.stringify(rewrite(JSON.parse(channel.filter)));
    if (filter !== channel.filter) await tx.run('UPDATE channel SET filter = ? WHERE id = ?', [filter, channel.id]);
  }
}
