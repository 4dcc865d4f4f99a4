import type { SubjectKind } from '../article/mention-kinds';
import type { Context } from '../graph/context';
import { linkLoaders } from './links.loaders';
import { checkKinds, checkRange, measures } from './links.query';
import type { RelatedSubject, SubjectRef } from './links.types';

/** `related(first:)` range. */
export const MAX_RELATED_SUBJECTS = 50;

/** A subject's most linked subjects, from the pair aggregate, batched across parents. */
export async function relatedSubjects(ctx: Context, subject: SubjectRef, kinds: SubjectKind[] | null | undefined, first: number): Promise<RelatedSubject[]> {
  checkRange(first, 'first', 1, MAX_RELATED_SUBJECTS);
  const rows = await linkLoaders(ctx).related.load({ subject, kinds: checkKinds(kinds), first });
  return rows.map((row) => ({
    count: row.count,
    ...measures(row.count, row.na, row.nb, row.total),
    stats: { a: subject, b: { kind: row.kind, id: row.id }, count: row.count, na: row.na, nb: row.nb, total: row.total, evidence: null },
  }));
}
