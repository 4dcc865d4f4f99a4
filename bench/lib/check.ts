/**
 * A response counts only once it is checked: HTTP 200, JSON with data and without `errors`, and
 * (across variants) the same bytes. Apollo ends its bodies with "\n" and Mercurius does not; that
 * one trailing newline is the only difference the cross-variant comparison forgives.
 */

export class CheckError extends Error {}

/**
 * Quipu as the benchmarks run it: every request's cost is computed and reported, as always, but one
 * client sends them all, so no budget is kept (charging one costs some 60 ns: a map lookup and a sum)
 * and no per-request cost cap applies (the N+1 check asks for 500 items with their mentions). With
 * no budget, the cost report is the same in every answer, so bodies can be compared byte for byte.
 */
export const BENCH_POLICY = { anonymousBudget: null, maxCostPerRequest: Number.MAX_SAFE_INTEGER };

/** A Quipu body without its cost report (`extensions.cost`), to compare with engines that have none. */
export function withoutCostReport(body: string): string {
  return body.replace(/,"extensions":\{"cost":\{"requested":\d+\}\}\}(\n?)$/, '}$1');
}

export interface CheckedResponse {
  body: string;
  data: Record<string, unknown>;
}

export function checkBody(status: number, body: string, what: string): CheckedResponse {
  if (status !== 200) throw new CheckError(`${what}: HTTP ${status}: ${body.slice(0, 300)}`);
  let parsed: { data?: Record<string, unknown> | null; errors?: unknown };
  try {
    parsed = JSON.parse(body) as typeof parsed;
  } catch {
    throw new CheckError(`${what}: the body is not JSON: ${body.slice(0, 300)}`);
  }
  if (parsed.errors !== undefined) throw new CheckError(`${what}: errors: ${JSON.stringify(parsed.errors).slice(0, 500)}`);
  if (!parsed.data) throw new CheckError(`${what}: no data`);
  return { body, data: parsed.data };
}

export async function postChecked(url: string, requestBody: string, what: string): Promise<CheckedResponse> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: requestBody });
  return checkBody(response.status, await response.text(), what);
}

/** GET /healthz: HTTP 200 and status ok. Returns the body, which every probe must then get. */
export async function healthzChecked(origin: string): Promise<string> {
  const response = await fetch(`${origin}/healthz`);
  const body = await response.text();
  let status: unknown;
  try {
    status = (JSON.parse(body) as { status?: unknown }).status;
  } catch {
    status = undefined;
  }
  if (response.status !== 200 || status !== 'ok') throw new CheckError(`/healthz: HTTP ${response.status}: ${body.slice(0, 300)}`);
  return body;
}

export function sameBody(a: string, b: string): boolean {
  return withoutCostReport(a).replace(/\n$/, '') === withoutCostReport(b).replace(/\n$/, '');
}

/** Where two bodies first differ, for an error message a person can act on. */
export function firstDifference(a: string, b: string): string {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return `at byte ${i}: …${a.slice(Math.max(0, i - 60), i + 60)}… vs …${b.slice(Math.max(0, i - 60), i + 60)}…`;
}
