import { CloseIcon, PlusIcon, useEditorContext, useExecutionContext } from '@graphiql/react';

/** The id GraphiQL's session panel is labelled by (`aria-labelledby`): the active tab's button. */
const tabId = (index: number) => `graphiql-session-tab-${index}`;

/**
 * GraphiQL's tabs, in Quipu's own tab bar. GraphiQL's bar scrolls sideways with no visible way
 * to, so at 1366 px five of the thirteen documented operations were out of reach; and it nests
 * each tab's buttons inside an element that is itself a tab, which screen readers cannot operate.
 * Here the tabs wrap onto as many rows as they need, and each is a plain button (the active one
 * `aria-current`) with its close button beside it, driving the same state GraphiQL keeps.
 */
export function OperationTabs() {
  const editor = useEditorContext({ nonNull: true });
  const execution = useExecutionContext({ nonNull: true });
  const { tabs, activeTabIndex } = editor;

  const open = (index: number) => {
    execution.stop();
    editor.changeTab(index);
  };
  const close = (index: number) => {
    if (index === activeTabIndex) execution.stop();
    editor.closeTab(index);
  };

  return (
    <nav className="quipu-tabs" aria-label="Open operations">
      <ul>
        {tabs.map((tab, index) => (
          <li key={tab.id} className={index === activeTabIndex ? 'quipu-tab-active' : undefined}>
            <button type="button" id={tabId(index)} aria-controls="graphiql-session" aria-current={index === activeTabIndex ? 'true' : undefined} onClick={() => open(index)}>
              {tab.title}
            </button>
            {tabs.length > 1 && (
              <button type="button" className="quipu-tab-close" aria-label={`Close ${tab.title}`} title={`Close ${tab.title}`} onClick={() => close(index)}>
                <CloseIcon aria-hidden="true" />
              </button>
            )}
          </li>
        ))}
      </ul>
      <button type="button" className="quipu-tab-add" aria-label="New tab" title="New tab" onClick={editor.addTab}>
        <PlusIcon aria-hidden="true" />
      </button>
    </nav>
  );
}
