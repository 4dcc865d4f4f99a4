import { DateTimeResolver } from 'graphql-scalars';
import { Args, Ctx, Field, ID, Int, ObjectType, Query, Resolver, registerEnumType } from 'type-graphql';
import { encodeCursor, PageArgs, PageInfo, pageRequest, pageWindow } from '../core/connection';
import { type NodeType, toGlobalId } from '../core/node';
import type { Context } from '../graph/context';
import { ChangeAction } from './change-log';

registerEnumType(ChangeAction, {
  name: 'ChangeAction',
  description: 'What happened to a node.',
  valuesConfig: {
    CREATED: { description: 'It was created (ingest, or an editor).' },
    UPDATED: { description: 'Its content or fields changed: read it again.' },
    DELETED: { description: 'It was deleted: `node(id:)` answers null from now on.' },
    LINKED: { description: 'An editor linked the article to `subjectId`.' },
    UNLINKED: { description: 'An editor removed the article’s link to `subjectId`.' },
    MERGED: { description: 'The subject was merged into `subjectId`: its id and slug resolve there now.' },
  },
});

@ObjectType({ simpleResolvers: true, description: 'One change to Quipu’s content, as it committed.' })
export class Change {
  @Field(() => Int, { description: 'Its place in the change log: every change has the next number, with no gaps.' })
  sequence!: number;

  @Field(() => DateTimeResolver, { description: 'When it committed.' })
  at!: string;

  @Field(() => ChangeAction, { description: 'What happened.' })
  action!: ChangeAction;

  @Field({ description: 'The type of the node that changed: Article, Topic, Organisation, Place or Person.' })
  nodeType!: string;

  @Field(() => ID, { description: 'The global id of the node that changed.' })
  nodeId!: string;

  @Field(() => ID, { nullable: true, description: 'The other end: the subject an article was linked to or unlinked from, the subject a merged one became.' })
  subjectId!: string | null;
}

@ObjectType({ simpleResolvers: true, description: 'A change with its cursor.' })
class ChangeEdge {
  @Field({ description: 'Pass as `after` to read the changes after this one.' })
  cursor!: string;
  @Field(() => Change, { description: 'The change.' })
  node!: Change;
}

@ObjectType({ simpleResolvers: true, description: 'A page of the change log, oldest first (Relay cursor connection).' })
export class ChangeConnection {
  @Field(() => [ChangeEdge], { description: 'The changes of this page, each with its cursor.' })
  edges!: ChangeEdge[];
  @Field(() => [Change], { description: 'The changes of this page.' })
  nodes!: Change[];
  @Field(() => PageInfo, {
    description:
      'Cursors and whether more pages exist. To follow changes, keep `endCursor` and ask again with it as `after`; an empty page answers the `after` given as its `endCursor`.',
  })
  pageInfo!: PageInfo;
}

const TAG = 'change';

interface ChangeRow {
  sequence: number;
  at: string;
  action: ChangeAction;
  nodeType: NodeType;
  nodeId: number;
  subjectType: NodeType | null;
  subjectId: number | null;
}

@Resolver(() => Change)
export class ChangeResolver {
  @Query(() => ChangeConnection, {
    description:
      'What was created, updated, deleted, linked, unlinked and merged, oldest first, in commit order with no gaps: page through it with `after` to mirror Quipu, removals included. Ingest and editors write it; a bulk load into a new database does not.',
  })
  async changes(@Args() args: PageArgs, @Ctx() ctx: Context): Promise<ChangeConnection> {
    const page = pageRequest(args, TAG);
    const cursor = page.cursor as [number, number] | null;
    const where = cursor ? (page.backward ? 'WHERE seq < ?' : 'WHERE seq > ?') : '';
    const rows = await ctx.sql.all<ChangeRow>(
      'SELECT seq AS sequence, at, action, node_type AS nodeType, node_id AS nodeId, subject_type AS subjectType, subject_id AS subjectId ' +
        `FROM change_entry ${where} ORDER BY seq ${page.backward ? 'DESC' : 'ASC'} LIMIT ?`,
      [...(cursor ? [cursor[0]] : []), page.size + 1],
    );
    const { items, pageInfo } = pageWindow(rows, page);
    const nodes = items.map((row) => ({
      sequence: row.sequence,
      at: row.at,
      action: row.action,
      nodeType: row.nodeType,
      nodeId: toGlobalId(row.nodeType, row.nodeId),
      subjectId: row.subjectType && row.subjectId !== null ? toGlobalId(row.subjectType, row.subjectId) : null,
    }));
    const cursors = nodes.map((node) => encodeCursor(TAG, [node.sequence, 0]));
    return {
      edges: nodes.map((node, i) => ({ cursor: cursors[i], node })),
      nodes,
      pageInfo: { ...pageInfo, startCursor: cursors[0] ?? args.after ?? null, endCursor: cursors[cursors.length - 1] ?? args.after ?? args.before ?? null },
    };
  }
}
