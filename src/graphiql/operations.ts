import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { type DefinitionNode, Kind, parse, visit } from 'graphql';

/**
 * The documented operations in schema/operations/<audience>.graphql, read for GraphiQL's tabs and
 * for the tests that run each one.
 *
 * Terminology: an operation's *comment* is the block of `#` lines right above it (no blank line
 * between); the line `# Example variables: {...}` in it gives the variables its tab opens with
 * (JSON). Its *source* is the comment (without that line), the operation as written, and the
 * fragments it uses, as written: what a reader of the file sees.
 */
export interface DocumentedOperation {
  /** The file's name without `.graphql`: `frontend`, `partner` or `analyst`. */
  audience: string;
  name: string;
  source: string;
  /** The example variables, `{}` when the comment gives none. */
  variables: Record<string, unknown>;
}

const EXAMPLE = /^#\s*Example variables:\s*(.*)$/;

/** Reads every `*.graphql` file of `dir`, in the order `audiences` gives (the others after, by name). */
export function readDocumentedOperations(dir: string, audiences: readonly string[] = ['frontend', 'partner', 'analyst']): DocumentedOperation[] {
  const rank = (file: string) => {
    const index = audiences.indexOf(path.basename(file, '.graphql'));
    return index === -1 ? audiences.length : index;
  };
  const files = readdirSync(dir)
    .filter((file) => file.endsWith('.graphql'))
    .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  return files.flatMap((file) => operationsOf(path.join(dir, file)));
}

function operationsOf(file: string): DocumentedOperation[] {
  const text = readFileSync(file, 'utf8');
  const audience = path.basename(file, '.graphql');
  const document = parse(text);
  const fragments = new Map<string, DefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const lines = text.split('\n');
  const slice = (node: DefinitionNode) => text.slice(node.loc!.start, node.loc!.end);

  return document.definitions.flatMap((definition) => {
    if (definition.kind !== Kind.OPERATION_DEFINITION) return [];
    const name = definition.name?.value;
    const at = `${file}:${definition.loc!.startToken.line}`;
    if (!name) throw new Error(`${at}: a documented operation needs a name`);
    const comment = commentAbove(lines, definition.loc!.startToken.line - 1);
    if (comment.length === 0) throw new Error(`${at}: operation ${name} needs a comment above it saying what it is for`);
    let variables: Record<string, unknown> = {};
    const described = comment.filter((line) => {
      const example = EXAMPLE.exec(line);
      if (!example) return true;
      try {
        variables = JSON.parse(example[1]!) as Record<string, unknown>;
      } catch (error) {
        throw new Error(`${at}: the example variables of ${name} are not JSON: ${(error as Error).message}`);
      }
      return false;
    });
    const used = usedFragments(definition, fragments, `${at}: ${name}`);
    const source = [`${described.join('\n')}\n${slice(definition)}`, ...used.map(slice)].join('\n\n');
    return [{ audience, name, source, variables }];
  });
}

/** The `#` lines right above line `index` (0-based), top to bottom. */
function commentAbove(lines: string[], index: number): string[] {
  const comment: string[] = [];
  for (let i = index - 1; i >= 0 && lines[i]!.startsWith('#'); i--) comment.unshift(lines[i]!);
  return comment;
}

function usedFragments(root: DefinitionNode, fragments: Map<string, DefinitionNode>, at: string): DefinitionNode[] {
  const used = new Map<string, DefinitionNode>();
  const collect = (node: DefinitionNode) =>
    visit(node, {
      FragmentSpread(spread) {
        const name = spread.name.value;
        if (used.has(name)) return;
        const fragment = fragments.get(name);
        if (!fragment) throw new Error(`${at} spreads fragment ${name}, which is not in the same file`);
        used.set(name, fragment);
        collect(fragment);
      },
    });
  collect(root);
  return [...used.values()];
}
