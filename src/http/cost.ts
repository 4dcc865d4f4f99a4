import {
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  getNamedType,
  getNullableType,
  isInterfaceType,
  isLeafType,
  isListType,
  isObjectType,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
  valueFromAST,
} from 'graphql';
import type { ArticleFilter } from '../article/article.filter';
import { MAX_NODES } from '../graph/node.resolver';
import { type ListSelection, listWork } from './work-cost';
import type { WorkStats } from './work-stats';

/**
 * The cost of a query, computed from the document and its variables before anything runs, the way
 * GitHub and Shopify count: what it may ask the database to fetch.
 *
 * - a scalar or enum field costs nothing;
 * - an object field costs 1 plus its selection;
 * - a list of objects costs 1 plus, for each item it may hold, 1 plus the item's selection. How many
 *   items: the field's `first`/`last` argument; for `edges`/`nodes` the `first`/`last` of the
 *   connection above; for `nodes(ids:)` the number of ids; for a list with no size argument (an
 *   article's topics, say) `UNSIZED_LIST`;
 * - a field asked for in a fragment (`... on Topic { ... }`) is costed on the fragment's type;
 * - a `first`/`last` left out counts as the documented default (`DEFAULT_PAGE`);
 * - fields that aggregate over many rows add a weight of their own (`FIELD_WEIGHTS`);
 * - a field with a `filter` or `search` adds the work its statements will do, estimated from the
 *   data (http/work-cost.ts): the rows its filter gathers, the doc-list entries its search reads, and
 *   for facets the links of every article it keeps.
 *
 * The plan is built once per document and operation; costing a request is then a walk over a small
 * tree of numbers and variable lookups.
 */
export const DEFAULT_PAGE = 20;
export const UNSIZED_LIST = 5;

/** Work a field does beyond fetching its rows: counts, facets and graph searches. */
export const FIELD_WEIGHTS: Readonly<Record<string, number>> = {
  'ArticleConnection.totalCount': 1,
  'ArticleConnection.facets': 10,
  'Query.links': 10,
  'Query.path': 10,
  'Topic.related': 5,
  'Organisation.related': 5,
  'Place.related': 5,
  'Person.related': 5,
  'Query.timeline': 5,
  'Query.entitySuggestions': 5,
  'Article.related': 2,
};

type Variables = Readonly<Record<string, unknown>> | undefined;
export type CostPlan = (variables: Variables) => number;
type Size = (variables: Variables) => number;

const ZERO: CostPlan = () => 0;

export function planCost(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, stats?: WorkStats): CostPlan {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const root = operation.operation === 'query' ? schema.getQueryType() : operation.operation === 'mutation' ? schema.getMutationType() : schema.getSubscriptionType();
  if (!root) return ZERO;
  const defaults = new Map<string, number>();
  for (const definition of operation.variableDefinitions ?? []) {
    if (definition.defaultValue?.kind === Kind.INT) defaults.set(definition.variable.name.value, Number(definition.defaultValue.value));
  }

  /**
   * The fields a selection set asks of `type`, through fragments and inline fragments, each with the
   * type it is asked of: a fragment's type condition (`... on Topic`) names the type its fields are on.
   */
  const fieldsOf = (
    selectionSet: SelectionSetNode,
    type: GraphQLNamedType,
    out: { field: FieldNode; on: GraphQLNamedType }[] = [],
    seen = new Set<string>(),
  ): { field: FieldNode; on: GraphQLNamedType }[] => {
    const conditioned = (condition: { name: { value: string } } | undefined) => (condition ? (schema.getType(condition.name.value) ?? type) : type);
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) out.push({ field: selection, on: type });
      else if (selection.kind === Kind.INLINE_FRAGMENT) fieldsOf(selection.selectionSet, conditioned(selection.typeCondition), out, seen);
      else if (!seen.has(selection.name.value)) {
        seen.add(selection.name.value);
        const fragment = fragments.get(selection.name.value);
        if (fragment) fieldsOf(fragment.selectionSet, conditioned(fragment.typeCondition), out, seen);
      }
    }
    return out;
  };

  const fieldDef = (type: GraphQLNamedType, name: string): GraphQLField<unknown, unknown> | undefined =>
    isObjectType(type) || isInterfaceType(type) ? type.getFields()[name] : undefined;

  const selectionPlan = (selectionSet: SelectionSetNode, type: GraphQLNamedType, pageSize: Size | null): CostPlan => {
    const parts: CostPlan[] = [];
    for (const { field, on } of fieldsOf(selectionSet, type)) {
      const name = field.name.value;
      if (name === '__typename') continue;
      if (name === '__schema' || name === '__type') {
        parts.push(() => 1);
        continue;
      }
      // Validation has made sure the field exists on the type it is asked of.
      const definition = fieldDef(on, name);
      if (!definition) continue;
      const named = getNamedType(definition.type);
      if (isLeafType(named) || !field.selectionSet) {
        const weight = FIELD_WEIGHTS[`${on.name}.${name}`] ?? 0;
        if (weight) parts.push(() => weight);
        continue;
      }
      const weight = (FIELD_WEIGHTS[`${on.name}.${name}`] ?? 0) + 1;
      if (stats) {
        const work = workPlan(field, definition, named, stats);
        if (work) parts.push(work);
      }
      const ownSize = sizeArgument(field, definition, defaults);
      const isList = isListType(getNullableType(definition.type));
      if (isList) {
        const size: Size = ownSize ?? pageSize ?? (() => UNSIZED_LIST);
        const item = selectionPlan(field.selectionSet, named, null);
        parts.push((variables) => weight + size(variables) * (1 + item(variables)));
      } else {
        // A connection: its `first` sizes the lists below it (edges, nodes).
        const inner = selectionPlan(field.selectionSet, named, ownSize);
        parts.push((variables) => weight + inner(variables));
      }
    }
    if (parts.length === 0) return ZERO;
    return (variables) => {
      let total = 0;
      for (const part of parts) total += part(variables);
      return total;
    };
  };

  /** The work of a field that takes `filter` or `search`: its list's page, total and facets as selected. */
  const workPlan = (field: FieldNode, definition: GraphQLField<unknown, unknown>, type: GraphQLNamedType, stats: WorkStats): CostPlan | null => {
    const filterArg = definition.args.find((arg) => arg.name === 'filter');
    const searchArg = definition.args.find((arg) => arg.name === 'search');
    if (!filterArg && !searchArg) return null;
    const given = (name: string) => field.arguments?.find((arg) => arg.name.value === name)?.value;
    const filterNode = given('filter');
    const searchNode = given('search');
    if (!filterNode && !searchNode) return null;
    const selection = listSelection(field, type);
    return (variables) => {
      const filter = filterNode && filterArg ? (valueFromAST(filterNode, filterArg.type, variables) as ArticleFilter | null | undefined) : null;
      const search = searchNode && searchArg ? (valueFromAST(searchNode, searchArg.type, variables) as string | null | undefined) : null;
      return listWork(filter, search, selection, stats);
    };
  };

  /** What of an article list is read: for other filtered fields (links, timeline), one pass over the list. */
  const listSelection = (field: FieldNode, type: GraphQLNamedType): ListSelection => {
    if (type.name !== 'ArticleConnection' || !field.selectionSet) return { page: true, totalCount: false, subjectFacets: 0, months: false };
    const selection: ListSelection = { page: false, totalCount: false, subjectFacets: 0, months: false };
    for (const { field: child } of fieldsOf(field.selectionSet, type)) {
      const name = child.name.value;
      if (name === 'nodes' || name === 'edges') selection.page = true;
      else if (name === 'totalCount') selection.totalCount = true;
      else if (name === 'facets' && child.selectionSet) {
        const facets = schema.getType('ArticleFacets');
        for (const { field: facet } of facets ? fieldsOf(child.selectionSet, facets) : []) {
          if (facet.name.value === 'months') selection.months = true;
          else if (facet.name.value !== '__typename') selection.subjectFacets++;
        }
      }
    }
    return selection;
  };

  const plan = operation.selectionSet ? selectionPlan(operation.selectionSet, root, null) : ZERO;
  if (!stats) return plan;
  return (variables) => {
    stats.keepFresh();
    return plan(variables);
  };
}

/**
 * How many items a list field asks for: its `first` or `last`, or, for a list looked up by `ids`, how
 * many ids it is given (at most MAX_NODES); null when it takes none of these.
 */
function sizeArgument(field: FieldNode, definition: GraphQLField<unknown, unknown>, variableDefaults: ReadonlyMap<string, number>): Size | null {
  const declared = definition.args.filter((arg) => arg.name === 'first' || arg.name === 'last');
  if (declared.length === 0) return definition.args.some((arg) => arg.name === 'ids') ? idsSize(field) : null;
  const given = (field.arguments ?? []).filter((arg) => arg.name.value === 'first' || arg.name.value === 'last');
  if (given.length === 0) {
    const defaults = declared.map((arg) => (typeof arg.defaultValue === 'number' ? arg.defaultValue : DEFAULT_PAGE));
    const size = Math.max(...defaults);
    return () => size;
  }
  const sizes = given.map((arg) => valueSize(arg.value, declared.find((d) => d.name === arg.name.value)?.defaultValue, variableDefaults));
  return sizes.length === 1 ? sizes[0] : (variables) => Math.max(...sizes.map((size) => size(variables)));
}

function idsSize(field: FieldNode): Size {
  const value = field.arguments?.find((arg) => arg.name.value === 'ids')?.value;
  if (value?.kind === Kind.LIST) {
    const size = Math.min(value.values.length, MAX_NODES);
    return () => size;
  }
  if (value?.kind === Kind.VARIABLE) {
    const name = value.name.value;
    return (variables) => {
      const given = variables?.[name];
      return Array.isArray(given) ? Math.min(given.length, MAX_NODES) : MAX_NODES;
    };
  }
  return () => 1; // a single id given where a list is expected counts as a list of one
}

function valueSize(value: ValueNode, fallback: unknown, variableDefaults: ReadonlyMap<string, number>): Size {
  const declared = typeof fallback === 'number' ? fallback : DEFAULT_PAGE;
  if (value.kind === Kind.INT) {
    const size = Math.max(0, Number(value.value));
    return () => size;
  }
  if (value.kind === Kind.VARIABLE) {
    const name = value.name.value;
    const otherwise = variableDefaults.get(name) ?? declared;
    return (variables) => {
      const given = variables?.[name];
      return typeof given === 'number' && Number.isInteger(given) ? Math.max(0, given) : otherwise;
    };
  }
  return () => declared;
}
