import { useEditorContext } from '@graphiql/react';
import { useEffect } from 'react';

/**
 * Makes GraphiQL's four CodeMirror editors usable with a screen reader and a keyboard alone, which
 * GraphiQL leaves undone:
 * - each is typed into through a hidden textarea without a label: CodeMirror's `screenReaderLabel`
 *   option gives it one (an `aria-label`);
 * - each shows its text in a scrolling box that CodeMirror takes out of the tab order, so the
 *   read-only result could not be scrolled from the keyboard: the box goes back in the tab order,
 *   where the arrow keys scroll it.
 * Renders nothing.
 */
export function EditorAccess() {
  const { queryEditor, variableEditor, headerEditor, responseEditor } = useEditorContext({ nonNull: true });
  useEffect(() => {
    const editors = [
      [queryEditor, 'Query'],
      [variableEditor, 'Variables (JSON)'],
      [headerEditor, 'Request headers (JSON)'],
      [responseEditor, 'Result'],
    ] as const;
    for (const [editor, label] of editors) {
      if (!editor) continue;
      editor.setOption('screenReaderLabel', label);
      const scroller = editor.getScrollerElement();
      scroller.tabIndex = 0;
      scroller.setAttribute('role', 'group');
      scroller.setAttribute('aria-label', `${label}, scrolling view`);
    }
  }, [queryEditor, variableEditor, headerEditor, responseEditor]);
  return null;
}
