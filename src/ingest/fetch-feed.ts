/**
 * Fetching a feed over HTTP: a conditional GET (If-None-Match, If-Modified-Since) with a time limit
 * and a size limit, through Node's fetch (undici). A failure is a FetchError whose message says
 * what went wrong, for the source's `lastError`.
 */

export interface Validators {
  etag: string | null;
  lastModified: string | null;
}

export interface FetchLimits {
  /** The whole fetch, headers and body (default 10 s). */
  timeoutMs?: number;
  /** The body's size (default 5 MiB). */
  maxBytes?: number;
}

export type Fetched = { status: 'not-modified' } | { status: 'fetched'; bytes: Buffer; validators: Validators };

export class FetchError extends Error {}

export const DEFAULT_FETCH_LIMITS = { timeoutMs: 10_000, maxBytes: 5 * 1024 * 1024 };

const ACCEPT = 'application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5';

export async function fetchFeed(url: string, validators: Validators, limits: FetchLimits = {}): Promise<Fetched> {
  const timeoutMs = limits.timeoutMs ?? DEFAULT_FETCH_LIMITS.timeoutMs;
  const maxBytes = limits.maxBytes ?? DEFAULT_FETCH_LIMITS.maxBytes;
  const headers: Record<string, string> = { accept: ACCEPT, 'user-agent': 'Quipu feed reader' };
  if (validators.etag) headers['if-none-match'] = validators.etag;
  if (validators.lastModified) headers['if-modified-since'] = validators.lastModified;
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const response = await fetch(url, { headers, signal, redirect: 'follow' });
    if (response.status === 304) return { status: 'not-modified' };
    if (!response.ok) {
      await response.body?.cancel();
      throw new FetchError(`${url} answered ${response.status} ${response.statusText}`.trim());
    }
    const length = Number(response.headers.get('content-length'));
    if (length > maxBytes) {
      await response.body?.cancel();
      throw new FetchError(`${url} is ${length} bytes; at most ${maxBytes} are read`);
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of response.body ?? []) {
      size += chunk.length;
      if (size > maxBytes) throw new FetchError(`${url} sent more than ${maxBytes} bytes; at most ${maxBytes} are read`);
      chunks.push(Buffer.from(chunk));
    }
    return {
      status: 'fetched',
      bytes: Buffer.concat(chunks),
      validators: { etag: response.headers.get('etag'), lastModified: response.headers.get('last-modified') },
    };
  } catch (error) {
    if (error instanceof FetchError) throw error;
    if (signal.aborted) throw new FetchError(`${url} did not answer within ${timeoutMs} ms`);
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    throw new FetchError(`${url} could not be fetched: ${cause?.code ?? cause?.message ?? (error as Error).message}`);
  }
}
