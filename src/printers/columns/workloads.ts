import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1.js';
import type { CronJob } from 'kubernetes-types/batch/v1.js';
import type { PodTemplateSpec } from 'kubernetes-types/core/v1.js';
import { asJob, jobCompletions, jobStatus } from '../../api/jobs.js';
import type { KObject } from '../../api/object.js';
import { formatLabelSelector } from '../../api/labels.js';
import { age, humanDuration } from '../duration.js';
import type { Columns } from './types.js';

function templateColumns(t: PodTemplateSpec | undefined): [string, string] {
  const containers = t?.spec?.containers ?? [];
  return [containers.map((c) => c.name).join(','), containers.map((c) => c.image).join(',')];
}

export const deploymentColumns: Columns = {
  headers: ['NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE'],
  wideHeaders: ['CONTAINERS', 'IMAGES', 'SELECTOR'],
  row(o, now) {
    const d = o as unknown as Deployment;
    const s = d.status ?? {};
    return [o.metadata.name, `${s.readyReplicas ?? 0}/${d.spec?.replicas ?? 1}`, String(s.updatedReplicas ?? 0), String(s.availableReplicas ?? 0), age(o.metadata.creationTimestamp, now)];
  },
  wideRow(o) {
    const d = o as unknown as Deployment;
    return [...templateColumns(d.spec?.template), formatLabelSelector(d.spec?.selector)];
  },
};

export const replicaSetColumns: Columns = {
  headers: ['NAME', 'DESIRED', 'CURRENT', 'READY', 'AGE'],
  wideHeaders: ['CONTAINERS', 'IMAGES', 'SELECTOR'],
  row(o, now) {
    const rs = o as unknown as ReplicaSet;
    return [o.metadata.name, String(rs.spec?.replicas ?? 1), String(rs.status?.replicas ?? 0), String(rs.status?.readyReplicas ?? 0), age(o.metadata.creationTimestamp, now)];
  },
  wideRow(o) {
    const rs = o as unknown as ReplicaSet;
    return [...templateColumns(rs.spec?.template), formatLabelSelector(rs.spec?.selector)];
  },
};

/** DURATION: from the start to the completion, or to now while the Job runs (empty before it starts). */
function jobDuration(o: KObject, now: number): string {
  const { startTime, completionTime } = asJob(o).status ?? {};
  if (!startTime) return '';
  return humanDuration((completionTime ? Date.parse(completionTime) : now) - Date.parse(startTime));
}

export const jobColumns: Columns = {
  headers: ['NAME', 'STATUS', 'COMPLETIONS', 'DURATION', 'AGE'],
  wideHeaders: ['CONTAINERS', 'IMAGES', 'SELECTOR'],
  row(o, now) {
    const job = asJob(o);
    return [o.metadata.name, jobStatus(job), jobCompletions(job), jobDuration(o, now), age(o.metadata.creationTimestamp, now)];
  },
  wideRow(o) {
    const job = asJob(o);
    return [...templateColumns(job.spec?.template), formatLabelSelector(job.spec?.selector)];
  },
};

/** Go's printBoolPtr: True, False, or <unset> for a nil pointer. */
const boolPointer = (v: boolean | undefined | null) => (v == null ? '<unset>' : v ? 'True' : 'False');

export const cronJobColumns: Columns = {
  headers: ['NAME', 'SCHEDULE', 'TIMEZONE', 'SUSPEND', 'ACTIVE', 'LAST SCHEDULE', 'AGE'],
  wideHeaders: ['CONTAINERS', 'IMAGES', 'SELECTOR'],
  row(o, now) {
    const cj = o as unknown as CronJob;
    const last = cj.status?.lastScheduleTime;
    return [o.metadata.name, cj.spec?.schedule ?? '', cj.spec?.timeZone ?? '<none>', boolPointer(cj.spec?.suspend), String(cj.status?.active?.length ?? 0), last ? age(last, now) : '<none>', age(o.metadata.creationTimestamp, now)];
  },
  wideRow(o) {
    const cj = o as unknown as CronJob;
    return [...templateColumns(cj.spec?.jobTemplate?.spec?.template), formatLabelSelector(cj.spec?.jobTemplate?.spec?.selector)];
  },
};
