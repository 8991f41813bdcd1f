import type { Node, Taint } from 'kubernetes-types/core/v1.js';
import type { KObject } from '../../../api/object.js';
import { resolveResource } from '../../../api/resources.js';
import { apiError, clientError, type CommandError } from '../../errors.js';
import type { Session } from '../../session.js';

const EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

interface TaintArg {
  taint: Taint;
  remove: boolean;
}

/** `key=value:Effect` to add, `key:Effect-` or `key-` to remove (kubectl taint's syntax). */
function parseTaint(arg: string): TaintArg | undefined {
  const remove = arg.endsWith('-');
  const body = remove ? arg.slice(0, -1) : arg;
  const m = /^([\w./-]+)(?:=([\w.-]*))?(?::(\w+))?$/.exec(body);
  if (!m) return undefined;
  const [, key, value, effect] = m;
  if (effect && !EFFECTS.includes(effect)) return undefined;
  if (!remove && !effect) return undefined;
  return { taint: { key, ...(value ? { value } : {}), effect: effect as Taint['effect'] }, remove };
}

/** `kubectl taint nodes NAME key=value:NoSchedule` / `key:NoSchedule-`: pods without a matching toleration keep away. */
export async function runTaint(session: Session, args: string[]): Promise<CommandError[]> {
  const [type, name, ...specs] = args[0]?.includes('/') ? [args[0].split('/')[0], args[0].split('/')[1], ...args.slice(1)] : args;
  if (resolveResource(type ?? '')?.kind !== 'Node' || !name || !specs.length) {
    return [clientError('usage: kubesim taint nodes NAME KEY[=VALUE]:EFFECT ... (KEY:EFFECT- to remove)', 'usage', { detail: 'taint nodes NOM clé=valeur:NoSchedule' })];
  }
  const parsed = specs.map(parseTaint);
  const bad = specs.find((_, i) => !parsed[i]);
  if (bad) return [clientError(`invalid taint spec: ${bad}, unknown or missing effect (NoSchedule, PreferNoSchedule, NoExecute)`, 'usage', { detail: bad })];
  const nodes = resolveResource('nodes')!;
  const got = session.request({ verb: 'get', resource: nodes, name });
  if (!got.ok) return [apiError(got.error, { alone: true })];
  const node = structuredClone(got.object) as KObject & Node;
  let taints: Taint[] = node.spec?.taints ?? [];
  let removed = false;
  let added = false;
  for (const { taint, remove } of parsed as TaintArg[]) {
    if (remove) {
      const before = taints.length;
      taints = taints.filter((t) => !(t.key === taint.key && (!taint.effect || t.effect === taint.effect)));
      if (taints.length === before) return [clientError(`taint "${taint.key}${taint.effect ? `:${taint.effect}` : ''}" not found`, 'usage', { detail: taint.key })];
      removed = true;
    } else {
      taints = [...taints.filter((t) => !(t.key === taint.key && t.effect === taint.effect)), taint];
      added = true;
    }
  }
  node.spec = { ...node.spec, taints };
  if (!taints.length) delete node.spec.taints;
  const r = session.request({ verb: 'patch', resource: nodes, name, body: node });
  if (!r.ok) return [apiError(r.error, { alone: true })];
  session.out(`node/${name} ${added && removed ? 'modified' : added ? 'tainted' : 'untainted'}\n`);
  session.settle();
  return [];
}
