import { main } from '../../src/cli/main.js';
import { DETERMINISTIC } from './cli.js';

export interface Started {
  code: Promise<number>;
  out(): string;
  err(): string;
}

/**
 * kubesim run in this process, its output captured, with the pinned clock and seed: for hundreds of runs (corpus,
 * fuzzing) and for prompts the test screen answers while the command runs.
 */
export function start(home: string, args: string[], vars: Record<string, string> = {}): Started {
  let out = '';
  let err = '';
  const streams = { out: { write: (s: string) => (out += s) }, err: { write: (s: string) => (err += s) } };
  const code = main(['node', 'kubesim', ...args], streams, { KUBESIM_HOME: home, ...DETERMINISTIC, ...vars });
  return { code, out: () => out, err: () => err };
}

/** One command to its end. */
export async function run(home: string, args: string[]): Promise<{ code: number; out: string; err: string }> {
  const s = start(home, args);
  return { code: await s.code, out: s.out(), err: s.err() };
}
