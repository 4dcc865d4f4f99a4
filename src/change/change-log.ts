/**
 * The change log: one row per thing created, updated, deleted, linked or unlinked, written in the
 * transaction that made the change, so `Query.changes` lists exactly what committed, in commit order.
 * On SQLite one writer commits at a time and `seq` is AUTOINCREMENT: a reader never sees a row
 * without every row before it, so the list has no gaps and a cursor (the seq) is stable.
 *
 * Who writes it: ingest (subjects and articles created and updated; links are the article's, and an
 * UPDATED article is re-read whole by a mirror), the bulk writer (its articles, a statement per batch),
 * a re-link (UPDATED for each article whose links came out different) and the editorial desk (every
 * mutation).
 */
import type { NodeType } from '../core/node';
import type { Sql } from '../db/sql';

/** What happened to a node. */
export enum ChangeAction {
  CREATED = 'CREATED',
  UPDATED = 'UPDATED',
  DELETED = 'DELETED',
  LINKED = 'LINKED',
  UNLINKED = 'UNLINKED',
  MERGED = 'MERGED',
}

export interface NodeRef {
  type: NodeType;
  id: number;
}

/**
 * Records one change. `subject` is the other end of a LINKED or UNLINKED article, and the survivor of
 * a MERGED subject.
 */
export async function recordChange(sql: Sql, at: string, action: ChangeAction, node: NodeRef, subject?: NodeRef): Promise<void> {
  await sql.run('INSERT INTO change_entry (at, action, node_type, node_id, subject_type, subject_id) VALUES (?, ?, ?, ?, ?, ?)', [
    at,
    action,
    node.type,
    node.id,
    subject?.type ?? null,
    subject?.id ?? null,
  ]);
}

/** Records every article from `firstId` on as CREATED, in id order: the bulk writer's batch, one statement. */
export async function recordArticlesCreated(sql: Sql, at: string, firstId: number): Promise<void> {
  await sql.run("INSERT INTO change_entry (at, action, node_type, node_id) SELECT ?, 'CREATED', 'Article', id FROM article WHERE id >= ? ORDER BY id", [at, firstId]);
}
