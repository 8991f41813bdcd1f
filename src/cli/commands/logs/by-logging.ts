import type { Pod } from 'kubernetes-types/core/v1.js';
import { isReady } from '../../../api/pods.js';

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

const PHASES: Record<string, number> = { Running: 0, Unknown: 1, Pending: 2 };
/** Running first, then Unknown, then Pending; `others` places the other phases (Go's map zero in each of kubectl's orders). */
const phaseRank = (pod: Pod, others: number) => PHASES[pod.status?.phase ?? ''] ?? others;

/**
 * The orders kubectl picks a pod of a workload by: assigned before unassigned, by phase, ready before not, ready for
 * longer first, then by restarts, then the oldest.
 */
function podOrder(otherPhases: number, moreRestartsFirst: boolean): (a: Pod, b: Pod) => number {
  return (a, b) => {
    const [nodeA, nodeB] = [a.spec?.nodeName ?? '', b.spec?.nodeName ?? ''];
    if (nodeA !== nodeB && (!nodeA || !nodeB)) return nodeA ? -1 : 1;
    const [phaseA, phaseB] = [phaseRank(a, otherPhases), phaseRank(b, otherPhases)];
    if (phaseA !== phaseB) return phaseA - phaseB;
    if (isReady(a) !== isReady(b)) return isReady(a) ? -1 : 1;
    if (isReady(a)) {
      const [sinceA, sinceB] = [readySince(a), readySince(b)];
      if (sinceA !== sinceB) return afterOrZero(sinceB, sinceA) ? -1 : 1;
    }
    const [restartsA, restartsB] = [maxRestarts(a), maxRestarts(b)];
    for (const i of [0, 1]) if (restartsA[i] !== restartsB[i]) return (restartsB[i]! - restartsA[i]!) * (moreRestartsFirst ? 1 : -1);
    const [bornA, bornB] = [a.metadata?.creationTimestamp ?? '', b.metadata?.creationTimestamp ?? ''];
    if (bornA !== bornB) return afterOrZero(bornB, bornA) ? -1 : 1;
    return 0;
  };
}

/**
 * kubectl's podutils.ByLogging, as a comparator: the pod `kubectl logs deploy/NAME` reads is the first. Other phases
 * come with Running; more restarts first, so that a crash shows (those of sidecars, init containers that always
 * restart, next).
 */
export const byLogging = podOrder(0, true);

/**
 * sort.Reverse(podutils.ActivePods), as a comparator: the pod kubectl port-forwards (or attaches) to is the first.
 * Other phases come with Pending; fewer restarts first.
 */
export const mostActiveFirst = podOrder(2, false);
