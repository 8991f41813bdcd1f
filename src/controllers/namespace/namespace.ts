import { RESOURCES, etcdPrefix } from '../../api/resources.js';
import type { Client } from '../../client/client.js';
import type { World } from '../../sim/world.js';
import type { Reconciler, Result } from '../runtime.js';

/**
 * The namespace controller: a Terminating namespace is emptied, then its `kubernetes` finalizer is removed so the
 * API server can delete it. Pods with a grace period make it wait; the controller looks again a second later.
 */
export class NamespaceController implements Reconciler {
  readonly name = 'namespace';

  constructor(
    private readonly w: World,
    private readonly client: Client,
  ) {}

  reconcile(name: string): Result {
    const ns = this.w.store.get(`/registry/namespaces/${name}`)?.value;
    if (!ns?.metadata.deletionTimestamp) return {};
    let remaining = 0;
    for (const r of RESOURCES.filter((res) => res.namespaced && res.kind !== 'Event')) {
      for (const obj of this.w.store.list(etcdPrefix(r, name))) {
        remaining++;
        if (!obj.metadata.deletionTimestamp) this.client.delete(r.kind, name, obj.metadata.name);
      }
    }
    if (remaining > 0 && this.w.store.count(`/registry/pods/${name}/`) > 0) return { requeueAfterMs: 1000 };
    for (const e of this.w.store.list(`/registry/events/${name}/`)) this.client.delete('Event', name, e.metadata.name);
    const finalized = structuredClone(this.w.store.get(`/registry/namespaces/${name}`)!.value);
    (finalized.spec as { finalizers?: string[] }).finalizers = [];
    this.client.update(finalized);
    return {};
  }
}
