import type { KObject } from '../../../api/object.js';
import { kindPrefix } from '../../../api/resources.js';
import { labelValue } from '../../../apiserver/validation/names.js';
import { apiError, clientError, type CommandError } from '../../errors.js';
import type { Session } from '../../session.js';
import { namedOrSelected, resolveTargets } from '../targets.js';
import { dryRunSuffix } from '../dry-run.js';

export interface LabelOptions {
  namespace: string;
  selector?: string;
  all: boolean;
  overwrite: boolean;
  /** client: nothing sent, the object as it would be; server: sent, validated, not stored. */
  dryRun?: 'client' | 'server';
}

type Pairs = { set: Map<string, string>; remove: string[] };

/** What differs between `kubectl label` and `kubectl annotate` (label/label.go, annotate/annotate.go). */
interface Verb {
  command: 'label' | 'annotate';
  /** The word of kubectl's messages ("label changes", "at least one label update"). */
  pair: 'label' | 'annotation';
  field: 'labels' | 'annotations';
  fieldManager: string;
  parse(args: string[]): Pairs | string;
  /** kubectl's refusal to overwrite without --overwrite, as printed, from the keys that have a value already. */
  overwriteRefused(taken: Array<[key: string, value: string]>): string;
  /** The word printed after the object: `labeled`, `not labeled`… */
  outcome(before: KObject, after: KObject, overwrite: boolean): string;
  /** What is printed for a key to remove that the object does not have (label only: annotate says nothing). */
  missing?(key: string): string;
}

/** A command line kubectl refuses, explained by an example of the right one. */
const usage = (message: string, verb: Verb) => clientError(message, 'usage', { detail: `kubesim ${verb.command} pod/NOM clé=valeur (ajoute ou change), clé- (retire)` });

/** cmdutil.GetResourcesAndPairs: resources first, then the changes (`k=v`, `k-`). */
function resourcesAndPairs(args: string[], pair: string): { resources: string[]; pairs: string[] } | string {
  const resources: string[] = [];
  const pairs: string[] = [];
  for (const arg of args) {
    const isPair = (arg.includes('=') && arg[0] !== '=') || (arg.endsWith('-') && arg !== '-');
    if (isPair) pairs.push(arg);
    else if (pairs.length) return `all resources must be specified before ${pair} changes: ${arg}`;
    else resources.push(arg);
  }
  return { resources, pairs };
}

/** label.go parseLabels: one `=` per change, a valid value, no key both set and removed. */
function parseLabels(args: string[]): Pairs | string {
  const set = new Map<string, string>();
  const remove: string[] = [];
  for (const spec of args) {
    if (spec.includes('=')) {
      const parts = spec.split('=');
      if (parts.length !== 2) return `invalid label spec: ${spec}`;
      const errs = labelValue(parts[1]!);
      if (errs.length) return `invalid label value: "${spec}": ${errs.join(';')}`;
      set.set(parts[0]!, parts[1]!);
    } else if (spec.endsWith('-')) remove.push(spec.slice(0, -1));
    else return `unknown label spec: ${spec}`;
  }
  if (remove.some((key) => set.has(key))) return 'can not both modify and remove a label in the same command';
  return { set, remove };
}

/** cmdutil.ParsePairs and annotate.go validateAnnotations: a value may hold `=`. */
function parseAnnotations(args: string[]): Pairs | string {
  const set = new Map<string, string>();
  const remove: string[] = [];
  const invalid: string[] = [];
  for (const spec of args) {
    const eq = spec.indexOf('=');
    if (eq > 0) set.set(spec.slice(0, eq), spec.slice(eq + 1));
    else if (spec.endsWith('-') && spec !== '-') remove.push(spec.slice(0, -1));
    else invalid.push(spec);
  }
  if (invalid.length) return `invalid annotation format: ${invalid.join(', ')}`;
  const both = remove.filter((key) => set.has(key));
  if (both.length) return `can not both modify and remove the following annotation(s) in the same command: ${both.join(', ')}`;
  return { set, remove };
}

const LABEL: Verb = {
  command: 'label',
  pair: 'label',
  field: 'labels',
  fieldManager: 'kubectl-label',
  parse: parseLabels,
  // an aggregate: CheckErr prints one error as "error: …", several a line each (kubectl in Go's map order, here the keys')
  overwriteRefused: (taken) => {
    const errs = taken.map(([key, value]) => `'${key}' already has a value (${value}), and --overwrite is false`);
    return errs.length === 1 ? `error: ${errs[0]}` : errs.join('\n');
  },
  // updateDataChangeMsg compares the object's JSON before and after
  outcome: (before, after, overwrite) => {
    const [was, is] = [JSON.stringify(before), JSON.stringify(after)];
    if (was === is) return 'not labeled';
    return !overwrite && is.length < was.length ? 'unlabeled' : 'labeled';
  },
  missing: (key) => `label "${key}" not found.\n`,
};

const ANNOTATE: Verb = {
  command: 'annotate',
  pair: 'annotation',
  field: 'annotations',
  fieldManager: 'kubectl-annotate',
  parse: parseAnnotations,
  overwriteRefused: (taken) =>
    `error: --overwrite is false but found the following declared annotation(s): ${taken.map(([key, value]) => `'${key}' already has a value (${value})`).join('; ')}`,
  outcome: () => 'annotated',
};

/**
 * `kubectl label` and `kubectl annotate`: each object read, its labels (annotations) changed, sent as kubectl sends
 * them (a merge patch, here the object patched), and `pod/web labeled`. A pod relabeled out of its ReplicaSet's
 * selector is replaced: the controllers react before the command ends.
 */
async function run(verb: Verb, session: Session, args: string[], opts: LabelOptions): Promise<CommandError[]> {
  const split = resourcesAndPairs(args, verb.pair);
  if (typeof split === 'string') return [usage(split, verb)];
  const pairs = verb.parse(split.pairs);
  if (typeof pairs === 'string') return [usage(pairs, verb)];
  if (opts.all && opts.selector) return [usage('cannot set --all and --selector at the same time', verb)];
  if (!split.resources.length) return [usage('one or more resources must be specified as <resource> <name> or <resource>/<name>', verb)];
  if (!pairs.set.size && !pairs.remove.length) return [usage(`at least one ${verb.pair} update is required`, verb)];
  const resolved = resolveTargets(split.resources);
  if (!Array.isArray(resolved)) return [resolved];
  const targets = namedOrSelected(session, resolved, opts, (message) => usage(message, verb));
  if (!Array.isArray(targets)) return [targets];
  const errors: CommandError[] = [];
  for (const t of targets) {
    const got = session.request({ verb: 'get', resource: t.resource, namespace: t.namespace, name: t.name });
    if (!got.ok) {
      errors.push(apiError(got.error, { alone: true }));
      continue;
    }
    const before = got.object;
    const current = before.metadata[verb.field] ?? {};
    if (verb.missing) for (const key of pairs.remove) if (!(key in current)) session.out(verb.missing(key));
    // the change-cause annotation may always be overwritten (annotate.go)
    const taken = [...pairs.set.keys()].filter((key) => key in current && key !== 'kubernetes.io/change-cause').sort().map((key): [string, string] => [key, current[key]!]);
    if (!opts.overwrite && taken.length) {
      errors.push({ kubectl: verb.overwriteRefused(taken), code: 'overwrite', args: { detail: taken.map(([key]) => key).join(', ') } });
      continue;
    }
    const values = { ...current, ...Object.fromEntries(pairs.set) };
    for (const key of pairs.remove) delete values[key];
    const after = structuredClone(before);
    after.metadata[verb.field] = values;
    let written = before;
    if (opts.dryRun === 'client') written = after;
    else if (JSON.stringify(current) !== JSON.stringify(values)) {
      const r = session.request({ verb: 'patch', resource: t.resource, namespace: t.namespace, name: t.name, body: after, fieldManager: verb.fieldManager, dryRun: opts.dryRun === 'server' });
      if (!r.ok) {
        errors.push(apiError(r.error, { alone: true, kind: t.resource.kind, name: t.name }));
        continue;
      }
      written = r.object;
    }
    session.out(`${kindPrefix(t.resource)}/${written.metadata.name} ${verb.outcome(before, after, opts.overwrite)}${dryRunSuffix(opts.dryRun)}\n`);
  }
  if (!opts.dryRun) session.settle();
  return errors;
}

export const runLabel = (session: Session, args: string[], opts: LabelOptions) => run(LABEL, session, args, opts);
export const runAnnotate = (session: Session, args: string[], opts: LabelOptions) => run(ANNOTATE, session, args, opts);
