import { jsonBytes } from '../../../api/errors.js';
import type { KObject } from '../../../api/object.js';
import { KNOWN_NOT_SIMULATED, byKind, kindPrefix, type ResourceType } from '../../../api/resources.js';
import { missingTypeError } from '../../../manifest/decode.js';
import { readManifests } from '../../../manifest/read.js';
import { sortKeys, toTypedJson, withoutManagedFields } from '../../../printers/output.js';
import { printDocument, unstructuredTemplate } from '../get/output-format.js';
import { apiError, clientError, isCommandError, type CommandError } from '../../errors.js';
import type { ApiResult } from '../../../apiserver/server.js';
import type { Session } from '../../session.js';
import { applyPatch, threeWayPatch } from './merge.js';
import { CONFLICT_HELP, serverSideApply, type ServerSideApply } from './server-side.js';
import { dryRunSuffix } from '../dry-run.js';

/** The field manager kubectl apply (client-side) writes as. */
export const CLIENT_SIDE_APPLY = 'kubectl-client-side-apply';

export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

export interface ApplyOptions {
  filenames: string[];
  recursive: boolean;
  namespace: string;
  /** Whether -n was given (then it must agree with the manifests' namespaces). */
  namespaceExplicit: boolean;
  dryRun?: 'client' | 'server';
  output?: string;
  /** --server-side: the API server merges and keeps field ownership (kubectl's default manager: kubectl). */
  serverSide?: Omit<ServerSideApply, 'dryRun'>;
}

interface Pending {
  source: string;
  object: KObject;
  resource: ResourceType;
  namespace?: string;
}

/** The manifest as kubectl records it in last-applied-configuration: namespace filled in, annotations kept but its own dropped. */
function lastApplied(obj: KObject, namespace: string | undefined): string {
  const copy = structuredClone(obj);
  const annotations = { ...((copy.metadata.annotations as Record<string, string> | undefined) ?? {}) };
  delete annotations[LAST_APPLIED];
  copy.metadata = { ...copy.metadata, annotations, ...(namespace ? { namespace } : {}) };
  return `${JSON.stringify(sortKeys(copy))}\n`;
}

/** Client-side checks before any request (resource mapping, name, namespace), as kubectl's builder does them. */
function resolve(item: { source: string; object: KObject }, opts: ApplyOptions): Pending | CommandError {
  const { source, object } = item;
  const missing = missingTypeError(object, source);
  if (missing) return clientError(missing.kubectl, 'missing-kind', { source, detail: missing.detail });
  const name = object.metadata?.name;
  const resource = byKind(object.apiVersion, object.kind);
  if (!resource) {
    const namespace = object.metadata?.namespace ?? '';
    if (KNOWN_NOT_SIMULATED[object.kind] === object.apiVersion) {
      return clientError(`kubesim does not simulate ${object.kind} yet: ${object.kind.toLowerCase()} "${name ?? ''}" from "${source}" was not created`, 'not-simulated', { kind: object.kind, apiVersion: object.apiVersion });
    }
    return clientError(
      `resource mapping not found for name: "${name ?? ''}" namespace: "${namespace}" from "${source}": no matches for kind "${object.kind}" in version "${object.apiVersion}"\nensure CRDs are installed first`,
      'unknown-kind',
      { kind: object.kind, apiVersion: object.apiVersion },
    );
  }
  if (!name) {
    if (object.metadata?.generateName) return clientError(`from ${source}: cannot use generate name with apply`, 'generate-name', { source });
    return clientError(`error when retrieving current configuration of:\nResource: "${resource.group ? `${resource.group}/${resource.version}` : resource.version}, Resource=${resource.plural}", GroupVersionKind: "${object.apiVersion}, Kind=${object.kind}"\nName: "", Namespace: "${opts.namespace}"\nfrom server for: "${source}": resource name may not be empty`, 'usage', { detail: 'metadata.name' });
  }
  let namespace: string | undefined;
  if (resource.namespaced) {
    namespace = object.metadata.namespace || opts.namespace;
    if (opts.namespaceExplicit && object.metadata.namespace && object.metadata.namespace !== opts.namespace) {
      return clientError(`the namespace from the provided object "${object.metadata.namespace}" does not match the namespace "${opts.namespace}". You must pass '--namespace=${object.metadata.namespace}' to perform this operation.`, 'usage', { detail: '-n' });
    }
  }
  return { source, object, resource, namespace };
}

/**
 * An object applied, or its failure: kubectl words an API error on its own (`The Deployment "x" is invalid: …`) when it
 * is the command's only error, and as `Error from server (…): error when creating "FILE": …` among several, so the
 * words wait until every object is applied.
 */
type Outcome = { word: 'created' | 'configured' | 'unchanged' | 'serverside-applied'; object: KObject } | { failure: (alone: boolean) => CommandError };

/** `kubectl apply --server-side`: the manifest as it is, sent for the API server to merge; a conflict as kubectl words it. */
function applyServerSide(session: Session, p: Pending, how: Omit<ServerSideApply, 'dryRun'>, dryRun: boolean): Outcome {
  const name = p.object.metadata.name;
  const body = structuredClone(p.object);
  if (p.namespace) body.metadata.namespace = p.namespace;
  const r = serverSideApply(session, { resource: p.resource, namespace: p.namespace, name }, body, { ...how, dryRun, bodyBytes: jsonBytes(body) });
  if (r.ok) return { word: 'serverside-applied', object: r.object };
  if (r.error.reason === 'Conflict' && r.error.message.startsWith('Apply failed')) return { failure: () => clientError(`${r.error.message}\n${CONFLICT_HELP}`, 'apply-conflict', { kind: p.object.kind, name }) };
  // kubectl returns a server-side apply's error as it is, without the "error when … FILE" it puts before the others
  return { failure: (alone) => apiError(r.error, { alone, kind: p.object.kind, name }) };
}

function applyOne(session: Session, p: Pending, opts: ApplyOptions): Outcome {
  if (opts.serverSide) return applyServerSide(session, p, opts.serverSide, opts.dryRun === 'server');
  const name = p.object.metadata.name;
  const body = structuredClone(p.object);
  // a malformed annotations field (a list, say) is left as written: the API server's decoding rejects it
  const annotations = body.metadata.annotations;
  if (annotations === undefined || annotations === null || (typeof annotations === 'object' && !Array.isArray(annotations))) {
    body.metadata.annotations = { ...(annotations ?? {}), [LAST_APPLIED]: lastApplied(p.object, p.namespace) };
  }
  if (p.namespace) body.metadata.namespace = p.namespace;
  const dryRun = opts.dryRun === 'server';
  const live = session.get(p.resource, p.namespace, name);
  const fail = (verb: string) => (r: { ok: false; error: import('../../../api/errors.js').ApiError }) => ({
    failure: (alone: boolean) => apiError(r.error, { source: p.source, verb, alone, kind: p.object.kind, name }),
  });
  if (!live) {
    if (opts.dryRun === 'client') return { word: 'created', object: body };
    const created = session.request({ verb: 'create', resource: p.resource, namespace: p.namespace, body, dryRun, fieldManager: CLIENT_SIDE_APPLY, bodyBytes: jsonBytes(body) });
    return created.ok ? { word: 'created', object: created.object } : fail('creating')(created);
  }
  if (!live.metadata.annotations?.[LAST_APPLIED]) {
    session.renderer.stderr(
      `Warning: resource ${p.resource.plural}/${name} is missing the ${LAST_APPLIED} annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.\n`,
    );
  }
  const patched = patchAsApply(session, { resource: p.resource, namespace: p.namespace, name }, body, live, { dryRun, send: opts.dryRun !== 'client' });
  if (!patched) {
    session.cluster.world.log.emit('kubectl', { kind: 'apply.unchanged', object: { kind: p.object.kind, namespace: p.namespace, name } });
    return { word: 'unchanged', object: live };
  }
  if (patched === 'not sent') return { word: 'configured', object: body };
  return patched.ok ? { word: 'configured', object: patched.object } : fail('patching')(patched);
}

/**
 * kubectl apply's PATCH of a live object: the three-way merge of what was last applied (its annotation), the new
 * `body` and `live`. Undefined when the patch is empty (nothing sent); `not sent` when `send` is false (a client
 * dry run); else the API server's answer. `kubectl diff` asks for the same PATCH, as a server dry run.
 */
export function patchAsApply(
  session: Session,
  target: { resource: ResourceType; namespace?: string; name: string },
  body: KObject,
  live: KObject,
  { dryRun, send = true }: { dryRun: boolean; send?: boolean },
): ApiResult | 'not sent' | undefined {
  const previous = live.metadata.annotations?.[LAST_APPLIED];
  const patch = threeWayPatch(previous ? JSON.parse(previous) : {}, body, live) ?? {};
  if (!Object.keys(patch).length) return undefined;
  if (!send) return 'not sent';
  // what kubectl sends is the patch, not the object it makes
  return session.request({ verb: 'patch', ...target, body: applyPatch(live, patch) as KObject, dryRun, fieldManager: CLIENT_SIDE_APPLY, bodyBytes: jsonBytes(patch) });
}

/**
 * `kubectl apply -f`: every document of every file, each on its own (a bad one does not stop the others),
 * `created` / `configured` / `unchanged` on stdout, errors after, then the cluster runs until it is stable.
 */
export async function runApply(session: Session, opts: ApplyOptions): Promise<CommandError[]> {
  if (!opts.filenames.length) return [clientError('must specify one of -f and -k', 'usage', { detail: '-f FICHIER' })];
  const items = await readManifests(opts.filenames, { recursive: opts.recursive, stdin: session.env.stdin });
  const errors: CommandError[] = [];
  const pending: Pending[] = [];
  for (const item of items) {
    if (item.error) {
      const e = item.error;
      errors.push(clientError(e.kubectl, e.code, { source: item.source, path: item.source, line: e.line, column: e.column, detail: e.detail }));
      continue;
    }
    const resolved = resolve(item as { source: string; object: KObject }, opts);
    if (isCommandError(resolved)) errors.push(resolved);
    else pending.push(resolved);
  }
  if (!items.length && !errors.length) return [clientError('no objects passed to apply', 'no-objects')];
  const suffix = dryRunSuffix(opts.dryRun);
  // -o json|yaml|jsonpath…: the objects as the server answered, printed once all are applied (several as a List)
  const printsObjects = !!opts.output && opts.output !== 'name';
  const printed: KObject[] = [];
  // the manifests' own errors first, as kubectl's builder reports them before anything is applied
  const failures: Array<(alone: boolean) => CommandError> = errors.map((e) => () => e);
  for (const p of pending) {
    const outcome = applyOne(session, p, opts);
    if ('failure' in outcome) {
      failures.push(outcome.failure);
      continue;
    }
    if (printsObjects) printed.push(withoutManagedFields(outcome.object));
    else session.out(opts.output === 'name' ? `${kindPrefix(p.resource)}/${p.object.metadata.name}\n` : `${kindPrefix(p.resource)}/${p.object.metadata.name} ${outcome.word}${suffix}\n`);
  }
  const reported = failures.map((f) => f(failures.length === 1));
  if (printed.length && !reported.length) reported.push(...(await printApplied(session, printed, opts.output!)));
  if (!opts.dryRun) session.settle();
  return reported;
}

/**
 * kubectl apply's printObjects, run once every object is applied, and only if all were: its printer is made then, so
 * an -o it cannot print (wide, a broken template) fails after the objects were applied, as kubectl's does.
 */
async function printApplied(session: Session, printed: KObject[], output: string): Promise<CommandError[]> {
  const template = unstructuredTemplate(output, 'apply');
  if (typeof template === 'string') return [clientError(template, 'usage', { detail: `-o ${output}` })];
  // several objects make an unstructured List: as JSON, its own keys in the encoder's order, its items' sorted
  if (printed.length > 1 && output === 'json') {
    session.out(toTypedJson({ kind: 'List', apiVersion: 'v1', metadata: {}, items: printed.map(sortKeys) }));
    return [];
  }
  const failed = await printDocument(session, printed.length === 1 ? printed[0] : { apiVersion: 'v1', items: printed, kind: 'List', metadata: {} }, output, template);
  return failed ? [failed] : [];
}
