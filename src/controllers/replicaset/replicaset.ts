import type { ReplicaSet } from 'kubernetes-types/apps/v1.js';
import { clone, controllerOf, jsonEqual, type KObject } from '../../api/object.js';
import { asPod, isActive, isReady } from '../../api/pods.js';
import type { Client } from '../../client/client.js';
import type { Recorder } from '../../client/recorder.js';
import type { World } from '../../sim/world.js';
import { controllerRef, splitKey } from '../owners.js';
import type { Reconciler, Result } from '../runtime.js';
import { deletionOrder, slowStartBatches } from './plan.js';

/**
 * The pod index the controller reads instead of listing its namespace (upstream's controllerUID indexer, with the
 * pod's state in the value): `UID/active` and `UID/ready` count its pods without reading one.
 */
export const PODS_BY_CONTROLLER = 'controllerUID';

function controllerValues(pod: KObject): string[] {
  const uid = controllerOf(pod)?.uid;
  const p = asPod(pod);
  if (!uid || !isActive(p)) return [];
  return isReady(p) ? [`${uid}/active`, `${uid}/ready`] : [`${uid}/active`];
}

/** pkg/controller/replicaset: keeps `spec.replicas` pods alive from the template, and reports their state. */
export class ReplicaSetController implements Reconciler {
  readonly name = 'replicaset';

  constructor(
    private readonly w: World,
    private readonly client: Client,
    private readonly recorder: Recorder,
  ) {
    w.store.addIndex(PODS_BY_CONTROLLER, '/registry/pods/', controllerValues);
  }

  reconcile(key: string): Result {
    const [namespace, name] = splitKey(key);
    const stored = this.w.store.get(`/registry/replicasets/${namespace}/${name}`);
    if (!stored || stored.value.metadata.deletionTimestamp) return {};
    const rs = stored.value;
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

  private createPods(rs: KObject, count: number): void {
    const template = (rs as unknown as ReplicaSet).spec!.template!;
    for (const batch of slowStartBatches(count)) {
      for (let i = 0; i < batch; i++) {
        const pod = {
          apiVersion: 'v1',
          kind: 'Pod',
          metadata: {
            generateName: `${rs.metadata.name}-`,
            namespace: rs.metadata.namespace,
            labels: { ...(template.metadata?.labels ?? {}) },
            ...(template.metadata?.annotations ? { annotations: { ...template.metadata.annotations } } : {}),
            ownerReferences: [controllerRef(rs)],
          },
          spec: clone(template.spec),
        };
        const result = this.client.create(pod as unknown as KObject, { owned: true });
        if (!result.ok) {
          this.recorder.warning(rs, 'FailedCreate', `Error creating: ${result.error.message}`);
          return;
        }
        const podName = result.object.metadata.name;
        this.recorder.normal(rs, 'SuccessfulCreate', `Created pod: ${podName}`);
        this.w.log.emit('controller-manager', {
          kind: 'replicaset.pod-created',
          replicaSet: { kind: 'ReplicaSet', namespace: rs.metadata.namespace, name: rs.metadata.name },
          pod: podName,
          etcdRevision: Number(result.object.metadata.resourceVersion),
        });
      }
    }
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
