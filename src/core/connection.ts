import { ArgsType, Field, Int, ObjectType } from 'type-graphql';
import { BadUserInput } from './errors';

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

@ObjectType({ simpleResolvers: true, description: 'Where a page sits in its connection (Relay cursor connections).' })
export class PageInfo {
  @Field({ description: 'True when more items follow this page (in the direction of `first`).' })
  hasNextPage!: boolean;

  @Field({ description: 'True when items precede this page (in the direction of `last`, or after an `after` cursor).' })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Cursor of the first edge; null on an empty page.' })
  startCursor!: string | null;

  @Field(() => String, { nullable: true, description: 'Cursor of the last edge; null on an empty page.' })
  endCursor!: string | null;
}

@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, description: `Items after \`after\`, from the start. Default ${DEFAULT_PAGE_SIZE}, at most ${MAX_PAGE_SIZE}; 0 returns only totals.` })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Cursor from a previous page: return the items after it.' })
  after?: string | null;

  @Field(() => Int, { nullable: true, description: `Items before \`before\`, from the end. At most ${MAX_PAGE_SIZE}.` })
  last?: number | null;

  @Field(() => String, { nullable: true, description: 'Cursor from a previous page: return the items before it.' })
  before?: string | null;
}

/** A validated page request: read `size` items forward (first/after) or backward (last/before). */
export interface PageRequest {
  size: number;
  backward: boolean;
  cursor: unknown[] | null;
  /** Set when the request came with after/before: items exist on that side of the page. */
  fromCursor: boolean;
}

/** Checks first/last/after/before against the documented limits; `tag` keeps cursors of different orders apart. */
export function pageRequest(args: PageArgs, tag: string): PageRequest {
  const { first, last, after, before } = args;
  if (first != null && last != null) throw new BadUserInput('pass either first or last, not both', 'last');
  if (after != null && before != null) throw new BadUserInput('pass either after or before, not both', 'before');
  if (last != null && after != null) throw new BadUserInput('after goes with first; use before with last', 'after');
  if (first != null && before != null) throw new BadUserInput('before goes with last; use after with first', 'before');
  const backward = last != null || before != null;
  const name = backward ? 'last' : 'first';
  const size = (backward ? last : first) ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(size) || size < 0 || size > MAX_PAGE_SIZE) {
    throw new BadUserInput(`${name} must be between 0 and ${MAX_PAGE_SIZE}, got ${size}`, name);
  }
  const cursorArg = backward ? 'before' : 'after';
  const raw = backward ? before : after;
  return { size, backward, cursor: raw == null ? null : decodeCursor(raw, tag, cursorArg), fromCursor: raw != null };
}

/** Cursors are base64url JSON of [tag, sort key, id]: opaque to clients, checked on the way back in. */
export function encodeCursor(tag: string, key: [string | number, number]): string {
  return Buffer.from(JSON.stringify([tag, ...key])).toString('base64url');
}

function decodeCursor(cursor: string, tag: string, argument: string): unknown[] {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    decoded = null;
  }
  // Every cursor is [tag, sort key, id]: check the shape before any of it reaches SQL.
  const wellFormed =
    Array.isArray(decoded) && decoded.length === 3 && decoded[0] === tag && (typeof decoded[1] === 'string' || typeof decoded[1] === 'number') && Number.isSafeInteger(decoded[2]);
  if (!wellFormed) {
    throw new BadUserInput(`${argument} is not a cursor of this list in this order; take it from edges.cursor or pageInfo`, argument);
  }
  return (decoded as unknown[]).slice(1);
}

/** Cuts the look-ahead row off a fetched page and says what lies on either side. */
export function pageWindow<T>(rows: T[], page: PageRequest): { items: T[]; pageInfo: Omit<PageInfo, 'startCursor' | 'endCursor'> } {
  const more = rows.length > page.size;
  const items = more ? rows.slice(0, page.size) : rows;
  if (page.backward) items.reverse();
  return {
    items,
    pageInfo: page.backward ? { hasPreviousPage: more, hasNextPage: page.fromCursor } : { hasNextPage: more, hasPreviousPage: page.fromCursor },
  };
}
