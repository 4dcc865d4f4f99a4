import type { Spread } from '../lib/stats';
import type { FailedPhase, HostilePhase } from '../parts/event-loop';
import type { ScaleResult } from '../parts/scaling';
import type { Results } from './results';

/** The bars of ../shared/PRODUCT.md and issue 3, checked against one run's ratios and latencies. */
export interface Target {
  claim: string;
  goal: string;
  measured: Spread | null;
  unit: string;
  met: boolean | null;
}

function ratioTarget(claim: string, measured: Spread | null | undefined, goal: number, atMost: boolean): Target {
  const value = measured ?? null;
  return {
    claim,
    goal: `${atMost ? '≤' : '≥'} ${goal}×`,
    measured: value,
    unit: '×',
    met: value ? (atMost ? value.median <= goal : value.median >= goal) : null,
  };
}

function latencyTarget(claim: string, ms: number | undefined, goal: number, unit = 'ms'): Target {
  // (A failed operation's NaN arrives from its child process as null.)
  const value = typeof ms !== 'number' || Number.isNaN(ms) ? null : { median: ms, min: ms, max: ms };
  return { claim, goal: `≤ ${goal} ${unit}`, measured: value, unit, met: value ? value.median <= goal : null };
}

/** The probes beside the hostile clients: /healthz, and the cheap list (cheapList in lib/operations.ts). */
const PROBES = ['/healthz', 'list rare topic (20)'];

/**
 * The goals with hostile clients beside the lists. A hostile request that failed (neither
 * finished nor stopped at the limit) means the load was not the one the goals speak of: not measured.
 * A probe with an answer that failed its check (status, bytes, a timeout) does not meet its goal.
 */
function hostileTargets(phase: HostilePhase | FailedPhase, label: string): Target[] {
  const measured = 'error' in phase || phase.hostile.failed > 0 ? null : phase;
  const clients = measured ? `${measured.hostile.clients} clients` : 'two clients';
  return [
    latencyTarget(`event-loop delay p99, lists + hostile clients, ${label}`, measured?.delayMs.p99, 20),
    ...PROBES.map((name) => {
      const probe = measured?.streams.find((s) => s.name === name);
      const target = latencyTarget(`p99 of ${name} while ${clients} send hostile queries, ${label}`, probe?.p99Ms, 50);
      return probe && !probe.clean ? { ...target, met: false } : target;
    }),
  ];
}

export function targets(results: Results): Target[] {
  const list: Target[] = [];
  for (const r of results.inProcess ?? []) list.push(ratioTarget(`in-process cost ÷ floor, ${r.name}`, r.costRatio, 1.5, true));
  for (const r of results.repeated ?? []) {
    list.push(ratioTarget(`HTTP req/s of a repeated read (response cache) ÷ node:http answering the same bytes, ${r.name}`, r.ratios.bytes, 0.3, false));
  }
  for (const r of results.http ?? []) {
    list.push(ratioTarget(`HTTP req/s ÷ floor, ${r.name}`, r.ratios.floor, 0.6, false));
    list.push(ratioTarget(`HTTP req/s ÷ Mercurius + graphql-jit, ${r.name}`, r.ratios.mercurius, 1.0, false));
    list.push(ratioTarget(`HTTP req/s ÷ stock Apollo, ${r.name}`, r.ratios.apollo, 2.5, false));
  }
  const all = results.scaling ?? [];
  list.push(...sqliteScaleTargets(all.filter((scale) => scale.engine !== 'PostgreSQL')));
  list.push(...postgresScaleTargets(all.filter((scale) => scale.engine === 'PostgreSQL')));
  return list;
}

/** The bars of ../shared/PRODUCT.md, at the largest SQLite database (and its ratio to the smallest). */
function sqliteScaleTargets(given: ScaleResult[]): Target[] {
  const list: Target[] = [];
  const scales = [...given].sort((a, b) => a.database.articles - b.database.articles);
  const largest = scales[scales.length - 1];
  if (largest) {
    const at = (name: string, scale = largest) => scale.operations.find((o) => o.name.startsWith(name));
    const label = `${largest.database.articles.toLocaleString('en')} articles`;
    for (const name of ['list hot topic (20)', 'list rare topic (20)', 'single article, all relations']) {
      list.push(latencyTarget(`p50 in process, ${name}, ${label}`, at(name)?.p50Ms, 2));
    }
    list.push(latencyTarget(`p50 in process, search rare, ${label}`, at('search rare')?.p50Ms, 5));
    list.push(latencyTarget(`p50 in process, search common, ${label}`, at('search common')?.p50Ms, 50));
    if (!('error' in largest.eventLoop)) {
      const { mixed, analysts, hostile } = largest.eventLoop;
      list.push(latencyTarget(`event-loop delay p99, mixed load${without(largest.eventLoop)}, ${label}`, 'error' in mixed ? undefined : mixed.delayMs.p99, 20));
      if (analysts) list.push(latencyTarget(`event-loop delay p99, lists + analyst queries, ${label}`, 'error' in analysts ? undefined : analysts.delayMs.p99, 20));
      if (hostile) list.push(...hostileTargets(hostile, label));
    }
    list.push(latencyTarget(`p50 in process, related (co-occurrence, stored), hot topic, ${label}`, at('related, hot topic')?.p50Ms, 5));
    list.push(latencyTarget(`p50 in process, links over all articles (stored), ${label}`, at('links, all articles')?.p50Ms, 5));
    list.push(latencyTarget(`p50 in process, links of a rare topic (live), ${label}`, at('links, rare topic')?.p50Ms, 100));
    const smallest = scales[0];
    if (scales.length > 1) {
      for (const name of ['list hot topic (20)', 'single article, all relations']) {
        const ratio = (at(name)?.p50Ms ?? NaN) / (at(name, smallest)?.p50Ms ?? NaN);
        const value = Number.isNaN(ratio) ? null : { median: ratio, min: ratio, max: ratio };
        list.push({
          claim: `p50 at ${label} ÷ at ${smallest.database.articles.toLocaleString('en')}, ${name}`,
          goal: '≤ 2×',
          measured: value,
          unit: '×',
          met: value ? ratio <= 2 : null,
        });
      }
    }
  }
  return list;
}

/**
 * Issue 13's bars for PostgreSQL, at its largest database: one server, PostgreSQL on the same machine,
 * so every statement is a round trip.
 */
function postgresScaleTargets(given: ScaleResult[]): Target[] {
  const largest = [...given].sort((a, b) => a.database.articles - b.database.articles).at(-1);
  if (!largest) return [];
  const at = (name: string) => largest.operations.find((o) => o.name.startsWith(name))?.p50Ms;
  const label = `${largest.database.articles.toLocaleString('en')} articles, PostgreSQL`;
  const list = [
    latencyTarget(`p50 in process, list hot topic (20), ${label}`, at('list hot topic (20)'), 5),
    latencyTarget(`p50 in process, list rare topic (20), ${label}`, at('list rare topic (20)'), 5),
    latencyTarget(`p50 in process, single article, all relations, ${label}`, at('single article, all relations'), 3),
    latencyTarget(`p50 in process, facets, hot topic, ${label}`, at('facets, hot topic'), 200),
    latencyTarget(`p50 in process, search common, ${label}`, at('search common'), 100),
  ];
  const el = largest.eventLoop;
  list.push(latencyTarget(`event-loop delay p99, mixed load${without(el)}, ${label}`, 'error' in el || 'error' in el.mixed ? undefined : el.mixed.delayMs.p99, 20));
  return list;
}

/** What a phase ran without (heavy requests whose first answer failed), for a goal's claim. */
function without(eventLoop: ScaleResult['eventLoop']): string {
  const left = 'error' in eventLoop ? [] : (eventLoop.leftOut ?? []);
  return left.length > 0 ? ` (without ${left.map((l) => l.name).join(', ')}: its first answer failed)` : '';
}
