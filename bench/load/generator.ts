import path from 'node:path';
import { type Child, LOAD_CORE, spawnChild } from '../lib/children';
import type { HostileClients, HostileResult } from './hostile';
import type { Stream, StreamResult } from './worker';

export type { HostileClients, HostileResult, Stream, StreamResult };

/** The parent's handle on the load generator process, which lives on LOAD_CORE for the whole run. */
export interface LoadGenerator {
  run(stream: Stream): Promise<StreamResult>;
  runTogether(streams: Stream[]): Promise<StreamResult[]>;
  /** The streams and, at the same time and for as long, hostile clients (hostile.ts). */
  runBeside(streams: Stream[], hostile: HostileClients): Promise<{ streams: StreamResult[]; hostile: HostileResult }>;
  stop(): Promise<void>;
}

export function startLoadGenerator(): LoadGenerator {
  const child: Child = spawnChild(path.join(__dirname, 'worker.js'), LOAD_CORE);
  const runTogether = (streams: Stream[]) => child.request<StreamResult[]>('run', { streams });
  return {
    async run(stream) {
      return (await runTogether([stream]))[0];
    },
    runTogether,
    runBeside: (streams, hostile) => child.request('runBeside', { streams, hostile }),
    stop: () => child.stop(),
  };
}
