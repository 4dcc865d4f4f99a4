import path from 'node:path';
import { postChecked } from '../lib/check';
import { type Child, spawnChild } from '../lib/children';
import { type Operation, requestBody } from '../lib/operations';
import { median, roundRatios, type Spread } from '../lib/stats';
import type { StoreSettings } from '../lib/store';
import type { LoadGenerator, Stream, StreamResult } from '../load/generator';

/**
 * Part (f), several instances: the req/s of one Quipu instance against two, both over one PostgreSQL
 * database, each instance a `node` process as production runs it (its response cache keeping no
 * answer, so that every request runs). Two instances share the load: the generator's connections split
 * between them, as a load balancer would, and their req/s add up. Each round measures one instance,
 * then two (the order alternating round by round), and the ratio is taken within the round.
 *
 * The instances are not pinned: on this 2-core machine they, PostgreSQL and the load generator (pinned
 * to core 1) share both cores, which bounds what a second instance can add. bench/README.md says how
 * it grows where each instance has cores of its own.
 */
export interface InstancesResult {
  /** The database both instances serve (its URL without a password). */
  database: string;
  connections: number;
  seconds: number;
  operations: InstancesOperation[];
}

export interface InstancesOperation {
  name: string;
  /** Median req/s over the rounds. */
  one: number;
  two: number;
  /** Two instances' req/s ÷ one's, per round. */
  ratio: Spread & { rounds: number[] };
  /** Every response of every run had status 2xx and the expected body. */
  clean: boolean;
}

export interface InstancesTiming {
  rounds: number;
  seconds: number;
  warmupSeconds: number;
  connections: number;
}

export async function measureInstances(
  url: string,
  shownUrl: string,
  loadGenerator: LoadGenerator,
  operations: Operation[],
  timing: InstancesTiming,
  store: StoreSettings,
): Promise<InstancesResult> {
  const instances: { child: Child; url: string }[] = [];
  try {
    // One at a time, as a deploy starts them; neither pinned (see above).
    for (let i = 0; i < 2; i++) {
      const child = spawnChild(path.join(__dirname, '../tasks/serve.js'), null, ['quipu']);
      instances.push({ child, url: '' });
      const { port } = await child.request<{ port: number }>('start', { variant: 'quipu', dbPath: url, store });
      instances[i].url = `http://127.0.0.1:${port}/graphql`;
    }
    const results: InstancesOperation[] = [];
    for (const operation of operations) {
      const body = requestBody(operation);
      const expect = (await postChecked(instances[0].url, body, operation.name)).body;
      const second = (await postChecked(instances[1].url, body, operation.name)).body;
      if (second !== expect) throw new Error(`${operation.name}: the two instances answer differently`);
      const stream = (instance: number, connections: number, seconds: number): Stream => ({ url: instances[instance].url, body, expect, connections, seconds });
      const one = (seconds: number) => loadGenerator.runTogether([stream(0, timing.connections, seconds)]);
      const half = Math.ceil(timing.connections / 2);
      const two = (seconds: number) => loadGenerator.runTogether([stream(0, half, seconds), stream(1, timing.connections - half, seconds)]);
      await one(timing.warmupSeconds);
      await two(timing.warmupSeconds);
      const ones: number[] = [];
      const twos: number[] = [];
      let clean = true;
      const total = (outcomes: StreamResult[]) => {
        clean &&= outcomes.every((outcome) => outcome.clean);
        return outcomes.reduce((sum, outcome) => sum + outcome.rps, 0);
      };
      for (let round = 0; round < timing.rounds; round++) {
        if (round % 2 === 0) {
          ones.push(total(await one(timing.seconds)));
          twos.push(total(await two(timing.seconds)));
        } else {
          twos.push(total(await two(timing.seconds)));
          ones.push(total(await one(timing.seconds)));
        }
      }
      results.push({ name: operation.name, one: median(ones), two: median(twos), ratio: roundRatios(twos, ones), clean });
    }
    return { database: shownUrl, connections: timing.connections, seconds: timing.seconds, operations: results };
  } finally {
    for (const instance of instances) await instance.child.stop();
  }
}
