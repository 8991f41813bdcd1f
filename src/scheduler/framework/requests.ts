import type { Pod } from 'kubernetes-types/core/v1.js';
import { podRequests, type Requests } from '../../api/pods.js';
import type { CycleState } from './interface.js';

/**
 * The pod's requests, computed once per scheduling cycle and kept in the cycle state, as NodeResourcesFit's PreFilter
 * does upstream (computePodResourceRequest): filters and scores then read them for each of thousands of nodes.
 */
export function cycleRequests(state: CycleState, pod: Pod, nonZero = false): Requests {
  const key = nonZero ? 'PreScoreNodeResourcesFit' : 'PreFilterNodeResourcesFit';
  let r = state.get(key) as Requests | undefined;
  if (!r) state.set(key, (r = podRequests(pod, nonZero)));
  return r;
}
