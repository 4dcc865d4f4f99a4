import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { buildSchema, type OperationDefinitionNode, parse } from 'graphql';
import ts from 'typescript';
import { bundleGraphiQL } from '../src/graphiql/bundle';
import { PartnerKeys } from '../src/partner/keys';
import { testEngine } from './support/postgres';
import { startServer, type TestServer } from './support/server';

// Every example a reader can copy from README.md and docs/*.md is read from the markdown when this file
// runs and run against a test server on the seed news: a GraphQL query must answer without errors and
// with the results it promises, a URL or curl command with a 2xx and a non-empty file or feed, an
// `npm run` command with exit code 0 (each file's commands in order, on a fresh copy of the seed
// database). A new example is run by default; one that cannot run here is listed in `notRun`, and one
// whose answer is rightly empty on the seed in `emptyOnTheSeed`, each with the reason.

const root = path.resolve(__dirname, '..');
const docs = [
  'README.md',
  ...fs
    .readdirSync(path.join(root, 'docs'))
    .filter((file) => file.endsWith('.md'))
    .map((file) => `docs/${file}`),
];
const schema = buildSchema(fs.readFileSync(path.join(root, 'schema/schema.graphql'), 'utf8'));
const rootFields = new Set(Object.keys(schema.getQueryType()!.getFields()));

/** The addresses the examples use for the server: a local `npm start`, and the partner docs' stand-in. */
const serverOrigins = /^(http:\/\/localhost:4000|https:\/\/quipu\.example)/;

type Kind = 'graphql' | 'shell' | 'url' | 'export parameters' | 'script';
interface Example {
  file: string;
  line: number;
  kind: Kind;
  /** The example as written (a fenced block's body, or an inline code span). */
  text: string;
  /** The language of a fenced script block (js, ts). */
  language?: string;
}

/** Fenced blocks in these languages show files, answers or output: there is nothing in them to run. */
const notExamples = new Set(['json', 'yaml', 'text', 'css', '']);

/**
 * The examples of one markdown file: fenced graphql, sh, html, js and ts blocks; inline code that is a
 * GraphQL query (`{ <a root field> ...`), a URL on the server, export parameters (`topic=mining`), or an
 * `npm run <command> -- <arguments>` (a bare `npm run relink` names a command rather than shows one).
 */
function examplesIn(file: string): Example[] {
  const lines = fs.readFileSync(path.join(root, file), 'utf8').split('\n');
  const examples: Example[] = [];
  let section = '';
  for (let i = 0; i < lines.length; i++) {
    section = /^## (.*)/.exec(lines[i])?.[1] ?? section;
    const fence = /^```(\w*)\s*$/.exec(lines[i]);
    if (fence) {
      const start = i;
      while (++i < lines.length && !lines[i].startsWith('```'));
      const text = lines.slice(start + 1, i).join('\n');
      const language = fence[1];
      if (language === 'graphql') examples.push({ file, line: start + 1, kind: 'graphql', text });
      else if (language === 'sh') examples.push(...shellCommands(text).map((command) => ({ file, line: start + 1, kind: 'shell' as const, text: command.source })));
      else if (language === 'html') for (const [, url] of text.matchAll(/(?:src|href)="([^"]+)"/g)) examples.push({ file, line: start + 1, kind: 'url', text: url });
      else if (language === 'js' || language === 'ts') examples.push({ file, line: start + 1, kind: 'script', text, language });
      else if (!notExamples.has(language)) throw new Error(`${file}:${start + 1}: a \`\`\`${language} block: run it here or add its language to notExamples`);
      continue;
    }
    for (const [, span] of lines[i].matchAll(/`([^`]+)`/g)) {
      const kind = inlineKind(span, section);
      if (kind) examples.push({ file, line: i + 1, kind, text: span });
    }
  }
  return examples;
}

function inlineKind(span: string, section: string): Kind | undefined {
  // `<file>`, `[--role editor]`, `...`, `N`: a template of a command's syntax for the reader to fill, not an example.
  if (/<\w[^>]*>|\[|\.\.\.|\*|\s[A-Z]\b/.test(span)) return undefined;
  const query = /^\{\s*(\w+)/.exec(span);
  if (query && rootFields.has(query[1])) return 'graphql';
  if (/^npm run (-s )?[\w:]+ -- /.test(span)) return 'shell';
  if (/^(https?:\/\/[^/\s]+\/\S+|\/(feeds|export|embed|articles)\/\S+|\/\w+\?\S+)$/.test(span) && (!/^https?:/.test(span) || serverOrigins.test(span))) return 'url';
  if (section === 'Exports' && /^[a-z]\w*(\.\w+)?=[^\s&]+(&[a-z]\w*(\.\w+)?=[^\s&]+)*$/.test(span)) return 'export parameters';
  return undefined;
}

interface Command {
  words: string[];
  /** The words after an unquoted `|`: where the output goes. */
  pipe: string[];
  source: string;
}

/** Splits shell text into commands as sh reads it: quotes, `\` line continuations, comments and a `|`. */
function shellCommands(text: string): Command[] {
  const commands: Command[] = [];
  let words: string[] = [];
  let pipe: string[] = [];
  let piped = false;
  let word: string | null = null;
  let quote: string | null = null;
  let start = 0;
  const endWord = () => {
    if (word !== null) (piped ? pipe : words).push(word);
    word = null;
  };
  const endCommand = (end: number) => {
    endWord();
    if (words.length > 0) commands.push({ words, pipe, source: text.slice(start, end).trim() });
    [words, pipe, piped, start] = [[], [], false, end + 1];
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote === "'") {
      if (c === "'") quote = null;
      else word += c;
    } else if (quote === '"') {
      if (c === '"') quote = null;
      else if (c === '\\' && '"\\$`'.includes(text[i + 1])) word += text[++i];
      else word += c;
    } else if (c === '\\') {
      if (text[i + 1] !== '\n') word = (word ?? '') + text[i + 1];
      i++;
    } else if (c === "'" || c === '"') {
      quote = c;
      word ??= '';
    } else if (c === '#' && word === null) {
      while (i + 1 < text.length && text[i + 1] !== '\n') i++;
    } else if (c === ' ' || c === '\t') endWord();
    else if (c === '\n') endCommand(i);
    else if (c === '|') {
      endWord();
      piped = true;
    } else word = (word ?? '') + c;
  }
  endCommand(text.length);
  return commands;
}

/**
 * Examples that are not run, each with why. An entry matches the examples whose text contains `example`;
 * an entry that matches none fails the test, so the list stays true to the docs.
 */
const notRun: { file: string; example: string; why: string }[] = [
  { file: 'README.md', example: 'npm ci && npm start', why: 'installs and starts a server: the test server stands for it' },
  { file: 'README.md', example: 'npm test', why: 'the whole suite, this test among it' },
  { file: 'README.md', example: "<the article's id>", why: 'a placeholder the reader fills in; docs/editors.md runs the same mutation with real ids' },
  { file: 'docs/api.md', example: 'npm start', why: 'starts a server: the test server stands for it' },
  { file: 'docs/api.md', example: 'npm run example', why: 'serves the example page; test/frontend.test.ts runs it in a browser' },
  { file: 'docs/deploy.md', example: 'createdb quipu', why: 'needs a PostgreSQL server' },
  { file: 'docs/deploy.md', example: 'postgres://quipu@', why: 'needs a PostgreSQL server (and Redis): npm run test:services runs these' },
  { file: 'docs/editors.md', example: 'https://news.example/feed.rss', why: 'placeholder feeds the reader replaces with real ones' },
  { file: 'docs/performance.md', example: 'seed:synthetic -- --articles', why: 'builds a corpus of 100,000 or more articles: minutes of work' },
  { file: 'docs/deploy.md', example: 'seed:synthetic -- --articles', why: 'builds a corpus of 100,000 articles: minutes of work' },
  { file: 'docs/linking.md', example: 'seed:synthetic -- --articles', why: 'builds a corpus of 100,000 articles: minutes of work' },
];

const label = (example: Example) => `${example.file}:${example.line} ${example.text.replace(/\s+/g, ' ').slice(0, 90)}`;
const excluded = (example: Example) => notRun.find((entry) => entry.file === example.file && example.text.includes(entry.example));

const all = docs.flatMap(examplesIn);
const runnable = all.filter((example) => !excluded(example));
const isMutation = (example: Example) => example.kind === 'graphql' && /^\s*mutation\b/.test(example.text);
const isCommand = (example: Example) => example.kind === 'shell' && !example.text.startsWith('curl ');
// Mutations change the data the other examples read: they run after them.
const reads = runnable.filter((example) => !isMutation(example) && !isCommand(example));
const writes = runnable.filter(isMutation);
/** Each file's commands, in the order a reader runs them. */
const commandsByFile = docs.map((file) => [file, runnable.filter((example) => example.file === file && isCommand(example))] as const).filter(([, commands]) => commands.length > 0);

/**
 * Variables for the examples that declare some, keyed by what the example's text contains. Ids are
 * looked up by slug, as the docs tell the reader to (an entity's `id` field).
 */
const variablesFor: { example: string; variables: (id: (kind: string, slug: string) => Promise<string>) => Promise<Record<string, unknown>> }[] = [
  { example: 'path(from: $from, to: $to', variables: async (id) => ({ from: await id('organisation', 'fraser-institute'), to: await id('place', 'tia-maria') }) },
  { example: 'query MiningAgainstEnvironment', variables: async (id) => ({ mining: await id('topic', 'mining'), environment: await id('topic', 'environment') }) },
  // The widget's variables, as docs/partners.md shows them in its request's URL.
  { example: 'query EmbedChannel', variables: async () => ({ slug: 'mining', first: 5 }) },
];

/**
 * What an answer lacks of what an example promises: a root field that is null, or an empty list reached
 * from the root through objects alone (`articles.nodes`, `links.edges`, `facets.places`; inside a list's
 * items an empty list or a null, such as a page's `publishedAt`, is the data).
 */
function missing(value: unknown, at: string, found: string[] = []): string[] {
  if (Array.isArray(value)) {
    if (value.length === 0) found.push(at);
  } else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      // A root field that is null found nothing; below it a null is an answer (a topic's parent, a mine site's ubigeo).
      if (item !== null || at === 'data') missing(item, `${at}.${key}`, found);
    }
  } else if (value === null) found.push(`${at} (null)`);
  return found;
}

/** Examples whose answer is empty on the seed news, and why that is still the right example. */
const emptyOnTheSeed: { file: string; example: string; why: string }[] = [
  {
    file: 'docs/linking.md',
    example: 'entitySuggestions(',
    why: 'the catalogue knows every name in the seed news; test/suggestions.test.ts runs suggestions on news that has some',
  },
];

// On SQLite only: the commands run on copies of the seed database's file, and the engines' answers are
// compared elsewhere (the whole end-to-end suite runs on both).
(testEngine === 'sqlite' ? describe : describe.skip)('the examples in README.md and docs/', () => {
  let server: TestServer;
  let editorKey: string;
  let dir: string;
  let seedCopy: string;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quipu-docs-'));
    seedCopy = path.join(dir, 'seed.db');
    // https://quipu.example is the partner docs' stand-in for the server's public address. The GraphiQL
    // address the docs give is a page: its bundle is built as `npm run build` builds it.
    [server] = await Promise.all([startServer({ publicUrl: 'https://quipu.example' }), bundleGraphiQL()]);
    // A fresh database as `npm start` leaves it, for each file's commands: taken before anything writes.
    const db = new Database(server.dbPath, { readonly: true });
    db.exec(`VACUUM INTO '${seedCopy}'`);
    db.close();
    editorKey = (await new PartnerKeys(server.sql).create({ name: 'Docs', role: 'editor', origins: [] })).secret;
  });
  afterAll(async () => {
    await server?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  const graphql = async (query: string, variables?: Record<string, unknown>, key?: string) => {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
  };
  const id = async (kind: string, slug: string) => {
    const { data } = await graphql(`{ ${kind}(slug: ${JSON.stringify(slug)}) { id } }`);
    if (!data?.[kind]) throw new Error(`no ${kind} "${slug}" on the seed`);
    return (data[kind] as { id: string }).id;
  };

  async function runQuery(example: Example, key?: string) {
    const operation = parse(example.text).definitions.find((node): node is OperationDefinitionNode => node.kind === 'OperationDefinition')!;
    let variables: Record<string, unknown> | undefined;
    if (operation.variableDefinitions?.some((definition) => definition.type.kind === 'NonNullType')) {
      const entry = variablesFor.find((each) => example.text.includes(each.example));
      if (!entry) throw new Error(`${label(example)} needs variables: add them to variablesFor`);
      variables = await entry.variables(id);
    }
    const answer = await graphql(example.text, variables, key);
    expect(answer.errors).toBeUndefined();
    const allowedEmpty = emptyOnTheSeed.some((entry) => entry.file === example.file && example.text.includes(entry.example));
    if (!allowedEmpty) expect(missing(answer.data, 'data')).toEqual([]);
  }

  /** Checks an answer for what its type promises: a GraphQL answer without errors, a file or feed with rows. */
  async function expectUseful(response: Response) {
    const type = response.headers.get('content-type') ?? '';
    const body = await response.text();
    if (response.status < 200 || response.status > 299) throw new Error(`${response.status} from ${response.url}: ${body.slice(0, 300)}`);
    if (/gexf|graphml/.test(type)) expect(body).toMatch(/<edge /);
    else if (type.includes('rss')) expect(body).toMatch(/<item>/);
    else if (type.includes('atom')) expect(body).toMatch(/<entry>/);
    else if (type.includes('feed+json')) expect((JSON.parse(body) as { items: unknown[] }).items.length).toBeGreaterThan(0);
    else if (type.includes('csv')) expect(body.trim().split('\n').length).toBeGreaterThan(1);
    else if (type.includes('ndjson')) expect(body.trim().length).toBeGreaterThan(0);
    else if (type.includes('json') && response.url.includes('/graphql')) {
      const answer = JSON.parse(body) as { data?: unknown; errors?: unknown[] };
      expect(answer.errors).toBeUndefined();
      expect(missing(answer.data, 'data')).toEqual([]);
    } else expect(body.length).toBeGreaterThan(0);
  }

  const onServer = (url: string) => (url.startsWith('/') ? server.url + url : url.replace(serverOrigins, server.url));

  /** The request a curl command makes (-G, -H, -d, --data-urlencode; -s, -O, -J only say where output goes). */
  function curlRequest(words: string[]): { url: string; init: RequestInit } {
    let url = '';
    let get = false;
    let body: string | undefined;
    const encoded: string[] = [];
    const headers: Record<string, string> = {};
    for (let i = 1; i < words.length; i++) {
      const word = words[i];
      if (word === '-G') get = true;
      else if (word === '-H') {
        const [name, ...value] = words[++i].split(':');
        headers[name.trim()] = value.join(':').trim();
      } else if (word === '-d') body = words[++i];
      else if (word === '--data-urlencode') {
        const [name, ...value] = words[++i].split('=');
        encoded.push(`${name}=${encodeURIComponent(value.join('='))}`);
      } else if (/^-[sOJ]+$/.test(word)) continue;
      else if (word.startsWith('-')) throw new Error(`curl option ${word}: teach curlRequest what it does`);
      else url = onServer(word);
    }
    if (get || body === undefined) return { url: encoded.length > 0 ? `${url}${url.includes('?') ? '&' : '?'}${encoded.join('&')}` : url, init: { headers } };
    return { url, init: { method: 'POST', headers, body } };
  }

  it.each(reads.map((example) => [label(example), example] as const))('%s', async (_label, example) => {
    if (example.kind === 'graphql') await runQuery(example);
    // A URL in the text is what a reader opens in a browser.
    else if (example.kind === 'url') await expectUseful(await fetch(onServer(example.text), { headers: { accept: 'text/html,*/*;q=0.8' } }));
    else if (example.kind === 'export parameters') {
      const links = /(^|&)(kinds|minCount)=/.test(example.text);
      await expectUseful(await fetch(`${server.url}/export/${links ? 'links' : 'articles'}.csv?${example.text}`));
    } else if (example.kind === 'shell') {
      const { url, init } = curlRequest(shellCommands(example.text)[0].words);
      await expectUseful(await fetch(url, init));
    } else await runScript(example);
  });

  /** Runs a js or ts block as a page or a script would, on the test server; every request it makes must be useful. */
  async function runScript(example: Example) {
    const source = example.text.replace(new RegExp(serverOrigins.source.slice(1), 'g'), server.url);
    const code =
      example.language === 'ts' ? ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }).outputText : source;
    const responses: Response[] = [];
    const original = globalThis.fetch;
    const recordingFetch: typeof fetch = async (input, init) => {
      const response = await original(input, init);
      responses.push(response.clone());
      return response;
    };
    const logged: unknown[][] = [];
    // The repository's own modules, as the example imports them from its root.
    const requireFromRoot = (name: string) => require(name.startsWith('.') ? path.join(root, name) : name);
    const run = new Function('require', 'exports', 'fetch', 'console', `return (async () => {\n${code}\n})();`);
    // The typed client calls the global fetch.
    globalThis.fetch = recordingFetch;
    try {
      await run(requireFromRoot, {}, recordingFetch, { log: (...args: unknown[]) => logged.push(args) });
    } finally {
      globalThis.fetch = original;
    }
    expect(responses.length).toBeGreaterThan(0);
    for (const response of responses) await expectUseful(response);
    for (const line of logged) expect(line).not.toContain(undefined);
  }

  it.each(commandsByFile)('%s: its commands, in order, on a fresh database', async (file, commands) => {
    const database = path.join(dir, `${file.replace(/\W/g, '-')}.db`);
    fs.copyFileSync(seedCopy, database);
    const scripts = (JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    for (const example of commands) {
      for (const { words, pipe, source } of shellCommands(example.text)) {
        // npm run [-s] <script> -- <arguments>: the script runs node scripts/built.js <file>.js [<arguments>] from
        // the build; the same module runs here from its source, with its exported run...Cli.
        const [npm, run, ...rest] = words.filter((word) => word !== '-s');
        expect([npm, run]).toEqual(['npm', 'run']);
        const [script, separator, ...args] = rest;
        const built = /^node scripts\/built\.js (\S+)\.js(.*)$/.exec(scripts[script] ?? '');
        if (!built || (separator !== undefined && separator !== '--')) throw new Error(`${example.file}:${example.line} ${source}: not a command this test knows how to run`);
        const module = require(path.join(root, 'src', built[1])) as Record<string, unknown>;
        const cli = Object.entries(module).find(([name]) => /^run\w*Cli$/.test(name))![1] as (
          argv: string[],
          env: NodeJS.ProcessEnv,
          output: { out(line: string): void; err(line: string): void },
        ) => Promise<number>;
        const out: string[] = [];
        const err: string[] = [];
        const code = await cli(
          [...built[2].split(' ').filter(Boolean), ...args],
          { ...process.env, DATABASE_URL: `sqlite:${database}` },
          { out: (line) => out.push(line), err: (line) => err.push(line) },
        );
        expect({ source, code, err }).toEqual({ source, code: 0, err });
        if (pipe[0] === 'jq') expect(() => JSON.parse(out.join('\n'))).not.toThrow();
      }
    }
  });

  it.each(writes.map((example) => [label(example), example] as const))('%s (with an editor key, after the reads)', async (_label, example) => {
    await runQuery(example, editorKey);
  });

  it('leaves out only the examples it says why for, each still in the docs', () => {
    const stale = [...notRun, ...emptyOnTheSeed].filter((entry) => !all.some((example) => example.file === entry.file && example.text.includes(entry.example)));
    expect(stale).toEqual([]);
    expect(runnable.length).toBeGreaterThan(40);
  });
});
