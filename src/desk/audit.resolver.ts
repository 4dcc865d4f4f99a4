import { DateTimeResolver, JSONResolver } from 'graphql-scalars';
import { Arg, Args, Ctx, Field, ID, Int, ObjectType, Query, Resolver } from 'type-graphql';
import { encodeCursor, PageArgs, PageInfo, pageRequest, pageWindow } from '../core/connection';
import { fromGlobalId, NODE_TYPES, type NodeType, toGlobalId } from '../core/node';
import type { SqlValue } from '../db/sql';
import type { Context } from '../graph/context';
import { requireEditor } from './editor';

@ObjectType({ simpleResolvers: true, description: 'One editor’s write: who, when, what, and the node before and after it.' })
export class AuditEntry {
  @Field(() => Int, { description: 'Its place in the audit log (ascending with time).' })
  sequence!: number;

  @Field(() => DateTimeResolver, { description: 'When the write committed.' })
  at!: string;

  @Field({ description: 'The name of the key that wrote.' })
  editor!: string;

  @Field(() => ID, { nullable: true, description: 'The id of the key that wrote (as `npm run keys -- list` shows it).' })
  keyId!: string | null;

  @Field({ description: 'What was done: CREATED, UPDATED, DELETED, LINKED, UNLINKED, MERGED, REJECTED_SUGGESTION.' })
  action!: string;

  @Field({ description: 'The type of the node written: Article, Topic, Organisation, Place, Person (Suggestion for a rejection).' })
  nodeType!: string;

  @Field(() => ID, { nullable: true, description: 'The global id of the node written; null for a suggestion.' })
  nodeId!: string | null;

  @Field(() => JSONResolver, { nullable: true, description: 'The node’s fields before the write (a link: the link); null for a creation.' })
  before!: unknown;

  @Field(() => JSONResolver, { nullable: true, description: 'The node’s fields after the write; null for a deletion.' })
  after!: unknown;
}

@ObjectType({ simpleResolvers: true, description: 'An audit entry with its cursor.' })
class AuditEntryEdge {
  @Field({ description: 'Pass as `after` to page on.' })
  cursor!: string;
  @Field(() => AuditEntry, { description: 'The entry.' })
  node!: AuditEntry;
}

@ObjectType({ simpleResolvers: true, description: 'A page of the audit log, newest first (Relay cursor connection).' })
export class AuditEntryConnection {
  @Field(() => [AuditEntryEdge], { description: 'The entries of this page, each with its cursor.' })
  edges!: AuditEntryEdge[];
  @Field(() => [AuditEntry], { description: 'The entries of this page.' })
  nodes!: AuditEntry[];
  @Field(() => PageInfo, { description: 'Cursors and whether more pages exist.' })
  pageInfo!: PageInfo;
}

const TAG = 'audit';

interface AuditRow {
  sequence: number;
  at: string;
  editor: string;
  keyId: number | null;
  action: string;
  nodeType: string;
  nodeId: number;
  before: string | null;
  after: string | null;
}

@Resolver(() => AuditEntry)
export class AuditResolver {
  @Query(() => AuditEntryConnection, { description: 'Every editor’s write, newest first, optionally of one node (editor and admin keys only).' })
  async auditLog(
    @Args() args: PageArgs,
    @Ctx() ctx: Context,
    @Arg('subject', () => ID, { nullable: true, description: 'Only the writes to this node: an article, topic, organisation, place or person (a merged subject’s id too).' })
    subject?: string | null,
  ): Promise<AuditEntryConnection> {
    requireEditor(ctx);
    const page = pageRequest(args, TAG);
    const where: string[] = [];
    const params: SqlValue[] = [];
    if (subject != null) {
      const { type, id } = fromGlobalId(subject, 'subject');
      where.push('node_type = ? AND node_id = ?');
      params.push(type, id);
    }
    const cursor = page.cursor as [number, number] | null;
    if (cursor) {
      where.push(page.backward ? 'id > ?' : 'id < ?');
      params.push(cursor[0]);
    }
    const rows = await ctx.sql.all<AuditRow>(
      'SELECT id AS sequence, at, key_name AS editor, key_id AS keyId, action, node_type AS nodeType, node_id AS nodeId, before, after FROM audit_entry ' +
        `${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id ${page.backward ? 'ASC' : 'DESC'} LIMIT ?`,
      [...params, page.size + 1],
    );
    const { items, pageInfo } = pageWindow(rows, page);
    const nodes = items.map((row) => ({
      sequence: row.sequence,
      at: row.at,
      editor: row.editor,
      keyId: row.keyId === null ? null : String(row.keyId),
      action: row.action,
      nodeType: row.nodeType,
      nodeId: (NODE_TYPES as readonly string[]).includes(row.nodeType) ? toGlobalId(row.nodeType as NodeType, row.nodeId) : null,
      before: row.before === null ? null : JSON.parse(row.before),
      after: row.after === null ? null : JSON.parse(row.after),
    }));
    const cursors = nodes.map((node) => encodeCursor(TAG, [node.sequence, 0]));
    return {
      edges: nodes.map((node, i) => ({ cursor: cursors[i], node })),
      nodes,
      pageInfo: { ...pageInfo, startCursor: cursors[0] ?? null, endCursor: cursors[cursors.length - 1] ?? null },
    };
  }
}
