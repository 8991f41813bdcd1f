import type { Pod } from 'kubernetes-types/core/v1.js';
import { isReady } from '../../api/pods.js';

/** ReplicaSet controller's slow start: create in batches of 1, 2, 4, ... so a broken template fails fast. */
export function slowStartBatches(count: number, initial = 1): number[] {
  const batches: number[] = [];
  let size = initial;
  let remaining = count;
  while (remaining > 0) {
    const batch = Math.min(size, remaining);
    batches.push(batch);
    remaining -= batch;
    size *= 2;
  }
  return batches;
}

/**
 * controller.ActivePods ordering for scale-down: the pods deleted first are unscheduled before scheduled,
 * pending before running, not ready before ready, then the most recently created.
 */
export function deletionOrder(pods: Pod[]): Pod[] {
  const rank = (p: Pod): number[] => [
    p.spec?.nodeName ? 1 : 0,
    p.status?.phase === 'Pending' ? 0 : p.status?.phase === 'Unknown' ? 1 : 2,
    isReady(p) ? 1 : 0,
    -Date.parse(p.metadata?.creationTimestamp ?? '') || 0,
  ];
  return [...pods].sort((a, b) => {
    const ra = rank(a);
    const rb = rank(b);
    for (let i = 0; i < ra.length; i++) if (ra[i] !== rb[i]) return ra[i] - rb[i];
    return (a.metadata?.name ?? '') < (b.metadata?.name ?? '') ? -1 : 1;
  });
}
