import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Sql } from '../../src/db/sql';
import { createApp } from '../../src/http/server';
import { BENCH_POLICY } from '../lib/check';
import { answerRequests } from '../lib/children';
import { openReadOnly } from '../lib/database';
import { createFloor, type FloorRoutes, startFloorServer } from '../floor';
import { startApolloStandalone } from '../peers/apollo-standalone';
import { startMercurius } from '../peers/mercurius';

/**
 * A server under test, in its own process pinned to the server core: `quipu` (the real app from
 * src/http/server.ts), `floor`, `mercurius` or `apollo`, all over the same database file opened
 * read-only. It also reports its event-loop delay, measured from inside, on request.
 */
export type Variant = 'quipu' | 'floor' | 'mercurius' | 'apollo';

async function start(variant: Variant, dbPath: string, routes: FloorRoutes | undefined): Promise<number> {
  const { db } = openReadOnly(dbPath);
  const sql = new Sql(db);
  switch (variant) {
    case 'quipu': {
      const app = await createApp({ sql, ready: true }, { logger: false, ...BENCH_POLICY });
      await app.listen({ port: 0, host: '127.0.0.1' });
      return (app.server.address() as AddressInfo).port;
    }
    case 'floor':
      if (!routes) throw new Error('the floor needs its routes');
      return startFloorServer(createFloor(db, routes));
    case 'mercurius':
      return startMercurius(sql);
    case 'apollo':
      return startApolloStandalone(sql);
  }
}

const delay = monitorEventLoopDelay({ resolution: 1 });

answerRequests({
  start: async (message) => ({ port: await start(message.variant as Variant, message.dbPath as string, message.routes as FloorRoutes | undefined) }),
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
