import type { CronJob, CronJobSpec, CronJobStatus, Job } from 'kubernetes-types/batch/v1.js';
import type { ObjectReference } from 'kubernetes-types/core/v1.js';
import { mostRecentScheduleTime, nextTime, parseSchedule } from '../../api/cron.js';
import { asJob, isJobFinished, jobCondition } from '../../api/jobs.js';
import { clone, controllerOf, jsonEqual, type KObject } from '../../api/object.js';
import type { Client } from '../../client/client.js';
import type { Recorder } from '../../client/recorder.js';
import { rfc1123z, rfc3339 } from '../../sim/clock.js';
import type { World } from '../../sim/world.js';
import { controllerRef, splitKey } from '../owners.js';
import type { Reconciler, Result } from '../runtime.js';

/** The annotation each Job of a CronJob carries: the time it was scheduled for (batchv1.CronJobScheduledTimestampAnnotation). */
const SCHEDULED_TIMESTAMP = 'batch.kubernetes.io/cronjob-scheduled-timestamp';

const asCronJob = (o: KObject): CronJob => o as unknown as CronJob;

/** The CronJob as the narration names it. */
const refOf = (cj: KObject) => ({ kind: 'CronJob', namespace: cj.metadata.namespace, name: cj.metadata.name });

/** When a Job started (its status, or its creation), to keep the newest ones of the history. */
const startOf = (job: Job) => Date.parse(job.status?.startTime ?? job.metadata?.creationTimestamp ?? '') || 0;

/**
 * pkg/controller/cronjob (v2): at each time the schedule names, a Job from the template, named after the time in
 * minutes so a time is never run twice; the concurrency policy when the last one still runs (Allow, Forbid, Replace);
 * startingDeadlineSeconds for times missed; the finished Jobs kept within the history limits. It then sleeps until the
 * next time (a timer, which later commands play out as virtual time catches up with the clock).
 */
export class CronJobController implements Reconciler {
  readonly name = 'cronjob';

  constructor(
    private readonly w: World,
    private readonly client: Client,
    private readonly recorder: Recorder,
  ) {}

  reconcile(key: string): Result {
    const [namespace, name] = splitKey(key);
    const stored = this.w.store.get(`/registry/cronjobs/${namespace}/${name}`)?.value;
    if (!stored) return {};
    const cj = asCronJob(stored);
    const spec: Partial<CronJobSpec> = cj.spec ?? {};
    const status: CronJobStatus = clone(cj.status ?? {});
    const jobs = this.w.store.list(`/registry/jobs/${namespace}/`).filter((j) => controllerOf(j)?.uid === stored.metadata.uid);
    this.syncActive(stored, status, jobs);
    this.cleanUpHistory(stored, status, jobs);
    const next = stored.metadata.deletionTimestamp || spec.suspend ? undefined : this.schedule(stored, status);
    if (!status.active?.length) delete status.active;
    if (!jsonEqual(status, cj.status ?? {})) this.client.updateStatus({ ...stored, status } as unknown as KObject);
    return next === undefined ? {} : { requeueAfterMs: Math.max(0, next - this.w.clock.now()), patient: true };
  }

  /**
   * The Jobs still running stay in status.active; a finished one leaves it, seen as Complete or Failed. A running Job
   * it owns but did not list (made by hand with `kubectl create job --from=cronjob/…`) is only remarked upon.
   */
  private syncActive(stored: KObject, status: CronJobStatus, jobs: KObject[]): void {
    const byName = new Map(jobs.map((j) => [j.metadata.name, asJob(j)]));
    const listed = new Set((status.active ?? []).map((r) => r.name));
    for (const [name, job] of byName) {
      if (!listed.has(name) && !isJobFinished(job)) this.recorder.warning(stored, 'UnexpectedJob', `Saw a job that the controller did not create or forgot: ${name}`);
    }
    status.active = (status.active ?? []).filter((ref) => {
      const job = byName.get(ref.name!);
      if (!job) {
        this.recorder.normal(stored, 'MissingJob', `Active job went missing: ${ref.name}`);
        return false;
      }
      if (!isJobFinished(job)) return true;
      const outcome = jobCondition(job, 'Complete') ? 'Complete' : 'Failed';
      this.recorder.normal(stored, 'SawCompletedJob', `Saw completed job: ${ref.name}, status: ${outcome}`);
      if (outcome === 'Complete' && job.status?.completionTime) status.lastSuccessfulTime = job.status.completionTime;
      return false;
    });
  }

  /** cleanupFinishedJobs: beyond successfulJobsHistoryLimit and failedJobsHistoryLimit, the oldest finished Jobs go. */
  private cleanUpHistory(stored: KObject, status: CronJobStatus, jobs: KObject[]): void {
    const spec: Partial<CronJobSpec> = asCronJob(stored).spec ?? {};
    const active = new Set((status.active ?? []).map((r) => r.name));
    const finished = jobs.map(asJob).filter((j) => isJobFinished(j) && !active.has(j.metadata!.name!));
    const limits: Array<[Job[], number | undefined]> = [
      [finished.filter((j) => jobCondition(j, 'Complete')), spec.successfulJobsHistoryLimit],
      [finished.filter((j) => jobCondition(j, 'Failed')), spec.failedJobsHistoryLimit],
    ];
    for (const [kept, limit] of limits) {
      if (limit == null) continue;
      for (const job of kept.sort((a, b) => startOf(a) - startOf(b)).slice(0, Math.max(0, kept.length - limit))) this.deleteJob(stored, job.metadata!.name!, 'history');
    }
  }

  /** The Job the schedule asks for now, if any; returns when the controller should look again. */
  private schedule(stored: KObject, status: CronJobStatus): number | undefined {
    const spec = asCronJob(stored).spec!;
    const schedule = parseSchedule(spec.schedule);
    if (typeof schedule === 'string') return undefined;
    const now = this.w.clock.now();
    const next = nextTime(schedule, now);
    let earliest = Date.parse(status.lastScheduleTime ?? stored.metadata.creationTimestamp!);
    if (spec.startingDeadlineSeconds != null) earliest = Math.max(earliest, now - spec.startingDeadlineSeconds * 1000);
    const due = mostRecentScheduleTime(schedule, earliest, now);
    if (!due) return next;
    const ref = refOf(stored);
    if (due.missed > 100) {
      this.recorder.warning(stored, 'TooManyMissedTimes', `too many missed start times: ${due.missed}. Set or decrease .spec.startingDeadlineSeconds or check clock skew`);
    }
    if (spec.startingDeadlineSeconds != null && due.time + spec.startingDeadlineSeconds * 1000 < now) {
      this.recorder.warning(stored, 'MissSchedule', `Missed scheduled time to start a job: ${rfc1123z(rfc3339(due.time))}`);
      return next;
    }
    const jobName = `${stored.metadata.name}-${Math.floor(due.time / 60_000)}`;
    if ((status.active ?? []).some((r) => r.name === jobName) || this.w.store.get(`/registry/jobs/${stored.metadata.namespace}/${jobName}`)) return next;
    if (spec.concurrencyPolicy === 'Forbid' && status.active?.length) {
      this.recorder.normal(stored, 'JobAlreadyActive', 'Not starting job because prior execution is running and concurrency policy is Forbid');
      this.w.log.emit('controller-manager', { kind: 'cronjob.skipped', cronJob: ref, job: jobName, running: status.active.map((r) => r.name!) });
      return next;
    }
    if (spec.concurrencyPolicy === 'Replace') {
      for (const running of status.active ?? []) this.deleteJob(stored, running.name!, 'replaced');
      status.active = [];
    }
    const created = this.createJob(stored, jobName, due.time);
    if (created) {
      status.active = [...(status.active ?? []), created];
      status.lastScheduleTime = rfc3339(due.time);
      this.w.log.emit('controller-manager', { kind: 'cronjob.job-created', cronJob: ref, job: jobName, schedule: spec.schedule, scheduledAt: rfc3339(due.time), nextAt: next === undefined ? undefined : rfc3339(next) });
    }
    return next;
  }

  /** getJobFromTemplate2: the template's labels, annotations (and the scheduled time) and spec, owned by the CronJob. */
  private createJob(stored: KObject, name: string, scheduled: number): ObjectReference | undefined {
    const template = asCronJob(stored).spec!.jobTemplate;
    const job = {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: {
        name,
        namespace: stored.metadata.namespace,
        labels: { ...(template.metadata?.labels ?? {}) },
        annotations: { ...(template.metadata?.annotations ?? {}), [SCHEDULED_TIMESTAMP]: rfc3339(scheduled) },
        ownerReferences: [controllerRef(stored)],
      },
      spec: clone(template.spec),
    };
    const result = this.client.create(job as unknown as KObject, { owned: true });
    if (!result.ok) {
      this.recorder.warning(stored, 'FailedCreate', `Error creating job: ${result.error.message}`);
      return undefined;
    }
    this.recorder.normal(stored, 'SuccessfulCreate', `Created job ${name}`);
    const m = result.object.metadata;
    return { apiVersion: 'batch/v1', kind: 'Job', name: m.name, namespace: m.namespace, resourceVersion: m.resourceVersion, uid: m.uid };
  }

  private deleteJob(stored: KObject, name: string, why: 'history' | 'replaced'): void {
    if (!this.client.delete('Job', stored.metadata.namespace, name, undefined, 'Background').ok) return;
    this.recorder.normal(stored, 'SuccessfulDelete', `Deleted job ${name}`);
    this.w.log.emit('controller-manager', { kind: 'cronjob.job-deleted', cronJob: refOf(stored), job: name, why });
  }
}
