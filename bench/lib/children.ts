import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import os from 'node:os';

/**
 * Child processes pinned to a core with `taskset`, spoken to over IPC with request/response
 * messages. Servers go on core 0 and the load generator on core 1, so the load generator never
 * competes with the server it measures.
 */

export const SERVER_CORE = 0;
export const LOAD_CORE = 1;

let tasksetChecked: boolean | undefined;

/** taskset exists and the machine has the two cores we pin to. */
export function canPin(): boolean {
  tasksetChecked ??= os.cpus().length >= 2 && spawnSync('taskset', ['-c', '0', 'true']).status === 0;
  return tasksetChecked;
}

export interface Child {
  readonly pid: number;
  request<T>(type: string, payload?: object): Promise<T>;
  stop(): Promise<void>;
}

interface Reply {
  id: number;
  ok: boolean;
  result?: unknown;
  error?: string;
}

const running = new Set<ChildProcess>();

/** Stops every child this process started, by pid (on exit, errors and Ctrl-C). */
export function stopAllChildren(): void {
  for (const child of running) if (child.exitCode === null) child.kill('SIGTERM');
  running.clear();
}

export function spawnChild(script: string, core: number | null, args: string[] = []): Child {
  const pinned = core !== null && canPin();
  const command = pinned ? 'taskset' : process.execPath;
  const argv = pinned ? ['-c', String(core), process.execPath, script, ...args] : [script, ...args];
  const child = spawn(command, argv, { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  running.add(child);
  let nextId = 1;
  const pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  child.on('message', (message: Reply) => {
    const waiter = pending.get(message.id);
    if (!waiter) return;
    pending.delete(message.id);
    if (message.ok) waiter.resolve(message.result);
    else waiter.reject(new Error(`${script}: ${message.error}`));
  });
  child.on('exit', (code, signal) => {
    running.delete(child);
    for (const waiter of pending.values()) waiter.reject(new Error(`${script} exited (${code ?? signal}) before answering`));
    pending.clear();
  });
  return {
    pid: child.pid!,
    request<T>(type: string, payload: object = {}) {
      const id = nextId++;
      return new Promise<T>((resolve, reject) => {
        pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
        child.send({ id, type, ...payload });
      });
    },
    stop() {
      if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
      return new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      });
    },
  };
}

type Handler = (message: Record<string, unknown>) => unknown;

/** The child side: answers each request with its handler's result, or the error's message. */
export function answerRequests(handlers: Record<string, Handler>): void {
  process.on('message', async (message: { id: number; type: string } & Record<string, unknown>) => {
    let reply: Reply;
    try {
      const handler = handlers[message.type];
      if (!handler) throw new Error(`no handler for "${message.type}"`);
      reply = { id: message.id, ok: true, result: await handler(message) };
    } catch (error) {
      reply = { id: message.id, ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
    }
    process.send!(reply);
  });
  // The parent going away (Ctrl-C, crash) takes the child with it.
  process.on('disconnect', () => process.exit(0));
}
