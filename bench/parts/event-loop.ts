import { healthzChecked, postChecked } from '../lib/check';
import { type Operation, requestBody } from '../lib/operations';
import { startServers, stopServers } from '../lib/servers';
import type { StoreSettings } from '../lib/store';
import type { HostileResult, LoadGenerator, Stream, StreamResult } from '../load/generator';
import type { HostileRequest } from '../load/hostile';

/*
 * Part (d), event loop: Quipu's event-loop delay, measured inside the server, while list requests
 * are served alone, then with heavy queries (facets over everything, a common-term search)
 * running beside them, then with the analyst queries beside them, then with two hostile clients
 * beside them (the widest search, facets over nearly everything, an export of most articles, each
 * client sending them in turn, back to back) while /healthz and a cheap list are probed at a steady
 * rate. Lists run at half the rate the server sustains: a saturated server's delay
 * is its queue, whatever it serves; below saturation the delay shows what blocks the loop.
 * Quipu reads on its reader processes (`store.readers`; with 0, on its own connection, where
 * better-sqlite3 is synchronous and the longest statement is the floor of this delay).
 */

/** Heavy requests per second of each kind: a few analysts beside the page traffic, not a flood. */
const HEAVY_PER_SECOND = 2;
/** Clients sending the hostile requests back to back, and the rate of each probe beside them. */
const HOSTILE_CLIENTS = 2;
const PROBES_PER_SECOND = 10;

export interface EventLoopDelay {
  p50: number;
  p99: number;
  max: number;
  samples: number;
}

export interface EventLoopPhase {
  delayMs: EventLoopDelay;
  streams: { name: string; rps: number; p50Ms: number; p99Ms: number; maxMs: number; clean: boolean }[];
}

/**
 * Lists with the hostile clients beside them, and the probes (/healthz, the cheap list). It lasts at
 * least twice QUERY_TIMEOUT_MS, so that every client has requests run into the limit.
 */
export interface HostilePhase extends EventLoopPhase {
  seconds: number;
  /** The server's QUERY_TIMEOUT_MS: what "stopped at the limit" means. */
  limitMs: number;
  /** Requests a second of each probe. */
  probesPerSecond: number;
  hostile: HostileResult;
}

/** A phase that could not be measured (e.g. requests timed out behind a statement that blocked for a minute). */
export interface FailedPhase {
  error: string;
}

export interface EventLoopResult {
  /** Lists per second in every phase. */
  listRate: number;
  /** Heavy or analyst requests left out of their phase, because their first answer failed (a time limit, say), with why. */
  leftOut?: { name: string; error: string }[];
  listOnly: EventLoopPhase | FailedPhase;
  mixed: EventLoopPhase | FailedPhase;
  /** Lists with the analyst queries (co-occurrence, related, path, timeline) beside them. */
  analysts?: EventLoopPhase | FailedPhase;
  /** Lists with two hostile clients beside them, /healthz and the cheap list probed. */
  hostile?: HostilePhase | FailedPhase;
}

export async function measureEventLoop(
  dbPath: string,
  loadGenerator: LoadGenerator,
  list: Operation,
  heavy: Operation[],
  analyst: Operation[],
  cheap: Operation,
  hostile: HostileRequest[],
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
    // The heavy queries' first answers (their reference bodies) may take a minute at 1M articles. One that fails (it
    // ran past the time limit) cannot be checked under load: it is left out of its phase, and the report says so.
    const leftOut: { name: string; error: string }[] = [];
    const checked = async (operations: Operation[]) => {
      const streams: { name: string; spec: Stream }[] = [];
      for (const operation of operations) {
        try {
          streams.push(await stream(operation, 1));
        } catch (error) {
          leftOut.push({ name: operation.name, error: (error as Error).message });
        }
      }
      return streams;
    };
    const heavies = await checked(heavy);
    const analysts = await checked(analyst);
    // The probes beside the hostile clients: every answer checked like the lists'.
    const healthz: { name: string; spec: Stream } = {
      name: '/healthz',
      spec: { url: `${quipu.origin}/healthz`, method: 'GET', expect: await healthzChecked(quipu.origin), connections: 2, seconds },
    };
    const cheapList = await stream(cheap, 2);
    const hostileSeconds = Math.max(seconds, Math.ceil((2 * store.queryTimeoutMs) / 1000));
    // Each phase stands alone: one that fails (a heavy query so slow that requests time out) is
    // reported as such, and the next phase still runs.
    const phase = async <T>(measure: () => Promise<T>): Promise<T | FailedPhase> => {
      try {
        return await measure();
      } catch (error) {
        return { error: (error as Error).message };
      }
    };
    const summarise = (streams: { name: string; spec: Stream }[], outcomes: StreamResult[]) =>
      outcomes.map((o, i) => ({ name: streams[i].name, rps: o.rps, p50Ms: o.latencyMs.p50, p99Ms: o.latencyMs.p99, maxMs: o.latencyMs.max, clean: o.clean }));
    const measurePhase = async (streams: { name: string; spec: Stream }[]): Promise<EventLoopPhase> => {
      await quipu.child.request('eventLoopReset');
      const outcomes: StreamResult[] = await loadGenerator.runTogether(streams.map((s) => s.spec));
      const delayMs = await quipu.child.request<EventLoopDelay>('eventLoopRead');
      return { delayMs, streams: summarise(streams, outcomes) };
    };
    const measureHostile = async (streams: { name: string; spec: Stream }[]): Promise<HostilePhase> => {
      const limitMs = store.queryTimeoutMs;
      await quipu.child.request('eventLoopReset');
      const outcome = await loadGenerator.runBeside(
        streams.map((s) => ({ ...s.spec, seconds: hostileSeconds })),
        { origin: quipu.origin, requests: hostile, clients: HOSTILE_CLIENTS, seconds: hostileSeconds, limitMs },
      );
      const delayMs = await quipu.child.request<EventLoopDelay>('eventLoopRead');
      return {
        seconds: hostileSeconds,
        limitMs,
        probesPerSecond: PROBES_PER_SECOND,
        delayMs,
        streams: summarise(streams, outcome.streams),
        hostile: outcome.hostile,
      };
    };
    // Saturate once (uncounted; it warms the server too) to find the rate the lists can keep.
    const saturated = await loadGenerator.run({ ...lists.spec, seconds: 1 });
    const listRate = Math.max(1, Math.round(saturated.rps / 2));
    lists.spec.rate = listRate;
    for (const heavyStream of [...heavies, ...analysts]) heavyStream.spec.rate = HEAVY_PER_SECOND;
    for (const probe of [healthz, cheapList]) probe.spec.rate = PROBES_PER_SECOND;
    return {
      listRate,
      leftOut: leftOut.length > 0 ? leftOut : undefined,
      listOnly: await phase(() => measurePhase([lists])),
      mixed: await phase(() => measurePhase([lists, ...heavies])),
      analysts: analysts.length > 0 ? await phase(() => measurePhase([lists, ...analysts])) : undefined,
      // Last: the requests it abandons at its end may keep the readers busy up to the limit.
      hostile: hostile.length > 0 ? await phase(() => measureHostile([lists, healthz, cheapList])) : undefined,
    };
  } finally {
    await stopServers(servers);
  }
}
