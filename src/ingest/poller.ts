/**
 * The server's feed poller (INGEST_INTERVAL): every few seconds it reads the sources that are due,
 * each on its own (one slow or broken source never holds up another: each fetch has its own time
 * limit, and a failure only pushes that source's next fetch back), and never two rounds at once:
 * not in this process, and, through `exclusive` (a lock in the database), not in any other instance
 * on the same database. A round another instance is running is skipped; the next tick looks again.
 */
import type { Sql } from '../db/sql';
import type { Catalogue } from './catalogue';
import type { FetchLimits } from './fetch-feed';
import { dueSources, readSource, type SourceReport } from './sources';

export interface PollerOptions {
  /** How long after a good fetch a source is fetched again. */
  intervalMs: number;
  limits?: FetchLimits;
  /** How often to look for due sources (default: a tenth of the interval, between 1 and 60 s). */
  tickMs?: number;
  onReport?: (report: SourceReport) => void;
  /**
   * Runs a round while holding the database's poll lock, or answers `{ ran: false }` when another
   * instance holds it (OpenDatabase.exclusive); by default, rounds run unguarded.
   */
  exclusive?: (round: () => Promise<SourceReport[]>) => Promise<{ ran: true; value: SourceReport[] } | { ran: false }>;
}

export interface Poller {
  /** Runs one round now: every due source. */
  poll(): Promise<SourceReport[]>;
  stop(): Promise<void>;
}

export function startPoller(store: Sql, catalogue: () => Catalogue, options: PollerOptions): Poller {
  let round: Promise<SourceReport[]> | null = null;
  const exclusive = options.exclusive ?? (async (work: () => Promise<SourceReport[]>) => ({ ran: true as const, value: await work() }));
  let stopped = false;
  const poll = (): Promise<SourceReport[]> => {
    round ??= (async () => {
      try {
        const outcome = await exclusive(async () => {
          const due = await dueSources(store, new Date().toISOString());
          const settled = await Promise.allSettled(due.map((source) => readSource(store, source, catalogue(), { limits: options.limits, intervalMs: options.intervalMs })));
          return settled.flatMap((outcome) => (outcome.status === 'fulfilled' ? [outcome.value] : []));
        });
        const reports = outcome.ran ? outcome.value : [];
        for (const report of reports) options.onReport?.(report);
        return reports;
      } finally {
        round = null;
      }
    })();
    return round;
  };
  const tickMs = options.tickMs ?? Math.min(60_000, Math.max(1_000, options.intervalMs / 10));
  const timer = setInterval(() => {
    if (!stopped) poll().catch(() => {});
  }, tickMs);
  timer.unref();
  void poll().catch(() => {});
  return {
    poll,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await round?.catch(() => {});
    },
  };
}
