/**
 * On a narrow screen the filters live in a drawer, so the results come first: a "Filters" button
 * opens the form over the page, and "Show the articles", Escape or applying a filter closes it. While
 * it is open the rest of the page is inert, so keyboard and screen reader users stay in the drawer.
 * On a wide screen the same form is the sidebar and the buttons are hidden by the styles.
 */
export interface Drawer {
  close(): void;
  /** Says on the button how many filters the view has. */
  count(filters: number): void;
}

export function filtersDrawer(form: HTMLElement, toggle: HTMLButtonElement, closeButton: HTMLButtonElement, behind: HTMLElement[]): Drawer {
  const setOpen = (open: boolean) => {
    form.classList.toggle('open', open);
    toggle.setAttribute('aria-expanded', String(open));
    for (const element of behind) element.inert = open;
  };
  toggle.addEventListener('click', () => {
    setOpen(true);
    form.querySelector<HTMLElement>('input, select, button:not([hidden])')?.focus();
  });
  const close = () => {
    if (!form.classList.contains('open')) return;
    setOpen(false);
    toggle.focus();
  };
  closeButton.addEventListener('click', close);
  // A window widened past the phone layout shows the form as the sidebar: nothing may stay inert.
  matchMedia('(max-width: 50rem)').addEventListener('change', (event) => {
    if (!event.matches) setOpen(false);
  });
  form.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') close();
  });
  return {
    close,
    count(filters) {
      toggle.textContent = filters > 0 ? `Filters (${filters})` : 'Filters';
    },
  };
}
