import { ArgsType, Field, Int, ObjectType } from 'type-graphql';
import type { SubjectKind } from '../article/mention-kinds';
import { encodeCursor, PageArgs, PageInfo, pageRequest, pageWindow } from '../core/connection';
import { BadUserInput } from '../core/errors';
import type { Sql, SqlValue } from '../db/sql';
import { fold } from '../ingest/fold';
import { type Subject, subjectTables } from './subject-table';

@ArgsType()
export class SubjectListArgs extends PageArgs {
  @Field(() => String, { nullable: true, description: 'Keep those whose name or an alias contains this text, ignoring case and diacritics.' })
  search?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'true: only those that at least one article is linked to directly (the catalogue also holds every district of Peru, most of them in no article); false: only those no article is linked to directly. Places and topics below do not count.',
  })
  linked?: boolean | null;
}

/** The shape every subject list shares; one class per subject type keeps the schema precise. */
export interface SubjectConnectionShape<T extends Subject> {
  edges: { cursor: string; node: T }[];
  nodes: T[];
  pageInfo: PageInfo;
  totalCount: number;
}

/** Makes `TopicConnection` and friends: a Relay connection over one subject type, in name order. */
export function subjectConnectionType<T extends Subject>(Node: new () => T, typeName: string) {
  @ObjectType(`${typeName}Edge`, { simpleResolvers: true, description: `A ${typeName.toLowerCase()} in a connection, with its cursor.` })
  class Edge {
    @Field({ description: 'Pass as `after` or `before` to page from here.' })
    cursor!: string;
    @Field(() => Node, { description: `The ${typeName.toLowerCase()}.` })
    node!: T;
  }

  @ObjectType(`${typeName}Connection`, {
    simpleResolvers: true,
    description: `A page of ${typeName.toLowerCase()} entries in name order, ignoring case and accents (Relay cursor connection).`,
  })
  class Connection implements SubjectConnectionShape<T> {
    @Field(() => [Edge], { description: 'The entries of this page, each with its cursor.' })
    edges!: Edge[];
    @Field(() => [Node], { description: 'The entries of this page.' })
    nodes!: T[];
    @Field(() => PageInfo, { description: 'Cursors and whether more pages exist.' })
    pageInfo!: PageInfo;
    @Field(() => Int, { description: 'How many entries the whole list holds (search applied).' })
    totalCount!: number;
  }
  return Connection;
}

/**
 * One page of a subject list by keyset on (name, id). The total comes from the same statement
 * (a window count), so a list costs one statement whatever is selected.
 */
export async function listSubjects(sql: Sql, kind: SubjectKind, args: SubjectListArgs, extra?: { text: string; params: SqlValue[] }) {
  const { table, columns, hydrate } = subjectTables[kind];
  const tag = `${table}:name`;
  const page = pageRequest(args, tag);
  const where: string[] = [];
  const params: SqlValue[] = [];
  if (args.search != null) {
    const needle = fold(args.search).trim();
    if (needle.length === 0) throw new BadUserInput('search is empty; give some letters of the name, or leave it out', 'search');
    where.push(`e.search_key LIKE ? ESCAPE '\\'`);
    params.push(`%${needle.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  }
  if (args.linked != null) {
    where.push(`${args.linked ? '' : 'NOT '}EXISTS (SELECT 1 FROM article_link l WHERE l.subject_kind = ? AND l.subject_id = e.id)`);
    params.push(kind);
  }
  if (extra) {
    where.push(extra.text);
    params.push(...extra.params);
  }
  const filter = where.length > 0 ? where.join(' AND ') : 'TRUE';
  const down = page.backward;
  const direction = down ? 'DESC' : 'ASC';
  // search_key starts with the folded name, so it orders by name ignoring case and accents.
  const after = page.cursor ? `AND (e.sortKey, e.id) ${down ? '<' : '>'} (?, ?)` : '';
  const rows = await sql.all<Record<string, unknown>>(
    `SELECT * FROM (SELECT ${columns}, e.search_key AS sortKey, count(*) OVER () AS totalCount FROM ${table} e WHERE ${filter}) e ` +
      `WHERE TRUE ${after} ORDER BY e.sortKey ${direction}, e.id ${direction} LIMIT ?`,
    [...params, ...((page.cursor ?? []) as SqlValue[]), page.size + 1],
  );
  const { items, pageInfo } = pageWindow(rows, page);
  const cursors = items.map((row) => encodeCursor(tag, [row.sortKey as string, row.id as number]));
  const total = rows.length > 0 ? (rows[0].totalCount as number) : page.cursor ? await countAll(sql, table, filter, params) : 0;
  return {
    edges: items.map((row, i) => ({ cursor: cursors[i], node: hydrate(row) })),
    nodes: items.map(hydrate),
    pageInfo: { ...pageInfo, startCursor: cursors[0] ?? null, endCursor: cursors[cursors.length - 1] ?? null },
    totalCount: total,
  };
}

/** An empty page past a cursor still owes the list's total. */
async function countAll(sql: Sql, table: string, filter: string, params: SqlValue[]): Promise<number> {
  return (await sql.get<{ n: number }>(`SELECT count(*) AS n FROM ${table} e WHERE ${filter}`, params))!.n;
}
