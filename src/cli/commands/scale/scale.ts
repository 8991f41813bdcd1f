import { kindPrefix } from '../../../api/resources.js';
import { clientError, isCommandError, type CommandError } from '../../errors.js';
import type { Session } from '../../session.js';
import { dryRunSuffix } from '../dry-run.js';
import { intFlag } from '../int-flag.js';
import { findWorkload, patchWorkload } from '../workload.js';

/** `kubectl scale deployment/NAME --replicas=N`: the controllers do the rest (more pods, or fewer). */
export async function runScale(session: Session, args: string[], opts: { namespace: string; replicas?: string; dryRun?: 'client' | 'server' }): Promise<CommandError[]> {
  // kubectl's --replicas is an int flag: cobra refuses what does not parse, then scale what is not 0 or more
  const replicas = intFlag('--replicas', opts.replicas, -1, 64);
  if (typeof replicas === 'string') return [clientError(replicas, 'usage', { detail: '--replicas=N' })];
  if (replicas < 0) return [clientError('The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0', 'usage', { detail: '--replicas=N' })];
  const w = findWorkload(session, args, opts.namespace, ['Deployment', 'ReplicaSet']);
  if (isCommandError(w)) return [w];
  const updated = structuredClone(w.object);
  (updated.spec as { replicas: number }).replicas = replicas;
  const r = patchWorkload(session, w.resource, updated, { subresource: 'scale', dryRun: opts.dryRun });
  if (isCommandError(r)) return [r];
  session.out(`${kindPrefix(w.resource)}/${w.object.metadata.name} scaled${dryRunSuffix(opts.dryRun)}\n`);
  if (!opts.dryRun) session.settle();
  return [];
}
