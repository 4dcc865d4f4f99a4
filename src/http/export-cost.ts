import { type DocumentNode, Kind, type OperationDefinitionNode, parse } from 'graphql';
import type { ArticleFilter } from '../article/article.filter';
import { EXPORT_PAGE_SIZE } from '../export/articles.export';
import type { ExportArgs, ExportKind } from '../export/export.params';
import { LINKS_OPERATION } from '../export/links.export';
import { getSchema } from '../graph/schema';
import { planCost } from './cost';
import { listMatches, listWork } from './work-cost';
import type { WorkStats } from './work-stats';

/**
 * Articles an export writes per cost point: reading a page of 500 with its subjects and source, and
 * writing it out, takes about a millisecond (the work scale of work-cost.ts: a point is about 0.1 ms).
 */
export const EXPORT_ARTICLES_PER_POINT = 10;

let links: { document: DocumentNode; operation: OperationDefinitionNode } | undefined;

/**
 * What an export costs, on the scale of a GraphQL request's cost (it is charged to the same budget).
 * An articles export: its articles (at most `first`, else as many as the filter and search are
 * estimated to keep) at EXPORT_ARTICLES_PER_POINT, plus the work of the filter and search for every
 * page of 500 it reads. A links export: exactly what the `links` query it runs costs.
 */
export function exportCost(kind: ExportKind, args: ExportArgs, stats: WorkStats): number {
  const filter = args.filter as ArticleFilter | null;
  if (kind === 'articles') {
    const rows = Math.min(args.first ?? Infinity, listMatches(filter, args.search, stats));
    const pages = Math.max(1, Math.ceil(rows / EXPORT_PAGE_SIZE));
    const perPage = listWork(filter, args.search, { page: true, totalCount: false, subjectFacets: 0, months: false }, stats);
    return 1 + Math.ceil(rows / EXPORT_ARTICLES_PER_POINT) + pages * perPage;
  }
  if (!links) {
    const document = parse(LINKS_OPERATION);
    links = { document, operation: document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)! };
  }
  const variables: Record<string, unknown> = { filter: args.filter };
  for (const name of ['search', 'kinds', 'minCount', 'first'] as const) if (args[name] !== undefined) variables[name] = args[name];
  return planCost(getSchema(), links.document, links.operation, stats)(variables);
}
