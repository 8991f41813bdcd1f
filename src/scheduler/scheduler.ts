import type { Node, PersistentVolume, PersistentVolumeClaim, Pod, Service } from 'kubernetes-types/core/v1.js';
import type { ReplicaSet } from 'kubernetes-types/apps/v1.js';
import type { StorageClass } from 'kubernetes-types/storage/v1.js';
import { clone, jsonEqual, type KObject } from '../api/object.js';
import { WorkQueue } from '../controllers/runtime.js';
import { asPod, isTerminal, podKey } from '../api/pods.js';
import type { Client } from '../client/client.js';
import type { EventsRecorder } from '../client/events-recorder.js';
import { rfc3339 } from '../sim/clock.js';
import type { World } from '../sim/world.js';
import type { WatchEvent } from '../store/store.js';
import type { Timer } from '../sim/timers.js';
import { fitErrorMessage } from './fit-error.js';
import { NO_LISTERS, type Listers } from './framework/interface.js';
import { accountPod, hasPodAffinity, newNodeInfo, type NodeInfo } from './framework/node-info.js';
import { volumeState } from './plugins/volume-binding/volume-binding.js';
import { bestNode, bestVerdicts, scheduleOne, scoreBreakdown, type Decision, type Telling } from './schedule-one.js';
import { SELECTED_NODE } from '../api/storage.js';
import { InterPodAffinity, NodePorts, NodeResourcesFit, PodTopologySpread, VolumeRestrictions } from './plugins/names.js';

const SCHEDULER_NAME = 'default-scheduler';
/**
 * podMaxInUnschedulablePodsDuration: a pod that no event has sent back to the queue is tried again after 5 minutes
 * (flushUnschedulablePodsLeftover), so a Pending pod's FailedScheduling series grows as time passes, as on a real
 * cluster ("x13 over 60m").
 */
const UNSCHEDULABLE_FLUSH_MS = 5 * 60_000;
const FLUSH = 'flush-unschedulable';

function needsScheduling(pod: Pod): boolean {
  return !pod.spec?.nodeName && !pod.metadata?.deletionTimestamp && !isTerminal(pod) && (pod.spec?.schedulerName ?? SCHEDULER_NAME) === SCHEDULER_NAME;
}

/**
 * What may let an unschedulable pod in, by the plugins that kept it out (their QueueingHints): a pod leaving a node
 * (resources, a host port, a disk or ReadWriteOncePod claim, a spreading domain, an anti-affinity), a pod arriving on
 * one (the pod an affinity waits for, a domain spreading needs), volumes bound. Any node change retries every pod.
 */
interface Retry {
  podLeaving: boolean;
  podArriving: boolean;
  volumes?: boolean;
}

const FREED_BY_POD_LEAVING = new Set([NodeResourcesFit, NodePorts, VolumeRestrictions, PodTopologySpread, InterPodAffinity]);
const FREED_BY_POD_ARRIVING = new Set([PodTopologySpread, InterPodAffinity]);

function retryOn(d: Decision): Retry {
  return {
    podLeaving: d.failures.some((f) => FREED_BY_POD_LEAVING.has(f.plugin)),
    podArriving: d.failures.some((f) => FREED_BY_POD_ARRIVING.has(f.plugin)),
    volumes: d.preFilterMessage !== undefined,
  };
}

/** Whether a pod's labels or termination changed: what spreading and inter-pod affinity count of the pods on a node. */
function countsDiffer(before: Pod, after: Pod): boolean {
  if (!before.metadata?.deletionTimestamp !== !after.metadata?.deletionTimestamp) return true;
  return !jsonEqual(before.metadata?.labels ?? {}, after.metadata?.labels ?? {});
}

/**
 * kube-scheduler: a queue of unscheduled pods, a cache of what each node has committed, and one scheduling cycle
 * per pod. Pods that fit nowhere wait in the unschedulable set until the cluster changes.
 */
export class Scheduler {
  /** Whose timers these are (the simulation routes a timer to its owner's onTimer). */
  readonly owner = 'kube-scheduler';
  /** activeQ: each pod once, in the order it became schedulable (client-go's work queue semantics). */
  private readonly active = new WorkQueue();
  /** Pods that fit nowhere, with what may change the verdicts that kept them out (see retryOn). */
  private readonly unschedulable = new Map<string, Retry>();
  private readonly nodes = new Map<string, NodeInfo>();
  /** The nodes in name order, as every cycle walks them; rebuilt only when a node is added, changed or removed. */
  private sortedNodes: NodeInfo[] | undefined;
  /** podKey → node it is accounted on, and the pod as accounted */
  private readonly assigned = new Map<string, { node: string; pod: Pod }>();
  private nextStartNodeIndex = 0;
  /** How many pods on nodes have pod (anti-)affinity: while none, no cycle reads the nodes for them. */
  private podsWithAffinity = 0;
  /** Pods placed on a node whose WaitForFirstConsumer claims are being provisioned there: podKey → node. */
  private readonly waitingOnVolumes = new Map<string, string>();
  private claimsChanged = false;

  constructor(
    private readonly w: World,
    private readonly client: Client,
    private readonly recorder: EventsRecorder,
  ) {
    for (const n of w.store.list('/registry/minions/')) this.nodes.set(n.metadata.name, newNodeInfo(n as unknown as Node));
    for (const p of w.store.list('/registry/pods/')) this.observePod(asPod(p), true);
  }

  onNode(e: WatchEvent): void {
    this.sortedNodes = undefined;
    if (e.type === 'DELETED') this.nodes.delete(e.object.metadata.name);
    else {
      const info = newNodeInfo(e.object as unknown as Node, this.nodes.get(e.object.metadata.name));
      this.nodes.set(info.name, info);
    }
    this.moveAllToActive();
  }

  onPod(e: WatchEvent): void {
    const pod = asPod(e.object);
    if (e.type === 'DELETED') {
      const wasAssigned = this.assigned.has(podKey(pod));
      this.forget(podKey(pod));
      this.unschedulable.delete(podKey(pod));
      this.waitingOnVolumes.delete(podKey(pod));
      this.w.timers.cancel(this.owner, podKey(pod));
      // a pod leaving a node frees resources, a host port, a claim, a domain of spreading or of anti-affinity
      if (wasAssigned) this.moveAllToActive((u) => u.podLeaving);
      return;
    }
    this.observePod(pod, false);
  }

  private observePod(pod: Pod, initial: boolean): void {
    const key = podKey(pod);
    if (pod.spec?.nodeName && !isTerminal(pod)) {
      const accounted = this.assigned.get(key);
      if (!accounted) {
        this.assume(key, pod, pod.spec.nodeName);
        // a pod arriving on a node may be the one another pod's affinity waits for (not one found there at start)
        if (!initial) this.moveAllToActive((u) => u.podArriving);
      }
      // what other pods' spreading and affinity read of it (the cache's UpdatePod)
      else if (countsDiffer(accounted.pod, pod)) {
        this.forget(key);
        this.assume(key, pod, pod.spec.nodeName);
        this.moveAllToActive();
      }
      return;
    }
    if (isTerminal(pod) && this.assigned.has(key)) {
      this.forget(key);
      this.moveAllToActive((u) => u.podLeaving);
      return;
    }
    if (needsScheduling(pod) && !this.unschedulable.has(key) && !this.active.has(key)) {
      // a pod found unscheduled when the scheduler starts has already been tried if it says so
      const triedBefore = initial && pod.status?.conditions?.some((c) => c.type === 'PodScheduled' && c.reason === 'Unschedulable');
      if (triedBefore) this.unschedulable.set(key, { podLeaving: true, podArriving: true, volumes: true });
      else this.active.add(key);
    }
  }

  private assume(key: string, pod: Pod, node: string): void {
    const info = this.nodes.get(node);
    if (!info) return;
    accountPod(info, pod, 1);
    if (hasPodAffinity(pod)) this.podsWithAffinity++;
    this.assigned.set(key, { node, pod });
  }

  private forget(key: string): void {
    const a = this.assigned.get(key);
    if (!a) return;
    const info = this.nodes.get(a.node);
    if (info) accountPod(info, a.pod, -1);
    if (hasPodAffinity(a.pod)) this.podsWithAffinity--;
    this.assigned.delete(key);
  }

  /** A pod Pending for 5 minutes since its last try goes back to the queue, if it is still waiting. */
  onTimer(t: Timer): void {
    if (t.action !== FLUSH || !this.unschedulable.has(t.key)) return;
    this.unschedulable.delete(t.key);
    this.active.add(t.key);
  }

  /** A claim changed (bound, created): pods waiting on their volumes get another try, or their binding. */
  onClaim(): void {
    this.moveAllToActive((u) => !!u.volumes);
    this.claimsChanged = true;
  }

  private moveAllToActive(which: (u: Retry) => boolean = () => true): void {
    for (const [key, u] of this.unschedulable) {
      if (!which(u)) continue;
      this.active.add(key);
      this.unschedulable.delete(key);
    }
  }

  private readonly listers: Listers = {
    claim: (namespace, name) => this.w.store.get(`/registry/persistentvolumeclaims/${namespace}/${name}`)?.value as PersistentVolumeClaim | undefined,
    volume: (name) => this.w.store.get(`/registry/persistentvolumes/${name}`)?.value as PersistentVolume | undefined,
    delayedBinding: (claim) => {
      const sc = claim.spec?.storageClassName && this.w.store.get(`/registry/storageclasses/${claim.spec.storageClassName}`)?.value;
      return (sc as StorageClass | undefined)?.volumeBindingMode === 'WaitForFirstConsumer';
    },
    services: (namespace) => this.w.store.list(`/registry/services/specs/${namespace}/`) as unknown as Service[],
    // the only kind of DefaultSelector's controllers that kubesim serves (no ReplicationController nor StatefulSet)
    controllerSelector: (namespace, owner) =>
      owner.apiVersion === 'apps/v1' && owner.kind === 'ReplicaSet'
        ? (this.w.store.get(`/registry/replicasets/${namespace}/${owner.name}`)?.value as unknown as ReplicaSet | undefined)?.spec?.selector
        : undefined,
    namespaceLabels: (name) => this.w.store.get(`/registry/namespaces/${name}`)?.value.metadata.labels,
    withAffinityPods: (nodes, required) => {
      if (!this.podsWithAffinity) return [];
      return NO_LISTERS.withAffinityPods(nodes, required);
    },
  };

  step(): boolean {
    if (this.claimsChanged) {
      this.claimsChanged = false;
      if (this.waitingOnVolumes.size) {
        for (const [key, node] of this.waitingOnVolumes) this.bindOnceVolumesBound(key, node);
        return true;
      }
    }
    const key = this.active.get();
    if (key === undefined) return false;
    const [namespace, name] = [key.slice(0, key.indexOf('/')), key.slice(key.indexOf('/') + 1)];
    const stored = this.w.store.get(`/registry/pods/${namespace}/${name}`);
    if (!stored || !needsScheduling(asPod(stored.value))) return true;
    this.schedule(stored.value);
    return true;
  }

  private schedule(podObj: KObject): void {
    const pod = asPod(podObj);
    const nodes = (this.sortedNodes ??= [...this.nodes.values()].sort((a, b) => a.name.localeCompare(b.name)));
    const d = scheduleOne(pod, nodes, this.nextStartNodeIndex, this.listers, this.telling());
    if (nodes.length) this.nextStartNodeIndex = (this.nextStartNodeIndex + d.evaluated) % nodes.length;
    if (!d.chosen) {
      this.fail(podObj, fitErrorMessage(nodes.length, d.failures, d.preFilterMessage), d);
      return;
    }
    const chosen = d.chosen.name;
    if (this.w.log.listening) this.tellDecision(podObj, d, nodes.length);
    this.assume(podKey(pod), pod, chosen);
    const delayed = volumeState(d.state)?.delayed ?? [];
    if (delayed.length) return this.selectNodeForClaims(podObj, delayed, chosen, d);
    this.bind(podObj, chosen, d);
  }

  private telling(): Telling {
    return !this.w.log.listening ? 'quiet' : this.w.log.detailed ? 'full' : 'summary';
  }

  /**
   * The cycle as the narration tells it: nodes filtered, scored, and the choice against the runner-up. Right after the
   * cycle, before anything else runs: a summary's scores are overwritten by the next one.
   */
  private tellDecision(podObj: KObject, d: Decision, total: number): void {
    const ref = { kind: 'Pod', namespace: podObj.metadata.namespace, name: podObj.metadata.name };
    this.w.log.emit('scheduler', { kind: 'scheduler.filtered', pod: ref, verdicts: d.verdicts, feasible: d.feasible.length, evaluated: d.evaluated, total });
    if (d.scored) {
      this.w.log.emit(
        'scheduler',
        this.w.log.detailed
          ? { kind: 'scheduler.scored', pod: ref, verdicts: d.verdicts.filter((v) => v.total !== undefined) }
          : { kind: 'scheduler.scored', pod: ref, verdicts: bestVerdicts(d), scoredNodes: d.feasible.length },
      );
    }
    const mine = d.feasible.indexOf(d.chosen!);
    const runnerUp = d.scored ? bestNode(d, mine).index : -1;
    this.w.log.emit('scheduler', {
      kind: 'scheduler.bound',
      pod: ref,
      node: d.chosen!.name,
      score: d.totals?.[mine],
      scores: d.scored ? scoreBreakdown(d, mine) : undefined,
      runnerUp: runnerUp >= 0 ? { node: d.feasible[runnerUp]!.name, score: d.totals![runnerUp]!, scores: scoreBreakdown(d, runnerUp) } : undefined,
      tieBroken: d.tieBroken,
      alone: d.feasible.length === 1,
    });
  }

  private bind(podObj: KObject, node: string, d?: Decision): void {
    const result = this.client.bind(podObj.metadata.namespace!, podObj.metadata.name, node);
    if (!result.ok) {
      const key = podKey(asPod(podObj));
      this.forget(key);
      // a binding held for volumes has no decision left to report: the pod simply gets another cycle
      if (d) this.fail(podObj, `binding rejected: ${result.error.message}`, d);
      else this.active.add(key);
      return;
    }
    this.recorder.eventf(podObj, 'Normal', 'Scheduled', 'Binding', `Successfully assigned ${podObj.metadata.namespace}/${podObj.metadata.name} to ${node}`);
    this.w.timers.cancel(this.owner, podKey(asPod(podObj)));
    // as for any pod arriving on a node: it may be the one a waiting pod's affinity asks for
    this.moveAllToActive((u) => u.podArriving);
  }

  /**
   * VolumeBinding's PreBind for WaitForFirstConsumer claims: write the chosen node on each claim so the provisioner
   * creates the volume there, and hold the pod's binding until every claim is bound.
   */
  private selectNodeForClaims(podObj: KObject, delayed: PersistentVolumeClaim[], node: string, d: Decision): void {
    for (const claim of delayed) {
      const fresh = structuredClone(this.w.store.get(`/registry/persistentvolumeclaims/${claim.metadata!.namespace}/${claim.metadata!.name}`)!.value);
      fresh.metadata.annotations = { ...fresh.metadata.annotations, [SELECTED_NODE]: node };
      const r = this.client.update(fresh);
      if (!r.ok) {
        this.forget(podKey(asPod(podObj)));
        return this.fail(podObj, `running PreBind plugin "VolumeBinding": ${r.error.message}`, d);
      }
    }
    this.w.log.emit('scheduler', { kind: 'scheduler.waiting-for-volumes', pod: { kind: 'Pod', namespace: podObj.metadata.namespace, name: podObj.metadata.name }, node, claims: delayed.map((c) => c.metadata!.name!) });
    this.waitingOnVolumes.set(podKey(asPod(podObj)), node);
    this.claimsChanged = true;
  }

  private bindOnceVolumesBound(key: string, node: string): void {
    const podObj = this.w.store.get(`/registry/pods/${key}`)?.value;
    if (!podObj || !needsScheduling(asPod(podObj))) return void this.waitingOnVolumes.delete(key);
    const claims = (asPod(podObj).spec?.volumes ?? []).flatMap((v) => (v.persistentVolumeClaim ? [this.listers.claim(podObj.metadata.namespace!, v.persistentVolumeClaim.claimName)] : []));
    if (!claims.every((c) => c?.spec?.volumeName && c.status?.phase === 'Bound')) return;
    this.waitingOnVolumes.delete(key);
    this.bind(podObj, node);
  }

  /**
   * FailedScheduling event and PodScheduled=False, then wait for the cluster to change. A retry of the same version of
   * the pod (the condition is written once) joins the event's series (x2, x3…); the story is told once.
   */
  private fail(podObj: KObject, message: string, d: Decision): void {
    const key = podKey(asPod(podObj));
    this.unschedulable.set(key, retryOn(d));
    // patient: a command does not jump the clock to it; it fires as time passes (wall time, `kubesim wait`)
    this.w.timers.cancel(this.owner, key);
    this.w.timers.add(this.w.clock.now() + UNSCHEDULABLE_FLUSH_MS, this.owner, key, FLUSH, { patient: true });
    this.recorder.eventf(podObj, 'Warning', 'FailedScheduling', 'Scheduling', message);
    const fresh = clone(this.w.store.get(`/registry/pods/${podObj.metadata.namespace}/${podObj.metadata.name}`)!.value);
    const status = ((fresh as { status?: Pod['status'] }).status ??= {});
    const previous = status.conditions?.find((c) => c.type === 'PodScheduled');
    if (previous?.message === message) return;
    const ref = { kind: 'Pod', namespace: podObj.metadata.namespace, name: podObj.metadata.name };
    if (d.evaluated) this.w.log.emit('scheduler', { kind: 'scheduler.filtered', pod: ref, verdicts: d.verdicts, feasible: 0, evaluated: d.evaluated, total: this.nodes.size });
    this.w.log.emit('scheduler', { kind: 'scheduler.failed', pod: ref, message });
    (status as { phase?: string }).phase = 'Pending';
    status.conditions = [
      { type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message, lastProbeTime: null as unknown as string, lastTransitionTime: previous?.lastTransitionTime ?? rfc3339(this.w.clock.now()) },
    ];
    this.client.updateStatus(fresh);
  }
}
