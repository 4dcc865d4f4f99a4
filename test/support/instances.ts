import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');
const main = path.join(root, 'dist/main.js');

/** A Quipu server running as a process of its own, from the build, as `npm start` runs it. */
export interface Instance {
  url: string;
  child: ChildProcess;
  /** Everything it logged so far (one JSON object per line). */
  log(): string;
  /** Stops it (SIGTERM, as a process manager does) and waits for it to exit. */
  stop(): Promise<void>;
}

/**
 * Starts `node dist/main.js` with `env` on top of this process's environment, on a free port of
 * 127.0.0.1, and resolves once it answers ready. Needs a build (`npm run test:services` makes one).
 */
export async function startInstance(env: Record<string, string>): Promise<Instance> {
  if (!fs.existsSync(main)) throw new Error('the several-instances tests run the build: run `npm run build` first (npm run test:services does)');
  const child = spawn(process.execPath, [main], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', SQLITE_READERS: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  const deadline = Date.now() + 60_000;
  let url: string | undefined;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the instance exited with code ${child.exitCode}:\n${out}`);
    url ??= /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1];
    if (
      url &&
      (await fetch(`${url}/readyz`).then(
        (r) => r.ok,
        () => false,
      ))
    )
      return { url, child, log: () => out, stop };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await stop();
  throw new Error(`the instance was not ready within 60 s:\n${out}`);
}
