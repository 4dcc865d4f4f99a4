import type { LoadGenerator, Stream, StreamResult } from '../load/generator';
import { postChecked } from '../lib/check';
import { type Operation, requestBody } from '../lib/operations';
import { startServers, stopServers } from '../lib/servers';
import type { StoreSettings } from '../lib/store';

/*
 * Part (d), event loop: Quipu's event-loop delay, measured inside the server, while list requests
 * are served alone, then with heavy queries (facets over everything, a common-term search)
 * running beside them, then with the analyst queries beside them. Lists run at half the rate the server sustains: a saturated server's delay
 * is its queue, whatever it serves; below saturation the delay shows what blocks the loop.
 * Quipu reads on its reader processes (`store.readers`; with 0, on its own connection, where
 * better-sqlite3 is synchronous and the longest statement is the floor of this delay).
 */

/** Heavy requests per second of each kind: a few analysts beside the page traffic, not a flood. */
const HEAVY_PER_SECOND = 2;

export interface EventLoopDelay {
  p50: number;
  p99: number;
  max: number;
  samples: number;
}

export interface EventLoopPhase {
  delayMs: EventLoopDelay;
  streams: { name: string; rps: number; p50Ms: number; p99Ms: number; clean: boolean }[];
}

/** A phase that could not be measured (e.g. requests timed out behind a statement that blocked for a minute). */
export interface FailedPhase {
  error: string;
}

export interface EventLoopResult {
  /** Lists per second in every phase. */
  listRate: number;
  listOnly: EventLoopPhase | FailedPhase;
  mixed: EventLoopPhase | FailedPhase;
  /** Lists with the analyst queries (co-occurrence, related, path, timeline) beside them. */
  analysts?: EventLoopPhase | FailedPhase;
}

export async function measureEventLoop(
  dbPath: string,
  loadGenerator: LoadGenerator,
  list: Operation,
  heavy: Operation[],
  analyst: Operation[],
  seconds: number,
  store: StoreSettings,
): Promise<EventLoopResult> {
  const servers = await startServers(['quipu'], dbPath, store);
  const quipu = servers.get('quipu')!;
  try {
    const stream = async (operation: Operation, connections: number): Promise<{ name: string; spec: Stream }> => {
      const body = requestBody(operation);
      const expect = (await postChecked(quipu.url, body, operation.name)).body;
      return { name: operation.name, spec: { url: quipu.url, body, expect, connections, seconds } };
    };
    const lists = await stream(list, 8);
    // The heavy queries' first answers (their reference bodies) may take a minute at 1M articles.
    const heavies = await Promise.all(heavy.map((operation) => stream(operation, 1)));
    const analysts = await Promise.all(analyst.map((operation) => stream(operation, 1)));
    // Each phase stands alone: one that fails (a heavy query so slow that requests time out) is
    // reported as such, and the next phase still runs.
    const phase = async (streams: { name: string; spec: Stream }[]): Promise<EventLoopPhase | FailedPhase> => {
      try {
        return await measurePhase(streams);
      } catch (error) {
        return { error: (error as Error).message };
      }
    };
    const measurePhase = async (streams: { name: string; spec: Stream }[]): Promise<EventLoopPhase> => {
      await quipu.child.request('eventLoopReset');
      const outcomes: StreamResult[] = await loadGenerator.runTogether(streams.map((s) => s.spec));
      const delayMs = await quipu.child.request<EventLoopDelay>('eventLoopRead');
      return {
        delayMs,
        streams: outcomes.map((o, i) => ({ name: streams[i].name, rps: o.rps, p50Ms: o.latencyMs.p50, p99Ms: o.latencyMs.p99, clean: o.clean })),
      };
    };
    // Saturate once (uncounted; it warms the server too) to find the rate the lists can keep.
    const saturated = await loadGenerator.run({ ...lists.spec, seconds: 1 });
    const listRate = Math.max(1, Math.round(saturated.rps / 2));
    lists.spec.rate = listRate;
    for (const heavyStream of [...heavies, ...analysts]) heavyStream.spec.rate = HEAVY_PER_SECOND;
    return {
      listRate,
      listOnly: await phase([lists]),
      mixed: await phase([lists, ...heavies]),
      analysts: analysts.length > 0 ? await phase([lists, ...analysts]) : undefined,
    };
  } finally {
    await stopServers(servers);
  }
}
