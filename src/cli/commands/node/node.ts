import type { Node, Pod } from 'kubernetes-types/core/v1.js';
import type { KObject } from '../../../api/object.js';
import { controllerOf } from '../../../api/object.js';
import { asPod, isTerminal } from '../../../api/pods.js';
import { resolveResource } from '../../../api/resources.js';
import { apiError, clientError, isCommandError, type CommandError } from '../../errors.js';
import type { Session } from '../../session.js';

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

function setUnschedulable(session: Session, node: KObject, value: boolean): CommandError | 'changed' | 'same' {
  if (!!(node as unknown as Node).spec?.unschedulable === value) return 'same';
  const updated = structuredClone(node) as KObject & Node;
  updated.spec = { ...updated.spec, unschedulable: value || undefined };
  if (!value) delete (updated.spec as { unschedulable?: boolean }).unschedulable;
  const r = session.request({ verb: 'patch', resource: NODES, name: node.metadata.name, body: updated });
  return r.ok ? 'changed' : apiError(r.error, { alone: true });
}

/** `kubectl cordon|uncordon NODE`: no new pods there (the ones running stay). */
export async function runCordon(session: Session, args: string[], cordon: boolean): Promise<CommandError[]> {
  const node = getNode(session, args[0]);
  if (isCommandError(node)) return [node];
  const result = setUnschedulable(session, node, cordon);
  if (typeof result !== 'string') return [result];
  const word = cordon ? 'cordoned' : 'uncordoned';
  session.out(`node/${node.metadata.name} ${result === 'same' ? `already ${word}` : word}\n`);
  session.settle();
  return [];
}

export interface DrainOptions {
  force: boolean;
  ignoreDaemonsets: boolean;
  deleteEmptydirData: boolean;
}

/**
 * `kubectl drain NODE`: cordon, then evict every pod (mirror pods stay; pods without a controller need --force,
 * pods with emptyDir need --delete-emptydir-data). Their controllers recreate them on other nodes.
 */
export async function runDrain(session: Session, args: string[], opts: DrainOptions): Promise<CommandError[]> {
  const node = getNode(session, args[0]);
  if (isCommandError(node)) return [node];
  const name = node.metadata.name;
  const cordon = setUnschedulable(session, node, true);
  if (typeof cordon !== 'string') return [cordon];
  session.out(`node/${name} ${cordon === 'same' ? 'already cordoned' : 'cordoned'}\n`);
  const pods = session.store.list('/registry/pods/').filter((p) => asPod(p).spec?.nodeName === name && !isTerminal(asPod(p)) && !p.metadata.deletionTimestamp);
  const evictable = pods.filter((p) => !p.metadata.annotations?.['kubernetes.io/config.mirror']);
  const unmanaged = evictable.filter((p) => !controllerOf(p));
  const localStorage = evictable.filter((p) => (asPod(p) as Pod).spec?.volumes?.some((v) => v.emptyDir));
  const blockers: string[] = [];
  if (unmanaged.length && !opts.force) blockers.push(`cannot delete Pods that declare no controller (use --force to override): ${unmanaged.map(ref).join(', ')}`);
  if (localStorage.length && !opts.deleteEmptydirData) blockers.push(`cannot delete Pods with local storage (use --delete-emptydir-data to override): ${localStorage.map(ref).join(', ')}`);
  if (blockers.length) {
    session.settle();
    return [clientError(`unable to drain node "${name}" due to error: ${blockers.join(', ')}, continuing command...\nThere are pending nodes to be drained:\n ${name}\n${blockers.join('\n')}`, 'usage', { detail: `drain ${name}` })];
  }
  const warnings = [
    unmanaged.length ? `deleting Pods that declare no controller: ${unmanaged.map(ref).join(', ')}` : '',
    localStorage.length ? `deleting Pods with local storage: ${localStorage.map(ref).join(', ')}` : '',
  ].filter(Boolean);
  if (warnings.length) session.renderer.stderr(`Warning: ${warnings.join('; ')}\n`);
  for (const p of evictable) {
    session.out(`evicting pod ${ref(p)}\n`);
    const r = session.request({ verb: 'delete', resource: PODS, namespace: p.metadata.namespace, name: p.metadata.name });
    if (r.ok) session.out(`pod/${p.metadata.name} evicted\n`);
  }
  session.settle();
  session.out(`node/${name} drained\n`);
  return [];
}

function ref(p: KObject): string {
  return `${p.metadata.namespace}/${p.metadata.name}`;
}
