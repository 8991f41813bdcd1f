import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1.js';
import { controllerOf, jsonEqual, type KObject } from '../../../api/object.js';
import { kindPrefix, type ResourceType } from '../../../api/resources.js';
import { rfc3339 } from '../../../sim/clock.js';
import { table } from '../../../printers/tabwriter.js';
import { podTemplateText } from '../../../printers/describe/describers.js';
import { clientError, isCommandError, type CommandError } from '../../errors.js';
import type { Session } from '../../session.js';
import { withHelp } from '../../parse-errors.js';
import { dryRunSuffix } from '../dry-run.js';
import { intFlag } from '../int-flag.js';
import { parseDuration } from '../wait/wait.js';
import { findWorkload, patchWorkload } from '../workload.js';

const REVISION = 'deployment.kubernetes.io/revision';

/** polymorphichelpers/rollout_status.go: one line per state, done when the new ReplicaSet is fully available. */
export function rolloutStatus(d: Deployment): { message: string; done: boolean } {
  const name = d.metadata?.name;
  const s = d.status ?? {};
  const replicas = d.spec?.replicas ?? 1;
  if ((d.metadata?.generation ?? 0) > (s.observedGeneration ?? 0)) return { message: 'Waiting for deployment spec update to be observed...', done: false };
  const updated = s.updatedReplicas ?? 0;
  if (updated < replicas) return { message: `Waiting for deployment "${name}" rollout to finish: ${updated} out of ${replicas} new replicas have been updated...`, done: false };
  if ((s.replicas ?? 0) > updated) return { message: `Waiting for deployment "${name}" rollout to finish: ${(s.replicas ?? 0) - updated} old replicas are pending termination...`, done: false };
  if ((s.availableReplicas ?? 0) < updated) return { message: `Waiting for deployment "${name}" rollout to finish: ${s.availableReplicas ?? 0} of ${updated} updated replicas are available...`, done: false };
  return { message: `deployment "${name}" successfully rolled out`, done: true };
}

function history(session: Session, d: KObject): KObject[] {
  return session.store
    .list(`/registry/replicasets/${d.metadata.namespace}/`)
    .filter((rs) => controllerOf(rs)?.uid === d.metadata.uid)
    .sort((a, b) => Number(a.metadata.annotations?.[REVISION] ?? 0) - Number(b.metadata.annotations?.[REVISION] ?? 0));
}

/** The template as the Deployment had it: the ReplicaSet's, without the pod-template-hash label. */
function templateOf(rs: KObject): unknown {
  const t = structuredClone((rs as unknown as ReplicaSet).spec!.template!);
  const labels = { ...(t.metadata?.labels ?? {}) };
  delete labels['pod-template-hash'];
  t.metadata = { ...t.metadata, labels };
  return t;
}

export async function runRollout(session: Session, args: string[], opts: { namespace: string; toRevision?: string; revision?: string; timeout?: string; dryRun?: 'client' | 'server' }): Promise<CommandError[]> {
  const [sub, ...rest] = args;
  // cobra parses the int flags before anything is asked of the server
  const help = `kubectl rollout ${sub}`;
  const [revision, toRevision] = [intFlag(opts.revision, 0, { flag: '--revision', help, bits: 64 }), intFlag(opts.toRevision, 0, { flag: '--to-revision', help, bits: 64 })];
  for (const parsed of [revision, toRevision]) if (typeof parsed === 'string') return [clientError(parsed, 'usage', { detail: 'rollout history deployment/NOM --revision=N' })];
  const w = findWorkload(session, rest, opts.namespace, ['Deployment']);
  if (!['status', 'history', 'undo', 'restart', 'pause', 'resume'].includes(sub ?? '')) {
    // cobra's refusal (bare `kubectl rollout` prints its help, which names the subcommands)
    const refusal = sub === undefined ? 'error: a rollout subcommand is needed: status, history, undo, restart, pause or resume' : withHelp(`error: unknown command "${sub}"`, 'rollout');
    return [clientError(refusal, 'usage', { detail: 'rollout status deployment/NOM' })];
  }
  if (isCommandError(w)) return [w];
  const d = w.object;
  const ref = `${kindPrefix(w.resource)}/${d.metadata.name}`;
  switch (sub) {
    case 'status':
      return status(session, d, opts.timeout);
    case 'history':
      return showHistory(session, d, ref, revision as number);
    case 'undo':
      return undo(session, w, ref, toRevision as number, opts.dryRun);
    case 'restart': {
      const updated = structuredClone(d) as KObject & Deployment;
      const t = updated.spec!.template;
      t.metadata = { ...t.metadata, annotations: { ...(t.metadata?.annotations ?? {}), 'kubectl.kubernetes.io/restartedAt': rfc3339(session.now) } };
      return finish(session, patchWorkload(session, w.resource, updated), `${ref} restarted`);
    }
    default: {
      const pause = sub === 'pause';
      if (!!(d as unknown as Deployment).spec?.paused === pause) return [clientError(`${ref} is already ${pause ? 'paused' : 'resumed'}`, 'usage', { detail: sub })];
      const updated = structuredClone(d) as KObject & Deployment;
      updated.spec = { ...updated.spec!, paused: pause || undefined };
      if (!pause) delete updated.spec.paused;
      return finish(session, patchWorkload(session, w.resource, updated), `${ref} ${pause ? 'paused' : 'resumed'}`);
    }
  }
}

/** The change told (a dry run's as kubectl tells it), then the cluster let settle unless it was a dry run. */
function finish(session: Session, result: KObject | CommandError, line: string, dryRun?: 'client' | 'server'): CommandError[] {
  if (isCommandError(result)) return [result];
  session.out(`${line}${dryRunSuffix(dryRun)}\n`);
  if (!dryRun) session.settle();
  return [];
}

/** kubectl waits and prints each new state; kubesim lets virtual time pass 10 s at a time, up to --timeout. */
async function status(session: Session, d: KObject, timeout = '5m'): Promise<CommandError[]> {
  const limit = parseDuration(timeout) ?? 300_000;
  let last = '';
  for (let waited = 0; ; waited += 10_000) {
    const current = session.store.get(`/registry/deployments/${d.metadata.namespace}/${d.metadata.name}`)!.value as unknown as Deployment;
    const { message, done } = rolloutStatus(current);
    if (message !== last) session.out(`${message}\n`);
    last = message;
    if (done) return [];
    if (waited >= limit) return [clientError('timed out waiting for the condition', 'timed-out', { detail: `--timeout=${timeout}` })];
    session.cluster.stabilize(0, 10_000);
  }
}

/** `revision`: 0 for the list of revisions, else the template of that one. */
function showHistory(session: Session, d: KObject, ref: string, revision: number): CommandError[] {
  if (revision < 0) return [clientError(`revision must be a positive integer: ${revision}`, 'usage', { detail: `--revision=${revision}` })];
  const sets = history(session, d);
  if (revision) {
    const rs = sets.find((r) => r.metadata.annotations?.[REVISION] === String(revision));
    if (!rs) return [clientError(`unable to find the specified revision`, 'usage', { detail: `--revision=${revision}` })];
    // the ReplicaSet's template as it is, pod-template-hash included
    session.out(`${ref} with revision #${revision}\n${podTemplateText((rs as unknown as ReplicaSet).spec?.template)}\n`);
    return [];
  }
  const rows = sets.map((rs) => [rs.metadata.annotations?.[REVISION] ?? '0', rs.metadata.annotations?.['kubernetes.io/change-cause'] ?? '<none>']);
  session.out(`${ref} \n${table([['REVISION', 'CHANGE-CAUSE'], ...rows], { minwidth: 0, padding: 2 })}\n`);
  return [];
}

/**
 * rollout undo: the template of an earlier revision becomes the Deployment's again (a new revision number).
 * `toRevision`: 0 for the one before the current one. --dry-run=client prints the ReplicaSet's template that would
 * come back, as kubectl's rollbacker does (in place of the word "rolled back").
 */
function undo(session: Session, w: { resource: ResourceType; object: KObject }, ref: string, toRevision: number, dryRun?: 'client' | 'server'): CommandError[] {
  const d = w.object;
  const sets = history(session, d);
  const current = d.metadata.annotations?.[REVISION];
  const previous = sets.filter((rs) => rs.metadata.annotations?.[REVISION] !== current);
  const target = toRevision ? sets.find((rs) => rs.metadata.annotations?.[REVISION] === String(toRevision)) : previous[previous.length - 1];
  if (!target) {
    return [clientError(toRevision ? `unable to find specified revision ${toRevision} in history` : `no rollout history found for deployment "${d.metadata.name}"`, 'usage', { detail: 'rollout history' })];
  }
  if (dryRun === 'client') {
    session.out(`${ref} ${podTemplateText((target as unknown as ReplicaSet).spec?.template)} (dry run)\n`);
    return [];
  }
  if ((d as unknown as Deployment).spec?.paused) {
    return [clientError("you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again", 'usage', { detail: `rollout resume ${ref}` })];
  }
  const template = templateOf(target);
  if (jsonEqual(template, (d as unknown as Deployment).spec?.template)) {
    session.out(`${ref} skipped rollback (current template already matches revision ${toRevision})${dryRunSuffix(dryRun)}\n`);
    return [];
  }
  const updated = structuredClone(d) as KObject & Deployment;
  updated.spec = { ...updated.spec!, template: template as NonNullable<Deployment['spec']>['template'] };
  return finish(session, patchWorkload(session, w.resource, updated, { dryRun }), `${ref} rolled back`, dryRun);
}
