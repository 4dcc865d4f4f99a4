import DataLoader from 'dataloader';
import { SubjectKind } from '../article/mention-kinds';
import { inList, placeholders, type Sql } from '../db/sql';
import { type Subject, subjectTables } from './subject-table';

/**
 * One loader per subject kind, made on first use: a request pays only for the loaders it touches
 * (most touch a few of the dozen), and `loaders[kind]` reads like a plain map.
 */
class PerKind<T> {
  private readonly made: Partial<Record<SubjectKind, T>> = {};

  constructor(private readonly make: (kind: SubjectKind) => T) {}

  private get(kind: SubjectKind): T {
    let value = this.made[kind];
    if (value === undefined) {
      value = this.make(kind);
      this.made[kind] = value;
    }
    return value;
  }
  get TOPIC(): T {
    return this.get(SubjectKind.TOPIC);
  }
  get ORGANISATION(): T {
    return this.get(SubjectKind.ORGANISATION);
  }
  get PLACE(): T {
    return this.get(SubjectKind.PLACE);
  }
  get PERSON(): T {
    return this.get(SubjectKind.PERSON);
  }
}

function perKind<T>(make: (kind: SubjectKind) => T): PerKind<T> {
  return new PerKind(make);
}

/** Groups rows by a key column, in the order of `keys` (DataLoader's contract: same length and order). */
export function groupRows<K, R>(keys: readonly K[], rows: R[], keyOf: (row: R) => K): R[][] {
  const groups = new Map<K, R[]>(keys.map((key) => [key, []]));
  for (const row of rows) groups.get(keyOf(row))?.push(row);
  return keys.map((key) => groups.get(key)!);
}

export function createSubjectLoaders(sql: Sql) {
  return {
    /** A subject by database id, or null. */
    byId: perKind(
      (kind) =>
        new DataLoader<number, Subject | null>(async (ids) => {
          const { table, columns, hydrate } = subjectTables[kind];
          const keys = inList(ids);
          const rows = await sql.lookup<Record<string, unknown>>(`SELECT ${columns} FROM ${table} e WHERE e.id IN (${placeholders(keys.length)})`, keys, { samePlan: true });
          const byId = new Map(rows.map((row) => [row.id as number, hydrate(row)]));
          return ids.map((id) => byId.get(id) ?? null);
        }),
    ),
    /** The subjects of one kind linked to an article, most relevant first. */
    ofArticle: perKind(
      (kind) =>
        new DataLoader<number, Subject[]>(async (articleIds) => {
          const { table, columns, hydrate } = subjectTables[kind];
          const keys = inList(articleIds);
          const rows = await sql.lookup<Record<string, unknown>>(
            `SELECT l.article_id AS articleId, ${columns} FROM article_link l JOIN ${table} e ON e.id = l.subject_id ` +
              `WHERE l.subject_kind = ? AND l.article_id IN (${placeholders(keys.length)}) ORDER BY l.relevance DESC, e.name`,
            [kind, ...keys],
            { samePlan: true },
          );
          return groupRows(articleIds, rows, (row) => row.articleId as number).map((group) => group.map(hydrate));
        }),
    ),
    /** The direct children of a subject in its tree, by name. */
    children: perKind(
      (kind) =>
        new DataLoader<number, Subject[]>(async (parentIds) => {
          const { table, columns, hydrate } = subjectTables[kind];
          const keys = inList(parentIds);
          const rows = await sql.lookup<Record<string, unknown>>(`SELECT ${columns} FROM ${table} e WHERE e.parent_id IN (${placeholders(keys.length)}) ORDER BY e.name`, keys, {
            samePlan: true,
          });
          return groupRows(parentIds, rows, (row) => row.parentId as number).map((group) => group.map(hydrate));
        }),
    ),
  };
}
