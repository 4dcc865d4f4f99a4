/**
 * What the article list says when nothing matches: that nothing does, and what to do about it, with
 * a button for each thing that can be taken away (each chosen entity, the dates, the search), so the
 * way out is one click and not a hunt through the filters (in a closed drawer, on a phone).
 */
import { formatDay } from '../../src/core/dates';
import { type ExploreState, KIND_INFO, KINDS, toggleSlug } from './state';

export interface EmptyActions {
  remove(next: ExploreState): void;
  clear(): void;
}

export function renderEmptyArticles(container: HTMLElement, state: ExploreState, names: Map<string, string>, actions: EmptyActions): void {
  const language = document.documentElement.lang;
  const ways: { label: string; next: ExploreState }[] = [];
  for (const kind of KINDS) {
    for (const slug of state.slugs[kind]) {
      ways.push({ label: `${KIND_INFO[kind].label} ${names.get(`${kind}:${slug}`) ?? slug}`, next: toggleSlug(state, kind, slug) });
    }
  }
  if (state.from || state.to) {
    const from = state.from ? `from ${formatDay(state.from, language)}` : '';
    const to = state.to ? `to ${formatDay(state.to, language)}` : '';
    ways.push({ label: `Dates ${[from, to].filter(Boolean).join(' ')}`, next: { ...state, from: '', to: '' } });
  }
  if (state.q.trim()) ways.push({ label: `Search “${state.q.trim()}”`, next: { ...state, q: '' } });

  const text = document.createElement('p');
  text.textContent =
    ways.length > 0 ? 'No articles match this view: remove a filter to see more.' : 'No articles yet: Quipu has no news stored. Add some with an ingest, then reload.';
  const buttons = document.createElement('ul');
  buttons.className = 'chips';
  buttons.setAttribute('aria-label', 'Filters to remove');
  for (const way of ways) {
    const item = document.createElement('li');
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'chip';
    button.textContent = `Remove ${way.label} ×`;
    button.addEventListener('click', () => actions.remove(way.next));
    item.append(button);
    buttons.append(item);
  }
  if (ways.length > 1) {
    const item = document.createElement('li');
    const clear = document.createElement('button');
    clear.type = 'button';
    clear.textContent = 'Clear all filters';
    clear.addEventListener('click', actions.clear);
    item.append(clear);
    buttons.append(item);
  }
  container.replaceChildren(text, ...(ways.length > 0 ? [buttons] : []));
  container.hidden = false;
}
