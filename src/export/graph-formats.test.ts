import { parseCsv, parseXml } from '../../test/support/files';
import { escapeXml, linksCsv, linksGexf, linksGraphml } from './graph-formats';
import type { LinkGraphExport } from './links.export';

// Labels that break naive XML and CSV writers: markup, both quotes, a newline, a control character,
// accents, an emoji (a surrogate pair) and a comma.
const graph: LinkGraphExport = {
  articleCount: 7,
  nodes: [
    { id: 'VG9waWM6MQ', kind: 'TOPIC', articleCount: 5, slug: 'mining', label: 'Mining & <quarrying> "open-pit"' },
    { id: 'T3JnYW5pc2F0aW9uOjI', kind: 'ORGANISATION', articleCount: 3, slug: 'southern-copper', label: "Southern's \u0007Peru, Copper\nCorp ⛏️" },
    { id: 'UGxhY2U6Mw', kind: 'PLACE', articleCount: 2, slug: 'tia-maria', label: 'Tía María' },
  ],
  edges: [
    { source: 'VG9waWM6MQ', target: 'T3JnYW5pc2F0aW9uOjI', count: 3, jaccard: 0.6, lift: 1.4 },
    { source: 'VG9waWM6MQ', target: 'UGxhY2U6Mw', count: 2, jaccard: 0.4, lift: 1.4000000000000001 },
  ],
};
const meta = { description: 'filter <topic=mining&kind=NEWS>', date: '2026-11-27' };
// What a label reads as after the trip: the control character XML cannot carry becomes U+FFFD.
const labelAfterXml = (label: string) => label.replace('\u0007', '\uFFFD');

describe('link graph files', () => {
  it('escapeXml leaves no markup and replaces characters XML 1.0 cannot hold', () => {
    expect(escapeXml(`a&b<c>d"e'f\u0000g\ud800h😀\ti`)).toBe('a&amp;b&lt;c&gt;d&quot;e&apos;f\uFFFDg\uFFFDh😀&#9;i');
  });

  it('GEXF 1.3 is well-formed, in the GEXF 1.3 namespace, and holds every node and edge with its attributes', () => {
    const gexf = parseXml(linksGexf(graph, meta)).gexf;
    expect(gexf.xmlns).toBe('http://gexf.net/1.3');
    expect(gexf.version).toBe('1.3');
    expect(gexf.meta.description).toBe(meta.description);
    expect(gexf.graph.defaultedgetype).toBe('undirected');
    const values = (element: { attvalues: { attvalue: { for: string; value: string }[] } }) => Object.fromEntries(element.attvalues.attvalue.map((a) => [a.for, a.value]));
    expect(gexf.graph.nodes.node.map((n: any) => ({ id: n.id, label: n.label, ...values(n) }))).toEqual(
      graph.nodes.map((n) => ({ id: n.id, label: labelAfterXml(n.label), kind: n.kind, slug: n.slug, articleCount: String(n.articleCount) })),
    );
    expect(gexf.graph.edges.edge.map((e: any) => ({ source: e.source, target: e.target, weight: Number(e.weight), ...values(e) }))).toEqual(
      graph.edges.map((e) => ({ source: e.source, target: e.target, weight: e.count, count: String(e.count), jaccard: String(e.jaccard), lift: String(e.lift) })),
    );
    const declared = gexf.graph.attributes.flatMap((group: any) => group.attribute.map((a: any) => `${group.class}:${a.id}:${a.type}`));
    expect(declared).toEqual(['node:kind:string', 'node:slug:string', 'node:articleCount:integer', 'edge:count:integer', 'edge:jaccard:double', 'edge:lift:double']);
  });

  it('GraphML is well-formed, in the GraphML namespace, with declared keys, and holds every node and edge', () => {
    const graphml = parseXml(linksGraphml(graph, meta)).graphml;
    expect(graphml.xmlns).toBe('http://graphml.graphdrawing.org/xmlns');
    const keys = new Map<string, any>(graphml.key.map((k: any) => [k.id, k]));
    expect(keys.size).toBe(graphml.key.length);
    const data = (element: { data: { key: string; '#text'?: string }[] }) => {
      for (const d of element.data) expect(keys.has(d.key)).toBe(true);
      return Object.fromEntries(element.data.map((d) => [keys.get(d.key)['attr.name'], d['#text'] ?? '']));
    };
    expect(graphml.graph.edgedefault).toBe('undirected');
    expect(data(graphml.graph)).toEqual({ articleCount: '7' });
    expect(graphml.graph.node.map((n: any) => ({ id: n.id, ...data(n) }))).toEqual(
      graph.nodes.map((n) => ({ id: n.id, label: labelAfterXml(n.label), kind: n.kind, slug: n.slug, articleCount: String(n.articleCount) })),
    );
    expect(graphml.graph.edge.map((e: any) => ({ source: e.source, target: e.target, ...data(e) }))).toEqual(
      graph.edges.map((e) => ({ source: e.source, target: e.target, weight: String(e.count), count: String(e.count), jaccard: String(e.jaccard), lift: String(e.lift) })),
    );
  });

  it('the CSV edge list names both ends of every edge and keeps labels exactly', async () => {
    const rows = await parseCsv(await linksCsv(graph));
    expect(rows).toEqual([
      {
        source: 'VG9waWM6MQ',
        target: 'T3JnYW5pc2F0aW9uOjI',
        sourceLabel: graph.nodes[0].label,
        targetLabel: graph.nodes[1].label,
        sourceKind: 'TOPIC',
        targetKind: 'ORGANISATION',
        sourceSlug: 'mining',
        targetSlug: 'southern-copper',
        count: '3',
        jaccard: '0.6',
        lift: '1.4',
      },
      {
        source: 'VG9waWM6MQ',
        target: 'UGxhY2U6Mw',
        sourceLabel: graph.nodes[0].label,
        targetLabel: 'Tía María',
        sourceKind: 'TOPIC',
        targetKind: 'PLACE',
        sourceSlug: 'mining',
        targetSlug: 'tia-maria',
        count: '2',
        jaccard: '0.4',
        lift: '1.4000000000000001',
      },
    ]);
  });

  it('an empty graph is still a valid file', async () => {
    const empty = { articleCount: 0, nodes: [], edges: [] };
    expect(parseXml(linksGexf(empty, meta)).gexf.graph.nodes.node).toBeUndefined();
    expect(parseXml(linksGraphml(empty, meta)).graphml.graph.node).toBeUndefined();
    expect(await linksCsv(empty)).toBe(
      `${['source', 'target', 'sourceLabel', 'targetLabel', 'sourceKind', 'targetKind', 'sourceSlug', 'targetSlug', 'count', 'jaccard', 'lift'].join(',')}\r\n`,
    );
  });
});
