/**
 * The filter pickers: per kind, a list of the current list's values with their counts, the chosen
 * values as removable chips, and, with two or more chosen, whether articles need all or any of them.
 */
import type { FacetRow } from './api';
import { type ExploreState, KIND_INFO, KINDS, type Kind, type Match } from './state';

export interface PickerActions {
  pick(kind: Kind, slug: string): void;
  setMatch(kind: Kind, match: Match): void;
}

/** Keys that move through a closed list's values: they change its value but must not apply it. */
const NAVIGATION_KEYS = new Set(['ArrowDown', 'ArrowUp', 'ArrowLeft', 'ArrowRight', 'Home', 'End', 'PageDown', 'PageUp']);

/**
 * A <select> applies only on a click or Enter, never while the keyboard moves through it (WCAG 3.2.2):
 * on a closed list, Chromium and Firefox fire `change` on every arrow key, and applying each one added
 * a value and reloaded the view per key press. A change that follows a navigation or typed key is
 * only remembered; Enter applies it. A pointer press forgets the keys, so a clicked value applies.
 */
function applyOnEnterOrClick(select: HTMLSelectElement, apply: (value: string) => void): void {
  let movedByKeys = false;
  select.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      if (select.value) apply(select.value);
    } else if (NAVIGATION_KEYS.has(event.key) || event.key.length === 1) {
      movedByKeys = true;
    }
  });
  select.addEventListener('pointerdown', () => {
    movedByKeys = false;
  });
  select.addEventListener('change', () => {
    if (!movedByKeys && select.value) apply(select.value);
  });
}

function matchSwitch(kind: Kind, state: ExploreState, actions: PickerActions): HTMLElement {
  const info = KIND_INFO[kind];
  const group = document.createElement('div');
  group.className = 'match';
  group.setAttribute('role', 'group');
  group.setAttribute('aria-label', `Articles about the chosen ${info.plural.toLowerCase()}`);
  for (const [match, text] of [
    ['all', 'all of them'],
    ['any', 'any of them'],
  ] as const) {
    const button = document.createElement('button');
    button.type = 'button';
    button.id = `match-${info.param}-${match}`;
    button.textContent = `About ${text}`;
    button.setAttribute('aria-pressed', String(state.match[kind] === match));
    button.addEventListener('click', () => {
      if (state.match[kind] !== match) actions.setMatch(kind, match);
    });
    group.append(button);
  }
  return group;
}

/** One picker per kind, drawn into `container`; `names` gives the chips their subjects' names. */
export function renderPickers(container: HTMLElement, state: ExploreState, facets: Record<Kind, FacetRow[]> | undefined, names: Map<string, string>, actions: PickerActions): void {
  container.replaceChildren(
    ...KINDS.map((kind) => {
      const info = KIND_INFO[kind];
      const group = document.createElement('div');
      group.className = 'picker';
      const label = document.createElement('label');
      label.htmlFor = `pick-${info.param}`;
      label.textContent = info.label;
      const select = document.createElement('select');
      select.id = `pick-${info.param}`;
      select.name = info.param;
      select.setAttribute('aria-describedby', 'pick-hint');
      select.append(new Option(`Add a ${info.label.toLowerCase()}…`, ''));
      for (const row of facets?.[kind] ?? []) {
        if (state.slugs[kind].includes(row.subject.slug)) continue;
        select.append(new Option(`${row.subject.name} (${row.count})`, row.subject.slug));
      }
      select.disabled = select.options.length === 1;
      applyOnEnterOrClick(select, (slug) => actions.pick(kind, slug));
      const chips = document.createElement('ul');
      chips.className = 'chips';
      chips.setAttribute('aria-label', `Chosen ${info.plural.toLowerCase()}`);
      for (const slug of state.slugs[kind]) {
        const name = names.get(`${kind}:${slug}`) ?? slug;
        const chip = document.createElement('li');
        const remove = document.createElement('button');
        remove.type = 'button';
        remove.className = `chip kind-${kind.toLowerCase()}`;
        remove.setAttribute('aria-label', `Remove ${info.label.toLowerCase()} ${name}`);
        remove.dataset.key = `${kind}:${slug}`;
        remove.dataset.fallback = select.id;
        remove.textContent = `${name} ×`;
        remove.addEventListener('click', () => actions.pick(kind, slug));
        chip.append(remove);
        chips.append(chip);
      }
      group.append(label, select, chips);
      if (state.slugs[kind].length > 1) group.append(matchSwitch(kind, state, actions));
      return group;
    }),
  );
}
