import type { Container, ContainerStatus, Node, Pod } from 'kubernetes-types/core/v1.js';
import type { KObject } from '../../api/object.js';
import { asPod, isTerminal, podKey } from '../../api/pods.js';
import type { Client } from '../../client/client.js';
import type { Recorder } from '../../client/recorder.js';
import { rfc3339 } from '../../sim/clock.js';
import type { Timer } from '../../sim/timers.js';
import type { World } from '../../sim/world.js';
import type { WatchEvent } from '../../store/store.js';
import { fakeDigest } from '../runtime/digest.js';
import { parseImage, profileOf, pullDurationMs } from '../runtime/images.js';
import { containerConfigError, volumeMountError } from './config-refs.js';
import type { Ipam } from './ipam.js';
import { goDuration, podConditions, qosClass, runningStatus, waitingStatus } from './status.js';

const PULLED = 'pulled:';
const READY = 'ready:';
const STOPPED = 'stopped';

/**
 * The kubelet of one node: it sees the pods bound to its node, asks the runtime to pull images and start
 * containers one after the other, reports status, and on deletion stops the containers before confirming.
 * Progress waits on timers (pulls, startups, stops), so the engine can jump over the idle time.
 */
export class Kubelet {
  readonly owner: string;
  private readonly queue = new Set<string>();

  constructor(
    private readonly w: World,
    readonly nodeName: string,
    private readonly client: Client,
    private readonly recorder: Recorder,
    private readonly ipam: Ipam,
  ) {
    this.owner = `kubelet/${nodeName}`;
  }

  onPod(e: WatchEvent): void {
    if (asPod(e.object).spec?.nodeName !== this.nodeName) return;
    const key = podKey(asPod(e.object));
    if (e.type === 'DELETED') {
      this.w.timers.cancel(this.owner, key);
      this.queue.delete(key);
      this.w.log.emit('kubelet', { kind: 'kubelet.pod-removed', node: this.nodeName, pod: refOf(e.object) });
      return;
    }
    this.queue.add(key);
  }

  onTimer(t: Timer): void {
    const pod = this.podByKey(t.key);
    if (!pod) return;
    if (t.action === STOPPED) this.confirmDeletion(pod);
    else if (t.action.startsWith(PULLED)) this.startContainer(pod, t.action.slice(PULLED.length), t);
    else if (t.action.startsWith(READY)) this.markReady(pod, t.action.slice(READY.length));
  }

  step(): boolean {
    const key = this.queue.values().next().value;
    if (key === undefined) return false;
    this.queue.delete(key);
    const pod = this.podByKey(key);
    if (pod) this.syncPod(pod);
    return true;
  }

  private podByKey(key: string): KObject | undefined {
    const slash = key.indexOf('/');
    return this.w.store.get(`/registry/pods/${key.slice(0, slash)}/${key.slice(slash + 1)}`)?.value;
  }

  private node(): Node {
    return this.w.store.get(`/registry/minions/${this.nodeName}`)!.value as unknown as Node;
  }

  /** kubelet.SyncPod, in phases: stop what is being deleted, set up the sandbox, then the next container. */
  private syncPod(podObj: KObject): void {
    const pod = asPod(podObj);
    if (pod.metadata?.deletionTimestamp) return this.stopPod(podObj);
    if (isTerminal(pod)) return;
    if (!pod.status?.podIP) return this.createSandbox(podObj);
    this.nextContainer(podObj);
  }

  /** Pods waiting on a missing Secret or ConfigMap look again when one appears in their namespace. */
  onConfigChange(namespace: string): void {
    for (const p of this.w.store.list(`/registry/pods/${namespace}/`)) {
      const pod = asPod(p);
      if (pod.spec?.nodeName !== this.nodeName) continue;
      const blocked = pod.status?.containerStatuses?.some((s) => ['CreateContainerConfigError', 'ContainerCreating'].includes(s.state?.waiting?.reason ?? ''));
      if (blocked) this.queue.add(podKey(pod));
    }
  }

  private createSandbox(podObj: KObject): void {
    const pod = asPod(podObj);
    this.w.log.emit('kubelet', { kind: 'kubelet.pod-seen', node: this.nodeName, pod: refOf(podObj) });
    const inUse = new Set(
      this.w.store
        .list(`/registry/pods/`)
        .map(asPod)
        .filter((p) => p.spec?.nodeName === this.nodeName && p.status?.podIP)
        .map((p) => p.status!.podIP!),
    );
    const node = this.node();
    const hostIP = node.status?.addresses?.find((a) => a.type === 'InternalIP')?.address ?? '';
    const ip = pod.spec?.hostNetwork ? hostIP : this.ipam.allocate(node, inUse);
    if (!ip) return;
    const now = rfc3339(this.w.clock.now());
    const statuses = (pod.spec?.containers ?? []).map((c) => waitingStatus(c));
    const status = {
      phase: 'Pending',
      conditions: podConditions(pod, statuses, now),
      hostIP,
      hostIPs: [{ ip: hostIP }],
      podIP: ip,
      podIPs: [{ ip }],
      startTime: now,
      containerStatuses: statuses,
      qosClass: qosClass(pod),
    };
    const result = this.client.updateStatus({ ...podObj, status } as KObject);
    if (!result.ok) return;
    this.w.log.emit('kubelet', { kind: 'kubelet.sandbox-ready', node: this.nodeName, pod: refOf(podObj), ip });
    this.nextContainer(result.object);
  }

  /** Containers start in order: the first one still waiting is pulled (or found in the cache) and started. */
  private nextContainer(podObj: KObject): void {
    const pod = asPod(podObj);
    const key = podKey(pod);
    const statuses = pod.status?.containerStatuses ?? [];
    const next = (pod.spec?.containers ?? []).find((c) => !statuses.find((s) => s.name === c.name)?.state?.running);
    if (!next || this.w.timers.has(this.owner, key, PULLED + next.name)) return;
    const waiting = statuses.find((s) => s.name === next.name)?.state?.waiting;
    if (waiting?.reason === 'CreateContainerConfigError' && containerConfigError(this.w.store, pod, next)) return;
    const mount = volumeMountError(this.w.store, pod);
    if (mount) {
      this.recorder.warning(podObj, 'FailedMount', mount.message);
      return;
    }
    const ref = parseImage(next.image!);
    const cached = this.node().status?.images?.some((img) => img.names?.includes(ref.full));
    if (cached && next.imagePullPolicy !== 'Always') {
      this.recorder.normal(podObj, 'Pulled', `Container image "${next.image}" already present on machine`, fieldPath(next));
      this.w.log.emit('kubelet', { kind: 'runtime.image-present', node: this.nodeName, pod: refOf(podObj), image: next.image! });
      this.startContainer(podObj, next.name);
      return;
    }
    this.recorder.normal(podObj, 'Pulling', `Pulling image "${next.image}"`, fieldPath(next));
    this.w.log.emit('kubelet', { kind: 'runtime.image-pulling', node: this.nodeName, pod: refOf(podObj), image: next.image! });
    // the kubelet pulls one image at a time per node (serializeImagePulls), so pulls queue up
    const busyUntil = Math.max(this.w.clock.now(), ...this.w.timers.all().filter((t) => t.owner === this.owner && t.action.startsWith(PULLED)).map((t) => t.at));
    const duration = cached ? 400 + this.w.rand.int(300) : Math.round(this.w.rand.jitter(pullDurationMs(profileOf(next.image!)), 0.15));
    this.w.timers.add(busyUntil + duration, this.owner, key, PULLED + next.name, { queued: this.w.clock.now(), started: busyUntil });
  }

  private startContainer(podObj: KObject, name: string, pullTimer?: Timer): void {
    const pod = asPod(podObj);
    const c = pod.spec?.containers?.find((x) => x.name === name);
    if (!c) return;
    const ref = parseImage(c.image!);
    const profile = profileOf(c.image!);
    if (pullTimer) this.pulled(podObj, c, pullTimer, profile.sizeBytes, ref.full);
    const configError = containerConfigError(this.w.store, pod, c);
    if (configError) return this.configError(podObj, c, configError);
    const nowMs = this.w.clock.now();
    this.recorder.normal(podObj, 'Created', `Created container: ${c.name}`, fieldPath(c));
    this.recorder.normal(podObj, 'Started', `Started container ${c.name}`, fieldPath(c));
    this.w.log.emit('kubelet', { kind: 'runtime.container-started', node: this.nodeName, pod: refOf(podObj), container: c.name, image: c.image! });
    const probe = c.readinessProbe;
    const readyNow = !probe;
    if (probe) this.w.timers.add(nowMs + Math.max((probe.initialDelaySeconds ?? 0) * 1000, profile.startupMs), this.owner, podKey(pod), READY + c.name);
    const fresh = asPod(this.podByKey(podKey(pod))!);
    const containerID = Array.from({ length: 64 }, () => this.w.rand.int(16).toString(16)).join('');
    const previous = fresh.status?.containerStatuses?.find((s) => s.name === c.name);
    const imageID = `${ref.repository}@sha256:${fakeDigest(ref.full)}`;
    const status = runningStatus(c, previous, rfc3339(nowMs), containerID, imageID, readyNow);
    this.writeContainerStatus(fresh, status);
  }

  /** CreateContainerConfigError: the image is there, but the container cannot be created without its config. */
  private configError(podObj: KObject, c: Container, message: string): void {
    const pod = asPod(this.podByKey(podKey(asPod(podObj)))!);
    const current = pod.status?.containerStatuses?.find((s) => s.name === c.name);
    if (current?.state?.waiting?.reason === 'CreateContainerConfigError' && current.state.waiting.message === message) return;
    this.recorder.warning(podObj, 'Failed', `Error: ${message}`, fieldPath(c));
    this.w.log.emit('kubelet', { kind: 'kubelet.config-error', node: this.nodeName, pod: refOf(podObj), container: c.name, message });
    this.writeContainerStatus(pod, { ...waitingStatus(c, 'CreateContainerConfigError'), state: { waiting: { reason: 'CreateContainerConfigError', message } } });
  }

  private pulled(podObj: KObject, c: Container, t: Timer, bytes: number, full: string): void {
    const took = t.at - (t.data?.started ?? t.at);
    const waited = t.at - (t.data?.queued ?? t.at);
    this.recorder.normal(
      podObj,
      'Pulled',
      `Successfully pulled image "${c.image}" in ${goDuration(took)} (${goDuration(waited)} including waiting). Image size: ${bytes} bytes.`,
      fieldPath(c),
    );
    this.w.log.emit('kubelet', { kind: 'runtime.image-pulled', node: this.nodeName, pod: refOf(podObj), image: c.image!, ms: took, bytes });
    this.rememberImage(full, bytes);
  }

  private rememberImage(full: string, bytes: number): void {
    const node = structuredClone(this.w.store.get(`/registry/minions/${this.nodeName}`)!.value);
    const status = (node.status ??= {}) as { images?: Array<{ names: string[]; sizeBytes: number }> };
    if (status.images?.some((i) => i.names.includes(full))) return;
    const digestRef = `${parseImage(full).repository}@sha256:${fakeDigest(full)}`;
    status.images = [...(status.images ?? []), { names: [digestRef, full], sizeBytes: bytes }];
    this.client.updateStatus(node);
  }

  private markReady(podObj: KObject, name: string): void {
    const pod = asPod(podObj);
    const current = pod.status?.containerStatuses?.find((s) => s.name === name);
    if (!current?.state?.running) return;
    this.writeContainerStatus(pod, { ...current, ready: true });
  }

  /** Writes one container's status and recomputes phase and conditions from all of them. */
  private writeContainerStatus(pod: Pod, status: ContainerStatus): void {
    const statuses = (pod.spec?.containers ?? []).map((c) =>
      c.name === status.name ? status : pod.status?.containerStatuses?.find((s) => s.name === c.name) ?? waitingStatus(c),
    );
    const now = rfc3339(this.w.clock.now());
    const allRunning = statuses.every((s) => s.state?.running);
    const wasReady = pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True');
    const newStatus = { ...pod.status, phase: allRunning ? 'Running' : 'Pending', containerStatuses: statuses, conditions: podConditions(pod, statuses, now) };
    const result = this.client.updateStatus({ ...(pod as unknown as KObject), status: newStatus });
    if (!result.ok) return;
    const ready = statuses.every((s) => s.ready);
    const wasRunning = pod.status?.phase === 'Running';
    if (allRunning && (!wasRunning || (ready && !wasReady))) {
      this.w.log.emit('kubelet', { kind: 'kubelet.pod-running', node: this.nodeName, pod: refOf(result.object), ip: pod.status?.podIP ?? '', ready });
    }
    if (!allRunning) this.nextContainer(result.object);
  }

  /** Graceful stop: SIGTERM to each running container, then confirm the deletion once they have exited. */
  private stopPod(podObj: KObject): void {
    const pod = asPod(podObj);
    const key = podKey(pod);
    if (this.w.timers.has(this.owner, key, STOPPED)) return;
    this.w.timers.cancel(this.owner, key);
    const running = (pod.spec?.containers ?? []).filter((c) => pod.status?.containerStatuses?.find((s) => s.name === c.name)?.state?.running);
    if (!running.length) return this.confirmDeletion(podObj);
    const grace = pod.metadata?.deletionGracePeriodSeconds ?? 30;
    for (const c of running) {
      this.recorder.normal(podObj, 'Killing', `Stopping container ${c.name}`, fieldPath(c));
      this.w.log.emit('kubelet', { kind: 'kubelet.container-stopping', node: this.nodeName, pod: refOf(podObj), container: c.name, graceSeconds: grace });
    }
    const stopMs = Math.min(grace * 1000, Math.max(...running.map((c) => profileOf(c.image!).stopMs)));
    this.w.timers.add(this.w.clock.now() + stopMs, this.owner, key, STOPPED);
  }

  private confirmDeletion(podObj: KObject): void {
    this.client.delete('Pod', podObj.metadata.namespace, podObj.metadata.name, 0);
  }
}

function fieldPath(c: Container): string {
  return `spec.containers{${c.name}}`;
}

function refOf(o: KObject) {
  return { kind: 'Pod', namespace: o.metadata.namespace, name: o.metadata.name };
}
