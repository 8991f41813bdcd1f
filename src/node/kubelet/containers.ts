import type { Container, ContainerStatus, Node, Pod } from 'kubernetes-types/core/v1.js';
import type { KObject } from '../../api/object.js';
import { asPod, podKey } from '../../api/pods.js';
import type { Client } from '../../client/client.js';
import type { Recorder } from '../../client/recorder.js';
import type { ObjectRef } from '../../events/types.js';
import { rfc3339 } from '../../sim/clock.js';
import { randomHex } from '../../sim/ids.js';
import type { Timer } from '../../sim/timers.js';
import type { World } from '../../sim/world.js';
import { behaviourOf } from '../runtime/behaviour.js';
import { fakeDigest } from '../runtime/digest.js';
import { parseImage, profileOf, pullDurationMs, tagExists } from '../runtime/images.js';
import { environmentParts } from '../runtime/container-view.js';
import { containerConfigError } from './config-refs.js';
import { goDuration, podConditions, runningStatus, waitingStatus } from './status.js';

export const PULLED = 'pulled:';
export const PULL_BACKOFF = 'pullbackoff:';
export const PULL_RETRY = 'pullretry:';
export const READY = 'ready:';
export const EXIT = 'exit:';
export const RESTART = 'restart:';
export const LIVENESS = 'liveness:';

/** MaxContainerBackOff: crash loops and pull retries wait 10 s, doubling, up to 5 minutes. */
const BACKOFF_START_MS = 10_000;
const BACKOFF_MAX_MS = 300_000;
/** A container that ran this long before failing restarts without back-off (the back-off resets). */
const BACKOFF_RESET_MS = 600_000;
/** The kubelet's next sync after a failure: a new container or a back-off state comes about a second later. */
const SYNC_MS = 1_000;

export const backoffMs = (failures: number) => Math.min(BACKOFF_START_MS * 2 ** Math.max(0, failures - 1), BACKOFF_MAX_MS);

export function fieldPath(c: Container): string {
  return `spec.containers{${c.name}}`;
}

export function refOf(o: KObject): ObjectRef {
  return { kind: 'Pod', namespace: o.metadata.namespace, name: o.metadata.name };
}

/** What the container operations need from their kubelet. */
export interface KubeletContext {
  w: World;
  nodeName: string;
  owner: string;
  client: Client;
  recorder: Recorder;
  podByKey(key: string): KObject | undefined;
  node(): Node;
}

/**
 * The kubelet's side of the container runtime (CRI): pull images (one at a time per node), create and start
 * containers, notice when they exit, and restart them following restartPolicy with the crash-loop back-off.
 */
export class Containers {
  constructor(private readonly k: KubeletContext) {}

  private get w(): World {
    return this.k.w;
  }

  private fresh(pod: KObject | Pod): Pod {
    return asPod(this.k.podByKey(podKey(pod as Pod))!);
  }

  /** The image first: already on the node (IfNotPresent), or pulled after the pulls queued before it. */
  ensureImageThenStart(podObj: KObject, c: Container, attempt = 1): void {
    const key = podKey(asPod(podObj));
    const ref = parseImage(c.image!);
    const cached = this.k.node().status?.images?.some((img) => img.names?.includes(ref.full));
    if (cached && c.imagePullPolicy !== 'Always') {
      this.k.recorder.normal(podObj, 'Pulled', `Container image "${c.image}" already present on machine`, fieldPath(c));
      this.w.log.emit('kubelet', { kind: 'runtime.image-present', node: this.k.nodeName, pod: refOf(podObj), image: c.image! });
      this.start(podObj, c);
      return;
    }
    this.k.recorder.normal(podObj, 'Pulling', `Pulling image "${c.image}"`, fieldPath(c));
    this.w.log.emit('kubelet', { kind: 'runtime.image-pulling', node: this.k.nodeName, pod: refOf(podObj), image: c.image! });
    const now = this.w.clock.now();
    // the kubelet pulls one image at a time per node (serializeImagePulls), so pulls queue up; a pull queued behind
    // one of the same image finds its layers in containerd's content store and only checks the manifest
    const imageOf = (t: Timer) => {
      const pod = this.k.podByKey(t.key);
      return pod && asPod(pod).spec?.containers?.find((x) => PULLED + x.name === t.action)?.image;
    };
    let busyUntil = now;
    let sameImage = false;
    for (const t of this.w.timers.ofOwner(this.k.owner)) {
      if (!t.action.startsWith(PULLED)) continue;
      busyUntil = Math.max(busyUntil, t.at);
      sameImage ||= imageOf(t) === c.image;
    }
    const exists = tagExists(c.image!);
    const duration = !exists ? 400 + this.w.rand.int(600) : cached || sameImage ? 400 + this.w.rand.int(300) : Math.round(this.w.rand.jitter(pullDurationMs(profileOf(c.image!)), 0.15));
    this.w.timers.add(busyUntil + duration, this.k.owner, key, PULLED + c.name, { data: { queued: now, started: busyUntil, attempt } });
  }

  /** A pull ends: the image is stored on the node and the container starts, or the registry said no. */
  pulled(podObj: KObject, c: Container, t: Timer): void {
    if (!tagExists(c.image!)) return this.pullFailed(podObj, c, t.data?.attempt ?? 1);
    const ref = parseImage(c.image!);
    const bytes = profileOf(c.image!).sizeBytes;
    const took = t.at - (t.data?.started ?? t.at);
    const waited = t.at - (t.data?.queued ?? t.at);
    this.k.recorder.normal(podObj, 'Pulled', `Successfully pulled image "${c.image}" in ${goDuration(took)} (${goDuration(waited)} including waiting). Image size: ${bytes} bytes.`, fieldPath(c));
    this.w.log.emit('kubelet', { kind: 'runtime.image-pulled', node: this.k.nodeName, pod: refOf(podObj), image: c.image!, ms: took, bytes });
    this.rememberImage(ref.full, bytes);
    this.start(podObj, c);
  }

  /** ErrImagePull now, ImagePullBackOff a sync later, another try after the back-off. */
  private pullFailed(podObj: KObject, c: Container, attempt: number): void {
    const ref = parseImage(c.image!);
    const reason = `rpc error: code = NotFound desc = failed to pull and unpack image "${ref.full}": failed to resolve reference "${ref.full}": ${ref.full}: not found`;
    this.k.recorder.warning(podObj, 'Failed', `Failed to pull image "${c.image}": ${reason}`, fieldPath(c));
    this.k.recorder.warning(podObj, 'Failed', 'Error: ErrImagePull', fieldPath(c));
    const delay = backoffMs(attempt);
    this.w.log.emit('kubelet', { kind: 'runtime.image-pull-failed', node: this.k.nodeName, pod: refOf(podObj), image: c.image!, retryInMs: delay, attempt });
    this.writeStatus(this.fresh(podObj), { ...waitingStatus(c, 'ErrImagePull'), state: { waiting: { reason: 'ErrImagePull', message: reason } } });
    const key = podKey(asPod(podObj));
    this.w.timers.add(this.w.clock.now() + SYNC_MS, this.k.owner, key, PULL_BACKOFF + c.name, { data: { attempt } });
    this.w.timers.add(this.w.clock.now() + delay, this.k.owner, key, PULL_RETRY + c.name, { data: { attempt: attempt + 1 }, patient: true });
  }

  pullBackOff(podObj: KObject, c: Container): void {
    const pod = this.fresh(podObj);
    const current = pod.status?.containerStatuses?.find((s) => s.name === c.name);
    if (current?.state?.waiting?.reason !== 'ErrImagePull') return;
    this.k.recorder.normal(podObj, 'BackOff', `Back-off pulling image "${c.image}"`, fieldPath(c));
    this.k.recorder.warning(podObj, 'Failed', 'Error: ImagePullBackOff', fieldPath(c));
    const message = `Back-off pulling image "${c.image}": ErrImagePull: ${current.state.waiting.message}`;
    this.writeStatus(pod, { ...current, state: { waiting: { reason: 'ImagePullBackOff', message } } });
  }

  /** Create and start (kuberuntime startContainer), unless the container's config refers to something missing. */
  start(podObj: KObject, c: Container): void {
    const pod = this.fresh(podObj);
    const configError = containerConfigError(this.w.store, pod, c);
    if (configError) return this.configError(podObj, c, configError);
    const now = this.w.clock.now();
    this.k.recorder.normal(podObj, 'Created', `Created container: ${c.name}`, fieldPath(c));
    this.k.recorder.normal(podObj, 'Started', `Started container ${c.name}`, fieldPath(c));
    const previous = pod.status?.containerStatuses?.find((s) => s.name === c.name);
    const restarts = previous?.state?.terminated || previous?.lastState?.terminated ? (previous.restartCount ?? 0) + (previous.state?.terminated || previous.state?.waiting?.reason === 'CrashLoopBackOff' ? 1 : 0) : 0;
    this.w.log.emit('kubelet', { kind: 'runtime.container-started', node: this.k.nodeName, pod: refOf(podObj), container: c.name, image: c.image!, restarts });
    const key = podKey(pod);
    const probe = c.readinessProbe;
    const behaviour = behaviourOf(c);
    if (probe) this.w.timers.add(now + Math.max((probe.initialDelaySeconds ?? 0) * 1000, profileOf(c.image!).startupMs), this.k.owner, key, READY + c.name);
    if (behaviour.exitAfterMs !== undefined) this.w.timers.add(now + behaviour.exitAfterMs, this.k.owner, key, EXIT + c.name, { data: { code: behaviour.exitCode ?? 0 } });
    const live = c.livenessProbe;
    if (live && behaviour.livenessFails) {
      // probes run at initialDelay, then every period; failureThreshold failures in a row restart the container
      const delay = (live.initialDelaySeconds ?? 0) * 1000;
      const period = (live.periodSeconds ?? 10) * 1000;
      const firstFailing = delay + Math.max(0, Math.ceil((behaviour.livenessFails.afterMs - delay) / period)) * period;
      const killAt = now + firstFailing + ((live.failureThreshold ?? 3) - 1) * period;
      if (behaviour.exitAfterMs === undefined || killAt < now + behaviour.exitAfterMs) this.w.timers.add(killAt, this.k.owner, key, LIVENESS + c.name, { patient: true });
    }
    const ref = parseImage(c.image!);
    const containerID = randomHex(this.w.rand, 64);
    const lastState = previous?.state?.terminated ? { terminated: previous.state.terminated } : (previous?.lastState ?? {});
    const env = environmentParts(this.w.store, pod, c);
    this.w.containers.started(containerID, env.own, env.shared);
    const status = runningStatus(c, previous, rfc3339(now), containerID, `${ref.repository}@sha256:${fakeDigest(ref.full)}`, !probe);
    this.writeStatus(pod, { ...status, restartCount: restarts, lastState });
  }

  /** CreateContainerConfigError: the image is there, but the container cannot be created without its config. */
  private configError(podObj: KObject, c: Container, message: string): void {
    const pod = this.fresh(podObj);
    const current = pod.status?.containerStatuses?.find((s) => s.name === c.name);
    if (current?.state?.waiting?.reason === 'CreateContainerConfigError' && current.state.waiting.message === message) return;
    this.k.recorder.warning(podObj, 'Failed', `Error: ${message}`, fieldPath(c));
    this.w.log.emit('kubelet', { kind: 'kubelet.config-error', node: this.k.nodeName, pod: refOf(podObj), container: c.name, message });
    this.writeStatus(pod, { ...(current ?? waitingStatus(c)), ready: false, state: { waiting: { reason: 'CreateContainerConfigError', message } } });
  }

  /** The readiness probe's first result: ready, or a failure that keeps the pod out of its Services. */
  markReady(podObj: KObject, c: Container): void {
    const pod = this.fresh(podObj);
    const current = pod.status?.containerStatuses?.find((s) => s.name === c.name);
    if (!current?.state?.running) return;
    const never = behaviourOf(c).neverReady;
    if (never) {
      this.k.recorder.warning(podObj, 'Unhealthy', `Readiness probe failed: ${never.output}`, fieldPath(c));
      this.w.log.emit('kubelet', { kind: 'kubelet.readiness-failed', node: this.k.nodeName, pod: refOf(podObj), container: c.name, output: never.output });
      return;
    }
    this.writeStatus(pod, { ...current, ready: true });
  }

  /**
   * The main process ended (by itself, or killed). restartPolicy decides: a new container at once the first
   * time, then CrashLoopBackOff with 10 s, 20 s, 40 s… up to 5 min between tries; or the pod is done.
   */
  exited(podObj: KObject, c: Container, exitCode: number, signal?: string): void {
    const pod = this.fresh(podObj);
    const current = pod.status?.containerStatuses?.find((s) => s.name === c.name);
    if (!current?.state?.running) return;
    const key = podKey(pod);
    for (const action of [EXIT, READY, LIVENESS]) this.w.timers.cancel(this.k.owner, key, action + c.name);
    const now = this.w.clock.now();
    const terminated = {
      exitCode,
      reason: exitCode === 0 ? 'Completed' : 'Error',
      startedAt: current.state.running.startedAt,
      finishedAt: rfc3339(now),
      containerID: current.containerID,
    };
    const policy = pod.spec?.restartPolicy ?? 'Always';
    const restarts = policy === 'Always' || (policy === 'OnFailure' && exitCode !== 0);
    const ranMs = now - Date.parse(current.state.running.startedAt ?? '');
    const failures = (current.restartCount ?? 0) + 1;
    const delay = !restarts ? undefined : current.restartCount === 0 || ranMs >= BACKOFF_RESET_MS ? SYNC_MS : backoffMs(failures - 1);
    this.w.log.emit('kubelet', {
      kind: 'kubelet.container-exited',
      node: this.k.nodeName,
      pod: refOf(podObj),
      container: c.name,
      exitCode,
      signal,
      restartInMs: delay,
      restarts: current.restartCount ?? 0,
    });
    const dead: ContainerStatus = { ...current, ready: false, started: false, state: { terminated } };
    if (delay === undefined) return this.writeStatus(pod, dead, true);
    if (delay > SYNC_MS) {
      const message = `back-off ${delay / 1000}s restarting failed container=${c.name} pod=${pod.metadata?.name}_${pod.metadata?.namespace}(${pod.metadata?.uid})`;
      this.k.recorder.warning(podObj, 'BackOff', `Back-off restarting failed container ${c.name} in pod ${pod.metadata?.name}_${pod.metadata?.namespace}(${pod.metadata?.uid})`, fieldPath(c));
      this.writeStatus(pod, { ...dead, lastState: { terminated }, state: { waiting: { reason: 'CrashLoopBackOff', message } } });
    } else this.writeStatus(pod, dead);
    this.w.timers.add(now + delay, this.k.owner, key, RESTART + c.name, { patient: delay > SYNC_MS });
  }

  /** failureThreshold liveness failures in a row: the kubelet kills the container and restarts it. */
  livenessFailed(podObj: KObject, c: Container): void {
    const output = behaviourOf(c).livenessFails?.output ?? 'probe failed';
    for (let i = 0; i < (c.livenessProbe?.failureThreshold ?? 3); i++) this.k.recorder.warning(podObj, 'Unhealthy', `Liveness probe failed: ${output}`, fieldPath(c));
    this.k.recorder.normal(podObj, 'Killing', `Container ${c.name} failed liveness probe, will be restarted`, fieldPath(c));
    this.w.log.emit('kubelet', { kind: 'kubelet.liveness-failed', node: this.k.nodeName, pod: refOf(podObj), container: c.name, output });
    this.exited(podObj, c, 137, 'SIGKILL');
  }

  restart(podObj: KObject, c: Container): void {
    const current = this.fresh(podObj).status?.containerStatuses?.find((s) => s.name === c.name);
    if (current?.state?.running) return;
    this.ensureImageThenStart(podObj, c);
  }

  private rememberImage(full: string, bytes: number): void {
    const stored = this.w.store.get(`/registry/minions/${this.k.nodeName}`)!.value;
    const images = (stored.status as { images?: Array<{ names: string[]; sizeBytes: number }> } | undefined)?.images ?? [];
    // every pull of an image the node already lists (one per pod) would copy the whole Node for nothing
    if (images.some((i) => i.names.includes(full))) return;
    const entry = { names: [`${parseImage(full).repository}@sha256:${fakeDigest(full)}`, full], sizeBytes: bytes };
    this.k.client.updateStatus({ ...stored, status: { ...(stored.status as object), images: [...images, entry] } });
  }

  /**
   * Writes one container's status and derives the pod's phase and conditions from all of them: Running once
   * every container has started (and while they restart), Succeeded or Failed when all have ended for good.
   */
  writeStatus(pod: Pod, status: ContainerStatus, final = false): void {
    const statuses = (pod.spec?.containers ?? []).map((c) => (c.name === status.name ? status : (pod.status?.containerStatuses?.find((s) => s.name === c.name) ?? waitingStatus(c))));
    const now = rfc3339(this.w.clock.now());
    const everStarted = statuses.every((s) => s.state?.running || s.state?.terminated || s.lastState?.terminated);
    const allDone = final && statuses.every((s) => s.state?.terminated);
    const phase = allDone ? (statuses.every((s) => s.state?.terminated?.exitCode === 0) ? 'Succeeded' : 'Failed') : everStarted ? 'Running' : 'Pending';
    const wasReady = pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True');
    const newStatus = { ...pod.status, phase, containerStatuses: statuses, conditions: podConditions(pod, statuses, now) };
    const result = this.k.client.updateStatus({ ...(pod as unknown as KObject), status: newStatus });
    if (!result.ok) return;
    const ready = statuses.every((s) => s.ready);
    const running = statuses.every((s) => s.state?.running);
    if (running && (pod.status?.phase !== 'Running' || (ready && !wasReady) || !pod.status?.containerStatuses?.every((s) => s.state?.running))) {
      this.w.log.emit('kubelet', { kind: 'kubelet.pod-running', node: this.k.nodeName, pod: refOf(result.object), ip: pod.status?.podIP ?? '', ready });
    }
    if (allDone) this.w.log.emit('kubelet', { kind: 'kubelet.pod-finished', node: this.k.nodeName, pod: refOf(result.object), phase });
  }
}
