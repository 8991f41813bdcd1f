import type { FieldTerm } from '../api/field-selector.js';
import { ApiError, MAX_REQUEST_BYTES, alreadyExists, badRequest, conflict, invalidError, notFound, requestTooLarge } from '../api/errors.js';
import { clone, jsonEqual, type KObject } from '../api/object.js';
import { POLICY_FINALIZERS, type PropagationPolicy } from '../api/deletion.js';
import { apiVersionOf, etcdKey, qualifiedResource, type ResourceType } from '../api/resources.js';
import type { Actor, Verb } from '../events/types.js';
import { rfc3339 } from '../sim/clock.js';
import { generateName, uuid } from '../sim/ids.js';
import type { World } from '../sim/world.js';
import { ADMISSION_CHAIN } from './admission/index.js';
import type { AdmissionContext, Operation } from './admission/plugin.js';
import type { UserInfo } from './authn.js';
import { strictDecode } from './decode.js';
import { recordUpdate } from './managed-fields.js';
import { applyDefaults } from './defaults.js';
import { admitRequest, read } from './reader.js';
import { STRATEGIES } from './registry/index.js';
import { LeaseManager } from './lease-manager.js';
import { allocateServiceAddresses } from './service-alloc.js';

export interface ApiRequest {
  verb: Verb;
  resource: ResourceType;
  namespace?: string;
  name?: string;
  body?: KObject;
  subresource?: 'status' | 'binding' | 'scale' | 'eviction';
  user: UserInfo;
  /** Who sends it, for the narration (kubectl, the scheduler, a kubelet...). */
  client: Actor;
  dryRun?: boolean;
  /** DELETE: seconds before a pod is killed; undefined = the pod's terminationGracePeriodSeconds. */
  gracePeriodSeconds?: number;
  /** DELETE: what becomes of the object's dependents (kubectl --cascade); Background when absent. */
  propagationPolicy?: PropagationPolicy;
  /** Requests from the control plane are typed code: strict decoding is only for what users send. */
  trusted?: boolean;
  /**
   * The body was built for this request and its sender keeps no hold on it (a pod from a template, an event): the
   * server stores it as it is instead of a copy. Hot paths only: a big rollout creates hundreds of thousands.
   */
  owned?: boolean;
  /**
   * Who owns the fields this write sets (?fieldManager=, kubectl-create…), recorded in managedFields; none for the
   * control plane's writes, '' when the caller wrote managedFields itself (server-side apply).
   */
  fieldManager?: string;
  /** LIST and WATCH: the field selector the server selects by (a field the kind is not selected by: 400 BadRequest). */
  fieldSelector?: FieldTerm[];
  /**
   * The size of the body as the client sent it, when it sent one that the server must measure (kubectl's POST of a
   * manifest, its apply patch): over MAX_REQUEST_BYTES, the request is refused (413) before the body is even decoded.
   */
  bodyBytes?: number;
}

export type ApiResult = { ok: true; object: KObject; objects?: KObject[] } | { ok: false; error: ApiError };

const fail = (error: ApiError): ApiResult => ({ ok: false, error });

export interface ApiServerOptions {
  /** --event-ttl: events are written on an etcd lease of that many seconds. None: the etcd keeps its own leases. */
  eventTtlSeconds?: number;
}

/**
 * kube-apiserver in miniature: authentication → authorization (RBAC) → decoding → mutating admission (defaults
 * included) → strategy validation → validating admission → etcd. Each stage emits an event for the narration.
 */
export class ApiServer {
  private leases?: LeaseManager;

  constructor(
    private readonly w: World,
    private readonly options: ApiServerOptions = {},
  ) {}

  /** The lease a write goes with (registry/core/event's TTL: every write of an event, of either API group), if any. */
  private leaseOf(r: ResourceType): number | undefined {
    const ttl = this.options.eventTtlSeconds;
    if (ttl === undefined || r.plural !== 'events') return undefined;
    return (this.leases ??= new LeaseManager(this.w)).leaseFor(ttl);
  }

  handle(req: ApiRequest): ApiResult {
    if (req.verb === 'get' || req.verb === 'list' || req.verb === 'watch') return read(this.w, req);
    const denied = admitRequest(this.w, req);
    if (denied) return fail(denied);
    if (req.bodyBytes !== undefined && req.bodyBytes > MAX_REQUEST_BYTES) return fail(requestTooLarge());
    switch (req.verb) {
      case 'create':
        return req.subresource === 'binding' ? this.bind(req) : req.subresource === 'eviction' ? this.evict(req) : this.create(req);
      case 'update':
      case 'patch':
        return this.update(req);
      case 'delete':
        return this.delete(req);
    }
  }

  /** Decoding and defaulting shared by create and update. */
  private decode(req: ApiRequest, obj: KObject): ApiError | undefined {
    if (req.trusted) return undefined;
    const message = strictDecode({ apiVersion: obj.apiVersion, kind: obj.kind, body: obj });
    return message ? badRequest(message) : undefined;
  }

  /** Mutating admission, then validation: what passes is told only when the request's checks are (tellsChecksOf). */
  private check(req: ApiRequest, obj: KObject, op: Operation, old?: KObject): ApiError | undefined {
    const told = this.w.log.tellsChecksOf(req.client);
    return this.admit(obj, op, told, old) ?? this.validate(obj, old, op, told);
  }

  private admit(obj: KObject, op: Operation, told: boolean, old?: KObject): ApiError | undefined {
    STRATEGIES[obj.kind]?.normalize?.(obj);
    const defaults = applyDefaults(obj);
    const ref = { kind: obj.kind, namespace: obj.metadata.namespace, name: obj.metadata.name || obj.metadata.generateName || '' };
    if (told && defaults.length) this.w.log.emit('apiserver', { kind: 'admission.mutated', plugin: 'defaults', object: ref, changes: defaults });
    const ctx: AdmissionContext = { op, store: this.w.store, rand: this.w.rand, old };
    for (const plugin of ADMISSION_CHAIN) {
      if (!plugin.admit || !plugin.handles(ctx, obj)) continue;
      const result = plugin.admit(obj, ctx);
      if (result instanceof ApiError) return result;
      if (told && result.length) this.w.log.emit('apiserver', { kind: 'admission.mutated', plugin: plugin.name, object: ref, changes: result });
    }
    return undefined;
  }

  private validate(obj: KObject, old: KObject | undefined, op: Operation, told: boolean): ApiError | undefined {
    const strategy = STRATEGIES[obj.kind];
    const ref = { kind: obj.kind, namespace: obj.metadata.namespace, name: obj.metadata.name };
    const errors = [...strategy.validate(obj), ...(old && strategy.validateUpdate ? strategy.validateUpdate(obj, old) : [])];
    if (errors.length) {
      const err = invalidError(obj.kind, groupOf(obj.apiVersion), obj.metadata.name, errors);
      this.w.log.emit('apiserver', { kind: 'validation.failed', object: ref, errors: errors.map((e) => `${e.field}: ${e.type}`) });
      return err;
    }
    const ctx: AdmissionContext = { op, store: this.w.store, rand: this.w.rand, old };
    for (const plugin of ADMISSION_CHAIN) {
      if (!plugin.validate || !plugin.handles(ctx, obj)) continue;
      const rejected = plugin.validate(obj, ctx);
      if (rejected) return rejected;
    }
    if (told) this.w.log.emit('apiserver', { kind: 'validation.passed', object: ref });
    return undefined;
  }

  private create(req: ApiRequest): ApiResult {
    const r = req.resource;
    const obj = req.owned ? req.body! : clone(req.body!);
    const decodeError = this.decode(req, obj);
    if (decodeError) return fail(decodeError);
    obj.apiVersion = apiVersionOf(r);
    obj.metadata ??= { name: '' };
    if (r.namespaced) obj.metadata.namespace = req.namespace;
    else delete obj.metadata.namespace; // ignored on cluster-scoped objects, as a real API server does
    if (!obj.metadata.name && obj.metadata.generateName) obj.metadata.name = generateName(this.w.rand, obj.metadata.generateName);
    this.prepareForCreate(obj);
    const rejected = this.check(req, obj, 'CREATE');
    if (rejected) return fail(rejected);
    if (r.kind === 'Service') {
      const allocated = allocateServiceAddresses(this.w, obj);
      if (allocated instanceof ApiError) return fail(allocated);
      const spec = obj.spec as { clusterIP?: string; ports?: Array<{ port: number; protocol?: string; nodePort?: number }> };
      if (spec.clusterIP && spec.clusterIP !== 'None' && !req.trusted) {
        const ports = (spec.ports ?? []).map((p) => (p.nodePort ? `${p.port}:${p.nodePort}/${p.protocol ?? 'TCP'}` : `${p.port}/${p.protocol ?? 'TCP'}`)).join(',');
        this.w.log.emit('apiserver', { kind: 'service.ip-allocated', service: { kind: 'Service', namespace: obj.metadata.namespace, name: obj.metadata.name }, clusterIP: spec.clusterIP, ports });
      }
    }
    if (req.fieldManager) obj.metadata.managedFields = recordUpdate(undefined, obj, req.fieldManager, rfc3339(this.w.clock.now()));
    if (req.dryRun) return { ok: true, object: obj };
    const key = etcdKey(r, req.namespace, obj.metadata.name);
    const revision = this.w.store.create(key, obj, this.leaseOf(r));
    if (revision === undefined) return fail(alreadyExists(qualifiedResource(r), obj.metadata.name));
    this.written(req, 'create', key, revision, obj);
    return { ok: true, object: obj };
  }

  private prepareForCreate(obj: KObject): void {
    const m = obj.metadata;
    m.uid = uuid(this.w.rand);
    m.creationTimestamp = rfc3339(this.w.clock.now());
    delete m.deletionTimestamp;
    delete m.resourceVersion;
    const strategy = STRATEGIES[obj.kind];
    if (strategy?.tracksGeneration) m.generation = 1;
    if (strategy?.hasStatus) {
      if (obj.kind === 'Namespace') obj.status = { phase: 'Active' };
      else if (!strategy.keepsStatusOnCreate) delete obj.status;
    }
    strategy?.prepareForCreate?.(obj);
  }

  private update(req: ApiRequest): ApiResult {
    const r = req.resource;
    const key = etcdKey(r, req.namespace, req.name!);
    const stored = this.w.store.get(key);
    if (!stored) return fail(notFound(qualifiedResource(r), req.name!));
    const old = stored.value;
    // a status update from the control plane keeps only the status it sends: only that is copied
    const incoming = req.subresource === 'status' && req.trusted ? { ...req.body!, status: clone(req.body!.status) } : req.owned ? req.body! : clone(req.body!);
    const decodeError = this.decode(req, incoming);
    if (decodeError) return fail(decodeError);
    const sentVersion = incoming.metadata?.resourceVersion;
    if (sentVersion && sentVersion !== old.metadata.resourceVersion) return fail(conflict(qualifiedResource(r), req.name!));
    // pods/status, deployments/scale: only that part of the stored object changes (the rest is shared, never
    // mutated: stored objects are copied before any change)
    const obj =
      req.subresource === 'status'
        ? { ...old, metadata: { ...old.metadata }, status: incoming.status }
        : req.subresource === 'scale'
          ? this.mergeUpdate({ ...clone(old), spec: { ...(old.spec as object), replicas: (incoming.spec as { replicas?: number }).replicas } }, old, r)
          : this.mergeUpdate(incoming, old, r);
    if (req.subresource !== 'status') {
      const rejected = this.check(req, obj, 'UPDATE', old);
      if (rejected) return fail(rejected);
    }
    if (req.fieldManager && req.subresource !== 'status') obj.metadata.managedFields = recordUpdate(old, obj, req.fieldManager, rfc3339(this.w.clock.now()), req.subresource);
    const unchanged = req.subresource === 'status' ? jsonEqual(obj.status, old.status) : jsonEqual(stripVersion(obj), stripVersion(old));
    if (unchanged) return { ok: true, object: old };
    if (req.dryRun) return { ok: true, object: obj };
    const revision = this.w.store.update(key, obj, undefined, this.leaseOf(r));
    this.written(req, 'update', key, revision!, obj);
    return this.finalizeIfDone(req, key, obj) ?? { ok: true, object: obj };
  }

  /** Main-resource update: metadata the server owns is kept, status is kept, generation follows spec changes. */
  private mergeUpdate(incoming: KObject, old: KObject, r: ResourceType): KObject {
    const obj = incoming;
    obj.apiVersion = apiVersionOf(r);
    obj.kind = r.kind;
    const m = obj.metadata;
    const om = old.metadata;
    Object.assign(m, { name: om.name, namespace: om.namespace, uid: om.uid, creationTimestamp: om.creationTimestamp });
    // a write that does not send managedFields keeps them, as kube-apiserver does
    if (m.managedFields === undefined && om.managedFields) m.managedFields = om.managedFields;
    if (om.deletionTimestamp) {
      m.deletionTimestamp = om.deletionTimestamp;
      m.deletionGracePeriodSeconds = om.deletionGracePeriodSeconds;
    }
    const strategy = STRATEGIES[r.kind];
    if (strategy.hasStatus) obj.status = old.status;
    if (strategy.tracksGeneration) m.generation = (om.generation ?? 1) + (!jsonEqual(obj.spec, old.spec) ? 1 : 0);
    return obj;
  }

  /** pods/binding: the scheduler's decision, written as spec.nodeName plus the PodScheduled condition. */
  private bind(req: ApiRequest): ApiResult {
    const key = etcdKey(req.resource, req.namespace, req.name!);
    const stored = this.w.store.get(key);
    if (!stored) return fail(notFound('pods', req.name!));
    type Bindable = KObject & { spec: { nodeName?: string }; status?: { conditions?: Array<{ type: string } & Record<string, unknown>> } };
    const old = stored.value as Bindable;
    const target = (req.body as unknown as { target: { name: string } }).target.name;
    if (old.spec.nodeName) return fail(new ApiError('Conflict', `pod ${req.name} is already assigned to node "${old.spec.nodeName}"`));
    const now = rfc3339(this.w.clock.now());
    // a new pod object around the stored one's untouched parts (stored objects are never changed in place)
    const conditions = (old.status?.conditions ?? []).filter((c) => c.type !== 'PodScheduled');
    const pod: Bindable = {
      ...old,
      metadata: { ...old.metadata },
      spec: { ...old.spec, nodeName: target },
      status: { ...old.status, conditions: [...conditions, { type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: now }] },
    };
    const revision = this.w.store.update(key, pod);
    this.written(req, 'update', key, revision!, pod);
    return { ok: true, object: pod };
  }

  /**
   * pods/eviction (registry/core/pod/storage/eviction.go): the pod deleted as its Eviction's DeleteOptions say, once
   * its PodDisruptionBudgets allow it. kubesim has none (the kind is not simulated), so every eviction goes through,
   * as on a cluster without budgets. What `kubectl drain` sends, and answers 201 with a Status of success.
   */
  private evict(req: ApiRequest): ApiResult {
    const eviction = req.body as unknown as { metadata?: { name?: string }; deleteOptions?: { gracePeriodSeconds?: unknown; dryRun?: unknown } };
    if (eviction.metadata?.name !== req.name) return fail(badRequest('name in URL does not match name in Eviction object'));
    const { gracePeriodSeconds: grace, dryRun } = eviction.deleteOptions ?? {};
    // what a client sends through serve is anything: the decoder's refusal of a grace period that is not an integer
    if (grace !== undefined && !Number.isSafeInteger(grace)) return fail(badRequest('Eviction.deleteOptions.gracePeriodSeconds: must be an integer'));
    const dry = req.dryRun || (Array.isArray(dryRun) && dryRun.includes('All'));
    const deleted = this.delete({ ...req, verb: 'delete', subresource: undefined, dryRun: dry, gracePeriodSeconds: (grace as number | undefined) ?? req.gracePeriodSeconds });
    if (!deleted.ok) return deleted;
    return { ok: true, object: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success' } as unknown as KObject };
  }

  private delete(req: ApiRequest): ApiResult {
    const r = req.resource;
    const key = etcdKey(r, req.namespace, req.name!);
    const stored = this.w.store.get(key);
    if (!stored) return fail(notFound(qualifiedResource(r), req.name!));
    const obj = stored.value;
    if (req.dryRun) return { ok: true, object: obj };
    const finalizer = r.ownsDependents ? POLICY_FINALIZERS[req.propagationPolicy ?? 'Background'] : undefined;
    if (finalizer) return this.deleteWithPolicy(req, key, obj, finalizer);
    const graceful = this.gracefulDeletion(req, obj);
    if (graceful) {
      if (obj.metadata.deletionTimestamp && !graceful.shorten) return { ok: true, object: obj };
      const marked = clone(obj);
      marked.metadata.deletionTimestamp = rfc3339(this.w.clock.now() + graceful.seconds * 1000);
      marked.metadata.deletionGracePeriodSeconds = graceful.seconds;
      if (r.kind === 'Namespace') (marked.status as { phase: string }) = { phase: 'Terminating' };
      const revision = this.w.store.update(key, marked);
      this.written(req, 'update', key, revision!, marked, graceful.seconds);
      return { ok: true, object: marked };
    }
    const revision = this.w.store.delete(key);
    this.written(req, 'delete', key, revision!, obj);
    return { ok: true, object: obj };
  }

  /**
   * An owner deleted with the Orphan or Foreground policy stays, marked for deletion and holding that policy's
   * finalizer (the other one's taken off), until the garbage collector has dealt with its dependents.
   */
  private deleteWithPolicy(req: ApiRequest, key: string, obj: KObject, finalizer: string): ApiResult {
    const marked = clone(obj);
    const others = (obj.metadata.finalizers ?? []).filter((f) => !Object.values(POLICY_FINALIZERS).includes(f));
    marked.metadata.finalizers = [...others, finalizer];
    if (!marked.metadata.deletionTimestamp) {
      marked.metadata.deletionTimestamp = rfc3339(this.w.clock.now());
      marked.metadata.deletionGracePeriodSeconds = 0;
    }
    if (jsonEqual(marked, obj)) return { ok: true, object: obj };
    const revision = this.w.store.update(key, marked);
    this.written(req, 'update', key, revision!, marked, 0);
    return { ok: true, object: marked };
  }

  /**
   * Which deletions are two-phase: a pod running on a node gets a grace period (the kubelet stops its containers,
   * then confirms with a zero-grace delete); objects with finalizers wait for them; namespaces empty first.
   */
  private gracefulDeletion(req: ApiRequest, obj: KObject): { seconds: number; shorten: boolean } | undefined {
    if (req.resource.kind === 'Namespace') return { seconds: 0, shorten: false };
    const current = obj.metadata.deletionGracePeriodSeconds;
    const shorter = (seconds: number) => current !== undefined && current !== null && seconds < current;
    const finalizers = !!obj.metadata.finalizers?.length;
    if (req.resource.kind !== 'Pod') return finalizers ? { seconds: 0, shorten: false } : undefined;
    const pod = obj as KObject & { spec: { nodeName?: string; terminationGracePeriodSeconds?: number }; status?: { phase?: string } };
    const running = pod.spec.nodeName && pod.status?.phase !== 'Succeeded' && pod.status?.phase !== 'Failed';
    const seconds = running ? (req.gracePeriodSeconds ?? pod.spec.terminationGracePeriodSeconds ?? 30) : 0;
    if (seconds > 0) return { seconds, shorten: shorter(seconds) };
    // a pod with finalizers (a Job's) waits for them even once stopped: marked with no grace left, it goes with the last
    return finalizers ? { seconds: 0, shorten: shorter(0) } : undefined;
  }

  /** An object marked for deletion goes once its last finalizer is removed. */
  private finalizeIfDone(req: ApiRequest, key: string, obj: KObject): ApiResult | undefined {
    const finalizers = obj.metadata.finalizers ?? [];
    const nsFinalizers = obj.kind === 'Namespace' ? ((obj.spec as { finalizers?: string[] })?.finalizers ?? []) : [];
    if (!obj.metadata.deletionTimestamp || finalizers.length || nsFinalizers.length) return undefined;
    // pods go with the kubelet's zero-grace delete, or with their last finalizer once it was made
    if (obj.kind === 'Pod' && obj.metadata.deletionGracePeriodSeconds !== 0) return undefined;
    const revision = this.w.store.delete(key);
    this.written(req, 'delete', key, revision!, obj);
    return { ok: true, object: obj };
  }

  private written(req: ApiRequest, op: 'create' | 'update' | 'delete', key: string, revision: number, obj: KObject, gracefulDeletion?: number): void {
    if (!this.w.log.listening) return;
    this.w.log.emit('etcd', {
      kind: 'etcd.written',
      op,
      key,
      revision,
      object: { kind: obj.kind, namespace: obj.metadata.namespace, name: obj.metadata.name },
      subresource: req.subresource,
      by: req.client,
      ...(gracefulDeletion !== undefined ? { gracefulDeletion } : {}),
    });
  }
}

function groupOf(apiVersion: string): string {
  return apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
}

function stripVersion(obj: KObject): unknown {
  return { ...obj, metadata: { ...obj.metadata, resourceVersion: undefined } };
}

