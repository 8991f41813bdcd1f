import type { Job, JobCondition, JobSpec, JobStatus } from 'kubernetes-types/batch/v1.js';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { asJob, isJobFinished, jobCondition, JOB_TRACKING_FINALIZER } from '../../api/jobs.js';
import { clone, controllerOf, jsonEqual, type KObject } from '../../api/object.js';
import { asPod, isActive, isReady } from '../../api/pods.js';
import type { Client } from '../../client/client.js';
import type { Recorder } from '../../client/recorder.js';
import { rfc3339 } from '../../sim/clock.js';
import type { World } from '../../sim/world.js';
import { splitKey } from '../owners.js';
import { deletionOrder } from '../replicaset/plan.js';
import { createPods } from '../pod-control.js';
import type { Reconciler, Result } from '../runtime.js';
import { failureBackoffMs } from './backoff.js';
import { matchPodFailurePolicy, type PolicyVerdict } from './failure-policy.js';
import { matchSuccessPolicy } from './success-policy.js';
import { firstPendingIndexes, formatIndexes, parseIndexes } from './indexes.js';
import { hasEnded, hasFinalizer, hasSucceeded, indexedPod, indexOf, isIndexed, isTerminating } from './pods.js';

/** The pods of each Job, by the Job's UID and by its namespace/name (to let go of the pods of a Job that is gone). */
export const PODS_BY_JOB = 'jobPods';

function jobPodValues(pod: KObject): string[] {
  const owner = controllerOf(pod);
  return owner?.kind === 'Job' ? [owner.uid, `${pod.metadata.namespace}/${owner.name}`] : [];
}

/** The Job as the narration names it. */
const refOf = (job: KObject) => ({ kind: 'Job', namespace: job.metadata.namespace, name: job.metadata.name });

const SUCCESS = { reason: 'CompletionsReached', message: 'Reached expected number of succeeded pods' };
const BACKOFF_LIMIT = { reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit' };
const DEADLINE = { reason: 'DeadlineExceeded', message: 'Job was active longer than specified deadline' };

/**
 * pkg/controller/job: runs a Job's pods until enough of them succeed (Complete) or too many fail (Failed). Each pod
 * carries the job-tracking finalizer until its end is counted in the Job's status; the verdict is first an interim
 * condition (SuccessCriteriaMet, FailureTarget), and Complete or Failed once no pod of the Job is still stopping.
 * Also the TTL-after-finished controller's part: a finished Job with ttlSecondsAfterFinished is deleted when it is due.
 * What it waits for (a failed pod's back-off, activeDeadlineSeconds, the TTL) comes as the clock moves, like the
 * kubelet's crash-loop back-off: a command does not run ahead to it (`kubesim wait` does).
 */
export class JobController implements Reconciler {
  readonly name = 'job';

  constructor(
    private readonly w: World,
    private readonly client: Client,
    private readonly recorder: Recorder,
  ) {
    w.store.addIndex(PODS_BY_JOB, '/registry/pods/', jobPodValues);
  }

  reconcile(key: string): Result {
    const [namespace, name] = splitKey(key);
    const stored = this.w.store.get(`/registry/jobs/${namespace}/${name}`)?.value;
    const pods = this.w.store.byIndex(PODS_BY_JOB, key).map(asPod);
    // the pods of a Job that is gone (or another Job of the same name) are no longer counted by anyone
    const strays = pods.filter((p) => hasFinalizer(p) && controllerOf(p as unknown as KObject)?.uid !== stored?.metadata.uid);
    for (const pod of strays) this.release(pod);
    if (!stored) return {};
    const job = asJob(stored);
    const own = pods.filter((p) => !strays.includes(p));
    if (stored.metadata.deletionTimestamp || isJobFinished(job)) {
      for (const pod of own.filter(hasFinalizer)) this.release(pod);
      return stored.metadata.deletionTimestamp ? {} : this.expireIfDue(stored);
    }
    return this.sync(stored, own);
  }

  private sync(stored: KObject, pods: Pod[]): Result {
    const job = asJob(stored);
    const spec: Partial<JobSpec> = job.spec ?? {};
    const now = this.w.clock.now();
    const status: JobStatus = clone(job.status ?? {});
    const conditions = (status.conditions ??= []);
    const ref = refOf(stored);

    // count the pods that ended since the last sync, and let them go; an Indexed Job counts its indexes that succeeded
    const completed = isIndexed(job) ? parseIndexes(status.completedIndexes, spec.completions ?? 0) : undefined;
    const ended = pods.filter((p) => hasFinalizer(p) && hasEnded(p));
    // the pods stopped once a success policy was met were not needed any more: their end is no failure
    const successMet = conditions.some((c) => c.type === 'SuccessCriteriaMet' && c.status === 'True');
    let failJob: string | undefined;
    for (const pod of ended) {
      let policy: PolicyVerdict | undefined;
      const succeeded = hasSucceeded(pod);
      const index = indexOf(pod);
      if (succeeded && completed) {
        if (index !== undefined && index < (spec.completions ?? 0)) completed.add(index);
        status.succeeded = completed.size;
      } else if (succeeded) status.succeeded = (status.succeeded ?? 0) + 1;
      else if (!successMet) {
        // the pod failure policy may ignore the failure, or fail the whole Job at once
        policy = matchPodFailurePolicy(spec, pod);
        if (policy.counts) status.failed = (status.failed ?? 0) + 1;
        failJob ??= policy.failJob;
      }
      this.release(pod);
      const unneeded = !succeeded && successMet;
      this.w.log.emit('controller-manager', { kind: 'job.pod-ended', job: ref, pod: pod.metadata!.name!, succeeded, unneeded, policy: policy?.action, counts: { succeeded: status.succeeded ?? 0, failed: status.failed ?? 0 } });
    }
    const active = pods.filter((p) => isActive(p));
    const succeeded = status.succeeded ?? 0;
    const failed = status.failed ?? 0;

    const suspended = !!spec.suspend;
    // a suspended Job has not started (its startTime goes); resumed, it starts again
    if (this.suspendChanged(stored, conditions, suspended, now) && !suspended) status.startTime = rfc3339(now);
    if (suspended) delete status.startTime;
    else status.startTime ??= rfc3339(now);

    // the verdict, once reached, is kept: an interim condition first
    let verdict = conditions.find((c) => (c.type === 'SuccessCriteriaMet' || c.type === 'FailureTarget') && c.status === 'True');
    if (!verdict) {
      const completions = spec.completions;
      const complete = completions == null ? succeeded > 0 && active.length === 0 : succeeded >= completions && active.length === 0;
      const overDeadline = !suspended && spec.activeDeadlineSeconds != null && status.startTime && now - Date.parse(status.startTime) >= spec.activeDeadlineSeconds * 1000;
      const failure = failJob
        ? { reason: 'PodFailurePolicy', message: failJob }
        : failed > (spec.backoffLimit ?? 6) || this.pastBackoffLimitOnFailure(job, active)
          ? BACKOFF_LIMIT
          : overDeadline
            ? DEADLINE
            : undefined;
      const policyMet = completed && spec.successPolicy ? matchSuccessPolicy(spec, completed) : undefined;
      if (failure) verdict = this.condition('FailureTarget', failure, now);
      else if (policyMet) verdict = this.condition('SuccessCriteriaMet', { reason: 'SuccessPolicy', message: policyMet }, now);
      else if (complete) verdict = this.condition('SuccessCriteriaMet', SUCCESS, now);
      if (verdict) conditions.push(verdict);
    }
    let requeueAfterMs: number | undefined;
    // a verdict leaves nothing to run: the pods still running are stopped
    if (verdict || suspended) {
      this.deletePods(stored, active, active.length);
    } else requeueAfterMs = this.managePods(stored, pods, active, succeeded, ended.length > 0, completed);
    if (!verdict && !suspended && spec.activeDeadlineSeconds != null && status.startTime) {
      const left = Date.parse(status.startTime) + spec.activeDeadlineSeconds * 1000 - now;
      requeueAfterMs = requeueAfterMs === undefined ? left : Math.min(requeueAfterMs, left);
    }

    if (completed?.size) status.completedIndexes = formatIndexes(completed);
    const fresh = this.w.store.byIndex(PODS_BY_JOB, stored.metadata.uid!).map(asPod);
    const activeNow = fresh.filter((p) => isActive(p));
    if (activeNow.length) status.active = activeNow.length;
    else delete status.active;
    status.ready = activeNow.filter(isReady).length;
    status.terminating = fresh.filter(isTerminating).length;
    // the final condition waits for the pods being stopped
    if (verdict && status.terminating === 0 && !activeNow.length) this.finish(stored, status, verdict, now);
    status.uncountedTerminatedPods = {};
    if (!conditions.length) delete status.conditions;
    if (!jsonEqual(status, job.status ?? {})) this.client.updateStatus({ ...stored, status } as unknown as KObject);
    return requeueAfterMs === undefined ? {} : { requeueAfterMs: Math.max(0, requeueAfterMs), patient: true };
  }

  /**
   * manageJob for a Job that runs: as many pods as parallelism allows and completions still need (an Indexed Job's for
   * its lowest indexes neither done nor running); a replacement for a failed pod waits 10 s, doubled for each failure
   * in a row since the last success (up to 10 min).
   */
  private managePods(stored: KObject, pods: Pod[], active: Pod[], succeeded: number, podsEnded: boolean, completed: Set<number> | undefined): number | undefined {
    const spec: Partial<JobSpec> = asJob(stored).spec ?? {};
    const parallelism = spec.parallelism ?? 1;
    const want =
      spec.completions == null ? (succeeded > 0 ? active.length : parallelism) : Math.max(0, Math.min(parallelism, spec.completions - succeeded));
    if (active.length > want) {
      this.deletePods(stored, active, active.length - want);
      return undefined;
    }
    // podReplacementPolicy Failed (a Job with a pod failure policy): a pod still stopping holds its place
    const holding = spec.podReplacementPolicy === 'Failed' ? active.length + pods.filter(isTerminating).length : active.length;
    if (holding >= want) return undefined;
    const wait = failureBackoffMs(pods, this.w.clock.now());
    if (wait > 0) {
      // told once, when the failure is counted (the status write that follows syncs the Job again)
      if (podsEnded) this.w.log.emit('controller-manager', { kind: 'job.backing-off', job: refOf(stored), delayMs: wait });
      return wait;
    }
    if (!completed) this.createPods(stored, want - holding);
    else {
      const taken = new Set([...completed, ...active.map(indexOf).filter((i) => i !== undefined)]);
      this.createPods(stored, want - holding, firstPendingIndexes(taken, spec.completions ?? 0, want - holding));
    }
    return undefined;
  }

  /** With restartPolicy OnFailure the kubelet restarts containers in place: their restarts count as failures. */
  private pastBackoffLimitOnFailure(job: Job, active: Pod[]): boolean {
    if (job.spec?.template?.spec?.restartPolicy !== 'OnFailure') return false;
    let restarts = 0;
    for (const pod of active) {
      for (const s of [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])]) restarts += s.restartCount ?? 0;
    }
    const limit = job.spec.backoffLimit ?? 6;
    return limit === 0 ? restarts > 0 : restarts >= limit;
  }

  /** Suspended toggled: its condition (and event) changes; returns whether it did. */
  private suspendChanged(stored: KObject, conditions: JobCondition[], suspended: boolean, now: number): boolean {
    const current = conditions.find((c) => c.type === 'Suspended');
    if (suspended === (current?.status === 'True') || (!suspended && !current)) return false;
    const [reason, message] = suspended ? ['JobSuspended', 'Job suspended'] : ['JobResumed', 'Job resumed'];
    const condition = { type: 'Suspended', status: suspended ? 'True' : 'False', lastProbeTime: rfc3339(now), lastTransitionTime: rfc3339(now), reason, message };
    if (current) Object.assign(current, condition);
    else conditions.push(condition);
    this.recorder.normal(stored, suspended ? 'Suspended' : 'Resumed', message);
    this.w.log.emit('controller-manager', { kind: 'job.suspended', job: refOf(stored), suspended });
    return true;
  }

  private condition(type: string, { reason, message }: { reason: string; message: string }, now: number): JobCondition {
    return { type, status: 'True', lastProbeTime: rfc3339(now), lastTransitionTime: rfc3339(now), reason, message };
  }

  /** enactJobFinished: Complete (with its completion time) or Failed, with the interim condition's reason. */
  private finish(stored: KObject, status: JobStatus, verdict: JobCondition, now: number): void {
    const complete = verdict.type === 'SuccessCriteriaMet';
    const type = complete ? 'Complete' : 'Failed';
    if (status.conditions!.some((c) => c.type === type)) return;
    status.conditions!.push(this.condition(type, { reason: verdict.reason!, message: verdict.message! }, now));
    if (complete) {
      status.completionTime = rfc3339(now);
      this.recorder.normal(stored, 'Completed', 'Job completed');
    } else this.recorder.warning(stored, verdict.reason!, verdict.message!);
    this.w.log.emit('controller-manager', {
      kind: 'job.finished',
      job: refOf(stored),
      complete,
      reason: verdict.reason!,
      succeeded: status.succeeded ?? 0,
      failed: status.failed ?? 0,
      ttlSeconds: asJob(stored).spec?.ttlSecondsAfterFinished ?? undefined,
    });
  }

  /** The TTL-after-finished controller: a finished Job goes (with its pods, foreground) ttlSecondsAfterFinished later. */
  private expireIfDue(stored: KObject): Result {
    const job = asJob(stored);
    const ttl = job.spec?.ttlSecondsAfterFinished;
    const finished = jobCondition(job, 'Complete') ?? jobCondition(job, 'Failed');
    if (ttl == null || !finished?.lastTransitionTime) return {};
    const left = Date.parse(finished.lastTransitionTime) + ttl * 1000 - this.w.clock.now();
    if (left > 0) return { requeueAfterMs: left, patient: true };
    const result = this.client.delete('Job', stored.metadata.namespace, stored.metadata.name, undefined, 'Foreground');
    if (result.ok) this.w.log.emit('controller-manager', { kind: 'job.expired', job: refOf(stored), ttlSeconds: ttl });
    return {};
  }

  /** `count` pods from the template, or with `indexes`, one for each of these completion indexes. */
  private createPods(stored: KObject, count: number, indexes?: number[]): void {
    const job = refOf(stored);
    const template = asJob(stored).spec!.template;
    const finalizers = [JOB_TRACKING_FINALIZER];
    const shapeOf = indexes ? (n: number) => ({ ...indexedPod(stored.metadata.name, template, indexes[n]!), finalizers }) : () => ({ generateName: `${stored.metadata.name}-`, template, finalizers });
    createPods(this.client, this.recorder, stored, indexes?.length ?? count, shapeOf, (pod, etcdRevision) => this.w.log.emit('controller-manager', { kind: 'job.pod-created', job, pod, etcdRevision }));
  }

  private deletePods(stored: KObject, active: Pod[], count: number): void {
    for (const pod of deletionOrder(active).slice(0, count)) {
      const podName = pod.metadata!.name!;
      if (!this.client.delete('Pod', stored.metadata.namespace, podName).ok) continue;
      this.recorder.normal(stored, 'SuccessfulDelete', `Deleted pod: ${podName}`);
      this.w.log.emit('controller-manager', { kind: 'job.pod-deleted', job: refOf(stored), pod: podName });
    }
  }

  /** Takes the job-tracking finalizer off a pod: its end is counted (or nobody will count it). */
  private release(pod: Pod): void {
    const fresh = this.w.store.get(`/registry/pods/${pod.metadata!.namespace}/${pod.metadata!.name}`)?.value;
    if (!fresh?.metadata.finalizers?.includes(JOB_TRACKING_FINALIZER)) return;
    const released = clone(fresh);
    released.metadata.finalizers = fresh.metadata.finalizers.filter((f) => f !== JOB_TRACKING_FINALIZER);
    if (!released.metadata.finalizers.length) delete released.metadata.finalizers;
    this.client.update(released);
  }
}
