import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');

/**
 * `npm run seed:synthetic` (src/synthetic/cli.ts) as a process of its own, run from the TypeScript
 * sources as the rest of the tests are: bundled by esbuild into node_modules/.cache (where its
 * packages resolve), each module compiled by TypeScript first, because esbuild does not emit the
 * decorator metadata that the entities' decorators read. Returns the entry file; `remove` deletes it.
 */
export async function bundleSyntheticCli(): Promise<{ entry: string; remove(): void }> {
  // Development dependencies, needed only here.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const esbuild = require('esbuild') as typeof import('esbuild');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const ts = require('typescript') as typeof import('typescript');
  const config = ts.getParsedCommandLineOfConfigFile(path.join(root, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined });
  if (!config) throw new Error('tsconfig.json could not be read');
  const compilerOptions = { ...config.options, module: ts.ModuleKind.CommonJS, sourceMap: false, inlineSourceMap: false };
  const result = await esbuild.build({
    stdin: {
      contents:
        "import 'reflect-metadata';\nimport { runSyntheticCli } from './cli';\n" +
        'runSyntheticCli(process.argv.slice(2), process.env).then((code) => process.exit(code), (error) => { console.error(error); process.exit(1); });\n',
      resolveDir: path.join(root, 'src/synthetic'),
      sourcefile: 'synthetic-cli-entry.ts',
      loader: 'ts',
    },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    packages: 'external',
    write: false,
    logLevel: 'warning',
    plugins: [
      {
        name: 'typescript-with-decorator-metadata',
        setup(build) {
          build.onLoad({ filter: /\.ts$/ }, ({ path: file }) => ({
            contents: ts.transpileModule(fs.readFileSync(file, 'utf8'), { compilerOptions, fileName: file }).outputText,
            loader: 'js',
          }));
        },
      },
    ],
  });
  // One file per test process, so that test files running at once never share (or delete) one.
  const entry = path.join(root, `node_modules/.cache/quipu/synthetic-cli.${process.pid}.js`);
  fs.mkdirSync(path.dirname(entry), { recursive: true });
  fs.writeFileSync(entry, result.outputFiles[0].contents);
  return { entry, remove: () => fs.rmSync(entry, { force: true }) };
}

/** A synthetic load running in a child process, with `--progress` on. */
export interface SyntheticLoad {
  child: ChildProcess;
  /** The articles written so far, as its last progress line said. */
  written(): number;
  /** Resolves once at least `n` articles are written (rejects if the load ends first). */
  whenWritten(n: number): Promise<number>;
  /** How the process ended: its exit code, or the signal that ended it; and everything it printed. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; out: string; err: string }>;
}

/** Starts `node <entry> ...args --progress`. */
export function startSyntheticLoad(entry: string, args: string[]): SyntheticLoad {
  const child = spawn(process.execPath, [entry, ...args, '--progress'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  let pendingLine = '';
  let written = 0;
  const waiters: { n: number; resolve(n: number): void; reject(e: Error): void }[] = [];
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    err += chunk;
    const lines = (pendingLine + chunk).split('\n');
    pendingLine = lines.pop()!;
    for (const line of lines) {
      const match = /^(\d+) articles written$/.exec(line);
      if (!match) continue;
      written = Number(match[1]);
      for (const waiter of waiters.filter((w) => w.n <= written)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(written);
      }
    }
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; out: string; err: string }>((resolve) => {
    child.on('close', (code, signal) => {
      for (const waiter of waiters.splice(0)) waiter.reject(new Error(`the load ended (code ${code}, signal ${signal}) after ${written} articles, before ${waiter.n}:\n${err}`));
      resolve({ code, signal, out, err });
    });
  });
  return {
    child,
    written: () => written,
    whenWritten: (n) => (written >= n ? Promise.resolve(written) : new Promise((resolve, reject) => waiters.push({ n, resolve, reject }))),
    exited,
  };
}
