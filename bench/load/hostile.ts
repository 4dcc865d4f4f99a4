import { percentile } from '../lib/stats';

/**
 * Hostile clients, run by the load generator beside its streams (part (d), event loop): each client
 * sends the hostile requests in turn, back to back, for the phase's seconds, starting one request
 * further along than the client before it; the request in flight when the seconds are up is
 * abandoned (counted, not classified). Their answers have no fixed bytes, so each is classified:
 * - a GraphQL answer is finished (HTTP 200, data, no errors) or stopped at the limit (every error
 *   QUERY_TIMEOUT, whatever the status);
 * - an export is finished (HTTP 200, text/csv, read to its end, its last row complete) or stopped
 *   at the limit when its errors say QUERY_TIMEOUT, or when it fails (an error status, or a stream
 *   cut short) after running at least the limit: a timed-out export's answer does not say why.
 * Anything else is a failure of the run. Export bodies are counted as they arrive, never kept.
 */
export interface HostileRequest {
  name: string;
  /** From the server's origin: /graphql, or an export's path and query. */
  path: string;
  /** A GraphQL request body, POSTed to `path`; absent, `path` is an export, fetched by GET. */
  body?: string;
}

export interface HostileClients {
  origin: string;
  requests: HostileRequest[];
  clients: number;
  seconds: number;
  /** The server's QUERY_TIMEOUT_MS. */
  limitMs: number;
}

export interface HostileCounts {
  /** Requests answered: finished, stopped or failed. */
  ran: number;
  finished: number;
  /** Stopped at the time limit (QUERY_TIMEOUT). */
  stopped: number;
  failed: number;
  /** In flight when the phase ended, and abandoned. */
  abandoned: number;
  /** Over the requests answered. */
  p50Ms: number;
  maxMs: number;
}

export interface HostileResult extends HostileCounts {
  clients: number;
  byRequest: ({ name: string } & HostileCounts)[];
  /** The first few failures, with what came back. */
  failures: string[];
}

type Verdict = 'finished' | 'stopped' | 'failed' | 'abandoned';

interface Outcome {
  name: string;
  verdict: Verdict;
  ms: number;
  why?: string;
}

const MAX_FAILURES_KEPT = 5;

/** The codes of a JSON answer's errors (empty when it has none), or null when the body is not JSON. */
function errorCodes(text: string): { codes: unknown[]; data: unknown } | null {
  try {
    const parsed = JSON.parse(text) as { data?: unknown; errors?: { extensions?: { code?: unknown } }[] };
    return { codes: (parsed.errors ?? []).map((error) => error?.extensions?.code), data: parsed.data };
  } catch {
    return null;
  }
}

const timedOut = (codes: unknown[]) => codes.length > 0 && codes.every((code) => code === 'QUERY_TIMEOUT');

function classifyGraphql(status: number, text: string): { verdict: Verdict; why?: string } {
  const parsed = errorCodes(text);
  if (parsed && timedOut(parsed.codes)) return { verdict: 'stopped' };
  if (status === 200 && parsed && parsed.codes.length === 0 && parsed.data) return { verdict: 'finished' };
  return { verdict: 'failed', why: `HTTP ${status}: ${text.slice(0, 300)}` };
}

/** An export that failed: stopped at the limit if it says so, or if it ran at least the limit first. */
function classifyExportFailure(what: string, ms: number, limitMs: number): { verdict: Verdict; why?: string } {
  return ms >= limitMs ? { verdict: 'stopped' } : { verdict: 'failed', why: `${what} after ${Math.round(ms)} ms, before the ${limitMs} ms limit` };
}

async function send(origin: string, request: HostileRequest, limitMs: number, signal: AbortSignal): Promise<Outcome> {
  const started = performance.now();
  const outcome = (result: { verdict: Verdict; why?: string }): Outcome => ({ name: request.name, ms: performance.now() - started, ...result });
  try {
    if (request.body !== undefined) {
      const response = await fetch(origin + request.path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: request.body, signal });
      const text = await response.text();
      return outcome(classifyGraphql(response.status, text));
    }
    const response = await fetch(origin + request.path, { signal });
    if (response.status !== 200 || !(response.headers.get('content-type') ?? '').startsWith('text/csv')) {
      const text = await response.text();
      const parsed = errorCodes(text);
      if (parsed && timedOut(parsed.codes)) return outcome({ verdict: 'stopped' });
      const ms = performance.now() - started;
      return outcome(
        response.status >= 500
          ? classifyExportFailure(`HTTP ${response.status}: ${text.slice(0, 300)}`, ms, limitMs)
          : { verdict: 'failed', why: `HTTP ${response.status}: ${text.slice(0, 300)}` },
      );
    }
    let bytes = 0;
    let last = 0;
    try {
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        bytes += chunk.length;
        if (chunk.length > 0) last = chunk[chunk.length - 1];
      }
    } catch (error) {
      if (signal.aborted) throw error;
      return outcome(classifyExportFailure(`the export was cut short after ${bytes} bytes (${(error as Error).message})`, performance.now() - started, limitMs));
    }
    // Rows end with CRLF (RFC 4180): a complete file ends with a line feed.
    return outcome(bytes > 0 && last === 0x0a ? { verdict: 'finished' } : { verdict: 'failed', why: `the export ended mid-row after ${bytes} bytes` });
  } catch (error) {
    if (signal.aborted) return outcome({ verdict: 'abandoned' });
    return outcome({ verdict: 'failed', why: `${(error as Error).message}${(error as Error).cause ? ` (${((error as Error).cause as Error).message})` : ''}` });
  }
}

function count(outcomes: Outcome[]): HostileCounts {
  const answered = outcomes.filter((o) => o.verdict !== 'abandoned').map((o) => o.ms);
  const of = (verdict: Verdict) => outcomes.filter((o) => o.verdict === verdict).length;
  return {
    ran: answered.length,
    finished: of('finished'),
    stopped: of('stopped'),
    failed: of('failed'),
    abandoned: of('abandoned'),
    p50Ms: percentile(answered, 50),
    maxMs: answered.length > 0 ? Math.max(...answered) : NaN,
  };
}

export async function runHostile(spec: HostileClients): Promise<HostileResult> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), spec.seconds * 1000);
  const outcomes: Outcome[] = [];
  const client = async (first: number) => {
    for (let i = first; !controller.signal.aborted; i++) {
      outcomes.push(await send(spec.origin, spec.requests[i % spec.requests.length], spec.limitMs, controller.signal));
    }
  };
  try {
    await Promise.all(Array.from({ length: spec.clients }, (_, c) => client(c)));
  } finally {
    clearTimeout(timer);
  }
  return {
    clients: spec.clients,
    ...count(outcomes),
    byRequest: spec.requests.map((request) => ({ name: request.name, ...count(outcomes.filter((o) => o.name === request.name)) })),
    failures: outcomes
      .filter((o) => o.verdict === 'failed')
      .slice(0, MAX_FAILURES_KEPT)
      .map((o) => `${o.name}: ${o.why}`),
  };
}
