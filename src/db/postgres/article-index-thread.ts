import { Worker } from 'node:worker_threads';
import type { SetAnswer, SetRequest } from '../article-sets';
import { entryFile } from '../entry-file';

/** How long a total or facet waits for the index before SQL answers it instead (the index answers in milliseconds). */
const ANSWER_WAIT_MS = 2_000;

/**
 * The server's handle on its article index thread (article-index.worker.ts): asks it for set answers,
 * and answers null (SQL then answers) while it builds, after it failed, or when it is slow to answer.
 */
export class ArticleIndexThread {
  private readonly worker: Worker;
  private state: 'building' | 'ready' | 'unusable' = 'building';
  private next = 0;
  private readonly waiting = new Map<number, (answer: SetAnswer | null) => void>();

  constructor(url: string) {
    this.worker = new Worker(entryFile(__dirname, 'article-index.worker'), { workerData: { url } });
    this.worker.unref();
    this.worker.on('message', (message: { state?: ArticleIndexThread['state']; id?: number; answer?: SetAnswer | null; error?: string }) => {
      if (message.state) this.state = message.state;
      if (message.id === undefined) return;
      if (message.error) process.stderr.write(`article index: ${message.error}\n`);
      this.settle(message.id, message.answer ?? null);
    });
    this.worker.on('error', (error) => process.stderr.write(`article index: ${error.message}\n`));
    this.worker.on('exit', () => {
      this.state = 'unusable';
      for (const id of [...this.waiting.keys()]) this.settle(id, null);
    });
  }

  get ready(): boolean {
    return this.state === 'ready';
  }

  ask(request: SetRequest): Promise<SetAnswer | null> {
    if (this.state !== 'ready') return Promise.resolve(null);
    const id = ++this.next;
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.settle(id, null), ANSWER_WAIT_MS);
      this.waiting.set(id, (answer) => {
        clearTimeout(timer);
        resolve(answer);
      });
      this.worker.postMessage({ id, request });
    });
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }

  private settle(id: number, answer: SetAnswer | null): void {
    const resolve = this.waiting.get(id);
    this.waiting.delete(id);
    resolve?.(answer);
  }
}
