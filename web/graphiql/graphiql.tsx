/**
 * GraphiQL for Quipu, bundled with React at build time so the page loads nothing from elsewhere.
 * It opens with one tab per documented operation (schema/operations/*.graphql) and talks to the
 * same server's /graphql with POST JSON.
 *
 * Quipu replaces three parts of GraphiQL's own interface, through the slots GraphiQL offers
 * (`disableTabs`, the logo and the footer): the tab bar (operation-tabs.tsx: every tab in view, and
 * plain buttons where GraphiQL nests buttons in its tabs), a hint in the empty result pane
 * (run-hint.tsx), and names and keyboard access for the editors (editor-access.tsx).
 */
import { GraphiQL, type GraphiQLProps } from 'graphiql';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { EditorAccess } from './editor-access';
import { OperationTabs } from './operation-tabs';
import { RunHint } from './run-hint';

const endpoint = new URL('/graphql', window.location.href).toString();

const fetcher: GraphiQLProps['fetcher'] = async (params, options) => {
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: { accept: 'application/graphql-response+json, application/json', 'content-type': 'application/json', ...options?.headers },
    body: JSON.stringify(params),
  });
  const type = response.headers.get('content-type') ?? '';
  if (!/json/.test(type)) return { errors: [{ message: `HTTP ${response.status}: ${(await response.text()).slice(0, 500)}` }] };
  return response.json();
};

/**
 * GraphiQL keeps its tabs in localStorage. Keys are prefixed with the operations' version, so a
 * browser that kept tabs from an older set of operations opens with the current ones.
 */
const prefix = `quipu:${QUIPU_TABS_VERSION}:`;
const storage: GraphiQLProps['storage'] = {
  getItem: (key) => localStorage.getItem(prefix + key),
  setItem: (key, value) => localStorage.setItem(prefix + key, value),
  removeItem: (key) => localStorage.removeItem(prefix + key),
  clear: () => {
    for (const key of Object.keys(localStorage)) if (key.startsWith(prefix)) localStorage.removeItem(key);
  },
  get length() {
    return Object.keys(localStorage).filter((key) => key.startsWith(prefix)).length;
  },
};

// GraphiQL 3 opens its first tab with the stored variables, not the tab's own: on a first visit,
// store the first tab's variables where it looks, so TopicPage opens ready to run.
if (localStorage.getItem(`${prefix}graphiql:tabState`) === null && QUIPU_TABS[0]) {
  localStorage.setItem(`${prefix}graphiql:variables`, QUIPU_TABS[0].variables);
}

const container = document.getElementById('graphiql')!;
createRoot(container).render(
  <StrictMode>
    <GraphiQL fetcher={fetcher} defaultTabs={QUIPU_TABS} storage={storage} defaultEditorToolsVisibility="variables" shouldPersistHeaders={false} disableTabs>
      <GraphiQL.Logo>
        <OperationTabs />
      </GraphiQL.Logo>
      <GraphiQL.Footer>
        <RunHint />
        <EditorAccess />
      </GraphiQL.Footer>
    </GraphiQL>
  </StrictMode>,
);
container.dataset.state = 'ready';
