import { type ChildProcess, fork } from 'node:child_process';
import os from 'node:os';
import type { SetRequest } from '../article-sets';
import { entryFile } from '../entry-file';
import { QueryTimeout, type SqlValue } from '../sql';

/** Processes that keep the article index: two, so that a light set request never waits behind a heavy one. */
const INDEX_PROCESSES = 2;
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
  /** `sql`: runs statements; `index`: keeps the article index and answers set requests only. */
  role: 'sql' | 'index';
  child: ChildProcess;
  ready: boolean;
  /** The index process's article index: being built, ready to answer, or unusable (SQL answers instead). */
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
 *
 * Beside them, INDEX_PROCESSES more processes keep the article index (article-index.ts) and answer
 * set requests (totals and facets), in queues of their own with the same two lanes: a heavy
 * request's set requests (facets over most of the articles, 0.1 to 1 s at 1M) never hold both, so a
 * light one (the total of a list) never waits behind them. Their work is bounded by the index's
 * size, so a set request past its deadline fails but its process is not killed: the index, seconds
 * to build, outlives every runaway statement.
 */
export class ReaderPool {
  private readonly readers = new Set<Reader>();
  private readonly queue: Task[] = [];
  private readonly heavyQueue: Task[] = [];
  private readonly setsQueue: Task[] = [];
  private readonly heavySetsQueue: Task[] = [];
  private heavyRunning = 0;
  private heavySetsRunning = 0;
  private nextId = 1;
  private closed = false;
  /** reader.process.js beside this module, or bundled from its sources (entry-file.ts). */
  private readonly entry = entryFile(__dirname, 'reader.process');

  constructor(
    private readonly file: string,
    readonly size: number,
    /** Whether to keep the article index (article-index.ts); without it set requests are answered null. */
    private readonly articleIndex = true,
  ) {
    for (let i = 0; i < size; i++) this.spawn('sql');
    for (let i = 0; i < this.indexProcesses; i++) this.spawn('index');
  }

  read<T>(mode: 'all' | 'get', text: string, params: readonly SqlValue[], deadline: number, limitMs: number, heavy = false): Promise<T> {
    return this.enqueue<T>({ mode, text, params }, deadline, limitMs, heavy);
  }

  /** A set request, answered from the article index, or null when it is not built (then SQL answers). */
  sets<T>(request: SetRequest, deadline: number, limitMs: number, heavy = false): Promise<T | null> {
    if (this.indexesReady === 0) return Promise.resolve(null);
    return this.enqueue<T>({ mode: 'sets', request }, deadline, limitMs, heavy);
  }

  private enqueue<T>(message: DistributiveOmit<TaskMessage, 'id'>, deadline: number, limitMs: number, heavy: boolean): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      if (this.closed) return reject(new Error('the database is closed'));
      const wait = deadline - Date.now();
      if (wait <= 0) return reject(new QueryTimeout(limitMs));
      const task: Task = {
        message: { ...message, id: this.nextId++ } as TaskMessage,
        limitMs,
        heavy,
        resolve: resolve as (rows: unknown) => void,
        reject,
        timer: undefined as unknown as NodeJS.Timeout,
        reader: null,
      };
      task.timer = setTimeout(() => this.expire(task), wait);
      this.queueOf(task).push(task);
      this.dispatch();
    });
  }

  /** How many index processes have the article index built and answering (see article-index.ts). */
  get indexesReady(): number {
    return [...this.readers].filter((reader) => reader.role === 'index' && reader.index === 'ready').length;
  }

  /** The processes that keep the article index: INDEX_PROCESSES, or 0 without it. */
  get indexProcesses(): number {
    return this.articleIndex ? INDEX_PROCESSES : 0;
  }

  /** Stops every reader; reads still waiting fail. */
  async close(): Promise<void> {
    this.closed = true;
    for (const task of [...this.queue.splice(0), ...this.heavyQueue.splice(0), ...this.takeSets()]) this.settle(task, new Error('the database is closed'));
    const exits = [...this.readers].map((reader) => this.stop(reader));
    await Promise.all(exits);
  }

  private queueOf(task: Task): Task[] {
    if (task.message.mode === 'sets') return task.heavy ? this.heavySetsQueue : this.setsQueue;
    return task.heavy ? this.heavyQueue : this.queue;
  }

  /** Removes and returns every set request still queued. */
  private takeSets(): Task[] {
    return [...this.setsQueue.splice(0), ...this.heavySetsQueue.splice(0)];
  }

  private spawn(role: Reader['role']): void {
    const child = fork(this.entry, [this.file, role], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], serialization: 'advanced' });
    const reader: Reader = { role, child, ready: false, index: role === 'index' ? 'building' : 'unusable', task: null, niceness: 0 };
    this.readers.add(reader);
    // Readers yield the CPU to the event loop: a core shared with a long statement must not slow
    // /healthz or the answers already read. Building the index is upkeep, and yields to them too.
    renice(reader, role === 'index' ? HEAVY_NICENESS : READER_NICENESS);
    // A server is kept alive by its sockets; readers must not keep a finished process (a CLI, a test) alive.
    child.unref();
    child.channel?.unref();
    child.on('message', (message: { ready?: true; index?: Reader['index']; id?: number; rows?: unknown; error?: { message: string; code?: string } }) => {
      if (message.ready) {
        reader.ready = true;
      } else if (message.index) {
        reader.index = message.index;
        renice(reader, reader.index === 'building' ? HEAVY_NICENESS : READER_NICENESS);
        // With no index to answer them, set requests go back to SQL rather than wait for a build.
        if (this.indexesReady === 0) for (const task of this.takeSets()) this.settle(task, null, null);
      } else {
        const task = reader.task;
        reader.task = null;
        if (task && task.message.id === message.id) {
          this.settle(task, message.error ? new ReaderError(message.error.message, message.error.code) : null, message.rows);
        }
      }
      this.dispatch();
    });
    child.on('exit', (code, signal) => {
      if (!this.readers.delete(reader)) return;
      const task = reader.task;
      if (task) this.settle(task, new Error(`a reader process ended while running a statement (code ${code}, signal ${signal})`));
      if (role === 'index' && this.indexesReady === 0) for (const waiting of this.takeSets()) this.settle(waiting, null, null);
      if (this.closed) return;
      if (!reader.ready) {
        // It could not open the database: fail what waits rather than respawn in a tight loop.
        for (const waiting of [...this.queue.splice(0), ...this.heavyQueue.splice(0)]) {
          this.settle(waiting, new Error(`a reader process could not open ${this.file} (code ${code})`));
        }
        setTimeout(() => this.closed || this.spawn(role), 1000).unref();
        return;
      }
      this.spawn(role);
    });
  }

  private dispatch(): void {
    for (const reader of this.readers) {
      if (!reader.ready || reader.task) continue;
      let task: Task | undefined;
      if (reader.role === 'index') {
        if (reader.index === 'ready') {
          task = this.setsQueue.shift() ?? (this.heavySetsRunning < Math.max(1, this.indexProcesses - 1) ? this.heavySetsQueue.shift() : undefined);
          if (task?.heavy) this.heavySetsRunning++;
        }
      } else {
        // Light reads first; a heavy one only while a reader stays free for light ones (a pool of one cannot keep one free).
        task = this.queue.shift() ?? (this.heavyRunning < Math.max(1, this.size - 1) ? this.heavyQueue.shift() : undefined);
        if (task) renice(reader, task.heavy ? HEAVY_NICENESS : READER_NICENESS);
      }
      if (!task) continue;
      if (task.heavy && reader.role === 'sql') this.heavyRunning++;
      reader.task = task;
      task.reader = reader;
      reader.child.send(task.message);
    }
  }

  private expire(task: Task): void {
    const reader = task.reader;
    if (reader?.role === 'index') {
      // Bounded work: let it finish (its answer is dropped) rather than lose the index.
      task.reject(new QueryTimeout(task.limitMs));
      return;
    }
    if (reader) {
      if (task.heavy) this.heavyRunning--;
      task.reader = null;
      reader.task = null;
      this.readers.delete(reader);
      reader.child.kill('SIGKILL');
      if (!this.closed) this.spawn(reader.role);
    } else {
      const queue = this.queueOf(task);
      const at = queue.indexOf(task);
      if (at >= 0) queue.splice(at, 1);
    }
    task.reject(new QueryTimeout(task.limitMs));
    this.dispatch();
  }

  private settle(task: Task, error: Error | null, rows?: unknown): void {
    clearTimeout(task.timer);
    if (task.heavy && task.reader?.role === 'sql') this.heavyRunning--;
    if (task.heavy && task.reader?.role === 'index') this.heavySetsRunning--;
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

/** Omit over each member of a union. */
type DistributiveOmit<T, K extends keyof T> = T extends unknown ? Omit<T, K> : never;

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
