/**
 * What the network's drawing needs around it, made once per container: the zoom buttons (the keyboard's
 * and the touch screen's way to zoom), the tooltip, and the wheel, which zooms only with Ctrl or ⌘ held
 * so that the wheel alone scrolls the page past the drawing (a trackpad's pinch arrives as such a wheel).
 */
import type cytoscape from 'cytoscape';

/** Zoom levels around the drawn size (1), and one button press's step. */
export const ZOOM = { min: 0.5, max: 4, step: 1.25 };

type Network = () => cytoscape.Core | null;

/** The zoom buttons' bar, and the tooltip inside the drawing. */
export interface Controls {
  tools: HTMLElement;
  tip: HTMLElement;
}

const made = new WeakMap<HTMLElement, Controls>();
const onResize = new WeakMap<HTMLElement, () => void>();

/**
 * Sets up `container` the first time it is drawn into; returns its controls. `resized` is called when the
 * container's size changes; the latest drawing's is the one called.
 */
export function setUpContainer(container: HTMLElement, network: Network, resized: () => void): Controls {
  onResize.set(container, resized);
  const ready = made.get(container);
  if (ready) return ready;
  const button = (text: string, label: string, action: () => void) => {
    const element = document.createElement('button');
    element.type = 'button';
    element.textContent = text;
    element.setAttribute('aria-label', label);
    element.addEventListener('click', action);
    return element;
  };
  const hint = document.createElement('span');
  hint.className = 'hint';
  hint.textContent = 'Ctrl + wheel also zooms; drag to move when zoomed in.';
  const tools = document.createElement('div');
  tools.className = 'network-tools';
  tools.append(
    button('+', 'Zoom in', () => zoomBy(network(), ZOOM.step)),
    button('−', 'Zoom out', () => zoomBy(network(), 1 / ZOOM.step)),
    button('Fit', 'Fit the network to its box', () => network()?.viewport({ zoom: 1, pan: { x: 0, y: 0 } })),
    hint,
  );
  container.before(tools);

  const tip = document.createElement('div');
  tip.className = 'network-tip';
  // The same facts are in the entity list and the table of pairs; the tooltip is for the pointer only.
  tip.setAttribute('aria-hidden', 'true');
  tip.hidden = true;
  container.append(tip);

  container.addEventListener(
    'wheel',
    (event) => {
      if (!(event.ctrlKey || event.metaKey)) return;
      event.preventDefault();
      const rect = container.getBoundingClientRect();
      zoomBy(network(), Math.exp(-event.deltaY / 300), { x: event.clientX - rect.left, y: event.clientY - rect.top });
    },
    { passive: false },
  );
  // Cytoscape cancels every touch that began on the drawing, also after the page has scrolled under the
  // finger, when the event can no longer be cancelled and Chrome reports the attempt as a console error.
  // The call would do nothing then; making it a no-op keeps the console clean.
  for (const type of ['touchmove', 'touchend']) {
    container.addEventListener(
      type,
      (event) => {
        if (!event.cancelable) Object.defineProperty(event, 'preventDefault', { value: () => undefined });
      },
      { capture: true, passive: true },
    );
  }
  new ResizeObserver(() => onResize.get(container)?.()).observe(container);
  const controls = { tools, tip };
  made.set(container, controls);
  return controls;
}

/** Zooms by `factor` about `at` (the drawing's centre by default), within ZOOM's levels. */
function zoomBy(cy: cytoscape.Core | null, factor: number, at?: cytoscape.Position): void {
  if (!cy) return;
  const level = Math.min(ZOOM.max, Math.max(ZOOM.min, cy.zoom() * factor));
  cy.zoom({ level, renderedPosition: at ?? { x: cy.width() / 2, y: cy.height() / 2 } });
}

/** Shows `text` in the tooltip beside the point `at` of the drawing, turned back inside it near its right and bottom edges. */
export function showTip(container: HTMLElement, tip: HTMLElement, text: string, at: cytoscape.Position): void {
  tip.textContent = text;
  tip.hidden = false;
  const left = at.x + 12 + tip.offsetWidth > container.clientWidth ? at.x - 12 - tip.offsetWidth : at.x + 12;
  const top = at.y + 12 + tip.offsetHeight > container.clientHeight ? at.y - 12 - tip.offsetHeight : at.y + 12;
  tip.style.transform = `translate(${Math.max(0, left)}px, ${Math.max(0, top)}px)`;
}
