/**
 * The article index (../article-index.ts) of one server on PostgreSQL, in a worker thread with a
 * connection of its own: built in steps when it starts, then answering totals and facets from memory,
 * off the server's event loop (a facet over a hot topic of 1M articles is a few milliseconds of counting
 * per subject kind). The thread (article-index-thread.ts) posts { id, request } and gets { id, answer } or
 * { id, error }; the worker says { state } as it builds, and 'unusable' when its connection fails (it then
 * ends: the server answers from SQL).
 * Self-contained (it imports the driver and its own modules only): from sources it is bundled on the fly (entry-file.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import pg from 'pg';
import { ArticleIndex } from '../article-index';
import type { SetRequest } from '../article-sets';
import { pgIndexSource } from './article-index-source';

const port = parentPort!;
// Named, so that an operator sees it in pg_stat_activity.
const client = new pg.Client({ connectionString: (workerData as { url: string }).url, options: '-c jit=off', application_name: 'quipu article index' });
const index = new ArticleIndex(pgIndexSource(client));
const betweenSteps = () => new Promise<void>((resolve) => setImmediate(resolve));

let building = false;
function build(): void {
  if (building) return;
  building = true;
  port.postMessage({ state: 'building' });
  void index.build(betweenSteps).then((ready) => {
    building = false;
    port.postMessage({ state: ready ? 'ready' : 'unusable' });
  });
}

function fail(error: Error): never {
  process.stderr.write(`article index: its PostgreSQL connection failed, totals and facets come from SQL: ${error.message}\n`);
  port.postMessage({ state: 'unusable' });
  process.exit(1);
}

// One answer at a time: each is a transaction on the one connection.
let answering = Promise.resolve();
port.on('message', ({ id, request }: { id: number; request: SetRequest }) => {
  answering = answering.then(async () => {
    try {
      port.postMessage({ id, answer: await index.answer(request, build) });
    } catch (error) {
      port.postMessage({ id, error: (error as Error).message });
    }
  });
});

client.on('error', fail);
client.connect().then(build, fail);
