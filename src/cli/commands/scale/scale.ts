import type { ApiError } from '../../../api/errors.js';
import type { KObject } from '../../../api/object.js';
import type { ResourceType } from '../../../api/resources.js';
import { apiError, clientError, isCommandError, type CommandError } from '../../errors.js';
import type { Session } from '../../session.js';
import { dryRunSuffix } from '../dry-run.js';
import { writtenPrinter } from '../get/output-format.js';
import { intFlag } from '../int-flag.js';
import { namedOrSelected, resolveTargets } from '../targets.js';
import { patchWorkload } from '../workload.js';

export interface ScaleOptions {
  namespace: string;
  replicas?: string;
  /** --current-replicas: scale only from this many (kubectl's ScalePrecondition). */
  currentReplicas?: string;
  /** --resource-version: scale only the object at this version. */
  resourceVersion?: string;
  dryRun?: 'client' | 'server';
  /** -l and --all: every object of the types named that the selector selects. */
  selector?: string;
  all: boolean;
  output?: string;
}

/** ScalePrecondition.validate: what the Scale read must say, or kubectl's PreconditionError. */
function preconditionError(object: KObject, currentReplicas: number, resourceVersion: string | undefined): string | undefined {
  const replicas = (object.spec as { replicas?: number }).replicas ?? 1;
  if (currentReplicas !== -1 && replicas !== currentReplicas) return `Expected replicas to be ${currentReplicas}, was ${replicas}`;
  const version = object.metadata.resourceVersion;
  if (resourceVersion && version !== resourceVersion) return `Expected resource version to be ${resourceVersion}, was ${version}`;
  return undefined;
}

/** The kinds with a scale subresource among those kubesim serves. */
const SCALABLE = ['Deployment', 'ReplicaSet'];

/**
 * `kubectl scale TYPE/NAME… | TYPE -l SELECTOR | TYPE --all --replicas=N [--current-replicas=M] [--resource-version=V]`:
 * each object read, then its scale subresource written (the controllers do the rest: more pods, or fewer), and
 * printed as it was read, as kubectl prints it. A precondition is checked against the Scale as the server has it (not
 * for a client dry run, which asks the server nothing). The failures come last, once each, as kubectl aggregates them.
 */
export async function runScale(session: Session, args: string[], opts: ScaleOptions): Promise<CommandError[]> {
  const usage = (message: string) => [clientError(message, 'usage', { detail: '--replicas=N' })];
  // kubectl's --replicas is an int flag: cobra refuses what does not parse, then scale what is not 0 or more
  const replicas = intFlag(opts.replicas, -1, { flag: '--replicas', help: 'kubectl scale', bits: 64 });
  if (typeof replicas === 'string') return usage(replicas);
  const current = intFlag(opts.currentReplicas, -1, { flag: '--current-replicas', help: 'kubectl scale', bits: 64 });
  if (typeof current === 'string') return usage(current);
  if (replicas < 0) return usage('The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0');
  if (current < -1) return usage('The --current-replicas must specify an integer of -1 or greater');
  const print = writtenPrinter(opts.output, `scaled${dryRunSuffix(opts.dryRun)}`, 'scale');
  if (typeof print === 'string') return usage(print);
  const targets = resolveTargets(args);
  if (!Array.isArray(targets)) return [targets];
  // the builder's check of -l beside names (a type without names is namedOrSelected's)
  if (opts.selector && targets.some((t) => t.names.length)) {
    return usage(targets.some((t) => t.pairs) ? 'selectors and the all flag cannot be used when passing resource/name arguments' : 'name cannot be provided when a selector is specified');
  }
  const refs = namedOrSelected(session, targets, opts, (message) => clientError(message, 'usage', { detail: 'deployment/NOM' }));
  if (!Array.isArray(refs)) return [refs];
  // every object read first (ContinueOnError): what is missing is told at the end
  const missing: ApiError[] = [];
  const infos: Array<{ resource: ResourceType; object: KObject }> = [];
  for (const ref of refs) {
    const got = session.request({ verb: 'get', resource: ref.resource, namespace: ref.namespace, name: ref.name });
    if (got.ok) infos.push({ resource: ref.resource, object: got.object });
    else missing.push(got.error);
  }
  if (opts.resourceVersion && infos.length > 1) return usage('cannot use --resource-version with multiple resources');
  // kubectl found nothing to scale: it says so before the API server's words
  if (!infos.length) return usage(`no objects passed to scale${missing.length ? ` ${missing.length === 1 ? missing[0]!.message : `[${missing.map((e) => e.message).join(', ')}]`}` : ''}`);
  const errors: CommandError[] = [];
  let scaled = false;
  for (const { resource, object } of infos) {
    const refused = opts.dryRun === 'client' ? undefined : scaleOne(session, resource, object, replicas, current, opts);
    // the first object that cannot be scaled stops kubectl's visit: the next ones stay as they are
    if (refused) {
      errors.push(refused);
      break;
    }
    scaled ||= !opts.dryRun;
    // kubectl prints the object as it read it, before the scale
    await print(session, object, errors);
  }
  if (scaled) session.settle();
  // the objects that could not be read are told after
  return [...errors, ...missing.map((e) => apiError(e, { alone: false }))];
}

/** One object's scale subresource written, after its precondition; kubectl's error if it cannot be. */
function scaleOne(session: Session, resource: ResourceType, object: KObject, replicas: number, current: number, opts: ScaleOptions): CommandError | undefined {
  // only Deployments and ReplicaSets have a scale subresource here: the API server has no such path for the others
  if (!SCALABLE.includes(object.kind)) return clientError('Error from server (NotFound): the server could not find the requested resource', 'NotFound', { kind: object.kind, name: object.metadata.name });
  const unmet = preconditionError(object, current, opts.resourceVersion);
  if (unmet) return clientError(unmet, 'precondition', { kind: object.kind, name: object.metadata.name });
  const updated = structuredClone(object);
  (updated.spec as { replicas: number }).replicas = replicas;
  const r = patchWorkload(session, resource, updated, { subresource: 'scale', dryRun: opts.dryRun });
  return isCommandError(r) ? r : undefined;
}
