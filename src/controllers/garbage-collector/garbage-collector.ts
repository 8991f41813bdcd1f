import type { KObject } from '../../api/object.js';
import { byKindOnly, etcdPrefix } from '../../api/resources.js';
import type { Client } from '../../client/client.js';
import type { World } from '../../sim/world.js';
import type { Reconciler, Result } from '../runtime.js';

/** Kinds whose objects carry ownerReferences in kubesim. */
const DEPENDENT_KINDS = ['ReplicaSet', 'Pod', 'EndpointSlice'];

/**
 * The garbage collector's background cascade: once an owner is gone, its dependents are deleted, which
 * cascades again (Deployment → ReplicaSets → Pods). Keys are `namespace/uid` of deleted owners.
 */
export class GarbageCollector implements Reconciler {
  readonly name = 'garbage-collector';
  private readonly gone = new Map<string, KObject>();

  constructor(
    private readonly w: World,
    private readonly client: Client,
  ) {}

  /** Called by the watch on deletions; returns the key to reconcile. */
  ownerDeleted(owner: KObject): string {
    const key = `${owner.metadata.namespace ?? ''}/${owner.metadata.uid}`;
    this.gone.set(key, owner);
    return key;
  }

  reconcile(key: string): Result {
    const owner = this.gone.get(key);
    this.gone.delete(key);
    if (!owner) return {};
    const namespace = owner.metadata.namespace;
    for (const kind of DEPENDENT_KINDS) {
      const r = byKindOnly(kind)!;
      for (const obj of this.w.store.list(etcdPrefix(r, namespace))) {
        if (!obj.metadata.ownerReferences?.some((o) => o.uid === owner.metadata.uid)) continue;
        if (obj.metadata.deletionTimestamp) continue;
        const result = this.client.delete(kind, obj.metadata.namespace, obj.metadata.name);
        if (result.ok) {
          this.w.log.emit('controller-manager', {
            kind: 'gc.deleted',
            owner: { kind: owner.kind, namespace, name: owner.metadata.name },
            dependent: { kind, namespace: obj.metadata.namespace, name: obj.metadata.name },
          });
        }
      }
    }
    return {};
  }
}
