import type { Node, Pod } from 'kubernetes-types/core/v1.js';
import type { KObject } from '../../../api/object.js';
import { controllerOf } from '../../../api/object.js';
import { asPod, isTerminal } from '../../../api/pods.js';
import { resolveResource } from '../../../api/resources.js';
import { apiError, clientError, isCommandError, type CommandError } from '../../errors.js';
import type { Session } from '../../session.js';
import { dryRunSuffix } from '../dry-run.js';

const NODES = resolveResource('nodes')!;
const PODS = resolveResource('pods')!;

function getNode(session: Session, name: string | undefined): KObject | CommandError {
  if (!name) return clientError('a node name is required', 'usage', { detail: 'kubesim node fail NOM_DU_NŒUD' });
  const r = session.request({ verb: 'get', resource: NODES, name });
  return r.ok ? r.object : apiError(r.error, { alone: true });
}

/** `kubesim node fail NAME`: the node's kubelet stops (power cut, crash); the control plane reacts on its own time. */
export async function runNodeFail(session: Session, args: string[]): Promise<CommandError[]> {
  const node = getNode(session, args[0]);
  if (isCommandError(node)) return [node];
  if (node.metadata.name in session.cluster.downNodes) return [clientError(`node ${node.metadata.name} is already down`, 'usage', { detail: 'kubesim node recover' })];
  session.cluster.failNode(node.metadata.name);
  session.out(`node/${node.metadata.name} failed\n`);
  session.settle();
  return [];
}

export async function runNodeRecover(session: Session, args: string[]): Promise<CommandError[]> {
  const node = getNode(session, args[0]);
  if (isCommandError(node)) return [node];
  if (!(node.metadata.name in session.cluster.downNodes)) return [clientError(`node ${node.metadata.name} is not down`, 'usage', { detail: 'kubesim node fail' })];
  session.cluster.recoverNode(node.metadata.name);
  session.out(`node/${node.metadata.name} recovered\n`);
  session.settle();
  return [];
}

type DryRun = 'client' | 'server' | undefined;

/** spec.unschedulable set or cleared; with --dry-run=client only said, with server only checked by the API server. */
function setUnschedulable(session: Session, node: KObject, value: boolean, dryRun: DryRun): CommandError | 'changed' | 'same' {
  if (!!(node as unknown as Node).spec?.unschedulable === value) return 'same';
  if (dryRun === 'client') return 'changed';
  const updated = structuredClone(node) as KObject & Node;
  updated.spec = { ...updated.spec, unschedulable: value || undefined };
  if (!value) delete (updated.spec as { unschedulable?: boolean }).unschedulable;
  const r = session.request({ verb: 'patch', resource: NODES, name: node.metadata.name, body: updated, dryRun: dryRun === 'server' });
  return r.ok ? 'changed' : apiError(r.error, { alone: true });
}

/** `kubectl cordon|uncordon NODE`: no new pods there (the ones running stay). */
export async function runCordon(session: Session, args: string[], cordon: boolean, dryRun: DryRun): Promise<CommandError[]> {
  const node = getNode(session, args[0]);
  if (isCommandError(node)) return [node];
  const result = setUnschedulable(session, node, cordon, dryRun);
  if (typeof result !== 'string') return [result];
  const word = cordon ? 'cordoned' : 'uncordoned';
  session.out(`node/${node.metadata.name} ${result === 'same' ? `already ${word}` : word}${dryRunSuffix(dryRun)}\n`);
  if (!dryRun) session.settle();
  return [];
}

export interface DrainOptions {
  force: boolean;
  ignoreDaemonsets: boolean;
  deleteEmptydirData: boolean;
  dryRun: DryRun;
}

/**
 * `kubectl drain NODE`: cordon, then evict every pod through its eviction subresource (mirror pods stay; pods without
 * a controller need --force, pods with emptyDir need --delete-emptydir-data), and wait until they are gone. Their
 * controllers recreate them on other nodes. kubectl evicts in parallel and prints as each answers: kubesim in the
 * order of the list, every eviction asked before any is told done.
 */
export async function runDrain(session: Session, args: string[], opts: DrainOptions): Promise<CommandError[]> {
  const node = getNode(session, args[0]);
  if (isCommandError(node)) return [node];
  const name = node.metadata.name;
  const suffix = dryRunSuffix(opts.dryRun);
  const cordon = setUnschedulable(session, node, true, opts.dryRun);
  if (typeof cordon !== 'string') return [cordon];
  session.out(`node/${name} ${cordon === 'same' ? 'already cordoned' : 'cordoned'}${suffix}\n`);
  const pods = session.store.list('/registry/pods/').filter((p) => asPod(p).spec?.nodeName === name && !isTerminal(asPod(p)) && !p.metadata.deletionTimestamp);
  const evictable = pods.filter((p) => !p.metadata.annotations?.['kubernetes.io/config.mirror']);
  const unmanaged = evictable.filter((p) => !controllerOf(p));
  const localStorage = evictable.filter((p) => (asPod(p) as Pod).spec?.volumes?.some((v) => v.emptyDir));
  const blockers: string[] = [];
  if (unmanaged.length && !opts.force) blockers.push(`cannot delete Pods that declare no controller (use --force to override): ${unmanaged.map(ref).join(', ')}`);
  if (localStorage.length && !opts.deleteEmptydirData) blockers.push(`cannot delete Pods with local storage (use --delete-emptydir-data to override): ${localStorage.map(ref).join(', ')}`);
  if (blockers.length) {
    if (!opts.dryRun) session.settle();
    return [clientError(`unable to drain node "${name}" due to error: ${blockers.join(', ')}, continuing command...\nThere are pending nodes to be drained:\n ${name}\n${blockers.join('\n')}`, 'usage', { detail: `drain ${name}` })];
  }
  const warnings = [
    unmanaged.length ? `deleting Pods that declare no controller: ${unmanaged.map(ref).join(', ')}` : '',
    localStorage.length ? `deleting Pods with local storage: ${localStorage.map(ref).join(', ')}` : '',
  ].filter(Boolean);
  if (warnings.length) session.renderer.stderr(`Warning: ${warnings.join('; ')}\n`);
  const errors: CommandError[] = [];
  const evicted: KObject[] = [];
  for (const p of evictable) {
    session.out(`evicting pod ${ref(p)}${suffix}\n`);
    if (opts.dryRun === 'client') continue;
    const eviction = { apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name: p.metadata.name, namespace: p.metadata.namespace }, ...(opts.dryRun && { deleteOptions: { dryRun: ['All'] } }) };
    const r = session.request({ verb: 'create', resource: PODS, namespace: p.metadata.namespace, name: p.metadata.name, subresource: 'eviction', body: eviction as unknown as KObject });
    if (r.ok) evicted.push(p);
    else if (r.error.reason !== 'NotFound') errors.push(apiError(r.error, { alone: true }));
  }
  if (!opts.dryRun) {
    // kubectl waits for each pod to be gone before it says so
    session.settle();
    for (const p of evicted) session.out(`pod/${p.metadata.name} evicted\n`);
  }
  if (errors.length) return errors;
  session.out(`node/${name} drained${suffix}\n`);
  return [];
}

function ref(p: KObject): string {
  return `${p.metadata.namespace}/${p.metadata.name}`;
}
