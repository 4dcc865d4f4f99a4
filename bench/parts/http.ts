import { firstDifference, postChecked, sameBody } from '../lib/check';
import { type Operation, requestBody } from '../lib/operations';
import type { RunningServer, Variant } from '../lib/servers';
import { roundRatios, type Spread } from '../lib/stats';
import type { LoadGenerator } from '../load/generator';

/**
 * Parts (b) and (c) over HTTP: requests per second of each server, measured by the load generator
 * on its own core, variants interleaved within every round (their order rotating round by round),
 * and Quipu's throughput divided by each other variant's within the round.
 */
export interface HttpTiming {
  rounds: number;
  seconds: number;
  warmupSeconds: number;
  connections: number;
}

export interface VariantRuns {
  error?: string;
  rps: number[];
  p50Ms: number[];
  p99Ms: number[];
  requests: number;
}

export interface HttpOperationResult {
  name: string;
  responseBytes: number;
  variants: Partial<Record<Variant, VariantRuns>>;
  /** The reference variant's req/s (Quipu's, or cached Quipu's) ÷ the other variant's, per round. */
  ratios: Partial<Record<Variant, (Spread & { rounds: number[] }) | null>>;
}

interface Target {
  operation: Operation;
  body: string;
  result: HttpOperationResult;
  expected: Map<Variant, string>;
}

/** Checks every variant's answer once, against Quipu's, before any load counts. */
async function prepareTargets(servers: Map<Variant, RunningServer>, operations: Operation[]): Promise<Target[]> {
  const targets: Target[] = [];
  for (const operation of operations) {
    const body = requestBody(operation);
    const result: HttpOperationResult = { name: operation.name, responseBytes: 0, variants: {}, ratios: {} };
    const expected = new Map<Variant, string>();
    let reference: string | null = null;
    for (const [variant, server] of servers) {
      const runs: VariantRuns = { rps: [], p50Ms: [], p99Ms: [], requests: 0 };
      result.variants[variant] = runs;
      try {
        const response = await postChecked(server.url, body, `${variant}, ${operation.name}`);
        reference ??= response.body;
        if (!sameBody(response.body, reference)) throw new Error(`body differs from Quipu's ${firstDifference(response.body, reference)}`);
        expected.set(variant, response.body);
      } catch (error) {
        runs.error = (error as Error).message;
      }
    }
    result.responseBytes = Buffer.byteLength(reference ?? '');
    targets.push({ operation, body, result, expected });
  }
  return targets;
}

async function load(loadGenerator: LoadGenerator, server: RunningServer, target: Target, seconds: number, connections: number) {
  const runs = target.result.variants[server.variant]!;
  if (runs.error) return;
  const outcome = await loadGenerator.run({ url: server.url, body: target.body, expect: target.expected.get(server.variant)!, connections, seconds });
  // One bad response voids the variant for this operation: its numbers would not be comparable.
  if (!outcome.clean) {
    runs.error = `unclean run: ${outcome.non2xx} non-2xx, ${outcome.mismatches} bodies differing, ${outcome.errors} errors, ${outcome.timeouts} timeouts`;
  }
  return outcome;
}

export async function measureHttp(
  servers: Map<Variant, RunningServer>,
  loadGenerator: LoadGenerator,
  operations: Operation[],
  timing: HttpTiming,
  reference: Variant = 'quipu',
): Promise<HttpOperationResult[]> {
  const targets = await prepareTargets(servers, operations);
  const all = [...servers.values()];
  for (const target of targets) for (const server of all) await load(loadGenerator, server, target, timing.warmupSeconds, timing.connections);

  for (let round = 0; round < timing.rounds; round++) {
    const order = all.map((_, i) => all[(i + round) % all.length]);
    for (const target of targets) {
      for (const server of order) {
        const outcome = await load(loadGenerator, server, target, timing.seconds, timing.connections);
        const runs = target.result.variants[server.variant]!;
        if (!outcome || runs.error) continue;
        runs.rps.push(outcome.rps);
        runs.p50Ms.push(outcome.latencyMs.p50);
        runs.p99Ms.push(outcome.latencyMs.p99);
        runs.requests += outcome.requests;
      }
    }
  }

  for (const { result } of targets) {
    const quipu = result.variants[reference];
    for (const [variant, other] of Object.entries(result.variants) as [Variant, VariantRuns][]) {
      if (variant === reference) continue;
      const usable = quipu && !quipu.error && !other.error && quipu.rps.length === timing.rounds && other.rps.length === timing.rounds;
      result.ratios[variant] = usable ? roundRatios(quipu.rps, other.rps) : null;
    }
  }
  return targets.map((t) => t.result);
}
