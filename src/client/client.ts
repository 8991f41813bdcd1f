import type { KObject } from '../api/object.js';
import { byKindOnly, resolveResource, type ResourceType } from '../api/resources.js';
import type { PropagationPolicy } from '../api/deletion.js';
import type { ApiResult, ApiServer } from '../apiserver/server.js';
import type { UserInfo } from '../apiserver/authn.js';
import type { Actor } from '../events/types.js';

function resourceOf(kind: string): ResourceType {
  const r = byKindOnly(kind);
  if (!r) throw new Error(`kubesim bug: no resource for kind ${kind}`);
  return r;
}

/**
 * client-go for the simulated control plane: typed writes through the API server under a component's identity.
 * Reads come from the store directly, as an informer cache would serve them.
 */
export class Client {
  constructor(
    private readonly api: ApiServer,
    readonly user: UserInfo,
    readonly actor: Actor,
  ) {}

  /** `owned`: `obj` was built for this create and is not used afterwards, so the server may keep it (see ApiRequest). */
  create(obj: KObject, { owned = false } = {}): ApiResult {
    const r = resourceOf(obj.kind);
    return this.api.handle({ verb: 'create', resource: r, namespace: obj.metadata.namespace, body: obj, user: this.user, client: this.actor, trusted: true, owned });
  }

  /** `owned`: as for create; the server may also change `obj` and its metadata (never anything it shares with the store). */
  update(obj: KObject, { owned = false } = {}): ApiResult {
    const r = resourceOf(obj.kind);
    return this.api.handle({ verb: 'update', resource: r, namespace: obj.metadata.namespace, name: obj.metadata.name, body: obj, user: this.user, client: this.actor, trusted: true, owned });
  }

  updateStatus(obj: KObject): ApiResult {
    const r = resourceOf(obj.kind);
    return this.api.handle({
      verb: 'update',
      resource: r,
      namespace: obj.metadata.namespace,
      name: obj.metadata.name,
      body: obj,
      subresource: 'status',
      user: this.user,
      client: this.actor,
      trusted: true,
    });
  }

  delete(kind: string, namespace: string | undefined, name: string, gracePeriodSeconds?: number, propagationPolicy?: PropagationPolicy): ApiResult {
    return this.api.handle({ verb: 'delete', resource: resourceOf(kind), namespace, name, user: this.user, client: this.actor, gracePeriodSeconds, propagationPolicy, trusted: true });
  }

  bind(namespace: string, name: string, node: string): ApiResult {
    const body = { apiVersion: 'v1', kind: 'Binding', metadata: { name, namespace }, target: { apiVersion: 'v1', kind: 'Node', name: node } };
    return this.api.handle({
      verb: 'create',
      resource: resolveResource('pods')!,
      namespace,
      name,
      subresource: 'binding',
      body: body as unknown as KObject,
      user: this.user,
      client: this.actor,
      trusted: true,
    });
  }
}
