import { NodeResourcesFit as NAME } from '../names.js';
import { MAX_NODE_SCORE, success, unschedulable, type FilterPlugin, type ScorePlugin } from '../../framework/interface.js';
import type { NodeInfo } from '../../framework/node-info.js';
import { cycleRequests } from '../../framework/requests.js';

/** LeastAllocated for one resource: the share left free, 0..100 (leastRequestedScore). */
export function leastRequestedScore(requested: number, capacity: number): number {
  if (capacity === 0 || requested > capacity) return 0;
  return Math.floor(((capacity - requested) * MAX_NODE_SCORE) / capacity);
}

/**
 * Filter: the pod's requests must fit in what the node has left (`Insufficient cpu`, `Insufficient memory`,
 * `Too many pods`). Score (LeastAllocated, cpu and memory weighted 1:1): emptier nodes score higher.
 */
export const nodeResourcesFit = {
  name: NAME,
  filter(state, pod, node: NodeInfo) {
    const reasons: string[] = [];
    if (node.podCount + 1 > node.allocatable.pods) reasons.push('Too many pods');
    const req = cycleRequests(state, pod);
    if (req.milliCpu > 0 && node.requested.milliCpu + req.milliCpu > node.allocatable.milliCpu) reasons.push('Insufficient cpu');
    if (req.memory > 0 && node.requested.memory + req.memory > node.allocatable.memory) reasons.push('Insufficient memory');
    return reasons.length ? unschedulable(...reasons) : success();
  },
  score(state, pod, node: NodeInfo) {
    const req = cycleRequests(state, pod, true);
    const cpu = leastRequestedScore(node.nonZeroRequested.milliCpu + req.milliCpu, node.allocatable.milliCpu);
    const memory = leastRequestedScore(node.nonZeroRequested.memory + req.memory, node.allocatable.memory);
    return Math.floor((cpu + memory) / 2);
  },
} satisfies FilterPlugin & ScorePlugin;
