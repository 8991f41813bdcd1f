import type { Deployment } from 'kubernetes-types/apps/v1.js';
import { kindPrefix } from '../../../api/resources.js';
import { clientError, isCommandError, type CommandError } from '../../errors.js';
import type { Session } from '../../session.js';
import { dryRunSuffix } from '../dry-run.js';
import { findWorkload, patchWorkload } from '../workload.js';

/** `kubectl set image deployment/NAME CONTAINER=IMAGE...`: a new pod template, hence a rolling update. */
export async function runSetImage(session: Session, args: string[], opts: { namespace: string; dryRun?: 'client' | 'server' }): Promise<CommandError[]> {
  const targetArgs = args.filter((a) => !a.includes('='));
  const pairs = args.filter((a) => a.includes('=')).map((a) => a.split('=') as [string, string]);
  if (!pairs.length) return [clientError('at least one image update is required', 'usage', { detail: 'CONTENEUR=IMAGE' })];
  const w = findWorkload(session, targetArgs, opts.namespace, ['Deployment', 'ReplicaSet']);
  if (isCommandError(w)) return [w];
  const updated = structuredClone(w.object) as typeof w.object & Deployment;
  const containers = updated.spec!.template.spec!.containers;
  for (const [name, image] of pairs) {
    const targets = name === '*' ? containers : containers.filter((c) => c.name === name);
    if (!targets.length) return [clientError(`unable to find container named "${name}"`, 'usage', { detail: name })];
    for (const c of targets) c.image = image;
  }
  const r = patchWorkload(session, w.resource, updated, { dryRun: opts.dryRun });
  if (isCommandError(r)) return [r];
  session.out(`${kindPrefix(w.resource)}/${w.object.metadata.name} image updated${dryRunSuffix(opts.dryRun)}\n`);
  if (!opts.dryRun) session.settle();
  return [];
}
