/**
 * The extraction stage on a worker thread, so that a build keeps two cores busy: the main thread
 * generates batch k+1 and writes batch k while this thread extracts. Messages in: arrays of
 * ParsedItem; messages out: ExtractedBatch, in the same order. `workerStage` is the main
 * thread's handle on it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { createExtractor } from '../ingest/extract';
import type { ParsedItem } from '../ingest/parse';
import { type ExtractedBatch, type ExtractStage, extractBatch, type WorkerSpec, workerCatalogue } from './extract-stage';

const ROLE = 'quipu-synthetic-extract';

/** Starts a worker (from the compiled worker.js beside this file) that extracts for `spec`'s catalogue. */
export function workerStage(spec: WorkerSpec): ExtractStage {
  const file = path.join(__dirname, 'worker.js');
  if (!fs.existsSync(file)) throw new Error(`${file} not found: the worker runs from the compiled build (npm run build)`);
  const worker = new Worker(file, { workerData: { ...spec, role: ROLE } });
  const waiting: { resolve: (b: ExtractedBatch) => void; reject: (e: unknown) => void }[] = [];
  let started!: { resolve: () => void; reject: (e: unknown) => void };
  const ready = new Promise<void>((resolve, reject) => (started = { resolve, reject }));
  ready.catch(() => undefined); // reported to whoever awaits it
  let failure: unknown = null;
  const fail = (error: unknown) => {
    failure ??= error;
    started.reject(failure); // no effect once ready
    for (const w of waiting.splice(0)) w.reject(failure);
  };
  worker.on('message', (message: ExtractedBatch | 'ready') => (message === 'ready' ? started.resolve() : waiting.shift()?.resolve(message)));
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`extraction worker exited with code ${code}`)));
  const results: Promise<ExtractedBatch>[] = [];
  return {
    ready,
    submit(items) {
      results.push(new Promise((resolve, reject) => (failure ? reject(failure) : waiting.push({ resolve, reject }))));
      // Nobody may be waiting yet when a failure lands; take() reports it.
      results[results.length - 1].catch(() => undefined);
      worker.postMessage(items);
    },
    take: () => results.shift() ?? Promise.reject(new Error('take() without submit()')),
    async close() {
      worker.removeAllListeners('exit');
      await worker.terminate();
    },
  };
}

// Only a thread started by workerStage runs the stage, not any thread that happens to import this file.
if (!isMainThread && parentPort && (workerData as { role?: string } | null)?.role === ROLE) {
  const port = parentPort;
  const extract = createExtractor(workerCatalogue(workerData as WorkerSpec));
  port.on('message', (items: ParsedItem[]) => port.postMessage(extractBatch(extract, items)));
  port.postMessage('ready');
}
