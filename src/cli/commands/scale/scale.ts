import type { ApiError } from '../../../api/errors.js';
import type { KObject } from '../../../api/object.js';
import { kindPrefix } from '../../../api/resources.js';
import { apiError, clientError, isCommandError, type CommandError } from '../../errors.js';
import type { Session } from '../../session.js';
import { dryRunSuffix } from '../dry-run.js';
import { intFlag } from '../int-flag.js';
import { findWorkload, patchWorkload } from '../workload.js';

export interface ScaleOptions {
  namespace: string;
  replicas?: string;
  /** --current-replicas: scale only from this many (kubectl's ScalePrecondition). */
  currentReplicas?: string;
  /** --resource-version: scale only the object at this version. */
  resourceVersion?: string;
  dryRun?: 'client' | 'server';
}

/** ScalePrecondition.validate: what the Scale read must say, or kubectl's PreconditionError. */
function preconditionError(object: KObject, currentReplicas: number, resourceVersion: string | undefined): string | undefined {
  const replicas = (object.spec as { replicas?: number }).replicas ?? 1;
  if (currentReplicas !== -1 && replicas !== currentReplicas) return `Expected replicas to be ${currentReplicas}, was ${replicas}`;
  const version = object.metadata.resourceVersion;
  if (resourceVersion && version !== resourceVersion) return `Expected resource version to be ${resourceVersion}, was ${version}`;
  return undefined;
}

/**
 * `kubectl scale deployment/NAME --replicas=N [--current-replicas=M] [--resource-version=V]`: the controllers do the
 * rest (more pods, or fewer). A precondition is checked against the Scale as the server has it (not for a client dry
 * run, which asks the server nothing).
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
  // kubectl's scale found nothing to scale: it says so before the API server's words
  const nothing = (error: ApiError) => (error.reason === 'NotFound' ? clientError(`no objects passed to scale ${error.message}`, 'NotFound', { kind: error.details.kind, name: error.details.name }) : apiError(error, { alone: true }));
  const w = findWorkload(session, args, opts.namespace, ['Deployment', 'ReplicaSet'], nothing);
  if (isCommandError(w)) return [w];
  const unmet = opts.dryRun === 'client' ? undefined : preconditionError(w.object, current, opts.resourceVersion);
  if (unmet) return [clientError(unmet, 'precondition', { kind: w.object.kind, name: w.object.metadata.name })];
  const updated = structuredClone(w.object);
  (updated.spec as { replicas: number }).replicas = replicas;
  const r = patchWorkload(session, w.resource, updated, { subresource: 'scale', dryRun: opts.dryRun });
  if (isCommandError(r)) return [r];
  session.out(`${kindPrefix(w.resource)}/${w.object.metadata.name} scaled${dryRunSuffix(opts.dryRun)}\n`);
  if (!opts.dryRun) session.settle();
  return [];
}
