/**
 * Where the network's labels go. Cytoscape draws every label where its style puts it and lets them
 * overlap; this picks, for each node, the first of eight places around it (below, above, right, left,
 * then the corners) where its label stays inside the drawing and clear of the labels already placed and
 * of other nodes, and leaves the label off when none is clear (hovering the node, or a neighbour, shows
 * it again). Nodes are placed in order of importance: those in the filter, then by articles, so the
 * entities that matter most keep their names.
 */
import type cytoscape from 'cytoscape';

/** The style classes of a label's places, in the order they are tried; `label-off` hides it. */
export const LABEL_PLACES = ['label-below', 'label-above', 'label-right', 'label-left', 'label-below-right', 'label-below-left', 'label-above-right', 'label-above-left'] as const;
export const LABEL_OFF = 'label-off';

/** The styles of the places: beside the node, with a few pixels between; below is the default style's. */
export const LABEL_STYLES: cytoscape.StylesheetJson = [
  { selector: 'node.label-above', style: { 'text-valign': 'top', 'text-margin-y': -3 } },
  { selector: 'node.label-right', style: { 'text-valign': 'center', 'text-halign': 'right', 'text-margin-x': 4, 'text-margin-y': 0 } },
  { selector: 'node.label-left', style: { 'text-valign': 'center', 'text-halign': 'left', 'text-margin-x': -4, 'text-margin-y': 0 } },
  { selector: 'node.label-below-right', style: { 'text-halign': 'right', 'text-margin-x': -4 } },
  { selector: 'node.label-below-left', style: { 'text-halign': 'left', 'text-margin-x': 4 } },
  { selector: 'node.label-above-right', style: { 'text-valign': 'top', 'text-halign': 'right', 'text-margin-x': -4, 'text-margin-y': -3 } },
  { selector: 'node.label-above-left', style: { 'text-valign': 'top', 'text-halign': 'left', 'text-margin-x': 4, 'text-margin-y': -3 } },
  { selector: `node.${LABEL_OFF}`, style: { label: '' } },
];

interface Box {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

const overlap = (a: Box, b: Box) => a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2;

/** A label's box on screen (the label alone, in pixels from the drawing's corner). */
function labelBox(node: cytoscape.NodeSingular): Box {
  return node.renderedBoundingBox({ includeNodes: false, includeEdges: false, includeLabels: true, includeOverlays: false, includeUnderlays: false });
}

/** Places every label at the current zoom and pan, in a drawing `width` by `height` pixels. */
export function placeLabels(cy: cytoscape.Core, width: number, height: number): void {
  const margin = 2;
  const inside = (box: Box) => box.x1 >= margin && box.y1 >= margin && box.x2 <= width - margin && box.y2 <= height - margin;
  const bodies = new Map(cy.nodes().map((node) => [node.id(), node.renderedBoundingBox({ includeLabels: false, includeOverlays: false, includeUnderlays: false })]));
  const placed: Box[] = [];
  const order = cy
    .nodes()
    .toArray()
    .sort(
      (a, b) =>
        Number(b.hasClass('chosen')) - Number(a.hasClass('chosen')) ||
        (b.data('count') as number) - (a.data('count') as number) ||
        String(a.data('label')).localeCompare(String(b.data('label'))),
    );
  cy.batch(() => cy.nodes().removeClass([...LABEL_PLACES, LABEL_OFF].join(' ')));
  for (const node of order) {
    const clear = (box: Box) => inside(box) && !placed.some((other) => overlap(box, other)) && ![...bodies].some(([id, body]) => id !== node.id() && overlap(box, body));
    let found = false;
    for (const place of LABEL_PLACES) {
      node.addClass(place);
      const box = labelBox(node);
      if (clear(box)) {
        placed.push(box);
        found = true;
        break;
      }
      node.removeClass(place);
    }
    if (!found) node.addClass(LABEL_OFF);
  }
}
