import 'reflect-metadata';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createApp } from '../../src/http/server';
import { createFloor, type FloorRoutes, startFloorServer } from '../floor';
import { BENCH_POLICY } from '../lib/check';
import { answerRequests } from '../lib/children';
import { openReadOnly } from '../lib/database';
import { type BenchStore, type StoreSettings, servingStore } from '../lib/store';
import { startApolloStandalone } from '../peers/apollo-standalone';
import { startMercurius } from '../peers/mercurius';

/**
 * A server under test, in its own process pinned to the server core: `quipu` (the real app from
 * src/http/server.ts, its response cache keeping no answer: every request misses and runs, as a request
 * with new variables does), `cached` (the same with its response cache as production runs it), `bytes` (node:http answering every request with the same bytes, the
 * transport floor of a repeated read), `floor`, `mercurius` or `apollo`, all over the same database file opened
 * read-only. The floor runs its statements synchronously on its own connection; Quipu and the peers
 * read through Quipu's store as production does, on `store.readers` reader processes (forked from
 * this process, so pinned to the same core). It also reports its event-loop delay, measured from
 * inside, on request.
 */
export type Variant = 'quipu' | 'floor' | 'mercurius' | 'apollo' | 'cached' | 'bytes';

let store: BenchStore | null = null;

async function start(variant: Variant, dbPath: string, settings: StoreSettings, routes: FloorRoutes | undefined, bytes: string | undefined): Promise<number> {
  if (variant === 'bytes') {
    if (bytes === undefined) throw new Error('the bytes server needs its answer');
    return startBytesServer(bytes);
  }
  if (variant === 'floor') {
    if (!routes) throw new Error('the floor needs its routes');
    return startFloorServer(createFloor(openReadOnly(dbPath).db, routes));
  }
  store = await servingStore(dbPath, settings);
  await store.indexesBuilt();
  const { sql } = store;
  switch (variant) {
    case 'quipu':
    case 'cached': {
      const app = await createApp(
        { sql, ready: true },
        {
          logger: false,
          queryTimeoutMs: settings.queryTimeoutMs,
          ...BENCH_POLICY,
          // `quipu` keeps no answer: every request misses the response cache and runs, paying the cache's lookup as a fresh request does.
          responseCacheSize: variant === 'cached' ? undefined : 0,
        },
      );
      // As start-up does: the statistics that costs are estimated from, before the first request.
      await app.workStats.refresh();
      await app.listen({ port: 0, host: '127.0.0.1' });
      return (app.server.address() as AddressInfo).port;
    }
    case 'mercurius':
      return startMercurius(sql);
    case 'apollo':
      return startApolloStandalone(sql);
  }
}

/** The transport floor of a repeated read: reads the request, answers `body`, does nothing else. */
function startBytesServer(body: string): Promise<number> {
  const length = Buffer.byteLength(body);
  const server = http.createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      response.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': length });
      response.end(body);
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
}

// Stopped by the parent (SIGTERM): stop the reader processes first (they would also go once this process has).
process.once('SIGTERM', () => {
  const closing = store ? store.close() : Promise.resolve();
  void closing.finally(() => process.exit(0));
});

const delay = monitorEventLoopDelay({ resolution: 1 });

answerRequests({
  start: async (message) => ({
    port: await start(
      message.variant as Variant,
      message.dbPath as string,
      message.store as StoreSettings,
      message.routes as FloorRoutes | undefined,
      message.bytes as string | undefined,
    ),
  }),
  eventLoopReset: () => {
    delay.disable();
    delay.reset();
    delay.enable();
    return null;
  },
  /** Milliseconds; the histogram records nanoseconds. */
  eventLoopRead: () => {
    delay.disable();
    return { p50: delay.percentile(50) / 1e6, p99: delay.percentile(99) / 1e6, max: delay.max / 1e6, samples: delay.count };
  },
});
