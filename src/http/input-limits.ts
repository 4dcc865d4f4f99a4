import { GraphQLError, type ValidationRule } from 'graphql';
import { Refusal } from './request-policy';

/**
 * How deep a request's variables may nest. An ArticleFilter at its own limit (5 levels of AND, OR
 * and NOT) is about 11 levels of JSON; variables far deeper would only exhaust the stack of the
 * recursive coercion of input values (a 5,000-level `NOT` once did: an internal error, not an answer).
 */
export const MAX_VARIABLES_DEPTH = 32;

/** The refusal for variables nested deeper than MAX_VARIABLES_DEPTH, checked without recursion. */
export function checkVariablesDepth(variables: unknown): Refusal | undefined {
  const depth = typeof variables === 'string' ? jsonTextDepth(variables) : valueDepth(variables);
  if (depth <= MAX_VARIABLES_DEPTH) return undefined;
  return new Refusal(
    400,
    'BAD_USER_INPUT',
    `The variables nest more than ${MAX_VARIABLES_DEPTH} levels deep; at most ${MAX_VARIABLES_DEPTH} are accepted (an ArticleFilter may nest AND, OR and NOT 5 levels deep)`,
  );
}

/** The nesting depth of a parsed JSON value, stopping just past the limit. */
function valueDepth(root: unknown): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[root, 0]];
  while (stack.length > 0) {
    const [value, depth] = stack.pop()!;
    if (value === null || typeof value !== 'object') continue;
    deepest = Math.max(deepest, depth + 1);
    if (deepest > MAX_VARIABLES_DEPTH) return deepest;
    for (const child of Object.values(value)) stack.push([child, depth + 1]);
  }
  return deepest;
}

/** The bracket depth of JSON text (a GET's `variables`), strings skipped; parsing is left to Apollo. */
function jsonTextDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) deepest = Math.max(deepest, ++depth);
    else if (c === 0x7d || c === 0x5d) depth--;
    if (deepest > MAX_VARIABLES_DEPTH) return deepest;
  }
  return deepest;
}

/**
 * An operation whose type the schema has no root for (a subscription: Quipu has none) is a
 * validation error, as graphql-js 17 makes it, rather than a failure at execution time.
 */
export const KnownOperationTypes: ValidationRule = (context) => ({
  OperationDefinition(node) {
    if (!context.getSchema().getRootType(node.operation)) {
      context.reportError(new GraphQLError(`The ${node.operation} operation is not supported by the schema: Quipu answers queries and mutations only.`, { nodes: node }));
    }
  },
});
