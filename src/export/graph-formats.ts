import { stringify } from 'csv-stringify';
import type { LinkGraphExport } from './links.export';

/**
 * The link graph in three files analysts open elsewhere: an edge list (CSV, for spreadsheets and
 * Gephi's spreadsheet import), GEXF 1.3 and GraphML (for Gephi, Cytoscape, networkx, igraph).
 * Node ids are the API's global ids, so a node in a file can be looked up with `node(id:)`.
 */

/** What a file says about where it came from: the request's parameters, as given. */
export interface GraphFileMeta {
  description: string;
  /** The day the file was made, YYYY-MM-DD. */
  date: string;
}

export const EDGE_CSV_COLUMNS = ['source', 'target', 'sourceLabel', 'targetLabel', 'sourceKind', 'targetKind', 'sourceSlug', 'targetSlug', 'count', 'jaccard', 'lift'] as const;

/** The edge list, one edge a row with both ends named, in the API's order. */
export function linksCsv(graph: LinkGraphExport): Promise<string> {
  const nodes = new Map(graph.nodes.map((node) => [node.id, node]));
  const rows = graph.edges.map((edge) => {
    const source = nodes.get(edge.source);
    const target = nodes.get(edge.target);
    return {
      source: edge.source,
      target: edge.target,
      sourceLabel: source?.label,
      targetLabel: target?.label,
      sourceKind: source?.kind,
      targetKind: target?.kind,
      sourceSlug: source?.slug,
      targetSlug: target?.slug,
      count: edge.count,
      jaccard: edge.jaccard,
      lift: edge.lift,
    };
  });
  return new Promise((resolve, reject) =>
    stringify(rows, { header: true, columns: [...EDGE_CSV_COLUMNS], record_delimiter: 'windows' }, (error, output) => (error ? reject(error) : resolve(output))),
  );
}

/**
 * Text safe in XML 1.0 content and in double- or single-quoted attributes. Characters XML 1.0 does
 * not allow at all (C0 controls other than tab and newlines, lone surrogates, U+FFFE and U+FFFF)
 * cannot be escaped, only replaced: they become U+FFFD.
 */
export function escapeXml(text: string): string {
  return (
    text
      .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '\uFFFD')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&apos;')
      // Attribute values normalise raw tabs and newlines to spaces; references keep them.
      .replace(/\t/g, '&#9;')
      .replace(/\n/g, '&#10;')
      .replace(/\r/g, '&#13;')
  );
}

/** `name="value"` pairs, escaped. */
function attrs(values: Record<string, string | number>): string {
  return Object.entries(values)
    .map(([name, value]) => `${name}="${escapeXml(String(value))}"`)
    .join(' ');
}

const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';

/**
 * GEXF 1.3 (gexf.net/1.3): an undirected static graph; node `label` is the entity's name, edge
 * `weight` the number of shared articles; kind, slug, articleCount, count, jaccard and lift are
 * declared attributes, so Gephi shows them as columns and can size or colour by them.
 */
export function linksGexf(graph: LinkGraphExport, meta: GraphFileMeta): string {
  const out: string[] = [XML_DECLARATION];
  out.push(
    '<gexf xmlns="http://gexf.net/1.3" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ' +
      'xsi:schemaLocation="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd" version="1.3">\n',
    `  <meta ${attrs({ lastmodifieddate: meta.date })}>\n`,
    '    <creator>Quipu</creator>\n',
    `    <description>${escapeXml(meta.description)}</description>\n`,
    '  </meta>\n',
    '  <graph mode="static" defaultedgetype="undirected">\n',
    '    <attributes class="node">\n',
    '      <attribute id="kind" title="kind" type="string"/>\n',
    '      <attribute id="slug" title="slug" type="string"/>\n',
    '      <attribute id="articleCount" title="articleCount" type="integer"/>\n',
    '    </attributes>\n',
    '    <attributes class="edge">\n',
    '      <attribute id="count" title="count" type="integer"/>\n',
    '      <attribute id="jaccard" title="jaccard" type="double"/>\n',
    '      <attribute id="lift" title="lift" type="double"/>\n',
    '    </attributes>\n',
    '    <nodes>\n',
  );
  const attvalue = (id: string, value: string | number) => `<attvalue ${attrs({ for: id, value })}/>`;
  for (const node of graph.nodes) {
    out.push(
      `      <node ${attrs({ id: node.id, label: node.label })}><attvalues>` +
        attvalue('kind', node.kind) +
        attvalue('slug', node.slug) +
        attvalue('articleCount', node.articleCount) +
        '</attvalues></node>\n',
    );
  }
  out.push('    </nodes>\n', '    <edges>\n');
  graph.edges.forEach((edge, i) => {
    out.push(
      `      <edge ${attrs({ id: i, source: edge.source, target: edge.target, weight: edge.count })}><attvalues>` +
        attvalue('count', edge.count) +
        attvalue('jaccard', edge.jaccard) +
        attvalue('lift', edge.lift) +
        '</attvalues></edge>\n',
    );
  });
  out.push('    </edges>\n', '  </graph>\n', '</gexf>\n');
  return out.join('');
}

/**
 * GraphML (graphml.graphdrawing.org): keys declared for graph, node and edge data; `label` and
 * `weight` are the names Gephi's importer maps to a node's label and an edge's weight.
 */
export function linksGraphml(graph: LinkGraphExport, meta: GraphFileMeta): string {
  const key = (id: string, forElement: string, type: string, name = id) => `  <key ${attrs({ id, for: forElement, 'attr.name': name, 'attr.type': type })}/>\n`;
  const data = (id: string, value: string | number) => `<data ${attrs({ key: id })}>${escapeXml(String(value))}</data>`;
  const out: string[] = [XML_DECLARATION];
  out.push(
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ' +
      'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n',
    `  <desc>${escapeXml(meta.description)}</desc>\n`,
    // Key ids are unique across the file; the graph's and the nodes' article counts share a name.
    key('graphArticleCount', 'graph', 'int', 'articleCount'),
    key('label', 'node', 'string'),
    key('kind', 'node', 'string'),
    key('slug', 'node', 'string'),
    key('articleCount', 'node', 'int'),
    key('weight', 'edge', 'double'),
    key('count', 'edge', 'int'),
    key('jaccard', 'edge', 'double'),
    key('lift', 'edge', 'double'),
    '  <graph id="links" edgedefault="undirected">\n',
    `    ${data('graphArticleCount', graph.articleCount)}\n`,
  );
  for (const node of graph.nodes) {
    out.push(
      `    <node ${attrs({ id: node.id })}>` +
        data('label', node.label) +
        data('kind', node.kind) +
        data('slug', node.slug) +
        data('articleCount', node.articleCount) +
        '</node>\n',
    );
  }
  graph.edges.forEach((edge, i) => {
    out.push(
      `    <edge ${attrs({ id: `e${i}`, source: edge.source, target: edge.target })}>` +
        data('weight', edge.count) +
        data('count', edge.count) +
        data('jaccard', edge.jaccard) +
        data('lift', edge.lift) +
        '</edge>\n',
    );
  });
  out.push('  </graph>\n', '</graphml>\n');
  return out.join('');
}
