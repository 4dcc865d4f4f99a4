/** A subject's stored row, read in a write's transaction, and as the audit log keeps it. */
import type { SubjectKind } from '../article/mention-kinds';
import type { Sql } from '../db/sql';
import { subjectTables } from '../subject/subject-table';

/** The stored row of a subject, every column. */
export async function subjectRow(tx: Sql, kind: SubjectKind, id: number): Promise<Record<string, unknown>> {
  return (await tx.get<Record<string, unknown>>(`SELECT * FROM ${subjectTables[kind].table} WHERE id = ?`, [id]))!;
}

/** A stored row as the audit log keeps it: no derived columns. */
export function snapshot(row: Record<string, unknown>): Record<string, unknown> {
  const { search_key: _, edited_at: __, ...rest } = row;
  return rest;
}
