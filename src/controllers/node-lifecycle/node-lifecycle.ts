import type { Node, NodeCondition, Pod, Taint, Toleration } from 'kubernetes-types/core/v1.js';
import type { KObject } from '../../api/object.js';
import { asPod, isTerminal, PODS_BY_NODE } from '../../api/pods.js';
import type { Client } from '../../client/client.js';
import type { Recorder } from '../../client/recorder.js';
import { rfc3339 } from '../../sim/clock.js';
import type { Timer } from '../../sim/timers.js';
import type { World } from '../../sim/world.js';

/** node-monitor-grace-period since 1.32: no heartbeat for this long and the node is NotReady. */
export const GRACE_MS = 50_000;
const UNREACHABLE = 'node.kubernetes.io/unreachable';
const GRACE = 'grace';
const EVICT = 'evict:';

/** The toleration a pod has for the unreachable NoExecute taint: seconds, forever (null), or none (undefined). */
function unreachableToleration(pod: Pod): number | null | undefined {
  const t = (pod.spec?.tolerations ?? []).find(
    (x: Toleration) => (x.key === UNREACHABLE || (!x.key && x.operator === 'Exists')) && (!x.effect || x.effect === 'NoExecute'),
  );
  if (!t) return undefined;
  return t.tolerationSeconds ?? null;
}

/**
 * The node lifecycle controller and the taint-eviction controller: a node whose kubelet stops posting status is
 * marked NotReady after the grace period and tainted unreachable; its pods are deleted once their toleration
 * (300 s by default) runs out, so their ReplicaSets recreate them elsewhere. When the kubelet comes back, so do
 * the node's Ready condition and its schedulability.
 */
export class NodeLifecycleController {
  readonly owner = 'controller/node-lifecycle';

  constructor(
    private readonly w: World,
    private readonly client: Client,
    private readonly nodeEvents: Recorder,
    private readonly evictionEvents: Recorder,
    private readonly downNodes: Record<string, number>,
  ) {}

  /** The kubelet of `name` stops: nothing visible until the grace period is over. */
  kubeletStopped(name: string): void {
    this.downNodes[name] = this.w.clock.now();
    this.w.timers.add(this.w.clock.now() + GRACE_MS, this.owner, name, GRACE, { patient: true });
    this.w.log.emit('controller-manager', { kind: 'node.heartbeat-lost', node: name, graceSeconds: GRACE_MS / 1000 });
  }

  /** The kubelet of `name` is back: Ready again, taints lifted, pending evictions cancelled. */
  kubeletRecovered(name: string): void {
    delete this.downNodes[name];
    const node = this.node(name);
    const cancelled: string[] = [];
    for (const t of this.w.timers.of(this.owner).filter((x) => x.action.startsWith(EVICT) && x.key === name)) {
      cancelled.push(t.action.slice(EVICT.length));
    }
    this.w.timers.cancel(this.owner, name);
    if (!node) return;
    for (const key of cancelled) {
      const pod = this.w.store.get(`/registry/pods/${key}`)?.value;
      if (pod) this.evictionEvents.normal(pod, 'TaintManagerEviction', `Cancelling deletion of Pod ${key}`);
    }
    const updated = structuredClone(node) as KObject & Node;
    updated.spec = { ...updated.spec, taints: (updated.spec?.taints ?? []).filter((t) => t.key !== UNREACHABLE) };
    if (!updated.spec.taints?.length) delete updated.spec.taints;
    this.client.update(updated);
    this.setConditions(name, 'True', 'KubeletReady', 'kubelet is posting ready status');
    this.nodeEvents.normal(this.node(name)!, 'NodeReady', `Node ${name} status is now: NodeReady`);
    this.w.log.emit('controller-manager', { kind: 'node.ready', node: name, cancelledEvictions: cancelled.length });
  }

  onTimer(t: Timer): void {
    if (!(t.key in this.downNodes) && t.action === GRACE) return;
    if (t.action === GRACE) return this.markNotReady(t.key);
    if (t.action.startsWith(EVICT)) return this.evict(t.action.slice(EVICT.length));
  }

  private node(name: string): KObject | undefined {
    return this.w.store.get(`/registry/minions/${name}`)?.value;
  }

  private setConditions(name: string, status: string, reason: string, message: string): void {
    const node = structuredClone(this.node(name)!) as KObject & Node;
    const now = rfc3339(this.w.clock.now());
    const conditions = (node.status?.conditions ?? []).map((c: NodeCondition) => {
      const ready = c.type === 'Ready';
      const next = ready ? { status, reason, message } : status === 'True' ? PRESSURE_OK[c.type] : { status: 'Unknown', reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.' };
      const changed = next.status !== c.status;
      return { ...c, ...next, lastHeartbeatTime: status === 'True' ? now : c.lastHeartbeatTime, lastTransitionTime: changed ? now : c.lastTransitionTime };
    });
    (node as { status: unknown }).status = { ...node.status, conditions };
    this.client.updateStatus(node);
  }

  /** No heartbeat for the grace period: conditions Unknown, unreachable taints, pods not ready, evictions planned. */
  private markNotReady(name: string): void {
    const node = this.node(name);
    if (!node) return;
    this.setConditions(name, 'Unknown', 'NodeStatusUnknown', 'Kubelet stopped posting node status.');
    const now = this.w.clock.now();
    const tainted = structuredClone(this.node(name)!) as KObject & Node;
    const taints: Taint[] = (tainted.spec?.taints ?? []).filter((t) => t.key !== UNREACHABLE);
    taints.push({ key: UNREACHABLE, effect: 'NoSchedule', timeAdded: rfc3339(now) }, { key: UNREACHABLE, effect: 'NoExecute', timeAdded: rfc3339(now) });
    tainted.spec = { ...tainted.spec, taints };
    this.client.update(tainted);
    this.nodeEvents.normal(this.node(name)!, 'NodeNotReady', `Node ${name} status is now: NodeNotReady`);
    const pods = this.w.store.byIndex(PODS_BY_NODE, name).filter((p) => !isTerminal(asPod(p)));
    let planned = 0;
    for (const p of pods) {
      this.markPodNotReady(p);
      const seconds = unreachableToleration(asPod(p));
      if (seconds === null) continue;
      const key = `${p.metadata.namespace}/${p.metadata.name}`;
      this.w.timers.add(now + (seconds ?? 0) * 1000, this.owner, name, EVICT + key, { patient: true });
      planned++;
    }
    this.w.log.emit('controller-manager', { kind: 'node.not-ready', node: name, pods: pods.length, evictions: planned, afterSeconds: 300 });
  }

  private markPodNotReady(p: KObject): void {
    const pod = structuredClone(p) as KObject & Pod;
    const now = rfc3339(this.w.clock.now());
    const conditions = (pod.status?.conditions ?? []).map((c) => (c.type === 'Ready' || c.type === 'ContainersReady' ? { ...c, status: 'False', lastTransitionTime: now } : c));
    (pod as { status: unknown }).status = { ...pod.status, conditions, containerStatuses: pod.status?.containerStatuses?.map((s) => ({ ...s, ready: false })) };
    this.client.updateStatus(pod);
    this.nodeEvents.warning(p, 'NodeNotReady', 'Node is not ready');
  }

  /** The toleration ran out: the pod is deleted (DisruptionTarget, DeletionByTaintManager). */
  private evict(key: string): void {
    const p = this.w.store.get(`/registry/pods/${key}`)?.value;
    if (!p || p.metadata.deletionTimestamp) return;
    this.evictionEvents.normal(p, 'TaintManagerEviction', `Marking for deletion Pod ${key}`);
    const pod = structuredClone(p) as KObject & Pod;
    const now = rfc3339(this.w.clock.now());
    const disruption = { type: 'DisruptionTarget', status: 'True', reason: 'DeletionByTaintManager', message: 'Taint manager: deleting due to NoExecute taint', lastProbeTime: null, lastTransitionTime: now };
    (pod as { status: unknown }).status = { ...pod.status, conditions: [...(pod.status?.conditions ?? []).filter((c) => c.type !== 'DisruptionTarget'), disruption] };
    this.client.updateStatus(pod);
    this.client.delete('Pod', p.metadata.namespace, p.metadata.name);
    this.w.log.emit('controller-manager', { kind: 'node.pod-evicted', node: asPod(p).spec?.nodeName ?? '', pod: { kind: 'Pod', namespace: p.metadata.namespace, name: p.metadata.name } });
  }
}

const PRESSURE_OK: Record<string, { status: string; reason: string; message: string }> = {
  MemoryPressure: { status: 'False', reason: 'KubeletHasSufficientMemory', message: 'kubelet has sufficient memory available' },
  DiskPressure: { status: 'False', reason: 'KubeletHasNoDiskPressure', message: 'kubelet has no disk pressure' },
  PIDPressure: { status: 'False', reason: 'KubeletHasSufficientPID', message: 'kubelet has sufficient PID available' },
};
