import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError } from '../../../api/errors.js';
import { openapiDocument } from '../../../api/openapi/document.js';
import type { KObject } from '../../../api/object.js';
import { apiVersionOf } from '../../../api/resources.js';
import { KUBERNETES_VERSION } from '../../../api/version.js';
import { apiGroupList, apiResourceList, apiVersions, openapiIndex } from '../../../apiserver/discovery.js';
import { jsonMerge, strategicMerge } from '../../../apiserver/patch/strategic.js';
import { parseResourcePath, type ResourcePath } from '../../../apiserver/routes.js';
import type { Streams } from '../../../narrator/render/renderer.js';
import { toTable } from '../../../printers/api-table.js';
import type { Env } from '../../env.js';
import { Session } from '../../session.js';
import { find } from './find.js';
import { isWatch, streamWatch } from './watch.js';

/** What kube-apiserver answers to a path it does not serve. */
const NOT_FOUND = new ApiError('NotFound', 'the server could not find the requested resource');

type Reply = { code: number; body: unknown };

const ok = (body: unknown): Reply => ({ code: 200, body });
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
      const target = req.method === 'GET' && isWatch(url) ? parseResourcePath(url.pathname) : undefined;
      if (target && req.headers.authorization === `Bearer ${token}`) return await streamWatch(env, streams, target, url, req, res);
      const reply = req.headers.authorization === `Bearer ${token}` ? await route(env, streams, req) : failure(new ApiError('Unauthorized', 'Unauthorized'));
      res.writeHead(reply.code, { 'content-type': 'application/json' });
      res.end(JSON.stringify(reply.body));
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
  if (req.method === 'POST' || req.method === 'DELETE' || req.method === 'PATCH') {
    const target = parseResourcePath(path);
    if (!target) return failure(NOT_FOUND);
    const patchType = String(req.headers['content-type'] ?? '');
    if (req.method === 'PATCH' && !target.subresource) return patch(env, streams, target, url, patchType, await bodyOf(req));
    return write(env, streams, req.method, target, url, await bodyOf(req));
  }
  if (req.method !== 'GET') return failure(new ApiError('MethodNotAllowed', `the server does not allow this method on the requested resource (${req.method} ${path}): kubesim serve does not take ${req.method} yet`));
  if (path === '/version') return ok(versionInfo());
  if (path === '/api') return ok(apiVersions(req.headers.host ?? ''));
  if (path === '/apis') return ok(apiGroupList());
  if (path === '/openapi/v3') return ok(openapiIndex());
  if (path.startsWith('/openapi/v3/')) return found(openapiDocument(path.replace(/^\/openapi\/v3\/apis?\//, '')));
  const groupVersion = /^\/(?:api\/(v1)|apis\/([^/]+\/[^/]+))$/.exec(path);
  if (groupVersion) return found(apiResourceList(groupVersion[1] ?? groupVersion[2]!));
  const target = parseResourcePath(path);
  if (!target) return failure(NOT_FOUND);
  return read(env, streams, target, url, String(req.headers.accept ?? ''));
}

const found = (body: unknown): Reply => (body ? ok(body) : failure(NOT_FOUND));

function versionInfo() {
  const [major, minor] = KUBERNETES_VERSION.slice(1).split('.');
  return { major, minor, gitVersion: KUBERNETES_VERSION, gitTreeState: 'clean', goVersion: 'kubesim', compiler: 'gc', platform: 'linux/amd64' };
}

async function bodyOf(req: IncomingMessage): Promise<unknown> {
  let text = '';
  for await (const chunk of req) text += chunk;
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/**
 * POST (create) and DELETE, as one kubesim command each: the request goes through the whole pipeline, the world
 * settles (controllers, scheduler, kubelets), the state is saved, and the server's terminal tells the story.
 */
async function write(env: Env, streams: Streams, method: string, target: ResourcePath, url: URL, body: unknown): Promise<Reply> {
  const { resource, namespace, name } = target;
  if (body === null || (method === 'POST' && (!body || typeof body !== 'object' || Array.isArray(body)))) {
    return failure(new ApiError('BadRequest', 'the body of the request was in an unknown format'));
  }
  if ((method === 'POST') === !!name || (!!target.subresource && method !== 'PATCH')) return failure(new ApiError('MethodNotAllowed', `${method} is not supported on ${url.pathname}`));
  const replicas = (body as { spec?: { replicas?: unknown } } | undefined)?.spec?.replicas;
  if (target.subresource && (target.subresource !== 'scale' || !['Deployment', 'ReplicaSet'].includes(resource.kind))) return failure(NOT_FOUND);
  if (method === 'PATCH' && typeof replicas !== 'number') {
    return failure(new ApiError('BadRequest', 'kubesim serve patches only the replicas of a scale subresource'));
  }
  const dryRun = url.searchParams.get('dryRun') === 'All';
  const grace = (body as { gracePeriodSeconds?: number } | undefined)?.gracePeriodSeconds ?? numberParam(url, 'gracePeriodSeconds');
  const session = await Session.open(env, streams);
  try {
    const result =
      method === 'POST'
        ? session.request({ verb: 'create', resource, namespace, body: body as KObject, dryRun })
        : method === 'PATCH'
          ? session.request({ verb: 'update', resource, namespace, name, subresource: 'scale', body: { spec: { replicas } } as unknown as KObject, dryRun })
          : session.request({ verb: 'delete', resource, namespace, name, dryRun, ...(grace !== undefined && { gracePeriodSeconds: grace }) });
    if (!result.ok) return failure(result.error);
    if (!dryRun) session.settle();
    return { code: method === 'POST' ? 201 : 200, body: method === 'PATCH' ? scaleOf(result.object) : result.object };
  } finally {
    await session.close();
  }
}

const PATCHES: Record<string, (live: KObject, patch: never) => unknown> = {
  'application/strategic-merge-patch+json': (live, p) => strategicMerge(live as never, p),
  'application/merge-patch+json': (live, p) => jsonMerge(live as never, p),
};

/**
 * PATCH of a whole object (`kubectl apply` of a changed manifest, `label`, `annotate`, `set image`, `patch`): the
 * patch applied to the live object, then an update through the pipeline, narrated like `kubesim apply`.
 */
async function patch(env: Env, streams: Streams, target: ResourcePath, url: URL, type: string, body: unknown): Promise<Reply> {
  const merge = PATCHES[type.split(';')[0]!.trim()];
  if (!merge) return { code: 415, body: new ApiError('BadRequest', `the patch type ${type} is not supported by kubesim serve yet`).toStatus() };
  if (!body || typeof body !== 'object' || Array.isArray(body)) return failure(new ApiError('BadRequest', 'the body of the request was in an unknown format'));
  const { resource, namespace, name } = target;
  if (!name) return failure(new ApiError('MethodNotAllowed', `PATCH is not supported on ${url.pathname}`));
  const session = await Session.open(env, streams);
  try {
    const live = session.request({ verb: 'get', resource, namespace, name });
    if (!live.ok) return failure(live.error);
    const merged = merge(live.object, body as never) as KObject;
    const result = session.request({ verb: 'patch', resource, namespace, name, body: merged, dryRun: url.searchParams.get('dryRun') === 'All' });
    if (!result.ok) return failure(result.error);
    session.settle();
    return ok(result.object);
  } finally {
    await session.close();
  }
}

/** autoscaling/v1 Scale: what a scale subresource answers. */
function scaleOf(obj: KObject) {
  const spec = obj.spec as { replicas?: number; selector?: { matchLabels?: Record<string, string> } };
  const status = obj.status as { replicas?: number } | undefined;
  const selector = Object.entries(spec.selector?.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`).join(',');
  const { name, namespace, uid, resourceVersion, creationTimestamp } = obj.metadata;
  return { kind: 'Scale', apiVersion: 'autoscaling/v1', metadata: { name, namespace, uid, resourceVersion, creationTimestamp }, spec: { replicas: spec.replicas }, status: { replicas: status?.replicas ?? 0, selector } };
}

function numberParam(url: URL, name: string): number | undefined {
  const value = url.searchParams.get(name);
  return value === null || !/^-?\d+$/.test(value) ? undefined : Number(value);
}

async function read(env: Env, streams: Streams, target: ResourcePath, url: URL, accept: string): Promise<Reply> {
  if (target.subresource) return failure(NOT_FOUND); // pods/NAME/log, …/status: not served yet
  const found = await find(env, streams, target, url);
  if (found instanceof ApiError) return failure(found);
  const { resource, name } = target;
  if (accept.includes('as=Table')) return ok(toTable(resource.kind, found.objects, found.resourceVersion, found.now));
  if (name) return ok(found.objects[0]);
  return ok({ kind: `${resource.kind}List`, apiVersion: apiVersionOf(resource), metadata: { resourceVersion: found.resourceVersion }, items: found.objects });
}
