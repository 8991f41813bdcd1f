import type { Job, JobCondition } from 'kubernetes-types/batch/v1.js';
import type { KObject } from './object.js';

export const asJob = (o: KObject): Job => o as unknown as Job;

/** The labels the API server gives a Job's pod template (k8s.io/api/batch/v1 types.go), legacy names first. */
export const JOB_LABELS = {
  legacyJobName: 'job-name',
  jobName: 'batch.kubernetes.io/job-name',
  legacyControllerUid: 'controller-uid',
  controllerUid: 'batch.kubernetes.io/controller-uid',
} as const;

/** The annotation (and label) that gives each pod of an Indexed Job its completion index. */
export const JOB_COMPLETION_INDEX = 'batch.kubernetes.io/job-completion-index';

/**
 * The finalizer the Job controller puts on each pod it creates, and takes off once it has counted the pod's end in
 * the Job's status: a finished pod deleted early (by hand, by the pod garbage collector) is still counted.
 */
export const JOB_TRACKING_FINALIZER = 'batch.kubernetes.io/job-tracking';

export function jobCondition(job: Job, type: string): JobCondition | undefined {
  return job.status?.conditions?.find((c) => c.type === type && c.status === 'True');
}

/** Complete or Failed: the Job will start no more pods. */
export const isJobFinished = (job: Job): boolean => !!(jobCondition(job, 'Complete') ?? jobCondition(job, 'Failed'));

/** The STATUS column of `kubectl get jobs` (printers.go printJob, 1.30+): the first of these that holds. */
export function jobStatus(job: Job): string {
  if (jobCondition(job, 'Complete')) return 'Complete';
  if (jobCondition(job, 'Failed')) return 'Failed';
  if (job.metadata?.deletionTimestamp) return 'Terminating';
  if (jobCondition(job, 'Suspended')) return 'Suspended';
  if (jobCondition(job, 'FailureTarget')) return 'FailureTarget';
  return 'Running';
}

/** The COMPLETIONS column: succeeded of completions, or of 1 for a Job that runs until one pod succeeds. */
export function jobCompletions(job: Job): string {
  const succeeded = job.status?.succeeded ?? 0;
  const completions = job.spec?.completions;
  if (completions != null) return `${succeeded}/${completions}`;
  const parallelism = job.spec?.parallelism ?? 0;
  return parallelism > 1 ? `${succeeded}/1 of ${parallelism}` : `${succeeded}/1`;
}
