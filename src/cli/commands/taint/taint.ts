import type { Node, Taint } from 'kubernetes-types/core/v1.js';
import type { KObject } from '../../../api/object.js';
import { resolveResource } from '../../../api/resources.js';
import { labelValue, qualifiedName } from '../../../apiserver/validation/names.js';
import { writtenOutputRefusal, writtenText } from '../../../printers/output.js';
import { apiError, clientError, type CommandError } from '../../errors.js';
import { withHelp } from '../../parse-errors.js';
import type { Session } from '../../session.js';
import { fetchTarget, selectorsOf } from '../targets.js';

const EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];
const NODES = resolveResource('nodes')!;

export interface TaintOptions {
  dryRun?: 'client' | 'server';
  output?: string;
  /** Replace a taint of the same key and effect (else refused). */
  overwrite: boolean;
  /** Every node, or (-l) those the selector matches, instead of names. */
  all: boolean;
  selector?: string;
}

interface Changes {
  add: Taint[];
  remove: Taint[];
}

const usage = (message: string) => [clientError(message, 'usage', { detail: 'kubesim taint nodes NOM clé=valeur:NoSchedule (clé:NoSchedule- pour retirer)' })];
/** cmdutil.UsageErrorf: the message, then where help is. */
const usageOf = (message: string) => usage(withHelp(message, 'taint'));

/** Taint.ToString: `key=value:Effect`, without the parts it lacks. */
function taintText(t: Taint): string {
  if (!t.effect) return t.value ? `${t.key}=${t.value}:` : t.key;
  return t.value ? `${t.key}=${t.value}:${t.effect}` : `${t.key}:${t.effect}`;
}

/** parseTaint: `key=value:Effect`, `key:Effect` or `key`. */
function parseTaint(spec: string): Taint | string {
  const parts = spec.split(':');
  if (parts.length > 2) return `invalid taint spec: ${spec}`;
  let value = '';
  let effect: string | undefined;
  let key = parts[0]!;
  if (parts.length === 2) {
    effect = parts[1]!;
    if (!EFFECTS.includes(effect)) return `invalid taint effect: ${effect}, unsupported taint effect`;
    const kv = key.split('=');
    if (kv.length > 2) return `invalid taint spec: ${spec}`;
    key = kv[0]!;
    value = kv[1] ?? '';
    const errs = labelValue(value);
    if (errs.length) return `invalid taint spec: ${spec}, ${errs.join('; ')}`;
  }
  const errs = qualifiedName(key);
  if (errs.length) return `invalid taint spec: ${spec}, ${errs.join('; ')}`;
  return { key, ...(value && { value }), effect: effect as Taint['effect'] };
}

const sameTaint = (a: Taint, b: Taint) => a.key === b.key && (a.effect ?? '') === (b.effect ?? '');

/** parseTaints: a trailing `-` removes; an added taint needs its effect, and comes once per key and effect. */
function parseTaints(specs: string[]): Changes | string {
  const changes: Changes = { add: [], remove: [] };
  for (const spec of specs) {
    const removal = spec.endsWith('-');
    const taint = parseTaint(removal ? spec.slice(0, -1) : spec);
    if (typeof taint === 'string') return taint;
    if (removal) {
      changes.remove.push({ key: taint.key, effect: taint.effect });
      continue;
    }
    if (!taint.effect) return `invalid taint spec: ${spec}`;
    // Go's %v of the Taint struct: {key value effect timeAdded}
    if (changes.add.some((t) => sameTaint(t, taint))) return `duplicated taints with the same key and effect: {${taint.key} ${taint.value ?? ''} ${taint.effect} <nil>}`;
    changes.add.push(taint);
  }
  return changes;
}

/**
 * reorganizeTaints: the new taints first, then the old ones they do not replace, less the removed ones. The word
 * kubectl prints (tainted, untainted, modified), or its refusal.
 */
function reorganize(node: KObject & Node, changes: Changes, overwrite: boolean): { taints: Taint[]; word: string } | string[] {
  const old = node.spec?.taints ?? [];
  if (!overwrite) {
    const existing = changes.add.flatMap((t) => old.filter((o) => sameTaint(t, o)).map(() => t.key));
    if (existing.length) return [`node ${node.metadata.name} already has ${existing.join(',')} taint(s) with same effect(s) and --overwrite is false`];
  }
  let taints = [...changes.add, ...old.filter((o) => !changes.add.some((t) => sameTaint(t, o)))];
  const added = taints.length !== old.length;
  const missing: string[] = [];
  // deleteTaints keeps only the last removal's outcome for the word
  let deleted = false;
  for (const removal of changes.remove) {
    const left = taints.filter((t) => !(t.key === removal.key && (!removal.effect || t.effect === removal.effect)));
    deleted = left.length !== taints.length;
    if (!deleted) missing.push(`taint "${taintText(removal)}" not found`);
    taints = left;
  }
  if (missing.length) return missing;
  return { taints, word: (added && deleted) || overwrite ? 'modified' : added ? 'tainted' : 'untainted' };
}

/** Complete and Validate: the nodes asked for and the changes, or kubectl's refusal. */
function parseArgs(args: string[], o: TaintOptions): { names: string[]; changes: Changes } | CommandError[] {
  const resources: string[] = [];
  const specs: string[] = [];
  for (const arg of args) {
    const isTaint = arg.includes('=') || arg.includes(':') || arg.endsWith('-');
    if (isTaint) specs.push(arg);
    else if (specs.length) return usage(`all resources must be specified before taint changes: ${arg}`);
    else resources.push(arg);
  }
  if (!resources.length) return usage('one or more resources must be specified as <resource> <name>');
  if (!specs.length) return usage('at least one taint update is required');
  const changes = parseTaints(specs);
  if (typeof changes === 'string') return usageOf(changes);
  const type = resources[0]!.toLowerCase();
  const resource = resolveResource(type);
  // the mapper's error, which kubectl prints without "error: "
  if (!resource) return [{ kubectl: `the server doesn't have a resource type "${type}"`, code: 'unknown-resource', args: { resource: type } }];
  if (resource.kind !== 'Node') return usage(`invalid resource type ${type}, only node types are supported`);
  const conflicts = changes.add.flatMap((t) => changes.remove.filter((r) => r.key === t.key && (!r.effect || r.effect === t.effect)).map((r) => `${r.key}=${r.effect ?? ''}`));
  if (conflicts.length) return usage(`can not both modify and remove the following taint(s) in the same command: ${conflicts.join(', ')}`);
  if (o.all && o.selector) return usage("setting 'all' parameter with a non empty selector is prohibited");
  if (!o.all && !o.selector && resources.length < 2) return usage("at least one resource name must be specified since 'all' parameter is not set");
  return { names: resources.slice(1), changes };
}

/**
 * `kubectl taint nodes NAME… key=value:Effect… [key:Effect- …]` (or --all, -l): pods without a matching toleration
 * keep away, or (NoExecute) leave. Each node is told as it is done, the nodes not found after. A dry run prints what a
 * real one does, without "(dry run)": kubectl's taint does not add it.
 */
export async function runTaint(session: Session, args: string[], o: TaintOptions): Promise<CommandError[]> {
  const refused = writtenOutputRefusal(o.output, 'taint');
  if (refused) return usage(refused);
  const parsed = parseArgs(args, o);
  if (!('names' in parsed)) return parsed;
  // the names, or (--all, -l) the list: the builder takes names only when neither is given
  const target = { resource: NODES, names: o.all || o.selector ? [] : parsed.names, pairs: false };
  const selectors = selectorsOf([target], { selector: o.selector });
  if (Array.isArray(selectors)) return selectors;
  const errors: CommandError[] = [];
  const nodes = fetchTarget(session, target, { namespace: '', selector: o.selector }, selectors, errors);
  let changed = false;
  for (const found of nodes) {
    const node = structuredClone(found) as KObject & Node;
    const next = reorganize(node, parsed.changes, o.overwrite);
    if (Array.isArray(next)) {
      errors.push(...next.map((message) => clientError(message, 'usage', { detail: node.metadata.name })));
      continue;
    }
    node.spec = { ...node.spec, taints: next.taints };
    if (!next.taints.length) delete node.spec.taints;
    const r = o.dryRun === 'client' ? { ok: true as const, object: node } : session.request({ verb: 'patch', resource: NODES, name: node.metadata.name, body: node, dryRun: o.dryRun === 'server', fieldManager: 'kubectl-taint' });
    if (!r.ok) {
      errors.push(apiError(r.error, { alone: false }));
      continue;
    }
    changed = true;
    session.out(await writtenText(r.object, o.output, next.word));
  }
  if (changed && !o.dryRun) session.settle();
  return errors;
}
