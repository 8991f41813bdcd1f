import type { Pod } from 'kubernetes-types/core/v1.js';
import { isReady } from '../../../api/pods.js';

/** podutils.ByLogging's phase order: a running pod's logs first. Other phases come with Running (Go's map zero). */
const PHASE_RANK: Record<string, number> = { Running: 0, Unknown: 1, Pending: 2 };

const readySince = (pod: Pod) => pod.status?.conditions?.find((c) => c.type === 'Ready')?.lastTransitionTime ?? '';

/** afterOrZero: whether `a` is after `b`, a missing time counting as after any other. */
const afterOrZero = (a: string, b: string) => (!a || !b ? !a : Date.parse(a) > Date.parse(b));

/** The most restarts of the pod's containers, then of its sidecars (init containers that always restart). */
function maxRestarts(pod: Pod): [regular: number, sidecar: number] {
  const sidecars = new Set((pod.spec?.initContainers ?? []).filter((c) => c.restartPolicy === 'Always').map((c) => c.name));
  const regular = Math.max(0, ...(pod.status?.containerStatuses ?? []).map((s) => s.restartCount));
  const sidecar = Math.max(0, ...(pod.status?.initContainerStatuses ?? []).filter((s) => sidecars.has(s.name)).map((s) => s.restartCount));
  return [regular, sidecar];
}

/**
 * kubectl's podutils.ByLogging, as a comparator: the pod `kubectl logs deploy/NAME` reads is the first. Assigned
 * before unassigned, Running before Unknown before Pending, ready before not, ready for longer first, then (so that a
 * crash shows) more restarts first, then the oldest.
 */
export function byLogging(a: Pod, b: Pod): number {
  const [nodeA, nodeB] = [a.spec?.nodeName ?? '', b.spec?.nodeName ?? ''];
  if (nodeA !== nodeB && (!nodeA || !nodeB)) return nodeA ? -1 : 1;
  const [phaseA, phaseB] = [PHASE_RANK[a.status?.phase ?? ''] ?? 0, PHASE_RANK[b.status?.phase ?? ''] ?? 0];
  if (phaseA !== phaseB) return phaseA - phaseB;
  if (isReady(a) !== isReady(b)) return isReady(a) ? -1 : 1;
  if (isReady(a)) {
    const [sinceA, sinceB] = [readySince(a), readySince(b)];
    if (sinceA !== sinceB) return afterOrZero(sinceB, sinceA) ? -1 : 1;
  }
  const [restartsA, restartsB] = [maxRestarts(a), maxRestarts(b)];
  if (restartsA[0] !== restartsB[0]) return restartsB[0] - restartsA[0];
  if (restartsA[1] !== restartsB[1]) return restartsB[1] - restartsA[1];
  const [bornA, bornB] = [a.metadata?.creationTimestamp ?? '', b.metadata?.creationTimestamp ?? ''];
  if (bornA !== bornB) return afterOrZero(bornB, bornA) ? -1 : 1;
  return 0;
}
