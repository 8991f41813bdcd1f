import type { Deployment } from 'kubernetes-types/apps/v1.js';

/** intstr.GetScaledValueFromIntOrPercent: `25%` of replicas, rounded up or down. */
export function scaled(value: number | string | undefined, replicas: number, roundUp: boolean): number {
  if (value === undefined) return 0;
  if (typeof value === 'number') return value;
  const m = /^(\d+)%$/.exec(value);
  if (!m) return Number(value) || 0;
  const exact = (Number(m[1]) * replicas) / 100;
  return roundUp ? Math.ceil(exact) : Math.floor(exact);
}

/** deployment_util.ResolveFenceposts: maxSurge rounds up, maxUnavailable down; both 0 → maxUnavailable 1. */
export function resolveFenceposts(d: Deployment): { maxSurge: number; maxUnavailable: number } {
  const replicas = d.spec?.replicas ?? 1;
  const ru = d.spec?.strategy?.rollingUpdate;
  const maxSurge = scaled(ru?.maxSurge, replicas, true);
  let maxUnavailable = scaled(ru?.maxUnavailable, replicas, false);
  if (maxSurge === 0 && maxUnavailable === 0) maxUnavailable = 1;
  return { maxSurge, maxUnavailable };
}

/** How many replicas the new ReplicaSet may have now (NewRSNewReplicas for RollingUpdate). */
export function newRSReplicas(d: Deployment, allReplicas: number, newRSCurrent: number): number {
  const replicas = d.spec?.replicas ?? 1;
  const { maxSurge } = resolveFenceposts(d);
  const maxTotal = replicas + maxSurge;
  if (allReplicas >= maxTotal) return newRSCurrent;
  const scaleUp = Math.min(maxTotal - allReplicas, replicas - newRSCurrent);
  return newRSCurrent + Math.max(0, scaleUp);
}

/**
 * How many old pods may go now without dropping below replicas − maxUnavailable available pods
 * (scaleDownOldReplicaSetsForRollingUpdate).
 */
export function oldScaleDownBudget(d: Deployment, availableAll: number): number {
  const replicas = d.spec?.replicas ?? 1;
  const { maxUnavailable } = resolveFenceposts(d);
  return Math.max(0, availableAll - (replicas - maxUnavailable));
}
