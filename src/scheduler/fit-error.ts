import type { Code } from './framework/interface.js';

export interface NodeFailure {
  code: Code;
  reasons: string[];
  /** The plugin that rejected the node (or, from its PreFilter, every node). */
  plugin: string;
}

function histogram(entries: string[]): string {
  const counts = new Map<string, number>();
  for (const e of entries) counts.set(e, (counts.get(e) ?? 0) + 1);
  return [...counts].map(([reason, n]) => `${n} ${reason}`).sort().join(', ');
}

/**
 * framework.FitError.Error(): `0/4 nodes are available: 1 node(s) had untolerated taint {...}, 3 Insufficient cpu.`
 * (or the PreFilter plugin's message) followed by DefaultPreemption's verdict. Entries are sorted as plain strings, as upstream does.
 */
export function fitErrorMessage(totalNodes: number, failures: NodeFailure[], preFilterMessage?: string): string {
  if (totalNodes === 0) return 'no nodes available to schedule pods';
  // a PreFilter rejection replaces the per-node histogram
  const reasons = preFilterMessage ? preFilterMessage : histogram(failures.flatMap((f) => f.reasons));
  const preemption = failures.map((f) =>
    f.code === 'UnschedulableAndUnresolvable' ? 'Preemption is not helpful for scheduling' : 'No preemption victims found for incoming pod',
  );
  const inner = `0/${totalNodes} nodes are available: ${histogram(preemption)}.`;
  // "preemption: <inner FitError>" is itself followed by a period, hence the ".." real messages end with
  return `0/${totalNodes} nodes are available: ${reasons}. preemption: ${inner}.`;
}
