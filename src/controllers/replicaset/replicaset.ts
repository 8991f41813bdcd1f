import type { ReplicaSet } from 'kubernetes-types/apps/v1.js';
import { selectorMatches } from '../../api/labels.js';
import { clone, controllerOf, jsonEqual, type KObject } from '../../api/object.js';
import { asPod, isActive, isReady } from '../../api/pods.js';
import type { Client } from '../../client/client.js';
import type { Recorder } from '../../client/recorder.js';
import type { World } from '../../sim/world.js';
import type { WatchEvent } from '../../store/store.js';
import { controllerRef, splitKey } from '../owners.js';
import type { Reconciler, Result } from '../runtime.js';
import { deletionOrder } from './plan.js';
import { createPods } from '../pod-control.js';

/**
 * The pod index the controller reads instead of listing its namespace (upstream's controllerUID indexer, with the
 * pod's state in the value): `UID/active` and `UID/ready` count its pods without reading one; `orphan/NAMESPACE`
 * holds the active pods that no controller owns, which a ReplicaSet whose selector they match adopts.
 */
export const PODS_BY_CONTROLLER = 'controllerUID';

function controllerValues(pod: KObject): string[] {
  const p = asPod(pod);
  if (!isActive(p)) return [];
  const uid = controllerOf(pod)?.uid;
  if (!uid) return [`orphan/${pod.metadata.namespace}`];
  return isReady(p) ? [`${uid}/active`, `${uid}/ready`] : [`${uid}/active`];
}

const labelsChanged = (e: WatchEvent) => !!e.previous && !jsonEqual(e.previous.metadata.labels ?? {}, e.object.metadata.labels ?? {});

/** pkg/controller/replicaset: keeps `spec.replicas` pods alive from the template, and reports their state. */
export class ReplicaSetController implements Reconciler {
  readonly name = 'replicaset';
  /**
   * The ReplicaSets whose pods' labels or owners changed since their last sync: upstream claims at every sync (owned
   * pods that no longer match are released, matching orphans adopted); here only when one may have to be, so that a
   * sync does not go through 150,000 pods for each one that becomes ready.
   */
  private readonly toClaim = new Set<string>();

  constructor(
    private readonly w: World,
    private readonly client: Client,
    private readonly recorder: Recorder,
  ) {
    w.store.addIndex(PODS_BY_CONTROLLER, '/registry/pods/', controllerValues);
  }

  /**
   * The informer's pod handlers (addPod, updatePod, deletePod): the ReplicaSets to sync for a pod's event, its
   * controller's, its former controller's, and for an orphan that appeared or changed, every one whose selector
   * matches it (to adopt it).
   */
  onPod(e: WatchEvent): string[] {
    const pod = e.object;
    const namespace = pod.metadata.namespace!;
    const owner = controllerOf(pod);
    const before = e.previous && controllerOf(e.previous);
    const keys: string[] = [];
    if (before?.kind === 'ReplicaSet' && before.uid !== owner?.uid) keys.push(`${namespace}/${before.name}`);
    if (owner) {
      if (owner.kind !== 'ReplicaSet') return keys;
      const key = `${namespace}/${owner.name}`;
      if (labelsChanged(e)) this.toClaim.add(key);
      keys.push(key);
      return keys;
    }
    if (e.type === 'DELETED' || (e.type === 'MODIFIED' && !labelsChanged(e) && !before)) return keys;
    for (const rs of this.w.store.list(`/registry/replicasets/${namespace}/`)) {
      if (!selectorMatches((rs as unknown as ReplicaSet).spec?.selector, pod.metadata.labels)) continue;
      const key = `${namespace}/${rs.metadata.name}`;
      this.toClaim.add(key);
      keys.push(key);
    }
    return keys;
  }

  reconcile(key: string): Result {
    const [namespace, name] = splitKey(key);
    const stored = this.w.store.get(`/registry/replicasets/${namespace}/${name}`);
    if (!stored || stored.value.metadata.deletionTimestamp) return {};
    const rs = stored.value;
    if (this.toClaim.delete(key)) this.claimPods(rs);
    const have = this.w.store.indexCount(PODS_BY_CONTROLLER, `${rs.metadata.uid}/active`);
    const want = (rs as unknown as ReplicaSet).spec?.replicas ?? 1;
    const diff = want - have;
    if (diff !== 0) {
      this.w.log.emit('controller-manager', { kind: 'replicaset.observed', replicaSet: { kind: 'ReplicaSet', namespace, name }, want, have });
    }
    if (diff > 0) this.createPods(rs, diff);
    if (diff < 0) this.deletePods(rs, this.w.store.byIndex(PODS_BY_CONTROLLER, `${rs.metadata.uid}/active`), -diff);
    this.updateStatus(rs);
    return {};
  }

  /**
   * ControllerRefManager.ClaimPods: a pod it owns whose labels left the selector is released (its ownerReference
   * removed: it runs on, alone, and the ReplicaSet makes another); an orphan that matches is adopted.
   */
  private claimPods(rs: KObject): void {
    const selector = (rs as unknown as ReplicaSet).spec?.selector;
    const ref = { kind: 'ReplicaSet', namespace: rs.metadata.namespace, name: rs.metadata.name };
    for (const pod of this.w.store.byIndex(PODS_BY_CONTROLLER, `${rs.metadata.uid}/active`)) {
      if (selectorMatches(selector, pod.metadata.labels)) continue;
      const released = clone(pod);
      released.metadata.ownerReferences = pod.metadata.ownerReferences!.filter((o) => o.uid !== rs.metadata.uid);
      if (!released.metadata.ownerReferences.length) delete released.metadata.ownerReferences;
      if (this.client.update(released).ok) this.w.log.emit('controller-manager', { kind: 'replicaset.pod-released', replicaSet: ref, pod: pod.metadata.name });
    }
    for (const pod of this.w.store.byIndex(PODS_BY_CONTROLLER, `orphan/${rs.metadata.namespace}`)) {
      if (pod.metadata.deletionTimestamp || !selectorMatches(selector, pod.metadata.labels)) continue;
      const adopted = clone(pod);
      adopted.metadata.ownerReferences = [...(pod.metadata.ownerReferences ?? []), controllerRef(rs)];
      if (this.client.update(adopted).ok) this.w.log.emit('controller-manager', { kind: 'replicaset.pod-adopted', replicaSet: ref, pod: pod.metadata.name });
    }
  }

  private createPods(rs: KObject, count: number): void {
    const replicaSet = { kind: 'ReplicaSet', namespace: rs.metadata.namespace, name: rs.metadata.name };
    const shape = { generateName: `${rs.metadata.name}-`, template: (rs as unknown as ReplicaSet).spec!.template! };
    createPods(this.client, this.recorder, rs, count, () => shape, (pod, etcdRevision) => this.w.log.emit('controller-manager', { kind: 'replicaset.pod-created', replicaSet, pod, etcdRevision }));
  }

  private deletePods(rs: KObject, active: KObject[], count: number): void {
    for (const pod of deletionOrder(active.map(asPod)).slice(0, count)) {
      const podName = pod.metadata!.name!;
      const result = this.client.delete('Pod', rs.metadata.namespace, podName);
      if (!result.ok) continue;
      this.recorder.normal(rs, 'SuccessfulDelete', `Deleted pod: ${podName}`);
      this.w.log.emit('controller-manager', { kind: 'replicaset.pod-deleted', replicaSet: { kind: 'ReplicaSet', namespace: rs.metadata.namespace, name: rs.metadata.name }, pod: podName });
    }
  }

  private updateStatus(rs: KObject): void {
    const fresh = this.w.store.get(`/registry/replicasets/${rs.metadata.namespace}/${rs.metadata.name}`)!.value;
    const active = this.w.store.indexCount(PODS_BY_CONTROLLER, `${fresh.metadata.uid}/active`);
    const ready = this.w.store.indexCount(PODS_BY_CONTROLLER, `${fresh.metadata.uid}/ready`);
    const status = {
      replicas: active,
      fullyLabeledReplicas: active,
      readyReplicas: ready,
      availableReplicas: ready,
      observedGeneration: fresh.metadata.generation,
    };
    const current = (fresh as unknown as ReplicaSet).status ?? {};
    // Go's omitempty: zero counts vanish, except replicas
    const trimmed = Object.fromEntries(Object.entries(status).filter(([k, v]) => v !== 0 || k === 'replicas'));
    if (jsonEqual(trimmed, current)) return;
    this.client.updateStatus({ ...fresh, status: trimmed } as KObject);
  }
}
