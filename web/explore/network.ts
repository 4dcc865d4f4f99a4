/**
 * The link network, drawn with cytoscape.js, plus the list of its entities for keyboard users.
 *
 * The drawing is made at zoom 1, so its labels are 12 or 13 CSS pixels and its nodes their sizes in pixels
 * whatever the number of entities: the layout spreads the nodes over the box instead of the view zooming to
 * fit them. Labels then go where they are clear (network-labels.ts). The page keeps the wheel and swipes:
 * the drawing zooms only with its buttons or Ctrl + wheel (network-controls.ts), and pans only zoomed in.
 */
import cytoscape from 'cytoscape';
import type { LinkGraph } from './api';
import { setUpContainer, showTip, ZOOM } from './network-controls';
import { LABEL_STYLES, placeLabels } from './network-labels';
import { KIND_INFO, type Kind } from './state';

/** Fill and shape per kind: the shape tells kinds apart without colour; each fill has ≥ 3:1 contrast on white. */
export const KIND_STYLE: Record<Kind, { color: string; shape: cytoscape.Css.NodeShape }> = {
  TOPIC: { color: '#1d4ed8', shape: 'round-rectangle' },
  ORGANISATION: { color: '#b45309', shape: 'diamond' },
  PLACE: { color: '#047857', shape: 'ellipse' },
  PERSON: { color: '#7e22ce', shape: 'triangle' },
};

export type PickEntity = (kind: Kind, slug: string) => void;

/** Nodes' diameters in pixels: the area grows with the articles, so a node in 4 times the articles is twice as wide. */
const NODE_SIZE = { min: 12, max: 40 };
/** In a box narrower than this (a phone's), nodes are drawn at two thirds of their size and labels smaller. */
const NARROW = 500;
/** Edges' widths in pixels, from one shared article to the most shared. */
const EDGE_WIDTH = { min: 1, max: 8 };

let current: cytoscape.Core | null = null;
/** The zoom buttons of the drawing, hidden with it. */
let tools: HTMLElement | null = null;

/** The drawn network, for the browser console and the end-to-end test. */
export function currentNetwork(): cytoscape.Core | null {
  return current;
}

const number = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 });
const articles = (count: number) => `${count} article${count === 1 ? '' : 's'}`;

/**
 * Draws the graph into `container`. A tap (click or touch) on a node picks it; `selected` holds the
 * `KIND:slug` keys already in the filter, drawn with a thick outline. Layout is deterministic:
 * nodes start on an ellipse the shape of the box, in the API's order, and the force layout does not
 * randomise them.
 */
export function drawNetwork(container: HTMLElement, graph: LinkGraph, selected: Set<string>, pick: PickEntity): void {
  current?.destroy();
  const controls = setUpContainer(container, currentNetwork, () => {
    // Laid out for another size (a window resized, a phone turned): drawn again for this one.
    if (current && (container.clientWidth !== width || container.clientHeight !== height)) drawNetwork(container, graph, selected, pick);
  });
  tools = controls.tools;
  tools.hidden = false;
  const width = container.clientWidth;
  const height = container.clientHeight;
  const cy = cytoscape({
    container,
    elements: toElements(graph, selected, width, height),
    style: width < NARROW ? [...STYLE, { selector: 'node', style: { 'font-size': 12, 'text-max-width': '100px' } }] : STYLE,
    autoungrabify: true,
    autounselectify: true,
    boxSelectionEnabled: false,
    userZoomingEnabled: false,
    userPanningEnabled: false,
    minZoom: ZOOM.min,
    maxZoom: ZOOM.max,
  });
  current = cy;
  // Each node's share of the box, as the length the layout gives a link.
  const spacing = Math.sqrt((width * height) / Math.max(1, graph.nodes.length));
  // Labels are left out of the layout: they are placed afterwards, where there is room.
  cy.layout({
    name: 'cose',
    animate: false,
    randomize: false,
    fit: false,
    boundingBox: layoutBox(width, height, graph.nodes.length),
    nodeDimensionsIncludeLabels: false,
    idealEdgeLength: () => spacing,
    nodeRepulsion: () => 10 * spacing * spacing,
    nodeOverlap: 20,
    gravity: 20,
    componentSpacing: 60,
  } as cytoscape.LayoutOptions).run();
  // cose fits the view to the box it was given; the drawing is meant at zoom 1, where it fills the container.
  cy.viewport({ zoom: 1, pan: { x: 0, y: 0 } });
  placeLabels(cy, width, height);
  listen(cy, container, controls.tip, pick);
  container.setAttribute(
    'aria-label',
    `Link network: ${graph.nodes.length} entities and ${graph.edges.length} links over ${graph.articleCount} articles. The list below offers the same entities to the keyboard.`,
  );
}

/** The graph as cytoscape's elements: sizes, widths and tooltips computed once, here. */
function toElements(graph: LinkGraph, selected: Set<string>, width: number, height: number): cytoscape.ElementDefinition[] {
  const maxCount = Math.max(1, ...graph.nodes.map((node) => node.articleCount));
  const maxEdge = Math.max(1, ...graph.edges.map((edge) => edge.count));
  const names = new Map(graph.nodes.map((node) => [node.id, node.entity.name]));
  const scale = width < NARROW ? 2 / 3 : 1;
  return [
    ...graph.nodes.map((node, index) => {
      const angle = (2 * Math.PI * index) / Math.max(1, graph.nodes.length);
      return {
        group: 'nodes' as const,
        data: {
          id: node.id,
          label: node.entity.name,
          slug: node.entity.slug,
          kind: node.kind,
          count: node.articleCount,
          size: scale * (NODE_SIZE.min + (NODE_SIZE.max - NODE_SIZE.min) * Math.sqrt(node.articleCount / maxCount)),
          color: KIND_STYLE[node.kind].color,
          shape: KIND_STYLE[node.kind].shape,
        },
        position: { x: (width / 2) * Math.cos(angle), y: (height / 2) * Math.sin(angle) },
        classes: selected.has(`${node.kind}:${node.entity.slug}`) ? 'chosen' : '',
      };
    }),
    ...graph.edges.map((edge) => ({
      group: 'edges' as const,
      data: {
        id: `${edge.source}~${edge.target}`,
        source: edge.source,
        target: edge.target,
        count: edge.count,
        width: EDGE_WIDTH.min + ((EDGE_WIDTH.max - EDGE_WIDTH.min) * (edge.count - 1)) / Math.max(1, maxEdge - 1),
        tip: `${names.get(edge.source)} and ${names.get(edge.target)}: ${articles(edge.count)} together · Jaccard ${number.format(edge.jaccard)} · lift ${number.format(edge.lift)}`,
      },
    })),
  ];
}

/** The pointer's ways with the drawing: a tap on a node picks it; hovering lights and explains. */
function listen(cy: cytoscape.Core, container: HTMLElement, tip: HTMLElement, pick: PickEntity): void {
  const quiet = () => {
    highlight(null);
    tip.hidden = true;
    container.style.cursor = '';
  };
  quiet();
  cy.on('tap', 'node', (event) => {
    const node = event.target as cytoscape.NodeSingular;
    pick(node.data('kind') as Kind, node.data('slug') as string);
  });
  cy.on('mouseover', 'node', (event) => {
    const node = event.target as cytoscape.NodeSingular;
    highlight(node.closedNeighborhood());
    const action = node.hasClass('chosen') ? 'Click to remove it from the filter.' : 'Click to add it to the filter.';
    const kind = KIND_INFO[node.data('kind') as Kind].label.toLowerCase();
    showTip(container, tip, `${node.data('label')}: ${kind}, ${articles(node.data('count') as number)}. ${action}`, event.renderedPosition ?? node.renderedPosition());
    container.style.cursor = 'pointer';
  });
  // A tap too, as a touch screen has no hover.
  cy.on('mouseover tap', 'edge', (event) => {
    const edge = event.target as cytoscape.EdgeSingular;
    highlight(edge.connectedNodes().union(edge));
    showTip(container, tip, edge.data('tip') as string, event.renderedPosition ?? edge.renderedMidpoint());
  });
  cy.on('mouseout', 'node, edge', quiet);
  cy.on('tap', (event) => {
    if (event.target === cy) quiet();
  });
  // Cytoscape sends no mouseout when the pointer leaves the drawing straight from a node.
  container.onmouseleave = quiet;
  cy.on('zoom', () => cy.userPanningEnabled(cy.zoom() > 1.001));
}

/** Cytoscape's styles; sizes in pixels at zoom 1, the zoom the drawing is laid out at. */
const STYLE: cytoscape.StylesheetJson = [
  {
    selector: 'node',
    style: {
      label: 'data(label)',
      width: 'data(size)',
      height: 'data(size)',
      shape: 'data(shape)' as unknown as cytoscape.Css.NodeShape,
      'background-color': 'data(color)',
      color: '#111827',
      'font-size': 13,
      'text-wrap': 'wrap',
      'text-max-width': '120px',
      'text-valign': 'bottom',
      'text-halign': 'center',
      'text-margin-y': 3,
      'text-outline-color': '#ffffff',
      'text-outline-width': 2,
    },
  },
  ...LABEL_STYLES,
  { selector: 'node.chosen', style: { 'border-width': 4, 'border-color': '#111827' } },
  { selector: 'edge', style: { width: 'data(width)', 'line-color': '#6b7280', opacity: 0.7, 'curve-style': 'straight' } },
  { selector: '.faded', style: { opacity: 0.15 } },
  { selector: 'node.near', style: { label: 'data(label)', 'z-index': 10 } },
  { selector: 'edge.near', style: { 'line-color': '#111827', opacity: 1 } },
];

/** Lights `lit` (a node with its neighbours, or a link with its ends) and fades the rest; null lights all. */
function highlight(lit: cytoscape.Collection | null): void {
  const cy = current;
  if (!cy) return;
  cy.batch(() => {
    cy.elements().removeClass('faded near');
    if (!lit) return;
    cy.elements().not(lit).addClass('faded');
    lit.addClass('near');
  });
}

/** Lights the node of `KIND:slug` and its neighbours (null: none), as the entity list is hovered or focused. */
export function highlightEntity(key: string | null): void {
  const [kind, slug] = key?.split(':') ?? [];
  const node = current?.nodes().filter((n) => n.data('kind') === kind && n.data('slug') === slug);
  highlight(node && node.length > 0 ? node.closedNeighborhood() : null);
}

/**
 * The box the layout's node centres are spread over (cose stretches its result to fill it, each axis on its
 * own, as the force layout ignores the box's shape): the drawing less room for the largest node and a line
 * of label at its edges, and for a small graph less still, so that three nodes do not fly to the corners.
 */
function layoutBox(width: number, height: number, nodes: number): { x1: number; y1: number; w: number; h: number } {
  const room = NODE_SIZE.max / 2 + 4;
  const spread = 120 * Math.sqrt(nodes);
  const w = Math.max(0, Math.min(width - 2 * room - 48, 1.6 * spread));
  const h = Math.max(0, Math.min(height - 2 * room - 18, spread));
  return { x1: (width - w) / 2, y1: Math.max(room, (height - 18 - h) / 2), w, h };
}

/** Removes the drawing, e.g. when the request for it failed. */
export function clearNetwork(): void {
  current?.destroy();
  current = null;
  if (tools) tools.hidden = true;
}

/** The accessible twin of the drawing: one toggle button per entity, most articles first. */
export function renderEntityList(list: HTMLElement, graph: LinkGraph, selected: Set<string>, pick: PickEntity): void {
  const nodes = [...graph.nodes].sort((a, b) => b.articleCount - a.articleCount || a.entity.name.localeCompare(b.entity.name));
  list.replaceChildren(
    ...nodes.map((node) => {
      const item = document.createElement('li');
      const button = document.createElement('button');
      const key = `${node.kind}:${node.entity.slug}`;
      button.type = 'button';
      button.className = `entity kind-${node.kind.toLowerCase()}`;
      button.dataset.key = key;
      button.setAttribute('aria-pressed', String(selected.has(key)));
      const name = document.createElement('span');
      name.textContent = node.entity.name;
      const detail = document.createElement('span');
      detail.className = 'detail';
      detail.textContent = ` ${KIND_INFO[node.kind].label}, ${articles(node.articleCount)}`;
      button.append(name, detail);
      button.addEventListener('click', () => pick(node.kind, node.entity.slug));
      for (const type of ['mouseenter', 'focus']) button.addEventListener(type, () => highlightEntity(key));
      for (const type of ['mouseleave', 'blur']) button.addEventListener(type, () => highlightEntity(null));
      item.append(button);
      return item;
    }),
  );
}
