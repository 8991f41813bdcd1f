import type { PropagationPolicy } from '../../../api/deletion.js';
import { kindPrefix, type ResourceType } from '../../../api/resources.js';
import { apiError, clientError, type CommandError } from '../../errors.js';
import type { Session } from '../../session.js';
import { dryRunSuffix } from '../dry-run.js';
import { manifestObjects } from '../manifest-objects.js';
import { fetchTarget, NO_NAME, NO_RESOURCES, resolveTargets, selectorsOf } from '../targets.js';

export interface DeleteOptions {
  namespace: string;
  filenames: string[];
  recursive: boolean;
  selector?: string;
  /** --field-selector: `status.phase=Failed` and the other fields the API server selects by. */
  fieldSelector?: string;
  all: boolean;
  gracePeriod?: number;
  force: boolean;
  ignoreNotFound: boolean;
  output?: string;
  /** --wait=false: return once the deletions are asked, before the objects are gone (a pod stays Terminating). */
  wait: boolean;
  /** client: nothing sent; server: each deletion sent, checked, not done. */
  dryRun?: 'client' | 'server';
  /** --cascade: background (the API's default), foreground or orphan. */
  propagationPolicy?: PropagationPolicy;
}

const CASCADES: Record<string, PropagationPolicy> = { background: 'Background', foreground: 'Foreground', orphan: 'Orphan' };

/**
 * kubectl's --cascade (GetCascadingStrategy): a mode, alone meaning background; the old booleans still read, with
 * kubectl's warning. The policy, or kubectl's refusal.
 */
export function propagationOf(flag: string | true | undefined, warn: (text: string) => void): { policy?: PropagationPolicy } | string {
  if (flag === undefined) return {};
  if (flag === true) return { policy: 'Background' };
  const old = { true: 'background', false: 'orphan' }[flag.toLowerCase()];
  if (old) warn(`warning: --cascade=${flag} is deprecated (boolean value) and can be replaced with --cascade=${old}.\n`);
  const policy = CASCADES[old ?? flag];
  return policy ? { policy } : `invalid cascade value (${flag}). Must be "background", "foreground", or "orphan"`;
}

interface Victim {
  resource: ResourceType;
  namespace?: string;
  name: string;
  source?: string;
}

const FORCE_WARNING =
  'Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n';

async function fromFiles(session: Session, opts: DeleteOptions, errors: CommandError[]): Promise<Victim[]> {
  const objects = await manifestObjects(session, opts, errors);
  return objects.map(({ resource, namespace, object, source }) => ({ resource, namespace, name: object.metadata.name, source }));
}

/** `kubectl delete`: by name, type/name, -l, --all or -f; prints each deletion, then the cluster reacts. */
export async function runDelete(session: Session, args: string[], opts: DeleteOptions): Promise<CommandError[]> {
  const errors: CommandError[] = [];
  let victims: Victim[] = [];
  if (opts.filenames.length) victims = await fromFiles(session, opts, errors);
  else {
    if (!args.length) return [clientError(NO_RESOURCES, 'usage', { detail: 'kubesim delete <type> <nom>' })];
    const targets = resolveTargets(args);
    if (!Array.isArray(targets)) return [targets];
    const selectors = selectorsOf(targets, opts);
    if (Array.isArray(selectors)) return selectors;
    const selecting = !!(opts.selector || opts.fieldSelector);
    for (const t of targets) {
      const ns = t.resource.namespaced ? opts.namespace : undefined;
      if (t.names.length) {
        victims.push(...t.names.map((name) => ({ resource: t.resource, namespace: ns, name })));
        continue;
      }
      if (!selecting && !opts.all) return [clientError(NO_NAME, 'usage', { detail: 'nom manquant (ou --all / -l)' })];
      for (const o of fetchTarget(session, t, opts, selectors, errors)) victims.push({ resource: t.resource, namespace: ns, name: o.metadata.name });
    }
    // on stdout, unlike get's (kubectl delete prints it with its results)
    if (!victims.length && !errors.length && (selecting || opts.all)) session.out('No resources found\n');
  }
  const force = opts.force && opts.gracePeriod === 0;
  if (force && victims.length) session.renderer.stderr(FORCE_WARNING);
  for (const v of victims) {
    if (opts.dryRun !== 'client') {
      const result = session.request({ verb: 'delete', resource: v.resource, namespace: v.namespace, name: v.name, gracePeriodSeconds: force ? 0 : opts.gracePeriod, dryRun: opts.dryRun === 'server', propagationPolicy: opts.propagationPolicy });
      if (!result.ok) {
        if (!(opts.ignoreNotFound && result.error.reason === 'NotFound')) errors.push(apiError(result.error, { source: v.source, verb: 'deleting', alone: false }));
        continue;
      }
    }
    if (opts.output === 'name') session.out(`${kindPrefix(v.resource)}/${v.name}\n`);
    else {
      // a dry run says what it did not do, where a deletion names the namespace
      const where = opts.dryRun ? dryRunSuffix(opts.dryRun) : v.namespace ? ` from ${v.namespace} namespace` : '';
      session.out(`${kindPrefix(v.resource)} "${v.name}" ${force ? 'force deleted' : 'deleted'}${where}\n`);
    }
  }
  if (!opts.dryRun) session.settle({ now: !opts.wait });
  return errors;
}
