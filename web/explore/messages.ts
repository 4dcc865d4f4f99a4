/** What the page says besides its results: the one message for what failed, notes on the URL, empty states. */
import { RequestFailed } from './api';

export interface Problem {
  /** Adds a failed part of the view (`the timeline`) and why to the message. */
  fail(what: string, error: unknown): void;
  clear(): void;
}

/** The parts of a view as the page shows them, top to bottom. */
const PAGE_ORDER = ['the article list', 'the link network', 'the timeline', 'the next page of articles'];

/**
 * The page's one message for everything that failed in a view, said once however many parts failed:
 * "The link network and the timeline could not be loaded: the server could not be reached; check the
 * connection, then try again." A reason shared by several parts is given once.
 */
export function problemMessage(container: HTMLElement, text: HTMLElement): Problem {
  const failures = new Map<string, string>();
  // The parts in the page's order, whichever failed first: one view's message reads the same every time.
  const place = (what: string) => (PAGE_ORDER.indexOf(what) + PAGE_ORDER.length + 1) % (PAGE_ORDER.length + 1);
  return {
    fail(what, error) {
      failures.set(what, error instanceof RequestFailed ? error.message : 'something went wrong in the page; reload it');
      const parts = [...failures.keys()].sort((a, b) => place(a) - place(b));
      const list = parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
      const reasons = [...new Set(failures.values())].join('; ');
      text.textContent = `${list[0].toUpperCase()}${list.slice(1)} could not be loaded: ${reasons}.`;
      container.hidden = false;
    },
    clear() {
      failures.clear();
      container.hidden = true;
      text.textContent = '';
    },
  };
}

/** What the URL said that the view could not take as given (state.ts readState), one paragraph each. */
export function showNotes(container: HTMLElement, lines: string[]): void {
  container.hidden = lines.length === 0;
  container.replaceChildren(
    ...lines.map((line) => {
      const paragraph = document.createElement('p');
      paragraph.textContent = line;
      return paragraph;
    }),
  );
}

/** A region's empty state, saying what to do; null hides it. */
export function showEmpty(element: HTMLElement, text: string | null): void {
  element.hidden = text === null;
  element.textContent = text ?? '';
}
