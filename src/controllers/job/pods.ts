import type { Job } from 'kubernetes-types/batch/v1.js';
import type { Pod, PodTemplateSpec } from 'kubernetes-types/core/v1.js';
import { JOB_COMPLETION_INDEX, JOB_TRACKING_FINALIZER } from '../../api/jobs.js';
import { clone } from '../../api/object.js';

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

export const isIndexed = (job: Job): boolean => job.spec?.completionMode === 'Indexed';

/** An Indexed Job's pod's completion index (its annotation), if it has a valid one. */
export function indexOf(pod: Pod): number | undefined {
  const text = pod.metadata?.annotations?.[JOB_COMPLETION_INDEX];
  return text !== undefined && /^\d+$/.test(text) ? Number(text) : undefined;
}

/**
 * The pod of one index (createPods for an Indexed Job): named JOB-INDEX-xxxxx, with hostname JOB-INDEX, the index in
 * an annotation and a label, and JOB_COMPLETION_INDEX in every container's environment (from that label).
 */
export function indexedPod(job: string, template: PodTemplateSpec, index: number): { generateName: string; template: PodTemplateSpec } {
  const t = clone(template);
  t.metadata = { ...t.metadata, annotations: { ...t.metadata?.annotations, [JOB_COMPLETION_INDEX]: String(index) }, labels: { ...t.metadata?.labels, [JOB_COMPLETION_INDEX]: String(index) } };
  const env = { name: 'JOB_COMPLETION_INDEX', valueFrom: { fieldRef: { fieldPath: `metadata.labels['${JOB_COMPLETION_INDEX}']` } } };
  for (const c of [...(t.spec!.initContainers ?? []), ...t.spec!.containers]) {
    if (!c.env?.some((e) => e.name === env.name)) c.env = [...(c.env ?? []), env];
  }
  t.spec!.hostname = `${job}-${index}`;
  return { generateName: `${job}-${index}-`, template: t };
}
