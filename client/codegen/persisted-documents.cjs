// @ts-check
/**
 * A GraphQL Code Generator plugin that turns each named operation into a persisted document: the
 * exact text the client sends, the SHA-256 of that text (hex, as Apollo's automatic persisted queries
 * and the trusted-documents manifest use it), and its operation name.
 *
 * One text, one hash: the client module and schema/trusted-documents.json are both written from the
 * same `persistedDocuments()` below, so the server can always look a hash up and find the very text
 * whose hash it is. The text is the operation as written in its file, followed by the fragments it
 * uses (directly or through other fragments, in name order) as written, separated by a blank line:
 * comments and layout are the author's, so a client holding a copy of the file's text (the embed
 * widget does) sends the same bytes and the same hash.
 *
 * Config `output`: `typescript` (default) writes `export const <Name>Document` constants typed with
 * the result and variables types of the typescript-operations plugin (which must run before it, in
 * the same file); `manifest` writes the `{ "<sha256>": "<text>" }` JSON.
 */
const { createHash } = require('node:crypto');
const { Kind, parse, print, visit } = require('graphql');

/** @typedef {import('graphql').DocumentNode} DocumentNode */
/** @typedef {import('graphql').FragmentDefinitionNode} FragmentDefinitionNode */
/** @typedef {import('graphql').OperationDefinitionNode} OperationDefinitionNode */

/**
 * @param {{ document?: DocumentNode, location?: string }[]} files
 * @returns {{ name: string, type: string, text: string, hash: string }[]}
 */
function persistedDocuments(files) {
  /** @type {Map<string, FragmentDefinitionNode>} */
  const fragments = new Map();
  /** @type {{ operation: OperationDefinitionNode, location: string }[]} */
  const operations = [];
  /** @type {Map<import('graphql').DefinitionNode, string>} */
  const written = new Map();
  for (const file of files) {
    for (const definition of file.document?.definitions ?? []) {
      written.set(definition, writtenText(definition, file.location ?? '?'));
      if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
      if (definition.kind === Kind.OPERATION_DEFINITION) operations.push({ operation: definition, location: file.location ?? '?' });
    }
  }
  const seen = new Set();
  return operations.map(({ operation, location }) => {
    const name = operation.name?.value;
    if (!name) throw new Error(`${location}: every documented operation needs a name (the client and the manifest are keyed by it)`);
    if (seen.has(name)) throw new Error(`${location}: operation name "${name}" is used twice; names must be unique across the documents`);
    seen.add(name);
    const used = usedFragments(operation, fragments, location);
    const text = [operation, ...used].map((node) => written.get(node)).join('\n\n');
    const type = operation.operation.charAt(0).toUpperCase() + operation.operation.slice(1);
    return { name, type, text, hash: createHash('sha256').update(text, 'utf8').digest('hex') };
  });
}

/**
 * A definition's text as its file has it, checked to mean what the parsed definition means.
 * @param {import('graphql').DefinitionNode} definition
 * @param {string} location
 */
function writtenText(definition, location) {
  const loc = definition.loc;
  const text = loc?.source?.body ? loc.source.body.slice(loc.start, loc.end) : undefined;
  if (text === undefined || print(parse(text).definitions[0]) !== print(definition)) {
    throw new Error(`${location}: cannot find the written text of a definition (codegen gave no source locations)`);
  }
  return text;
}

/**
 * The fragments an operation spreads, directly or through other fragments, in name order.
 * @param {OperationDefinitionNode} operation
 * @param {Map<string, FragmentDefinitionNode>} fragments
 * @param {string} location
 */
function usedFragments(operation, fragments, location) {
  /** @type {Map<string, FragmentDefinitionNode>} */
  const used = new Map();
  /** @param {import('graphql').ASTNode} node */
  const collect = (node) =>
    visit(node, {
      FragmentSpread(spread) {
        const name = spread.name.value;
        if (used.has(name)) return;
        const fragment = fragments.get(name);
        if (!fragment) throw new Error(`${location}: operation "${operation.name?.value}" spreads unknown fragment "${name}"`);
        used.set(name, fragment);
        collect(fragment);
      },
    });
  collect(operation);
  return [...used.values()].sort((a, b) => a.name.value.localeCompare(b.name.value));
}

/** @type {import('@graphql-codegen/plugin-helpers').PluginFunction<{ output?: 'typescript' | 'manifest', documentType?: string, documentTypeFrom?: string }>} */
function plugin(_schema, files, config) {
  const documents = persistedDocuments(files);
  if (config.output === 'manifest') {
    return `${JSON.stringify(Object.fromEntries(documents.map(({ hash, text }) => [hash, text])), null, 2)}\n`;
  }
  const documentType = config.documentType ?? 'PersistedDocument';
  const prepend = ['// Generated by `npm run codegen` from schema/operations/*.graphql: do not edit.'];
  if (config.documentTypeFrom) prepend.push(`import type { ${documentType} } from '${config.documentTypeFrom}';`);
  const lines = [];
  for (const { name, type, text, hash } of documents) {
    lines.push(
      `/** The ${name} ${type.toLowerCase()} as the client sends it; its hash is in schema/trusted-documents.json. */`,
      `export const ${name}Document: ${documentType}<${name}${type}, ${name}${type}Variables> = {`,
      `  operationName: ${JSON.stringify(name)},`,
      `  sha256Hash: ${JSON.stringify(hash)},`,
      `  text: ${JSON.stringify(text)},`,
      `};`,
      '',
    );
  }
  return { prepend, content: lines.join('\n') };
}

module.exports = { plugin, persistedDocuments };
