import fs from 'node:fs';
import os from 'node:os';
import { canPin } from './children';

export interface Machine {
  cpu: string;
  cores: number;
  ramGiB: number;
  node: string;
  os: string;
  /** Servers on core 0 and the load generator on core 1 (taskset). */
  pinned: boolean;
}

export function describeMachine(): Machine {
  let cpu = os.cpus()[0]?.model ?? 'unknown';
  try {
    cpu = /^model name\s*:\s*(.+)$/m.exec(fs.readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? cpu;
  } catch {
    // Not Linux: os.cpus() is all there is.
  }
  return {
    cpu,
    cores: os.cpus().length,
    ramGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    os: `${os.type()} ${os.release()}`,
    pinned: canPin(),
  };
}

/** How this run was started, as a person would type it. */
export function commandLine(): string {
  const args = process.argv.slice(2).join(' ');
  const script = process.env.npm_lifecycle_event;
  if (script === 'bench' || script === 'bench:quick') {
    const extra = script === 'bench:quick' ? args.replace(/^--quick\s*/, '') : args;
    return `npm run ${script}${extra ? ` -- ${extra}` : ''}`;
  }
  return `node dist-bench/bench/run.js${args ? ` ${args}` : ''}`;
}
