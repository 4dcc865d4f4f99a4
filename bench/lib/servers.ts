import path from 'node:path';
import type { FloorRoutes } from '../floor';
import type { Variant } from '../tasks/serve';
import { type Child, SERVER_CORE, spawnChild } from './children';
import type { StoreSettings } from './store';

export type { Variant };

export interface RunningServer {
  variant: Variant;
  /** The GraphQL endpoint. */
  url: string;
  origin: string;
  child: Child;
}

/**
 * Starts one server process per variant, each pinned to the server core, over the same file; all but
 * the floor read through Quipu's store with `store` (its reader processes share that core).
 */
export async function startServers(variants: Variant[], dbPath: string, store: StoreSettings, routes?: FloorRoutes, bytes?: string): Promise<Map<Variant, RunningServer>> {
  const servers = new Map<Variant, RunningServer>();
  // One at a time: start-up (schema build, JIT warm) of one must not slow another's.
  for (const variant of variants) {
    const child = spawnChild(path.join(__dirname, '../tasks/serve.js'), SERVER_CORE, [variant]);
    const { port } = await child.request<{ port: number }>('start', { variant, dbPath, store, routes, bytes });
    const origin = `http://127.0.0.1:${port}`;
    servers.set(variant, { variant, url: `${origin}/graphql`, origin, child });
  }
  return servers;
}

export async function stopServers(servers: Map<Variant, RunningServer>): Promise<void> {
  for (const server of servers.values()) await server.child.stop();
}
