import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import { SubjectKind } from '../article/mention-kinds';
import { BadUserInput } from '../core/errors';
import { fromGlobalId, Node } from '../core/node';
import type { Context } from './context';

export const MAX_NODES = 100;

const subjectKindOf: Record<string, SubjectKind> = {
  Topic: SubjectKind.TOPIC,
  Organisation: SubjectKind.ORGANISATION,
  Place: SubjectKind.PLACE,
  Person: SubjectKind.PERSON,
};

function loadNode(ctx: Context, globalId: string, argument: string): Promise<object | null> {
  const { type, id } = fromGlobalId(globalId, argument);
  if (type === 'Article') return ctx.articles.byId.load(id);
  if (type === 'Source') return ctx.articles.sourceById.load(id);
  if (type === 'Channel') return ctx.channels.byId.load(id);
  return loadSubject(ctx, subjectKindOf[type], id);
}

/** A subject by id; the id of one merged into another finds the survivor. */
async function loadSubject(ctx: Context, kind: SubjectKind, id: number): Promise<object | null> {
  const subject = await ctx.subjects.byId[kind].load(id);
  if (subject) return subject;
  const [redirect] = await ctx.sql.lookup<{ into: number }>(
    'SELECT into_id AS "into" FROM subject_redirect WHERE subject_kind = ? AND from_id = ? AND into_id <> from_id LIMIT 1',
    [kind, id],
  );
  return redirect ? ctx.subjects.byId[kind].load(redirect.into) : null;
}

@Resolver()
export class NodeResolver {
  @Query(() => Node, {
    nullable: true,
    description: 'Any object by its global id (the id of a merged subject finds the subject it was merged into); null when it no longer exists.',
  })
  node(@Ctx() ctx: Context, @Arg('id', () => ID, { description: 'A global id from an `id` field.' }) id: string) {
    return loadNode(ctx, id, 'id');
  }

  @Query(() => [Node], { nullable: 'items', description: `Objects by global id, in the order asked (null for any that no longer exist); at most ${MAX_NODES}.` })
  nodes(@Ctx() ctx: Context, @Arg('ids', () => [ID], { description: 'Global ids from `id` fields.' }) ids: string[]) {
    if (ids.length > MAX_NODES) throw new BadUserInput(`ids holds ${ids.length} ids; at most ${MAX_NODES} are allowed`, 'ids');
    return Promise.all(ids.map((id, i) => loadNode(ctx, id, `ids[${i}]`)));
  }
}
