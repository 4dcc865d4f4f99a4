import { createHash } from 'node:crypto';
import { Kind, type OperationDefinitionNode } from 'graphql';

/**
 * Cache hints: how long, in seconds, the answer of each root field may be reused. News arrives
 * by ingest a few times a day, so a minute is safe for lists and articles; the catalogue of topics,
 * organisations, places and people and the analyst aggregates move more slowly. Fields not listed
 * get `DEFAULT_MAX_AGE`. A response's age is the smallest of the root fields it asks for and of
 * the article lists below them.
 */
export const DEFAULT_MAX_AGE = 60;
export const ROOT_MAX_AGE: Readonly<Record<string, number>> = {
  topics: 300,
  topic: 300,
  organisations: 300,
  organisation: 300,
  places: 300,
  place: 300,
  people: 300,
  person: 300,
  source: 300,
  channels: 300,
  timeline: 300,
  links: 300,
  path: 300,
};

/** How long shared caches may serve a stale answer while they fetch a fresh one, as a multiple of its age. */
const STALE_FACTOR = 5;

/** Article lists keep their own age wherever they are asked for: `topics { articles }` is as fresh as `articles`. */
const ARTICLE_LISTS = new Set(['articles', 'related']);

/**
 * The max age of an operation: the smallest hint among its root fields and the article lists
 * anywhere below them (fragments included).
 */
export function maxAgeOf(operation: OperationDefinitionNode, fragments: ReadonlyMap<string, { selectionSet: OperationDefinitionNode['selectionSet'] }>): number {
  let age = Number.POSITIVE_INFINITY;
  const visit = (selections: OperationDefinitionNode['selectionSet']['selections'], root: boolean, seen: Set<string>) => {
    for (const selection of selections) {
      if (selection.kind === Kind.FIELD) {
        const name = selection.name.value;
        if (root && name !== '__typename') age = Math.min(age, ROOT_MAX_AGE[name] ?? DEFAULT_MAX_AGE);
        else if (ARTICLE_LISTS.has(name)) age = Math.min(age, DEFAULT_MAX_AGE);
        if (selection.selectionSet) visit(selection.selectionSet.selections, false, seen);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        visit(selection.selectionSet.selections, root, seen);
      } else if (!seen.has(selection.name.value)) {
        seen.add(selection.name.value);
        const fragment = fragments.get(selection.name.value);
        if (fragment) visit(fragment.selectionSet.selections, root, seen);
      }
    }
  };
  visit(operation.selectionSet.selections, true, new Set());
  return Number.isFinite(age) ? age : DEFAULT_MAX_AGE;
}

/**
 * The Cache-Control of a GET answer: shared caches may keep an anonymous answer; an answer to a
 * partner key is for that client only (its budget is in it); an answer with errors is not kept.
 */
export function cacheControl(maxAge: number, audience: 'public' | 'private' | 'none'): string {
  if (audience === 'none') return 'no-store';
  if (audience === 'private') return `private, max-age=${maxAge}`;
  return `public, max-age=${maxAge}, s-maxage=${maxAge}, stale-while-revalidate=${maxAge * STALE_FACTOR}`;
}

/**
 * A weak ETag of what an answer says (its data and errors), leaving out `extensions`: the cost
 * report changes with every request while the answer stays the same.
 */
export function weakEtag(result: { data?: unknown; errors?: unknown }): string {
  const hash = createHash('sha256')
    .update(JSON.stringify([result.data ?? null, result.errors ?? null]))
    .digest('base64url');
  return `W/"${hash.slice(0, 27)}"`;
}
