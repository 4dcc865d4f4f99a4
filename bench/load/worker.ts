import autocannon from 'autocannon';
import { answerRequests } from '../lib/children';
import { type HostileClients, runHostile } from './hostile';

/**
 * The load generator process (pinned to its own core): runs autocannon streams on request and
 * reports what they measured. Every response body is compared with the expected bytes. Beside
 * them it can run hostile clients (hostile.ts), whose answers have no fixed bytes.
 */

// autocannon appends each body chunk as a UTF-8 string, which garbles a character split across two
// socket reads and would count a correct response as a mismatch. Appending chunks as latin1 keeps
// one char per byte, so comparing with the expected body in latin1 is an exact byte comparison.
const Queue = require('autocannon/lib/pipelinedRequestsQueue') as { prototype: { peek(): { body: string } | undefined; addBody(data: Buffer): void } };
Queue.prototype.addBody = function addBody(data: Buffer) {
  const request = this.peek();
  if (request) request.body += data.toString('latin1');
};

export interface Stream {
  url: string;
  /** GET sends no body (a probe of /healthz); POST, the default, sends `body`. */
  method?: 'GET' | 'POST';
  body?: string;
  /** The exact response body every request must get (UTF-8 text). */
  expect: string;
  connections: number;
  seconds: number;
  /** Requests per second over all connections; absent means as fast as the server answers. */
  rate?: number;
}

export interface StreamResult {
  requests: number;
  seconds: number;
  rps: number;
  latencyMs: { p50: number; p99: number; mean: number; max: number };
  non2xx: number;
  errors: number;
  timeouts: number;
  mismatches: number;
  /** Every response had status 2xx and exactly the expected body. */
  clean: boolean;
}

function run(stream: Stream): Promise<StreamResult> {
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url: stream.url,
        method: stream.method ?? 'POST',
        ...(stream.body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: stream.body }),
        expectBody: Buffer.from(stream.expect, 'utf8').toString('latin1'),
        connections: stream.connections,
        pipelining: 1,
        duration: stream.seconds,
        ...(stream.rate ? { overallRate: stream.rate } : {}),
      },
      (error, result) => {
        if (error) return reject(error);
        const requests = result.requests.total;
        const bad = result.non2xx + result.errors + result.timeouts + (result as unknown as { mismatches: number }).mismatches;
        resolve({
          requests,
          seconds: result.duration,
          rps: requests / result.duration,
          latencyMs: { p50: result.latency.p50, p99: result.latency.p99, mean: result.latency.average, max: result.latency.max },
          non2xx: result.non2xx,
          errors: result.errors,
          timeouts: result.timeouts,
          mismatches: (result as unknown as { mismatches: number }).mismatches,
          clean: bad === 0 && requests > 0,
        });
      },
    );
  });
}

answerRequests({
  /** Runs the given streams at the same time (one stream is the usual case). */
  run: async (message) => Promise.all((message.streams as Stream[]).map(run)),
  /** Runs the streams and the hostile clients at the same time, for the same seconds. */
  runBeside: async (message) => {
    const [streams, hostile] = await Promise.all([Promise.all((message.streams as Stream[]).map(run)), runHostile(message.hostile as HostileClients)]);
    return { streams, hostile };
  },
});
