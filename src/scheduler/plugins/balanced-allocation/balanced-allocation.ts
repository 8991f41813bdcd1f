import type { Requests } from '../../../api/pods.js';
import { NodeResourcesBalancedAllocation as NAME } from '../names.js';
import { MAX_NODE_SCORE, type ScorePlugin } from '../../framework/interface.js';
import type { NodeInfo } from '../../framework/node-info.js';
import { cycleRequests } from '../../framework/requests.js';

/** Fractions of cpu and memory a node would have in use with the pod (capped at 1). */
export function fractions(req: Requests, node: NodeInfo): [number, number] {
  const f = (used: number, cap: number) => (cap === 0 ? 1 : Math.min((used) / cap, 1));
  return [f(node.requested.milliCpu + req.milliCpu, node.allocatable.milliCpu), f(node.requested.memory + req.memory, node.allocatable.memory)];
}

/**
 * Favours nodes whose cpu and memory use stay balanced: score = (1 − std) × 100, where for two resources the
 * standard deviation is |f_cpu − f_mem| / 2. PreScore skips best-effort pods (no
 * requests), as since 1.33.
 */
export const balancedAllocation = {
  name: NAME,
  preScore(state, pod) {
    const r = cycleRequests(state, pod);
    return r.milliCpu !== 0 || r.memory !== 0;
  },
  score(state, pod, node: NodeInfo) {
    const [cpu, memory] = fractions(cycleRequests(state, pod), node);
    const std = Math.abs(cpu - memory) / 2;
    return Math.floor((1 - std) * MAX_NODE_SCORE);
  },
} satisfies ScorePlugin;
