import { ApiError, notFound } from '../api/errors.js';
import { fieldsMatch, requestedName, unsupportedField, type FieldTerm } from '../api/field-selector.js';
import type { KObject } from '../api/object.js';
import { etcdKey, etcdPrefix, qualifiedResource, restPath } from '../api/resources.js';
import type { EventLog } from '../events/sink.js';
import type { Store } from '../store/store.js';
import { authorize, forbiddenMessage } from './authz.js';
import type { ApiRequest, ApiResult } from './server.js';

/** What the front of the API server needs: the store (RBAC objects, data) and the event log. */
export interface Front {
  store: Store;
  log: EventLog;
}

const METHOD = { create: 'POST', update: 'PUT', patch: 'PATCH', delete: 'DELETE', get: 'GET', list: 'GET', watch: 'GET' } as const;

/** A watch is a GET of the list with ?watch=true; of one object, the list narrowed to its name (kubectl get NAME -w). */
const watchQuery = (name: string | undefined) => `?${name ? `fieldSelector=metadata.name%3D${name}&` : ''}watch=true`;

/**
 * The first stages of every request, shared by reads and writes: the request arrives, the user is
 * authenticated, RBAC decides. Returns the Forbidden error, or undefined when the request may go on.
 */
export function admitRequest(f: Front, req: ApiRequest): ApiError | undefined {
  // the story of each request is told only to a listener: a quiet load sends millions
  const told = f.log.listening;
  const checksTold = f.log.tellsChecksOf(req.client);
  if (told) {
    const isCreate = req.verb === 'create' && !req.subresource;
    const name = req.name ?? req.body?.metadata?.name ?? req.body?.metadata?.generateName ?? '';
    f.log.emit(req.client, {
      kind: 'request.sent',
      verb: req.verb,
      method: METHOD[req.verb],
      path:
        req.verb === 'watch'
          ? restPath(req.resource, req.namespace) + watchQuery(req.name)
          : restPath(req.resource, req.namespace, req.subresource ? `${req.name}/${req.subresource}` : isCreate || req.verb === 'list' ? undefined : req.name),
      object: { kind: req.resource.kind, namespace: req.resource.namespaced ? req.namespace : undefined, name },
      user: req.user.name,
      client: req.client,
      dryRun: req.dryRun,
    });
  }
  if (checksTold) f.log.emit('apiserver', { kind: 'authn.succeeded', user: req.user.name, groups: req.user.groups, method: req.user.method, ...(req.user.impersonatedBy && { impersonatedBy: req.user.impersonatedBy }) });
  const attrs = {
    verb: req.verb,
    group: req.resource.group,
    resource: req.resource.plural,
    subresource: req.subresource,
    namespace: req.resource.namespaced ? req.namespace : undefined,
    // a create names no object, except on a subresource of one (pods/eviction, pods/binding)
    name: req.verb === 'create' && !req.subresource ? undefined : (req.name ?? (req.verb === 'list' || req.verb === 'watch' ? requestedName(req.fieldSelector) : undefined)),
  };
  const decision = authorize(f.store, req.user, attrs);
  if (decision.allowed && !checksTold) return undefined;
  const base = { user: req.user.name, verb: req.verb, resource: qualifiedResource(req.resource), namespace: attrs.namespace };
  if (decision.allowed) {
    f.log.emit('apiserver', { kind: 'authz.allowed', ...base, via: decision.via });
    return undefined;
  }
  const message = forbiddenMessage(req.user, attrs, qualifiedResource(req.resource));
  f.log.emit('apiserver', { kind: 'authz.denied', ...base, message });
  return new ApiError('Forbidden', message, { name: req.name, group: req.resource.group, kind: req.resource.plural });
}

/**
 * GET, LIST and WATCH: served from the store once the request is admitted. A watch answers what the list holds now
 * (kubesim's watches look again and again: see everyTick); RBAC decides on its own verb, as kube-apiserver's.
 */
export function read(f: Front, req: ApiRequest): ApiResult {
  const denied = admitRequest(f, req);
  if (denied) return { ok: false, error: denied };
  if (req.verb === 'get') {
    const stored = f.store.get(etcdKey(req.resource, req.namespace, req.name!));
    return stored ? { ok: true, object: stored.value } : { ok: false, error: notFound(qualifiedResource(req.resource), req.name!) };
  }
  // the field label conversion of the kind, after RBAC
  const unsupported = req.fieldSelector && unsupportedField(req.resource.kind, req.fieldSelector);
  if (unsupported) return { ok: false, error: new ApiError('BadRequest', unsupported) };
  const prefix = etcdPrefix(req.resource, req.resource.namespaced ? req.namespace : undefined);
  const listed = req.fieldSelector ? selectByFields(f.store, prefix, req.resource.kind, req.fieldSelector) : f.store.list(prefix);
  const objects = req.verb === 'watch' && req.name ? listed.filter((o) => o.metadata.name === req.name) : listed;
  return { ok: true, object: listObject(objects, f.store.revision), objects };
}

/**
 * A list narrowed by a field selector, in key order. The events of one object (involvedObject.name=…, what describe,
 * `kubectl events --for` and `get events --field-selector` ask) are read from the saved file by the lines that name
 * it, not the cluster's 750,000 events parsed first.
 */
function selectByFields(store: Store, prefix: string, kind: string, terms: FieldTerm[]): KObject[] {
  const named = kind === 'Event' ? terms.find((t) => t.equal && t.field === 'involvedObject.name' && t.value) : undefined;
  if (named) return store.find(prefix, named.value, (o) => fieldsMatch(terms, o));
  return store.list(prefix).filter((o) => fieldsMatch(terms, o));
}

/** A v1 List, as `kubectl get -o json` prints several objects. */
export function listObject(items: KObject[], revision?: number): KObject {
  return { apiVersion: 'v1', kind: 'List', metadata: { resourceVersion: revision === undefined ? '' : String(revision) }, items } as unknown as KObject;
}
