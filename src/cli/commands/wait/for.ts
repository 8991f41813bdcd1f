import { kindPrefix, type ResourceType } from '../../../api/resources.js';
import type { KObject } from '../../../api/object.js';
import { JsonPathError, parseJsonPath, valuesOf } from '../../../printers/jsonpath.js';
import { clientError, type CommandError } from '../../errors.js';
import type { Session } from '../../session.js';
import { fetchTarget, NO_NAME, NO_RESOURCES, resolveTargets, selectorsOf } from '../targets.js';
import { parseDuration } from './wait.js';

/** What `--for` asks: a status condition, a JSONPath's value (or its mere presence), or the object gone or there. */
type Condition = { kind: 'delete' } | { kind: 'create' } | { kind: 'condition'; name: string; value: string } | { kind: 'jsonpath'; actions: ReturnType<typeof parseJsonPath>; value?: string };

export interface WaitForOptions {
  for: string;
  timeout?: string;
  namespace: string;
  allNamespaces: boolean;
  selector?: string;
  all: boolean;
  output?: string;
}

/** How far virtual time moves between two looks, as kubectl's watch would see the changes of each second. */
const STEP_MS = 1000;
const DEFAULT_TIMEOUT_MS = 30_000;
/** kubectl: a negative --timeout waits a week. */
const WEEK_MS = 7 * 24 * 3_600_000;

/** cmdget.RelaxedJSONPathExpression's check and form: `{.a.b}`, `.a.b` and `a.b` are one path; anything else is refused. */
function relaxed(path: string): string | undefined {
  const m = /^\{\.?([^{}]+)\}$|^\.?([^{}]+)$/.exec(path);
  return m ? `{.${m[1] ?? m[2]}}` : undefined;
}

/** kubectl wait's conditionFuncFor: the --for value read, or kubectl's refusal. */
function conditionOf(text: string): Condition | string {
  if (text === 'delete') return { kind: 'delete' };
  if (text === 'create') return { kind: 'create' };
  if (text.startsWith('condition=')) {
    const [name = '', value = 'true'] = text.slice('condition='.length).split(/=(.*)/s);
    return { kind: 'condition', name, value };
  }
  if (text.startsWith('jsonpath=')) {
    const input = text.slice('jsonpath='.length);
    if (!input) return 'jsonpath expression cannot be empty';
    // the value follows the path: after its closing brace, or its first '=' when written without braces
    const end = input.startsWith('{') ? input.indexOf('}') + 1 || input.length : input.indexOf('=') < 0 ? input.length : input.indexOf('=');
    const path = relaxed(input.slice(0, end));
    if (!path) return "unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'";
    const rest = input.slice(end);
    try {
      return { kind: 'jsonpath', actions: parseJsonPath(path), ...(rest.startsWith('=') ? { value: rest.slice(1).replace(/^['"]|['"]$/g, '') } : {}) };
    } catch (e) {
      if (e instanceof JsonPathError) return e.message;
      throw e;
    }
  }
  return `unrecognized condition: "${text}"`;
}

/** Go's %v of a scalar, as kubectl compares a JSONPath's value with the one asked. */
const scalarText = (v: unknown) => (typeof v === 'object' && v !== null ? undefined : String(v));

/** Whether the object (undefined: gone) meets the condition. */
function met(condition: Condition, obj: KObject | undefined): boolean {
  if (condition.kind === 'delete') return !obj;
  if (!obj) return false;
  if (condition.kind === 'create') return true;
  if (condition.kind === 'condition') {
    // kubectl compares both the type and the status after Unicode case folding
    const conditions = (obj.status as { conditions?: Array<{ type?: string; status?: string }> } | undefined)?.conditions ?? [];
    return conditions.some((c) => c.type?.toLowerCase() === condition.name.toLowerCase() && c.status?.toLowerCase() === condition.value.toLowerCase());
  }
  const found = valuesOf(condition.actions, obj);
  if (found.length !== 1) return false;
  return condition.value === undefined ? found[0] !== undefined : scalarText(found[0]) === condition.value;
}

/** kubectl wait's --timeout: 30 s when absent, a Go duration; 0 looks once, a negative one waits a week. */
function timeoutOf(text: string | undefined): number | undefined {
  if (text === undefined) return DEFAULT_TIMEOUT_MS;
  if (text.startsWith('-')) return parseDuration(text.slice(1)) === undefined ? undefined : WEEK_MS;
  return text === '0' ? 0 : parseDuration(text);
}

/**
 * `kubectl wait --for=condition=Available deployment/web` (or `=delete`, `=create`, `=jsonpath={…}=VALUE`): each object
 * in turn, virtual time moving a second at a time while it is not there yet, up to --timeout (30 s) for them all.
 * "condition met" for each; kubectl's timeout error for those that never are.
 */
export async function runWaitFor(session: Session, args: string[], opts: WaitForOptions): Promise<CommandError[]> {
  const condition = conditionOf(opts.for);
  if (typeof condition === 'string') return [clientError(condition, 'usage', { detail: `--for=${opts.for}` })];
  const timeout = timeoutOf(opts.timeout);
  if (timeout === undefined) return [clientError(`invalid argument "${opts.timeout}" for "--timeout" flag: time: invalid duration "${opts.timeout}"`, 'usage', { detail: '--timeout=30s' })];
  if (!args.length) return [clientError(NO_RESOURCES, 'usage', { detail: 'kubesim wait --for=condition=Ready pod/NOM' })];
  const targets = resolveTargets(args);
  if (!Array.isArray(targets)) return [targets];
  const selectors = selectorsOf(targets, opts);
  if (Array.isArray(selectors)) return selectors;
  if (targets.some((t) => !t.names.length) && !opts.selector && !opts.all) return [clientError(NO_NAME, 'usage', { detail: 'kubesim wait --for=… TYPE/NOM' })];
  const errors: CommandError[] = [];
  const waited: Array<{ resource: ResourceType; namespace?: string; name: string; found: boolean }> = [];
  for (const t of targets) {
    const namespace = t.resource.namespaced ? opts.namespace : undefined;
    if (t.names.length && (condition.kind === 'delete' || condition.kind === 'create')) {
      // one waits for what is not there yet, or no longer
      for (const name of t.names) waited.push({ resource: t.resource, namespace, name, found: !!session.get(t.resource, namespace, name) });
      continue;
    }
    for (const o of fetchTarget(session, t, opts, selectors, errors)) waited.push({ resource: t.resource, namespace: o.metadata.namespace, name: o.metadata.name, found: true });
  }
  if (!waited.length && !errors.length) return [clientError('no matching resources found', 'usage', { detail: opts.selector ? `-l ${opts.selector}` : 'kubesim get' })];
  const deadline = session.now + timeout;
  for (const w of waited) {
    // a deletion waited for of what was already gone says nothing
    if (condition.kind === 'delete' && !w.found) continue;
    const isMet = () => met(condition, session.get(w.resource, w.namespace, w.name));
    let done = isMet();
    while (!done && session.now < deadline) {
      session.cluster.stabilize(0, Math.min(STEP_MS, deadline - session.now));
      done = isMet();
    }
    if (!done) {
      errors.push(clientError(`timed out waiting for the condition on ${w.resource.plural}/${w.name}`, 'timed-out', { detail: `--timeout=${opts.timeout ?? '30s'}` }));
      continue;
    }
    session.out(opts.output === 'name' ? `${kindPrefix(w.resource)}/${w.name}\n` : `${kindPrefix(w.resource)}/${w.name} condition met\n`);
  }
  return errors;
}
