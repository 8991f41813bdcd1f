import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError, MAX_REQUEST_BYTES, requestTooLarge } from '../../../api/errors.js';
import { openapiDocument } from '../../../api/openapi/document.js';
import type { Pod } from 'kubernetes-types/core/v1.js';
import type { LabelSelector } from 'kubernetes-types/meta/v1.js';
import { formatLabelSelector } from '../../../api/labels.js';
import type { KObject } from '../../../api/object.js';
import { nodeLease } from '../../../api/node-lease.js';
import { apiVersionOf, resolveResource } from '../../../api/resources.js';
import { versionInfo } from '../../../api/version.js';
import { apiGroupList, apiResourceList, apiVersions, openapiIndex } from '../../../apiserver/discovery.js';
import { PATCH_TYPES } from '../../../apiserver/patch/types.js';
import { decodeKubernetesProtobuf, MalformedProtobuf } from '../../../apiserver/protobuf/decode.js';
import { parseResourcePath, type ResourcePath } from '../../../apiserver/routes.js';
import { POLICY_FINALIZERS, type PropagationPolicy } from '../../../api/deletion.js';
import type { ApiResult } from '../../../apiserver/server.js';
import type { Streams } from '../../../narrator/render/renderer.js';
import { includeObjectOf, toTable } from '../../../printers/api-table.js';
import type { Env } from '../../env.js';
import { Session } from '../../session.js';
import { serverSideApply, type ServerSideApply } from '../apply/server-side.js';
import { podLog } from '../logs/pod-log.js';
import { find, reading } from './find.js';
import { asRequested } from './identity.js';
import { REVIEW_PATHS } from './reviews.js';
import { isWatch, streamWatch } from './watch.js';

/** What kube-apiserver answers to a path it does not serve. */
const NOT_FOUND = new ApiError('NotFound', 'the server could not find the requested resource');

/** What anyone may read without a token: system:public-info-viewer's paths, as on a kubeadm cluster. */
const PUBLIC_PATHS = ['/healthz', '/livez', '/readyz', '/version'];

/** A JSON body, or with `text` a plain one (pods/NAME/log). */
type Reply = { code: number; body: unknown; text?: boolean };

const ok = (body: unknown): Reply => ({ code: 200, body });
/** RFC 7234's Warning header as kube-apiserver writes it: code 299, no agent, the text quoted. */
const warningHeader = (text: string) => `299 - ${JSON.stringify(text)}`;
const failure = (e: ApiError): Reply => ({ code: e.code, body: e.toStatus() });

/**
 * The HTTP face of the simulated API server, for real clients (kubectl, client libraries): discovery, OpenAPI v3,
 * reads of every served kind (JSON, or the Table `kubectl get` asks for), watches, creates, patches and deletes.
 * Each request opens its own session on the saved cluster, like one kubesim command, so CLI commands and the server
 * take turns. A failure inside becomes a 500 Status, never a crashed server.
 */
export function apiHandler(env: Env, streams: Streams, token: string) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    try {
      const url = new URL(req.url ?? '/', 'http://kubesim');
      // kubectl --as: the request is served as the user the headers name (the admin may impersonate anyone)
      const asked = asRequested(env, req);
      const target = req.method === 'GET' && isWatch(url) ? parseResourcePath(url.pathname) : undefined;
      if (target && req.headers.authorization === `Bearer ${token}`) {
        if (target.resource.deprecation) res.setHeader('warning', warningHeader(target.resource.deprecation));
        return await streamWatch(asked, streams, target, url, req, res);
      }
      // without credentials a request is system:anonymous, which may read the public paths; a wrong token is a 401
      const anonymous = req.headers.authorization === undefined;
      const allowed = req.headers.authorization === `Bearer ${token}` || (anonymous && req.method === 'GET' && PUBLIC_PATHS.includes(url.pathname));
      const reply = allowed ? await route(asked, streams, req) : failure(new ApiError('Unauthorized', 'Unauthorized'));
      // a deprecated resource's warning comes with every answer past authorization, as kube-apiserver's handlers add it
      const deprecation = reply.code !== 401 && reply.code !== 403 ? parseResourcePath(url.pathname)?.resource.deprecation : undefined;
      if (deprecation) res.setHeader('warning', warningHeader(deprecation));
      res.writeHead(reply.code, { 'content-type': reply.text ? 'text/plain' : 'application/json' });
      res.end(reply.text ? String(reply.body) : JSON.stringify(reply.body));
    } catch (e) {
      if (process.env.KUBESIM_DEBUG) console.error(e);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(res.headersSent ? undefined : JSON.stringify(new ApiError('InternalError', `kubesim internal error: ${e instanceof Error ? e.message : String(e)}`).toStatus()));
    }
  };
}

async function route(env: Env, streams: Streams, req: IncomingMessage): Promise<Reply> {
  const url = new URL(req.url ?? '/', 'http://kubesim');
  const path = url.pathname.replace(/\/$/, '') || '/';
  const review = req.method === 'POST' ? REVIEW_PATHS[path] : undefined;
  if (review) {
    const body = await bodyOf(req, String(req.headers['content-type'] ?? ''));
    if (body instanceof ApiError) return failure(body);
    if (!isObject(body)) return failure(UNKNOWN_FORMAT);
    const answer = await review(env, streams, body as never);
    return answer instanceof ApiError ? failure(answer) : { code: 201, body: answer };
  }
  if (req.method === 'POST' || req.method === 'PUT' || req.method === 'DELETE' || req.method === 'PATCH') {
    const target = parseResourcePath(path);
    // of the subresources, only a Deployment's or ReplicaSet's scale and a pod's eviction take writes (token, status: not yet)
    if (!target || (target.subresource && !writableSubresource(target))) return failure(NOT_FOUND);
    const contentType = String(req.headers['content-type'] ?? '');
    const body = await bodyOf(req, contentType);
    if (body instanceof ApiError) return failure(body);
    return write(env, streams, req.method, target, url, contentType, body, String(req.headers['user-agent'] ?? ''));
  }
  if (req.method !== 'GET') return failure(new ApiError('MethodNotAllowed', `the server does not allow this method on the requested resource (${req.method} ${path}): kubesim serve does not take ${req.method} yet`));
  if (path === '/version') return ok(versionInfo());
  const health = /^\/(healthz|livez|readyz)$/.exec(path);
  if (health) return { code: 200, body: healthReport(health[1]!, url.searchParams.has('verbose')), text: true };
  if (path === '/api') return ok(apiVersions(req.headers.host ?? ''));
  if (path === '/apis') return ok(apiGroupList());
  if (path === '/openapi/v3') return ok(openapiIndex());
  if (path.startsWith('/openapi/v3/')) return found(openapiDocument(path.replace(/^\/openapi\/v3\/apis?\//, '')));
  const policy = /^\/api\/v1\/(?:namespaces\/[^/]+\/)?(resourcequotas|limitranges)$/.exec(path);
  // kubesim refuses these kinds on create, so every namespace has none: what `kubectl describe namespace` lists
  if (policy) return ok({ kind: policy[1] === 'resourcequotas' ? 'ResourceQuotaList' : 'LimitRangeList', apiVersion: 'v1', metadata: { resourceVersion: '' }, items: [] });
  const lease = /^\/apis\/coordination\.k8s\.io\/v1\/namespaces\/([^/]+)\/leases\/([^/]+)$/.exec(path);
  if (lease) return leaseOf(env, streams, lease[1]!, lease[2]!);
  const groupVersion = /^\/(?:api\/(v1)|apis\/([^/]+\/[^/]+))$/.exec(path);
  if (groupVersion) return found(apiResourceList(groupVersion[1] ?? groupVersion[2]!));
  const target = parseResourcePath(path);
  if (!target) return failure(NOT_FOUND);
  return read(env, streams, target, url, String(req.headers.accept ?? ''));
}

const found = (body: unknown): Reply => (body ? ok(body) : failure(NOT_FOUND));

/**
 * kube-apiserver's health endpoints (`kubectl get --raw /readyz?verbose`): "ok", or each check then the verdict. The
 * checks listed are the core ones (the real list adds a line per post-start hook); all pass while kubesim serves.
 */
function healthReport(endpoint: string, verbose: boolean): string {
  if (!verbose) return 'ok';
  const checks = ['ping', 'log', 'etcd', ...(endpoint === 'readyz' ? ['etcd-readiness', 'informer-sync', 'shutdown'] : [])];
  return `${checks.map((c) => `[+]${c} ok\n`).join('')}${endpoint} check passed\n`;
}

/**
 * The request's body: JSON, protobuf (kubectl's typed commands: create deployment, create namespace, expose…), or
 * YAML for a server-side apply (kubectl sends JSON, which YAML reads too). null when it is none of them, the 400 for
 * a protobuf body kubesim cannot read, the 413 for one over the limit (whose bytes past it are not kept).
 */
async function bodyOf(req: IncomingMessage, contentType: string): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size <= MAX_REQUEST_BYTES) chunks.push(chunk as Buffer);
  }
  if (size > MAX_REQUEST_BYTES) return requestTooLarge();
  const bytes = Buffer.concat(chunks);
  if (!bytes.length) return undefined;
  if (contentType.startsWith(PROTOBUF)) {
    try {
      return decodeKubernetesProtobuf(bytes);
    } catch (e) {
      if (e instanceof MalformedProtobuf) return new ApiError('BadRequest', `the body of the request could not be decoded as ${PROTOBUF}: ${e.message}`);
      throw e;
    }
  }
  const text = bytes.toString('utf8');
  try {
    return JSON.parse(text);
  } catch {
    if (!contentType.startsWith(APPLY_PATCH)) return null;
    try {
      return (await import('yaml')).parse(text) as unknown;
    } catch {
      return null;
    }
  }
}

const PROTOBUF = 'application/vnd.kubernetes.protobuf';
const SCALABLE = ['Deployment', 'ReplicaSet'];
const writableSubresource = (t: ResourcePath) => (t.subresource === 'scale' && SCALABLE.includes(t.resource.kind)) || (t.subresource === 'eviction' && t.resource.kind === 'Pod');

/**
 * One write as one kubesim command: the request goes through the whole pipeline, the world settles (controllers,
 * scheduler, kubelets) unless it was a dry run, the state is saved, and the server's terminal tells the story.
 */
async function mutate(env: Env, streams: Streams, dryRun: boolean, request: (s: Session) => ApiResult, answer: (o: KObject) => Reply = ok): Promise<Reply> {
  const session = await Session.open(env, streams);
  try {
    const result = request(session);
    if (!result.ok) return failure(result.error);
    if (!dryRun) session.settle();
    return answer(result.object);
  } finally {
    await session.close();
  }
}

const UNKNOWN_FORMAT = new ApiError('BadRequest', 'the body of the request was in an unknown format');
const isObject = (body: unknown): body is Record<string, unknown> => !!body && typeof body === 'object' && !Array.isArray(body);

/** POST, PUT, DELETE and PATCH on a resource path: create, replace, delete, scale, patch or apply a whole object. */
function write(env: Env, streams: Streams, method: string, target: ResourcePath, url: URL, patchType: string, body: unknown, userAgent: string): Promise<Reply> | Reply {
  const { resource, namespace, name, subresource } = target;
  const dryRun = url.searchParams.get('dryRun') === 'All';
  // ?fieldManager=, or the user agent's first word (`kubectl`), as kube-apiserver defaults it
  const w: ServerSideApply = { dryRun, fieldManager: url.searchParams.get('fieldManager') || userAgent.split('/')[0]!.slice(0, 128), force: url.searchParams.get('force') === 'true' };
  const { fieldManager } = w;
  const notAllowed = failure(new ApiError('MethodNotAllowed', `${method} is not supported on ${url.pathname}`));
  if (body === null) return failure(UNKNOWN_FORMAT);
  if (subresource === 'eviction') {
    if (method !== 'POST') return notAllowed;
    if (!isObject(body)) return failure(UNKNOWN_FORMAT);
    // kubectl drain --dry-run=server says so in the Eviction's DeleteOptions
    const options = body.deleteOptions as { dryRun?: unknown } | undefined;
    const dry = dryRun || (Array.isArray(options?.dryRun) && options.dryRun.includes('All'));
    return mutate(env, streams, dry, (s) => s.request({ verb: 'create', resource, namespace, name, subresource, body: body as KObject, dryRun: dry }), (o) => ({ code: 201, body: o }));
  }
  if (subresource) {
    // a patch of the scale, or (kubectl scale --current-replicas) the whole Scale it read, replicas changed
    if (method !== 'PATCH' && method !== 'PUT') return notAllowed;
    const replicas = (body as { spec?: { replicas?: unknown } } | undefined)?.spec?.replicas;
    if (typeof replicas !== 'number') return failure(new ApiError('BadRequest', 'kubesim serve patches only the replicas of a scale subresource'));
    const scale = { spec: { replicas } } as unknown as KObject;
    return mutate(env, streams, dryRun, (s) => s.request({ verb: 'update', resource, namespace, name, subresource: 'scale', body: scale, dryRun, fieldManager }), (o) => ok(scaleOf(o)));
  }
  if (method === 'POST') {
    if (!isObject(body)) return failure(UNKNOWN_FORMAT);
    if (name) return notAllowed;
    return mutate(env, streams, dryRun, (s) => s.request({ verb: 'create', resource, namespace, body: body as KObject, dryRun, fieldManager }), (o) => ({ code: 201, body: o }));
  }
  if (method === 'DELETE') {
    if (!name) return notAllowed;
    // kubectl sends its DeleteOptions in the body: `delete --dry-run=server` as {"dryRun":["All"]}, not in the query
    const options = body as { gracePeriodSeconds?: number; dryRun?: unknown; propagationPolicy?: string } | undefined;
    const grace = options?.gracePeriodSeconds ?? numberParam(url, 'gracePeriodSeconds');
    const dry = dryRun || (Array.isArray(options?.dryRun) && options.dryRun.includes('All'));
    const policy = options?.propagationPolicy ?? url.searchParams.get('propagationPolicy') ?? undefined;
    if (policy !== undefined && !(policy in POLICY_FINALIZERS)) return failure(new ApiError('BadRequest', `propagationPolicy: Unsupported value: "${policy}": supported values: "Foreground", "Background", "Orphan"`));
    const propagation = policy as PropagationPolicy | undefined;
    return mutate(env, streams, dry, (s) => s.request({ verb: 'delete', resource, namespace, name, dryRun: dry, propagationPolicy: propagation, ...(grace !== undefined && { gracePeriodSeconds: grace }) }));
  }
  // PUT and PATCH: one named object, its whole new state (kubectl replace, refused with a Conflict if its
  // resourceVersion is not the stored one) or a patch to it
  const type = patchType.split(';')[0]!.trim();
  const merge = PATCHES[type];
  if (method === 'PATCH' && type !== APPLY_PATCH && !merge) return failure(new ApiError('UnsupportedMediaType', `the patch type ${patchType} is not supported by kubesim serve yet`));
  if (!isObject(body) && !(type === JSON_PATCH && Array.isArray(body))) return failure(UNKNOWN_FORMAT);
  if (!name) return notAllowed;
  if (method === 'PUT') return mutate(env, streams, dryRun, (s) => s.request({ verb: 'update', resource, namespace, name, body: body as KObject, dryRun, fieldManager }));
  // the apply patch is the one patch type without a merge function: it may create the object
  if (!merge) return mutate(env, streams, dryRun, (s) => serverSideApply(s, { ...target, name }, body as KObject, w));
  return mutate(env, streams, dryRun, (s) => {
    const live = s.request({ verb: 'get', resource, namespace, name });
    if (!live.ok) return live;
    const patched = merge(live.object, body as never);
    return patched instanceof ApiError ? { ok: false, error: patched } : s.request({ verb: 'patch', resource, namespace, name, body: patched as KObject, dryRun, fieldManager });
  });
}

const JSON_PATCH = PATCH_TYPES.json.contentType;

/**
 * PATCH of a whole object (`kubectl apply` of a changed manifest, `label`, `annotate`, `set image`, `patch`,
 * `rollout undo`): the patch applied to the live object, then an update through the pipeline, narrated like
 * `kubesim apply`. A patch that does not apply is refused as an ApiError.
 */
const PATCHES = Object.fromEntries(Object.values(PATCH_TYPES).map((t) => [t.contentType, t.patch]));

const APPLY_PATCH = 'application/apply-patch+yaml';

/** GET of a node's Lease in kube-node-lease (`kubectl describe node` reads it), read off the node (api/node-lease.ts). */
async function leaseOf(env: Env, streams: Streams, namespace: string, name: string): Promise<Reply> {
  const notFound = failure(new ApiError('NotFound', `leases.coordination.k8s.io "${name}" not found`));
  if (namespace !== 'kube-node-lease') return notFound;
  return reading(env, streams, (session) => {
    const node = session.get(resolveResource('nodes')!, undefined, name);
    return node ? ok(nodeLease(node, session.now)) : notFound;
  });
}

/** GET pods/NAME/log (`kubectl logs`, with container, previous, tailLines and timestamps), in plain text. */
async function logOf(env: Env, streams: Streams, target: ResourcePath, url: URL): Promise<Reply> {
  return reading(env, streams, (session) => {
    const got = session.request({ verb: 'get', resource: target.resource, namespace: target.namespace, name: target.name });
    if (!got.ok) return failure(got.error);
    const query = {
      container: url.searchParams.get('container') ?? undefined,
      previous: url.searchParams.get('previous') === 'true',
      tail: numberParam(url, 'tailLines'),
      timestamps: url.searchParams.get('timestamps') === 'true',
    };
    const lines = podLog(got.object as unknown as Pod, query, session);
    return lines instanceof ApiError ? failure(lines) : { code: 200, body: lines.map((l) => `${l}\n`).join(''), text: true };
  });
}

/** autoscaling/v1 Scale: what a scale subresource answers. */
function scaleOf(obj: KObject) {
  const spec = obj.spec as { replicas?: number; selector?: LabelSelector };
  const status = obj.status as { replicas?: number } | undefined;
  const { name, namespace, uid, resourceVersion, creationTimestamp } = obj.metadata;
  return { kind: 'Scale', apiVersion: 'autoscaling/v1', metadata: { name, namespace, uid, resourceVersion, creationTimestamp }, spec: { replicas: spec.replicas }, status: { replicas: status?.replicas ?? 0, selector: formatLabelSelector(spec.selector) } };
}

function numberParam(url: URL, name: string): number | undefined {
  const value = url.searchParams.get(name);
  return value === null || !/^-?\d+$/.test(value) ? undefined : Number(value);
}

async function read(env: Env, streams: Streams, target: ResourcePath, url: URL, accept: string): Promise<Reply> {
  if (target.subresource === 'log' && target.resource.kind === 'Pod' && target.name) return logOf(env, streams, target, url);
  // the scale subresource: what kubectl scale reads first when it has a precondition (--current-replicas)
  if (target.subresource === 'scale' && writableSubresource(target) && target.name) {
    const found = await find(env, streams, { ...target, subresource: undefined }, url);
    return found instanceof ApiError ? failure(found) : ok(scaleOf(found.objects[0]!));
  }
  if (target.subresource) return failure(NOT_FOUND); // …/status, exec: not served yet
  const found = await find(env, streams, target, url);
  if (found instanceof ApiError) return failure(found);
  const { resource, name } = target;
  if (accept.includes('as=Table')) return ok(toTable(resource.kind, found.objects, found.resourceVersion, found.now, includeObjectOf(url)));
  if (name) return ok(found.objects[0]);
  return ok({ kind: `${resource.kind}List`, apiVersion: apiVersionOf(resource), metadata: { resourceVersion: found.resourceVersion }, items: found.objects });
}
