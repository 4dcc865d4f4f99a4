import { GraphQLError } from 'graphql';
import type { Sql } from '../db/sql';
import { InternalQuery } from '../graph/internal-query';
import type { ExportArgs } from './export.params';

/** The co-occurrence network as the `links` field answers it, with each node's entity flattened. */
export interface LinkGraphExport {
  articleCount: number;
  nodes: LinkNodeExport[];
  edges: LinkEdgeExport[];
}

export interface LinkNodeExport {
  id: string;
  kind: string;
  articleCount: number;
  slug: string;
  label: string;
}

export interface LinkEdgeExport {
  source: string;
  target: string;
  count: number;
  jaccard: number;
  lift: number;
}

/** The operation an export runs: the `links` field with the export's arguments, nothing else. */
export const LINKS_OPERATION = /* GraphQL */ `
  query LinksExport($filter: ArticleFilter, $search: String, $kinds: [SubjectKind!], $minCount: Int, $first: Int) {
    links(filter: $filter, search: $search, kinds: $kinds, minCount: $minCount, first: $first) {
      articleCount
      nodes {
        id
        kind
        articleCount
        entity {
          ... on Topic { slug name }
          ... on Organisation { slug name }
          ... on Place { slug name }
          ... on Person { slug name }
        }
      }
      edges { source target count jaccard lift }
    }
  }
`;

const linksQuery = new InternalQuery<{ links: RawLinkGraph }>('the links export', LINKS_OPERATION);

/**
 * Runs the `links` field through the real schema with a fresh request context, so an export is the
 * API's answer for the same arguments by construction. A variable left out takes the field's
 * default, as in the API. Input errors come back as the API's BAD_USER_INPUT GraphQLError.
 */
export async function fetchLinkGraph(sql: Sql, args: ExportArgs): Promise<LinkGraphExport> {
  const variableValues: Record<string, unknown> = { filter: args.filter };
  if (args.search !== undefined) variableValues.search = args.search;
  if (args.kinds !== undefined) variableValues.kinds = args.kinds;
  if (args.minCount !== undefined) variableValues.minCount = args.minCount;
  if (args.first !== undefined) variableValues.first = args.first;
  const result = await linksQuery.result(sql, variableValues);
  if (result.errors && result.errors.length > 0) {
    // A request error (a variable that does not fit) has no path; like BAD_USER_INPUT, it is the client's.
    const input = result.errors.find((error) => error.extensions?.code === 'BAD_USER_INPUT' || !error.path);
    if (input) throw new GraphQLError(input.message, { extensions: { code: 'BAD_USER_INPUT', ...input.extensions } });
    throw result.errors[0].originalError ?? result.errors[0];
  }
  const links = (result.data as { links: RawLinkGraph }).links;
  return {
    articleCount: links.articleCount,
    nodes: links.nodes.map((node) => ({ id: node.id, kind: node.kind, articleCount: node.articleCount, slug: node.entity.slug, label: node.entity.name })),
    edges: links.edges,
  };
}

interface RawLinkGraph {
  articleCount: number;
  nodes: { id: string; kind: string; articleCount: number; entity: { slug: string; name: string } }[];
  edges: LinkEdgeExport[];
}
