import type { Container, Node } from 'kubernetes-types/core/v1.js';
import type { KObject } from '../../api/object.js';
import { asPod, isTerminal, PODS_BY_NODE, podKey, qosClass } from '../../api/pods.js';
import type { Client } from '../../client/client.js';
import type { Recorder } from '../../client/recorder.js';
import { rfc3339 } from '../../sim/clock.js';
import type { Timer } from '../../sim/timers.js';
import type { World } from '../../sim/world.js';
import type { WatchEvent } from '../../store/store.js';
import { profileOf } from '../runtime/images.js';
import { volumeMountError } from './config-refs.js';
import { Containers, EXIT, LIVENESS, PULL_BACKOFF, PULL_RETRY, PULLED, READY, RESTART, fieldPath, refOf, type KubeletContext } from './containers.js';
import type { Ipam } from './ipam.js';
import { podConditions, waitingStatus } from './status.js';

const STOPPED = 'stopped';

/** Waiting states that a timer will end (a pull, a back-off): the kubelet leaves the container alone meanwhile. */
const TIMED_WAITS = new Set(['ErrImagePull', 'ImagePullBackOff', 'CrashLoopBackOff']);

/**
 * The kubelet of one node: it sees the pods bound to its node, sets up their sandbox (IP), has the runtime pull
 * images and start containers one after the other, reports status, restarts what exits, and on deletion stops the
 * containers before confirming. Progress waits on timers, so the engine can jump over idle time. A node whose
 * kubelet is down (`kubesim node fail`) does nothing at all.
 */
export class Kubelet implements KubeletContext {
  readonly owner: string;
  private readonly queue = new Set<string>();
  /** Called when a pod is queued: the pool that asks kubelets for work looks at this one again. */
  onWork: () => void = () => {};
  private readonly containers: Containers;

  constructor(
    readonly w: World,
    readonly nodeName: string,
    readonly client: Client,
    readonly recorder: Recorder,
    private readonly ipam: Ipam,
    private readonly isDown: () => boolean,
  ) {
    this.owner = `kubelet/${nodeName}`;
    this.containers = new Containers(this);
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
    this.enqueue(key);
  }

  private enqueue(key: string): void {
    this.queue.add(key);
    this.onWork();
  }

  hasWork(): boolean {
    return this.queue.size > 0;
  }

  /** Pods waiting on a missing Secret or ConfigMap, or an unbound claim, look again when one appears or binds. */
  onConfigChange(namespace: string): void {
    for (const p of this.w.store.byIndex(PODS_BY_NODE, this.nodeName)) {
      const pod = asPod(p);
      if (pod.metadata?.namespace !== namespace) continue;
      const blocked = pod.status?.containerStatuses?.some((s) => ['CreateContainerConfigError', 'ContainerCreating'].includes(s.state?.waiting?.reason ?? ''));
      if (blocked) this.enqueue(podKey(pod));
    }
  }

  onTimer(t: Timer): void {
    const pod = this.podByKey(t.key);
    if (!pod || this.isDown()) return;
    if (t.action === STOPPED) return this.confirmDeletion(pod);
    const [action, name] = [t.action.slice(0, t.action.indexOf(':') + 1), t.action.slice(t.action.indexOf(':') + 1)];
    const c = asPod(pod).spec?.containers?.find((x) => x.name === name);
    if (!c) return;
    switch (action) {
      case PULLED:
        return this.containers.pulled(pod, c, t);
      case PULL_BACKOFF:
        return this.containers.pullBackOff(pod, c);
      case PULL_RETRY:
        return this.containers.ensureImageThenStart(pod, c, t.data?.attempt);
      case READY:
        return this.containers.markReady(pod, c);
      case EXIT:
        return this.containers.exited(pod, c, t.data?.code ?? 0);
      case RESTART:
        return this.containers.restart(pod, c);
      case LIVENESS:
        return this.containers.livenessFailed(pod, c);
    }
  }

  step(): boolean {
    const key = this.queue.values().next().value;
    if (key === undefined) return false;
    this.queue.delete(key);
    const pod = this.podByKey(key);
    if (pod && !this.isDown()) this.syncPod(pod);
    return true;
  }

  podByKey(key: string): KObject | undefined {
    const slash = key.indexOf('/');
    return this.w.store.get(`/registry/pods/${key.slice(0, slash)}/${key.slice(slash + 1)}`)?.value;
  }

  node(): Node {
    return this.w.store.get(`/registry/minions/${this.nodeName}`)!.value as unknown as Node;
  }

  /**
   * The container's main process ended from outside the simulation's own timers: `kubesim chaos kill` (SIGKILL, exit
   * code 137), or the shell a user attached to (`kubectl run -it … -- sh`) left with `exit N`.
   */
  processExited(podObj: KObject, container: Container, exitCode: number, signal?: string): void {
    this.containers.exited(podObj, container, exitCode, signal);
  }

  /** kubelet.SyncPod, in phases: stop what is being deleted, set up the sandbox, then the next container. */
  private syncPod(podObj: KObject): void {
    const pod = asPod(podObj);
    if (pod.metadata?.deletionTimestamp) return this.stopPod(podObj);
    if (isTerminal(pod)) return;
    if (!pod.status?.podIP) return this.createSandbox(podObj);
    this.nextContainer(podObj);
  }

  private createSandbox(podObj: KObject): void {
    const pod = asPod(podObj);
    this.w.log.emit('kubelet', { kind: 'kubelet.pod-seen', node: this.nodeName, pod: refOf(podObj) });
    const inUse = new Set(
      this.w.store
        .byIndex(PODS_BY_NODE, this.nodeName)
        .map((p) => asPod(p).status?.podIP)
        .filter((ip): ip is string => !!ip),
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

  /** Containers start in order: the first one not running (and not waiting on a timer) is started. */
  private nextContainer(podObj: KObject): void {
    const pod = asPod(podObj);
    const key = podKey(pod);
    const statuses = pod.status?.containerStatuses ?? [];
    const next = (pod.spec?.containers ?? []).find((c) => {
      const s = statuses.find((x) => x.name === c.name);
      const timed = TIMED_WAITS.has(s?.state?.waiting?.reason ?? '') || this.w.timers.has(this.owner, key, PULLED + c.name) || this.w.timers.has(this.owner, key, RESTART + c.name);
      return !s?.state?.running && !s?.state?.terminated && !timed;
    });
    if (!next) return;
    const waiting = statuses.find((s) => s.name === next.name)?.state?.waiting?.reason ?? '';
    const mount = volumeMountError(this.w.store, pod);
    if (mount) {
      this.recorder.warning(podObj, 'FailedMount', mount.message);
      return;
    }
    if (waiting === 'CreateContainerConfigError') return this.containers.start(podObj, next);
    this.containers.ensureImageThenStart(podObj, next);
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
