import { type ChildProcess, fork } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { SetRequest } from '../article-sets';
import { QueryTimeout, type SqlValue } from '../sql';

/** How much lower than the server's the readers' CPU priority is (nice(1): 0 to 19). */
const READER_NICENESS = 10;
/** A reader running a heavy read yields to one running a light read too: about 7 to 1 in CPU share on Linux. */
const HEAVY_NICENESS = 19;

type TaskMessage = { id: number; mode: 'all' | 'get'; text: string; params: readonly SqlValue[] } | { id: number; mode: 'sets'; request: SetRequest };

interface Task {
  message: TaskMessage;
  limitMs: number;
  /** A read of a request whose cost marks it heavy (see ReaderPool). */
  heavy: boolean;
  resolve(rows: unknown): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
  reader: Reader | null;
}

interface Reader {
  child: ChildProcess;
  ready: boolean;
  /** Its article index: being built, ready to answer, or unusable (SQL answers instead). */
  index: 'building' | 'ready' | 'unusable';
  task: Task | null;
  /** The niceness it runs at now. */
  niceness: number;
}

/** An error a reader's SQLite raised, with its code (SQLITE_ERROR ...), as the driver gives it in-process. */
export class ReaderError extends Error {
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message);
  }
}

/**
 * A fixed pool of reader processes (reader.process.ts) over one database file. Each read waits in
 * one queue for an idle reader, then runs there; the event loop only sends and receives. A read
 * that is still queued or running at its deadline fails with QueryTimeout, and a reader still
 * running it is killed (SIGKILL: SQLite stops at once) and replaced, so the pool keeps its size
 * and no runaway statement outlives its limit.
 *
 * Reads come in two lanes. A heavy request's reads (one whose cost says it does much work: facets
 * over a large set, a search of many prefixes) may occupy every reader but one; light reads (a page,
 * a total, a cheap list) go first and may take any reader. So however many heavy requests arrive, a
 * light one finds a reader within one light read's time, never behind a heavy one's.
 */
export class ReaderPool {
  private readonly readers = new Set<Reader>();
  private readonly queue: Task[] = [];
  private readonly heavyQueue: Task[] = [];
  private heavyRunning = 0;
  private nextId = 1;
  private closed = false;
  private readonly entry = readerEntry();

  constructor(
    private readonly file: string,
    readonly size: number,
    /** Whether readers build their article index (article-index.ts); without it they answer set requests with null. */
    private readonly articleIndex = true,
  ) {
    for (let i = 0; i < size; i++) this.spawn();
  }

  read<T>(mode: 'all' | 'get', text: string, params: readonly SqlValue[], deadline: number, limitMs: number, heavy = false): Promise<T> {
    return this.enqueue<T>((id) => ({ id, mode, text, params }), deadline, limitMs, heavy);
  }

  /** A set request, answered from a reader's article index (null while it builds): see article-index.ts. */
  sets<T>(request: SetRequest, deadline: number, limitMs: number, heavy = false): Promise<T | null> {
    // No reader can answer yet (all building, say after start-up): SQL answers, without the trip.
    if (this.indexesReady === 0) return Promise.resolve(null);
    return this.enqueue<T>((id) => ({ id, mode: 'sets', request }), deadline, limitMs, heavy);
  }

  private enqueue<T>(message: (id: number) => TaskMessage, deadline: number, limitMs: number, heavy: boolean): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      if (this.closed) return reject(new Error('the database is closed'));
      const wait = deadline - Date.now();
      if (wait <= 0) return reject(new QueryTimeout(limitMs));
      const task: Task = {
        message: message(this.nextId++),
        limitMs,
        heavy,
        resolve: resolve as (rows: unknown) => void,
        reject,
        timer: undefined as unknown as NodeJS.Timeout,
        reader: null,
      };
      task.timer = setTimeout(() => this.expire(task), wait);
      (heavy ? this.heavyQueue : this.queue).push(task);
      this.dispatch();
    });
  }

  /** How many readers have their article index ready (see article-index.ts). */
  get indexesReady(): number {
    return [...this.readers].filter((reader) => reader.index === 'ready').length;
  }

  /** Stops every reader; reads still waiting fail. */
  async close(): Promise<void> {
    this.closed = true;
    for (const task of [...this.queue.splice(0), ...this.heavyQueue.splice(0)]) this.settle(task, new Error('the database is closed'));
    const exits = [...this.readers].map((reader) => this.stop(reader));
    await Promise.all(exits);
  }

  private spawn(): void {
    const child = fork(this.entry, [this.file, this.articleIndex ? 'index' : 'no-index'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], serialization: 'advanced' });
    const reader: Reader = { child, ready: false, index: this.articleIndex ? 'building' : 'unusable', task: null, niceness: 0 };
    this.readers.add(reader);
    // Readers yield the CPU to the event loop: a core shared with a long statement must not slow
    // /healthz or the answers already read.
    renice(reader, READER_NICENESS);
    // A server is kept alive by its sockets; readers must not keep a finished process (a CLI, a test) alive.
    child.unref();
    child.channel?.unref();
    child.on('message', (message: { ready?: true; index?: Reader['index']; id?: number; rows?: unknown; error?: { message: string; code?: string } }) => {
      if (message.ready) {
        reader.ready = true;
      } else if (message.index) {
        reader.index = message.index;
        // A build is upkeep: it yields the CPU to readers serving requests (see HEAVY_NICENESS).
        if (!reader.task) renice(reader, reader.index === 'building' ? HEAVY_NICENESS : READER_NICENESS);
        // With no index left to answer them, set requests go back to SQL rather than wait for a build.
        if (this.indexesReady === 0) for (const task of this.takeSets()) this.settle(task, null, null);
      } else {
        const task = reader.task;
        reader.task = null;
        if (task && task.message.id === message.id) {
          this.settle(task, message.error ? new ReaderError(message.error.message, message.error.code) : null, message.rows);
        }
        if (reader.index === 'building') renice(reader, HEAVY_NICENESS);
      }
      this.dispatch();
    });
    child.on('exit', (code, signal) => {
      if (!this.readers.delete(reader)) return;
      const task = reader.task;
      if (task) this.settle(task, new Error(`a reader process ended while running a statement (code ${code}, signal ${signal})`));
      if (this.closed) return;
      if (!reader.ready) {
        // It could not open the database: fail what waits rather than respawn in a tight loop.
        for (const waiting of [...this.queue.splice(0), ...this.heavyQueue.splice(0)]) {
          this.settle(waiting, new Error(`a reader process could not open ${this.file} (code ${code})`));
        }
        setTimeout(() => this.closed || this.spawn(), 1000).unref();
        return;
      }
      this.spawn();
    });
  }

  private dispatch(): void {
    for (const reader of this.readers) {
      if (this.queue.length === 0 && this.heavyQueue.length === 0) return;
      if (!reader.ready || reader.task) continue;
      // Light reads first; a heavy one only while a reader stays free for light ones (a pool of one
      // cannot keep one free). A set request only goes to a reader whose index is built.
      const fits = (task: Task) => task.message.mode !== 'sets' || reader.index === 'ready';
      const task = take(this.queue, fits) ?? (this.heavyRunning < Math.max(1, this.size - 1) ? take(this.heavyQueue, fits) : undefined);
      if (!task) continue;
      if (task.heavy) this.heavyRunning++;
      renice(reader, task.heavy ? HEAVY_NICENESS : READER_NICENESS);
      reader.task = task;
      task.reader = reader;
      reader.child.send(task.message);
    }
  }

  /** Removes and returns the set requests still queued. */
  private takeSets(): Task[] {
    const sets: Task[] = [];
    for (const queue of [this.queue, this.heavyQueue]) {
      for (let i = queue.length - 1; i >= 0; i--) if (queue[i].message.mode === 'sets') sets.push(...queue.splice(i, 1));
    }
    return sets;
  }

  private expire(task: Task): void {
    const reader = task.reader;
    if (reader) {
      if (task.heavy) this.heavyRunning--;
      task.reader = null;
      reader.task = null;
      this.readers.delete(reader);
      reader.child.kill('SIGKILL');
      if (!this.closed) this.spawn();
    } else {
      const queue = task.heavy ? this.heavyQueue : this.queue;
      const at = queue.indexOf(task);
      if (at >= 0) queue.splice(at, 1);
    }
    task.reject(new QueryTimeout(task.limitMs));
    this.dispatch();
  }

  private settle(task: Task, error: Error | null, rows?: unknown): void {
    clearTimeout(task.timer);
    if (task.heavy && task.reader) this.heavyRunning--;
    task.reader = null;
    if (error) task.reject(error);
    else task.resolve(rows);
  }

  private stop(reader: Reader): Promise<void> {
    return new Promise((resolve) => {
      if (reader.child.exitCode !== null || reader.child.signalCode !== null) return resolve();
      reader.child.once('exit', () => resolve());
      reader.child.kill('SIGKILL');
    });
  }
}

/** Removes and returns the first task of `queue` that `fits`. */
function take(queue: Task[], fits: (task: Task) => boolean): Task | undefined {
  const at = queue.findIndex(fits);
  return at < 0 ? undefined : queue.splice(at, 1)[0];
}

/**
 * Sets a reader's CPU priority, when it changes. Best effort: without the right to raise a priority
 * (an unprivileged process may lower its children's, not raise it back) a reader stays where it was,
 * and is not asked again until its next change.
 */
function renice(reader: Reader, niceness: number): void {
  if (reader.niceness === niceness || reader.child.pid === undefined) return;
  try {
    os.setPriority(reader.child.pid, niceness);
  } catch {
    // refused: see above
  }
  reader.niceness = niceness;
}

/**
 * The reader's entry file: the compiled `reader.process.js` beside this module (dist/), or, when
 * running from the TypeScript sources (tests), that file bundled on the fly into node_modules/.cache,
 * where its one import (the driver) resolves. Written under a temporary name, then renamed, because
 * several test processes may do it at once.
 */
function readerEntry(): string {
  const built = path.join(__dirname, 'reader.process.js');
  if (fs.existsSync(built)) return built;
  const outfile = path.resolve(__dirname, '../../../node_modules/.cache/quipu/reader.process.js');
  if (cachedEntryFresh(outfile)) return outfile;
  // esbuild is a development dependency: only a run from sources comes here.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const esbuild = require('esbuild') as typeof import('esbuild');
  const result = esbuild.buildSync({
    entryPoints: [path.join(__dirname, 'reader.process.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    packages: 'external',
    write: false,
    metafile: true,
    logLevel: 'warning',
  });
  fs.mkdirSync(path.dirname(outfile), { recursive: true });
  const temporary = `${outfile}.${process.pid}`;
  // The sources it was made from, beside it: any of them newer makes it stale.
  const inputs = Object.keys(result.metafile.inputs).map((input) => path.resolve(input));
  fs.writeFileSync(`${temporary}.inputs`, JSON.stringify(inputs));
  fs.renameSync(`${temporary}.inputs`, `${outfile}.inputs`);
  fs.writeFileSync(temporary, result.outputFiles[0].contents);
  fs.renameSync(temporary, outfile);
  return outfile;
}

function cachedEntryFresh(outfile: string): boolean {
  try {
    const made = fs.statSync(outfile).mtimeMs;
    const inputs = JSON.parse(fs.readFileSync(`${outfile}.inputs`, 'utf8')) as string[];
    return inputs.every((input) => fs.statSync(input).mtimeMs <= made);
  } catch {
    return false;
  }
}
