/** The link network, drawn with cytoscape.js, plus the list of its entities for keyboard users. */
import cytoscape from 'cytoscape';
import type { LinkGraph } from './api';
import { KIND_INFO, type Kind } from './state';

/** Fill and shape per kind: the shape tells kinds apart without colour; each fill has ≥ 3:1 contrast on white. */
export const KIND_STYLE: Record<Kind, { color: string; shape: cytoscape.Css.NodeShape }> = {
  TOPIC: { color: '#1d4ed8', shape: 'round-rectangle' },
  ORGANISATION: { color: '#b45309', shape: 'diamond' },
  PLACE: { color: '#047857', shape: 'ellipse' },
  PERSON: { color: '#7e22ce', shape: 'triangle' },
};

export type PickEntity = (kind: Kind, slug: string) => void;

let current: cytoscape.Core | null = null;

/** The drawn network, for the browser console and the end-to-end test. */
export function currentNetwork(): cytoscape.Core | null {
  return current;
}

/**
 * Draws the graph into `container`. A tap (click or touch) on a node picks it; `selected` holds the
 * `KIND:slug` keys already in the filter, drawn with a thick outline. Layout is deterministic:
 * nodes start on a circle in the API's order and the force layout does not randomise them.
 */
export function drawNetwork(container: HTMLElement, graph: LinkGraph, selected: Set<string>, pick: PickEntity): void {
  current?.destroy();
  const maxCount = Math.max(1, ...graph.nodes.map((node) => node.articleCount));
  const maxEdge = Math.max(1, ...graph.edges.map((edge) => edge.count));
  const radius = 40 * Math.max(3, graph.nodes.length);
  const elements: cytoscape.ElementDefinition[] = [
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
          size: 18 + 30 * Math.sqrt(node.articleCount / maxCount),
          color: KIND_STYLE[node.kind].color,
          shape: KIND_STYLE[node.kind].shape,
        },
        position: { x: radius * Math.cos(angle), y: radius * Math.sin(angle) },
        classes: selected.has(`${node.kind}:${node.entity.slug}`) ? 'chosen' : '',
      };
    }),
    ...graph.edges.map((edge) => ({
      group: 'edges' as const,
      data: { id: `${edge.source}~${edge.target}`, source: edge.source, target: edge.target, width: 1 + 7 * (edge.count / maxEdge) },
    })),
  ];

  current = cytoscape({
    container,
    elements,
    autoungrabify: false,
    boxSelectionEnabled: false,
    minZoom: 0.2,
    maxZoom: 4,
    style: [
      {
        selector: 'node',
        style: {
          label: 'data(label)',
          width: 'data(size)',
          height: 'data(size)',
          shape: 'data(shape)' as unknown as cytoscape.Css.NodeShape,
          'background-color': 'data(color)',
          color: '#111827',
          'font-size': 14,
          'text-valign': 'bottom',
          'text-margin-y': 4,
          'text-outline-color': '#ffffff',
          'text-outline-width': 3,
        },
      },
      { selector: 'node.chosen', style: { 'border-width': 5, 'border-color': '#111827' } },
      { selector: 'edge', style: { width: 'data(width)', 'line-color': '#6b7280', opacity: 0.7, 'curve-style': 'straight' } },
    ],
  });
  current
    .layout({
      name: 'cose',
      animate: false,
      randomize: false,
      fit: false,
      nodeDimensionsIncludeLabels: true,
      idealEdgeLength: () => 100,
      nodeRepulsion: () => 400000,
      nodeOverlap: 20,
      gravity: 80,
      componentSpacing: 60,
    } as cytoscape.LayoutOptions)
    .run();
  stretchToBox(current, container);
  current.fit(undefined, 24);
  // Labels at 13 CSS pixels and nodes at 11-29 whatever zoom the fit chose; zooming in later
  // enlarges them as usual.
  const zoom = current.zoom();
  current.nodes().forEach((node) => {
    node.data('size', (0.6 * (node.data('size') as number)) / zoom);
  });
  current
    .style()
    .selector('node')
    .style({ 'font-size': 13 / zoom, 'text-outline-width': 3 / zoom, 'text-margin-y': 4 / zoom })
    .selector('node.chosen')
    .style({ 'border-width': 5 / zoom })
    .update();
  current.on('tap', 'node', (event) => {
    const node = event.target as cytoscape.NodeSingular;
    pick(node.data('kind') as Kind, node.data('slug') as string);
  });
  current.on('mouseover', 'node', () => (container.style.cursor = 'pointer'));
  current.on('mouseout', 'node', () => (container.style.cursor = ''));
  container.setAttribute(
    'aria-label',
    `Link network: ${graph.nodes.length} entities and ${graph.edges.length} links over ${graph.articleCount} articles. The list below offers the same entities to the keyboard.`,
  );
}

/**
 * The force layout ignores the box's shape and tends to come out tall; a wide box would then show it
 * small. Stretching the positions sideways (at most 2.5 times) to the box's proportions keeps the
 * layout's neighbourhoods and lets fit() draw it larger.
 */
function stretchToBox(cy: cytoscape.Core, container: HTMLElement): void {
  const box = cy.nodes().boundingBox({ includeLabels: false });
  if (box.w <= 0 || box.h <= 0 || container.clientHeight <= 0) return;
  const stretch = Math.min(2.5, container.clientWidth / container.clientHeight / (box.w / box.h));
  if (stretch <= 1.05) return;
  const centre = box.x1 + box.w / 2;
  cy.nodes().positions((node) => {
    const { x, y } = node.position();
    return { x: centre + (x - centre) * stretch, y };
  });
}

/** Removes the drawing, e.g. when the request for it failed. */
export function clearNetwork(): void {
  current?.destroy();
  current = null;
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
      detail.textContent = ` ${KIND_INFO[node.kind].label}, ${node.articleCount} article${node.articleCount === 1 ? '' : 's'}`;
      button.append(name, detail);
      button.addEventListener('click', () => pick(node.kind, node.entity.slug));
      item.append(button);
      return item;
    }),
  );
}
