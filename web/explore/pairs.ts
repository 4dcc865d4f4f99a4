/**
 * The network's links as a table with the API's strength measures: how many articles two entities
 * share (count), how often they come together out of all the articles about either (Jaccard), and how
 * much more often than chance (lift). A raw count favours the most written-about entities; the two
 * measures bring out pairs that are rare but nearly always together.
 */
import type { LinkGraph } from './api';
import { KIND_INFO } from './state';

export type Measure = 'count' | 'jaccard' | 'lift';

const MEASURES: { measure: Measure; label: string }[] = [
  { measure: 'count', label: 'Articles together' },
  { measure: 'jaccard', label: 'Jaccard' },
  { measure: 'lift', label: 'Lift' },
];

/** How many pairs the table shows: the strongest by the chosen measure. */
const SHOWN = 10;

const NUMBER = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2, minimumFractionDigits: 2 });

/** Draws the pairs of `graph` into `table`, strongest by `measure` first; a header button re-sorts. */
export function renderPairs(table: HTMLTableElement, graph: LinkGraph, measure: Measure, sortBy: (measure: Measure) => void): void {
  const nodes = new Map(graph.nodes.map((node) => [node.id, node]));
  const name = (id: string) => {
    const node = nodes.get(id);
    return node ? `${node.entity.name} (${KIND_INFO[node.kind].label.toLowerCase()})` : id;
  };
  const head = document.createElement('tr');
  const pair = document.createElement('th');
  pair.scope = 'col';
  pair.textContent = 'Pair';
  head.append(pair);
  for (const { measure: column, label } of MEASURES) {
    const th = document.createElement('th');
    th.scope = 'col';
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'sort';
    button.id = `sort-${column}`;
    button.textContent = label;
    if (column === measure) {
      th.setAttribute('aria-sort', 'descending');
      button.append(' ▼');
    }
    button.addEventListener('click', () => sortBy(column));
    th.append(button);
    head.append(th);
  }
  const edges = [...graph.edges].sort((a, b) => b[measure] - a[measure] || b.count - a.count).slice(0, SHOWN);
  const rows = edges.map((edge) => {
    const row = document.createElement('tr');
    const cell = document.createElement('th');
    cell.scope = 'row';
    cell.textContent = `${name(edge.source)} – ${name(edge.target)}`;
    row.append(cell);
    for (const value of [String(edge.count), NUMBER.format(edge.jaccard), NUMBER.format(edge.lift)]) row.insertCell().textContent = value;
    return row;
  });
  table.tHead?.remove();
  table.createTHead().append(head);
  const body = table.tBodies[0] ?? table.createTBody();
  body.replaceChildren(...rows);
  table.dataset.rows = String(rows.length);
}
