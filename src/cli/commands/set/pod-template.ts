import type { Container, PodSpec } from 'kubernetes-types/core/v1.js';
import type { ApiError } from '../../../api/errors.js';
import type { ApiResult } from '../../../apiserver/server.js';
import { jsonEqual, type KObject } from '../../../api/object.js';
import type { ResourceType } from '../../../api/resources.js';
import type { ErrorArgs, ErrorCode } from '../../../narrator/types.js';
import { apiError, clientError, type CommandError } from '../../errors.js';
import type { Session } from '../../session.js';
import { writtenText } from '../../../printers/output.js';
import { dryRunSuffix } from '../dry-run.js';
import { NO_NAME, NO_RESOURCES, resolveTargets } from '../targets.js';

/**
 * kubectl set's selectString, as written (set/helper.go): `*` alone selects every container; without a star, the name
 * itself; otherwise each piece between stars is looked for in turn. Its quirks are kept (a piece found anywhere after
 * the last one matches, `a*` selects `ba`): `-c` must select the containers kubectl would.
 */
export function selectsContainer(name: string, spec: string): boolean {
  if (spec === '*') return true;
  if (!spec.includes('*')) return name === spec;
  const parts = spec.split('*');
  let pos = 0;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    if (!part.length) continue;
    const next = name.slice(pos).indexOf(part);
    if (next < pos || (i === 0 && pos !== 0) || (i === parts.length - 1 && name.length !== part.length + next)) return false;
    pos = next;
  }
  return true;
}

/** The pod spec an object's pods are made from (its own for a Pod): polymorphichelpers' UpdatePodSpecForObjectFn. */
export function podSpecOf(obj: KObject): PodSpec | undefined {
  if (obj.kind === 'Pod') return obj.spec as PodSpec | undefined;
  if (obj.kind === 'Deployment' || obj.kind === 'ReplicaSet') return (obj.spec as { template?: { spec?: PodSpec } } | undefined)?.template?.spec;
  return undefined;
}

/** resource.Info's ObjectName: `deployments/web` (the resource without its group), how kubectl set names an object in its errors. */
export const objectName = (resource: ResourceType, obj: KObject) => `${resource.plural}/${obj.metadata.name}`;

export const containersOf = (spec: PodSpec | undefined, selector: string): Container[] => (spec?.containers ?? []).filter((c) => selectsContainer(c.name, selector));

/**
 * The objects `kubectl set image|env|resources` name: `TYPE NAME…` or `TYPE/NAME…`, each read with a GET, in order, as
 * its resource builder does (a missing one stops the command before anything changes; none named is the builder's
 * error).
 */
export function fetchObjects(session: Session, args: string[], namespace: string): Array<{ resource: ResourceType; object: KObject }> | CommandError {
  const targets = resolveTargets(args);
  if (!Array.isArray(targets)) return targets;
  if (!targets.length) return clientError(NO_RESOURCES, 'usage', { detail: 'deployment/NOM' });
  const found: Array<{ resource: ResourceType; object: KObject }> = [];
  for (const { resource, names } of targets) {
    if (!names.length) return clientError(NO_NAME, 'usage', { detail: `${resource.plural}/NOM` });
    for (const name of names) {
      const r = session.request({ verb: 'get', resource, namespace, name });
      if (!r.ok) return apiError(r.error, { alone: true });
      found.push({ resource, object: r.object });
    }
  }
  return found;
}

/** One failure of a `set` command among several objects: kubectl's text for it, and what the narration says of it. */
export interface Failure {
  text: string;
  code: ErrorCode;
  args: ErrorArgs;
}

/** What kubectl says of an object without pods: the Go type it decoded it to (`*v1.Service`). */
const noPodTemplate = (resource: ResourceType, obj: KObject): Failure => ({
  text: `error: ${objectName(resource, obj)} the object is not a pod or does not have a pod template: *${resource.version}.${obj.kind}\n`,
  code: 'usage',
  args: { detail: 'deployment/NOM' },
});

/** The PATCH kubectl set sends (its field manager, kubectl-set); a client dry run sends nothing. */
function patchTemplate(session: Session, resource: ResourceType, updated: KObject, dryRun: DryRun): ApiResult {
  if (dryRun === 'client') return { ok: true, object: updated };
  const { namespace, name } = updated.metadata;
  return session.request({ verb: 'patch', resource, namespace, name, body: updated, fieldManager: 'kubectl-set', dryRun: dryRun === 'server' });
}

/**
 * What kubectl set prints of an object it changed (`deployment.apps/web env updated`, or the object with -o): the
 * object decoded into its Go type first, where a pod template's metadata has a `creationTimestamp`, null.
 */
async function printChanged(session: Session, obj: KObject, output: string | undefined, word: string): Promise<void> {
  const template = (obj.spec as { template?: { metadata?: Record<string, unknown> } } | undefined)?.template;
  const typed = template && !template.metadata?.creationTimestamp ? structuredClone(obj) : obj;
  if (typed !== obj) (typed.spec as { template: { metadata?: Record<string, unknown> } }).template.metadata = { creationTimestamp: null, ...template!.metadata };
  session.out(await writtenText(typed, output, word));
}

/** A PATCH the API server refused: `failed to patch WHAT` and its message (not CheckErr's re-rendering of it). */
function patchFailure(what: string, error: ApiError): Failure {
  const { code, args } = apiError(error, { alone: true });
  return { text: `failed to patch ${what} ${error.message}`, code, args };
}

/**
 * utilerrors.NewAggregate, as CheckErr prints it: one failure as it is, several in brackets (duplicates once), then
 * `error: ` in front unless the text begins with it; a text's own last newline is the one fatal() would add.
 */
function aggregate(failures: Failure[]): CommandError[] {
  if (!failures.length) return [];
  const texts = [...new Set(failures.map((f) => f.text))];
  const text = texts.length === 1 ? texts[0]! : `[${texts.join(', ')}]`;
  return [clientError(text.replace(/\n$/, ''), failures[0]!.code, failures[0]!.args)];
}

type DryRun = 'client' | 'server' | undefined;

/**
 * What every `kubectl set` does with the objects it read (CalculatePatches, then a PATCH each): `change` edits a copy's
 * pod spec, says its failures through `fail`, and returns false to leave that object alone. An object whose pod spec
 * did not change is not sent, nor printed; each one patched is printed (`deployment.apps/web DONE`, or -o), a refused
 * PATCH is `failed to patch PATCHING …`; the cluster then settles, and the failures make one error.
 */
export async function patchPodTemplates(
  session: Session,
  objects: Array<{ resource: ResourceType; object: KObject }>,
  o: { output?: string; dryRun: DryRun; patching: string; done: string },
  change: (spec: PodSpec, target: { resource: ResourceType; object: KObject }, fail: (failure: Failure) => void) => boolean,
): Promise<CommandError[]> {
  const failures: Failure[] = [];
  let changed = false;
  for (const { resource, object } of objects) {
    const updated = structuredClone(object);
    const spec = podSpecOf(updated);
    if (!spec) {
      failures.push(noPodTemplate(resource, object));
      continue;
    }
    if (!change(spec, { resource, object }, (f) => failures.push(f)) || jsonEqual(podSpecOf(object), spec)) continue;
    const r = patchTemplate(session, resource, updated, o.dryRun);
    if (!r.ok) {
      failures.push(patchFailure(o.patching, r.error));
      continue;
    }
    changed ||= !o.dryRun;
    await printChanged(session, r.object, o.output, `${o.done}${dryRunSuffix(o.dryRun)}`);
  }
  if (changed) session.settle();
  return aggregate(failures);
}
