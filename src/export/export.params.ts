import { coerceInputValue } from 'graphql';
import { LocalDateResolver } from 'graphql-scalars';
import { ArticleKind } from '../article/article-kind';
import { SubjectKind } from '../article/mention-kinds';
import { schemaInputType } from '../graph/internal-query';

/**
 * Terminology: an export's *parameters* are its URL query parameters; its *arguments* are what they
 * become, the same arguments the GraphQL fields `articles` and `links` take. Parameters exist for
 * people typing URLs; `filter` (an ArticleFilter as JSON) is there for the full power of the API.
 *
 * The parameters are also the /explore page's URL words (web/explore/state.ts), with the same
 * meanings, so a view's address and its downloads' addresses say the same thing: a repeated `topic`
 * is *any*, `topic.all` is *all*, and the explorer's older `q` is a synonym for `search`.
 */

/** A parameter the export cannot use: answered 400 with the parameter, its value and what is allowed. */
export class ExportParamError extends Error {
  constructor(
    readonly parameter: string,
    readonly value: string | undefined,
    readonly allowed: string,
    message: string,
  ) {
    super(message);
  }
}

/** The `articles` and `links` arguments an export's parameters stand for. Absent ones are left out. */
export interface ExportArgs {
  /** An ArticleFilter, already checked against the schema's input type; null for no filter. */
  filter: Record<string, unknown> | null;
  search?: string;
  kinds?: SubjectKind[];
  minCount?: number;
  first?: number;
}

export type ExportKind = 'articles' | 'links';

type RawQuery = Record<string, string | string[] | undefined>;

/** Relation parameters and the ArticleFilter field each fills; the bare name is `any`. */
const relations = { topic: 'topics', organisation: 'organisations', place: 'places', person: 'people' } as const;
const matches = { '': 'any', '.all': 'all', '.none': 'none' } as const;

const relationParams = Object.keys(relations).flatMap((name) => Object.keys(matches).map((suffix) => name + suffix));
const filterParams = [...relationParams, 'from', 'to', 'kind', 'search', 'q', 'filter'];

/** The parameters each kind of export takes. */
export const allowedParams: Record<ExportKind, string[]> = {
  articles: [...filterParams, 'first'],
  links: [...filterParams, 'kinds', 'minCount', 'first'],
};

const MAX_INT = 2 ** 31 - 1;

/**
 * Reads an export's query parameters into the arguments of `articles` or `links`. Relation
 * parameters repeat or take comma-separated slugs (`topic=mining&topic=environment` is
 * `topic=mining,environment`), and together with the dates, `kind` and `filter` they make one
 * ArticleFilter whose conditions must all hold. The result is checked against the schema's own
 * ArticleFilter type, so a filter means here exactly what it means in the API.
 */
export function parseExportParams(query: RawQuery, kind: ExportKind): ExportArgs {
  const allowed = allowedParams[kind];
  for (const name of Object.keys(query)) {
    if (!allowed.includes(name)) {
      throw new ExportParamError(name, joined(query[name]), allowed.join(', '), `unknown parameter "${name}" for the ${kind} export`);
    }
  }
  const filter: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(relations)) {
    for (const [suffix, match] of Object.entries(matches)) {
      const slugs = list(query, name + suffix);
      if (!slugs) continue;
      filter[field] ??= {};
      (filter[field] as Record<string, string[]>)[match] = slugs;
    }
  }
  const from = date(query, 'from');
  const to = date(query, 'to');
  if (from && to && from > to) throw new ExportParamError('to', to, `a date on or after from (${from})`, `to (${to}) is before from (${from})`);
  if (from) filter.publishedFrom = from;
  if (to) filter.publishedTo = to;
  const articleKind = oneOf(query, 'kind', Object.values(ArticleKind));
  if (articleKind) filter.kind = articleKind;
  const json = filterJson(query);

  const args: ExportArgs = { filter: combine(filter, json) };
  const search = searchParam(query);
  if (search !== undefined) args.search = search;
  if (kind === 'links') {
    const kinds = list(query, 'kinds');
    if (kinds) args.kinds = kinds.map((value) => checkOne('kinds', value, Object.values(SubjectKind)));
    const minCount = integer(query, 'minCount');
    if (minCount !== undefined) args.minCount = minCount;
  }
  const first = integer(query, 'first');
  if (first !== undefined) args.first = first;
  return args;
}

/** The simple parameters' filter and the JSON `filter`, both holding: one AND, or either alone. */
function combine(simple: Record<string, unknown>, json: Record<string, unknown> | null): Record<string, unknown> | null {
  const hasSimple = Object.keys(simple).length > 0;
  if (!json) return hasSimple ? simple : null;
  return hasSimple ? { ...simple, AND: [json] } : json;
}

function joined(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join('&') : value;
}

/** A parameter that may be given once. */
function single(query: RawQuery, name: string): string | undefined {
  const value = query[name];
  if (Array.isArray(value)) throw new ExportParamError(name, value.join('&'), 'one value', `${name} is given ${value.length} times; give it once`);
  return value;
}

/** `search`, or `q`, the explorer's older word for it: one of them, once. */
function searchParam(query: RawQuery): string | undefined {
  if (query.search !== undefined && query.q !== undefined) {
    throw new ExportParamError('q', joined(query.q), 'search or q, not both', 'q is another name for search; give one of them');
  }
  return query.search !== undefined ? single(query, 'search') : single(query, 'q');
}

/** A repeatable parameter of comma-separated values, as one list. */
function list(query: RawQuery, name: string): string[] | undefined {
  const value = query[name];
  if (value === undefined) return undefined;
  const items = [value].flat().flatMap((part) => part.split(','));
  if (items.some((item) => item.trim() === '')) {
    throw new ExportParamError(name, joined(value), 'one or more values, repeated or comma-separated', `${name} has an empty value`);
  }
  return items.map((item) => item.trim());
}

function date(query: RawQuery, name: string): string | undefined {
  const value = single(query, name);
  if (value === undefined) return undefined;
  try {
    return LocalDateResolver.parseValue(value) as string;
  } catch {
    throw new ExportParamError(name, value, 'a date YYYY-MM-DD', `${name} is not a date YYYY-MM-DD: "${value}"`);
  }
}

function integer(query: RawQuery, name: string): number | undefined {
  const value = single(query, name);
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!/^[0-9]+$/.test(value) || number > MAX_INT) {
    throw new ExportParamError(name, value, `a whole number from 0 to ${MAX_INT}`, `${name} is not a whole number: "${value}"`);
  }
  return number;
}

/** An enum value, in any letter case. */
function oneOf<T extends string>(query: RawQuery, name: string, values: T[]): T | undefined {
  const value = single(query, name);
  return value === undefined ? undefined : checkOne(name, value, values);
}

function checkOne<T extends string>(name: string, value: string, values: T[]): T {
  const found = values.find((allowed) => allowed === value.toUpperCase());
  if (!found) throw new ExportParamError(name, value, values.join(', '), `${name} "${value}" is not one of ${values.join(', ')}`);
  return found;
}

/** `filter` as JSON, checked by graphql-js against the schema's ArticleFilter input type. */
function filterJson(query: RawQuery): Record<string, unknown> | null {
  const value = single(query, 'filter');
  if (value === undefined) return null;
  const allowed = 'an ArticleFilter as JSON, as in the GraphQL API';
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch (error) {
    throw new ExportParamError('filter', value, allowed, `filter is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ExportParamError('filter', value, allowed, 'filter must be a JSON object');
  }
  // Coerced as a GraphQL variable would be: a lone slug becomes a list, as in the API.
  return coerceInputValue(parsed, schemaInputType('ArticleFilter'), (path, _invalid, error) => {
    const at = path.length > 0 ? `filter.${path.join('.')}: ` : 'filter: ';
    throw new ExportParamError('filter', value, allowed, at + error.message);
  }) as Record<string, unknown>;
}
