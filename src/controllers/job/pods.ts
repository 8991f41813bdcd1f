import type { Pod } from 'kubernetes-types/core/v1.js';
import { JOB_TRACKING_FINALIZER } from '../../api/jobs.js';

/** What the Job controller reads of its pods. */
export const hasFinalizer = (pod: Pod): boolean => !!pod.metadata?.finalizers?.includes(JOB_TRACKING_FINALIZER);

/**
 * A pod whose end the controller may count: finished, or deleted and stopped (the kubelet's last delete leaves it no
 * grace). A pod deleted before it succeeded counts as failed.
 */
export const hasEnded = (pod: Pod): boolean =>
  pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed' || (!!pod.metadata?.deletionTimestamp && pod.metadata.deletionGracePeriodSeconds === 0);

export const hasSucceeded = (pod: Pod): boolean => pod.status?.phase === 'Succeeded';

/** Deleted, still stopping. */
export const isTerminating = (pod: Pod): boolean => !!pod.metadata?.deletionTimestamp && !hasEnded(pod);

/** When a pod's end came: its last container's finish, or its deletion. */
export function endedAt(pod: Pod): number | undefined {
  const finishes = (pod.status?.containerStatuses ?? []).map((s) => Date.parse(s.state?.terminated?.finishedAt ?? '')).filter((t) => !Number.isNaN(t));
  if (finishes.length) return Math.max(...finishes);
  const deleted = Date.parse(pod.metadata?.deletionTimestamp ?? '');
  return Number.isNaN(deleted) ? undefined : deleted;
}
