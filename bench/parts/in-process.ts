import path from 'node:path';
import type { FloorRoutes } from '../floor';
import { SERVER_CORE, spawnChild } from '../lib/children';
import type { Operation } from '../lib/operations';
import { roundRatios, type Spread } from '../lib/stats';
import type { StoreSettings } from '../lib/store';
import type { InProcessConfig, InProcessResult } from '../tasks/in-process';

export interface InProcessSummary extends InProcessResult {
  /** Quipu's cost per request ÷ the floor's, per round (goal ≤ 1.5). */
  costRatio: (Spread & { rounds: number[] }) | null;
}

/** Part (b), in-process cost: runs in a fresh process pinned to the server core. */
export async function measureInProcess(
  dbPath: string,
  operations: Operation[],
  routes: FloorRoutes,
  timing: { rounds: number; msPerRound: number; warmupMs: number },
  store: StoreSettings,
): Promise<InProcessSummary[]> {
  const child = spawnChild(path.join(__dirname, '../tasks/in-process.js'), SERVER_CORE);
  try {
    const config: InProcessConfig = { dbPath, operations, routes, ...timing, store };
    const results = await child.request<InProcessResult[]>('run', { config });
    return results.map((r) => ({ ...r, costRatio: r.quipuUs.length > 0 ? roundRatios(r.quipuUs, r.floorUs) : null }));
  } finally {
    await child.stop();
  }
}
