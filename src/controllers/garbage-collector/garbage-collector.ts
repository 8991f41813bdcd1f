import type { KObject } from '../../api/object.js';
import { byKindOnly, etcdKey, etcdPrefix } from '../../api/resources.js';
import { POLICY_FINALIZERS } from '../../api/deletion.js';
import type { Client } from '../../client/client.js';
import type { World } from '../../sim/world.js';
import type { Reconciler, Result } from '../runtime.js';

/** Kinds whose objects carry ownerReferences in kubesim. */
export const DEPENDENT_KINDS = ['ReplicaSet', 'Job', 'Pod', 'EndpointSlice'];
const ORPHAN = POLICY_FINALIZERS.Orphan!;
const FOREGROUND = POLICY_FINALIZERS.Foreground!;

const refOf = (o: KObject) => ({ kind: o.kind, namespace: o.metadata.namespace, name: o.metadata.name });

/**
 * The garbage collector, keyed by `namespace/uid` of owners:
 * - background cascade: once an owner is gone, its dependents are deleted, which cascades again (Deployment →
 *   ReplicaSets → Pods);
 * - an owner deleted with the Orphan policy (its "orphan" finalizer): its dependents lose their reference to it and
 *   stay, then the finalizer goes, and the owner with it;
 * - with the Foreground policy ("foregroundDeletion"): its dependents are deleted first, in the foreground too, and
 *   the finalizer goes once the last of them is gone.
 */
export class GarbageCollector implements Reconciler {
  readonly name = 'garbage-collector';
  private readonly gone = new Map<string, KObject>();
  /** Owners marked for deletion with a policy's finalizer, as last seen. */
  private readonly finalizing = new Map<string, KObject>();

  constructor(
    private readonly w: World,
    private readonly client: Client,
  ) {}

  /** Called by the watch on deletions; returns the key to reconcile. */
  ownerDeleted(owner: KObject): string {
    const key = keyOf(owner);
    this.finalizing.delete(key);
    this.gone.set(key, owner);
    return key;
  }

  /** Called by the watch on an owner's changes; the key to reconcile if it waits for the collector (a policy's finalizer). */
  ownerChanged(owner: KObject): string | undefined {
    const finalizers = owner.metadata.finalizers ?? [];
    if (!owner.metadata.deletionTimestamp || !(finalizers.includes(ORPHAN) || finalizers.includes(FOREGROUND))) return undefined;
    this.finalizing.set(keyOf(owner), owner);
    return keyOf(owner);
  }

  /**
   * Called by the watch on a dependent's deletion: the keys of its owners waiting in the foreground for it. Read from
   * the store, not remembered: the deletion that started the wait may have been another command's (`--wait=false`).
   */
  dependentDeleted(dependent: KObject): string[] {
    const keys: string[] = [];
    for (const ref of dependent.metadata.ownerReferences ?? []) {
      const r = byKindOnly(ref.kind);
      const owner = r?.ownsDependents ? this.w.store.get(etcdKey(r, dependent.metadata.namespace, ref.name))?.value : undefined;
      if (owner?.metadata.uid !== ref.uid || !owner.metadata.deletionTimestamp || !owner.metadata.finalizers?.includes(FOREGROUND)) continue;
      this.finalizing.set(keyOf(owner), owner);
      keys.push(keyOf(owner));
    }
    return keys;
  }

  reconcile(key: string): Result {
    const owner = this.gone.get(key);
    if (owner) {
      this.gone.delete(key);
      for (const dependent of this.dependentsOf(owner)) if (!dependent.metadata.deletionTimestamp) this.deleteDependent(owner, dependent);
      return {};
    }
    const seen = this.finalizing.get(key);
    if (!seen) return {};
    // level-triggered: the owner as it is now, if it is still the one marked
    const current = this.w.store.get(etcdKey(byKindOnly(seen.kind)!, seen.metadata.namespace, seen.metadata.name))?.value;
    if (!current || current.metadata.uid !== seen.metadata.uid) {
      this.finalizing.delete(key);
      return {};
    }
    const finalizers = current.metadata.finalizers ?? [];
    const dependents = this.dependentsOf(current);
    if (finalizers.includes(ORPHAN)) {
      for (const dependent of dependents) this.orphan(current, dependent);
      return this.removeFinalizer(current, ORPHAN);
    }
    if (finalizers.includes(FOREGROUND)) {
      for (const dependent of dependents) if (!dependent.metadata.deletionTimestamp) this.deleteDependent(current, dependent, 'Foreground');
      // the last dependent's deletion brings the owner back here (dependentDeleted)
      if (dependents.length) return {};
      return this.removeFinalizer(current, FOREGROUND);
    }
    this.finalizing.delete(key);
    return {};
  }

  private dependentsOf(owner: KObject): KObject[] {
    const namespace = owner.metadata.namespace;
    return DEPENDENT_KINDS.flatMap((kind) => this.w.store.list(etcdPrefix(byKindOnly(kind)!, namespace)).filter((o) => o.metadata.ownerReferences?.some((r) => r.uid === owner.metadata.uid)));
  }

  private deleteDependent(owner: KObject, dependent: KObject, policy?: 'Foreground'): void {
    const result = this.client.delete(dependent.kind, dependent.metadata.namespace, dependent.metadata.name, undefined, policy);
    if (result.ok) this.w.log.emit('controller-manager', { kind: 'gc.deleted', owner: refOf(owner), dependent: refOf(dependent), ...(policy ? { foreground: true } : {}) });
  }

  /** The dependent loses its reference to the owner (the collector's patch), and stays. */
  private orphan(owner: KObject, dependent: KObject): void {
    const updated = structuredClone(dependent);
    const refs = (dependent.metadata.ownerReferences ?? []).filter((r) => r.uid !== owner.metadata.uid);
    if (refs.length) updated.metadata.ownerReferences = refs;
    else delete updated.metadata.ownerReferences;
    if (this.client.update(updated).ok) this.w.log.emit('controller-manager', { kind: 'gc.orphaned', owner: refOf(owner), dependent: refOf(dependent) });
  }

  /** Its work done, the collector takes its finalizer off: with none left, the API server deletes the owner. */
  private removeFinalizer(owner: KObject, finalizer: string): Result {
    const updated = structuredClone(owner);
    updated.metadata.finalizers = (owner.metadata.finalizers ?? []).filter((f) => f !== finalizer);
    this.client.update(updated);
    this.finalizing.delete(keyOf(owner));
    return {};
  }
}

const keyOf = (o: KObject) => `${o.metadata.namespace ?? ''}/${o.metadata.uid}`;
