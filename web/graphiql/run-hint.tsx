import { isMacOs, useEditorContext, useExecutionContext } from '@graphiql/react';
import { useEffect, useState } from 'react';

/**
 * A line in the result pane while it is empty, saying how to fill it: GraphiQL leaves the pane
 * blank until the first run, and newcomers took the blank for a broken page. The pane is
 * GraphiQL's response editor; the hint follows its text, so it comes back on a tab not yet run.
 */
export function RunHint() {
  const { responseEditor } = useEditorContext({ nonNull: true });
  const { isFetching } = useExecutionContext({ nonNull: true });
  const [empty, setEmpty] = useState(true);

  useEffect(() => {
    if (!responseEditor) return;
    const update = () => setEmpty(responseEditor.getValue() === '');
    update();
    responseEditor.on('change', update);
    return () => responseEditor.off('change', update);
  }, [responseEditor]);

  if (!empty || isFetching) return null;
  return <p className="quipu-run-hint">The result will show here. Run the operation with the ▶ button, or press {isMacOs ? '⌘' : 'Ctrl'}-Enter in the editor.</p>;
}
