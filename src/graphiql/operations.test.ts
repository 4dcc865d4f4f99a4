import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readDocumentedOperations } from './operations';

describe('readDocumentedOperations', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quipu-operations-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const write = (file: string, text: string) => fs.writeFileSync(path.join(dir, file), text);

  it('reads each operation with its comment, its example variables and the fragments it uses, audiences in order', () => {
    write('zeta.graphql', '# Z.\nquery Z { __typename }\n');
    write('analyst.graphql', '# A.\nquery A { __typename }\n');
    write(
      'frontend.graphql',
      [
        '# File header, not part of any operation.',
        '',
        '# One topic.',
        '# Example variables: { "slug": "mining" }',
        'query T($slug: String!) {',
        '  topic(slug: $slug) { ...Named }',
        '}',
        '',
        '# A fragment.',
        'fragment Named on Topic { slug name }',
        '',
      ].join('\n'),
    );
    const operations = readDocumentedOperations(dir);
    expect(operations.map(({ audience, name }) => `${audience}/${name}`)).toEqual(['frontend/T', 'analyst/A', 'zeta/Z']);
    expect(operations[0]).toEqual({
      audience: 'frontend',
      name: 'T',
      variables: { slug: 'mining' },
      source: '# One topic.\nquery T($slug: String!) {\n  topic(slug: $slug) { ...Named }\n}\n\nfragment Named on Topic { slug name }',
    });
    expect(operations[1]!.variables).toEqual({});
  });

  it('says which operation in which file lacks a name, a comment or JSON example variables', () => {
    write('frontend.graphql', '# No name.\nquery { __typename }\n');
    expect(() => readDocumentedOperations(dir)).toThrow(/frontend\.graphql:2: a documented operation needs a name/);

    write('frontend.graphql', '# Header.\n\nquery Bare { __typename }\n');
    expect(() => readDocumentedOperations(dir)).toThrow(/frontend\.graphql:3: operation Bare needs a comment above it/);

    write('frontend.graphql', '# Broken.\n# Example variables: { slug: mining }\nquery Broken { __typename }\n');
    expect(() => readDocumentedOperations(dir)).toThrow(/frontend\.graphql:3: the example variables of Broken are not JSON/);

    write('frontend.graphql', '# Spreads.\nquery S { ...Elsewhere }\n');
    expect(() => readDocumentedOperations(dir)).toThrow(/frontend\.graphql:2: S spreads fragment Elsewhere, which is not in the same file/);
  });
});
