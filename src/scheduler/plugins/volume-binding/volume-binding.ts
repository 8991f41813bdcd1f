import type { NodeSelectorTerm, PersistentVolumeClaim } from 'kubernetes-types/core/v1.js';
import { VolumeBinding as NAME } from '../names.js';
import { termMatches } from '../node-affinity/node-affinity.js';
import { claimNotFound, skip, success, unresolvable, type CycleState, type FilterPlugin, type PreFilterPlugin } from '../../framework/interface.js';

export const UNBOUND_IMMEDIATE = 'pod has unbound immediate PersistentVolumeClaims';
export const NODE_CONFLICT = 'node(s) had volume node affinity conflict';

/** What PreFilter learnt for Filter and PreBind: the bound volumes' node terms, and the claims still to bind. */
export interface VolumeState {
  nodeTerms: NodeSelectorTerm[][];
  delayed: PersistentVolumeClaim[];
}
const STATE_KEY = 'PreFilterVolumeBinding';
export const volumeState = (state: CycleState): VolumeState | undefined => state.get(STATE_KEY) as VolumeState | undefined;

function claimProblem(name: string, claim: PersistentVolumeClaim | undefined): string | undefined {
  if (!claim) return claimNotFound(name);
  if (claim.metadata?.deletionTimestamp) return `persistentvolumeclaim "${name}" is being deleted`;
  return undefined;
}

/**
 * VolumeBinding. PreFilter: a pod without claims has nothing to check (Skip); every claim the pod mounts must exist, and an Immediate claim must already be bound (a
 * WaitForFirstConsumer claim is bound once a node is chosen). Filter: a bound volume that lives on some nodes only
 * (nodeAffinity, as local-path volumes do) keeps the pod on those nodes.
 */
export const volumeBinding = {
  name: NAME,
  preFilter(state, pod, claims) {
    const namespace = pod.metadata?.namespace ?? 'default';
    const found: VolumeState = { nodeTerms: [], delayed: [] };
    if (!pod.spec?.volumes?.some((v) => v.persistentVolumeClaim)) {
      state.set(STATE_KEY, found);
      return skip();
    }
    let unboundImmediate = false;
    for (const v of pod.spec?.volumes ?? []) {
      const name = v.persistentVolumeClaim?.claimName;
      if (!name) continue;
      const claim = claims.claim(namespace, name);
      const problem = claimProblem(name, claim);
      if (problem) return unresolvable(problem);
      const volumeName = claim!.spec?.volumeName;
      if (volumeName) {
        const terms = claims.volume(volumeName)?.spec?.nodeAffinity?.required?.nodeSelectorTerms;
        if (terms) found.nodeTerms.push(terms);
      } else if (claims.delayedBinding(claim!)) found.delayed.push(claim!);
      else unboundImmediate = true;
    }
    if (unboundImmediate) return unresolvable(UNBOUND_IMMEDIATE);
    state.set(STATE_KEY, found);
    return success();
  },
  filter(state, _pod, node) {
    const terms = volumeState(state)?.nodeTerms ?? [];
    return terms.every((t) => t.some((term) => termMatches(term, node.node))) ? success() : unresolvable(NODE_CONFLICT);
  },
} satisfies PreFilterPlugin & FilterPlugin;
