import { matches, parseSelector, type Requirement } from '../../../api/labels.js';
import type { KObject } from '../../../api/object.js';
import { apiError, clientError, type CommandError } from '../../errors.js';
import type { Session } from '../../session.js';
import { asList, nameOf, toJson, toYaml } from '../../../printers/output.js';
import { printTable, type TableOptions } from '../../../printers/table.js';
import { resolveTargets, type Target } from '../targets.js';

export interface GetOptions {
  namespace: string;
  allNamespaces: boolean;
  output?: string;
  selector?: string;
  showLabels: boolean;
  labelColumns: string[];
  noHeaders?: boolean;
}

/** What `get` and `get -w` ask of the table printer, from the command's flags. */
export function tableOptions(opts: GetOptions, now: number, kinds: number, noHeaders = !!opts.noHeaders): TableOptions {
  return {
    now,
    wide: opts.output === 'wide',
    withNamespace: opts.allNamespaces,
    withKind: kinds > 1,
    showLabels: opts.showLabels,
    labelColumns: opts.labelColumns,
    noHeaders,
  };
}

const NO_TYPE = `You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.

error: Required resource not specified.
Use "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).
See 'kubectl get -h' for help and examples`;

const OUTPUTS = ['wide', 'json', 'yaml', 'name'];

interface Found {
  target: Target;
  objects: KObject[];
}

function fetch(session: Session, target: Target, opts: GetOptions, selector: Requirement[] | undefined, errors: CommandError[]): KObject[] {
  const r = target.resource;
  const namespace = r.namespaced && !opts.allNamespaces ? opts.namespace : undefined;
  if (target.names.length) {
    const out: KObject[] = [];
    for (const name of target.names) {
      const result = session.request({ verb: 'get', resource: r, namespace: r.namespaced ? opts.namespace : undefined, name });
      if (result.ok) out.push(result.object);
      else errors.push(apiError(result.error, { alone: false }));
    }
    return out;
  }
  const result = session.request({ verb: 'list', resource: r, namespace });
  if (!result.ok) {
    errors.push(apiError(result.error, { alone: false }));
    return [];
  }
  return (result.objects ?? []).filter((o) => !selector || matches(selector, o.metadata.labels));
}

/** `kubectl get`: tables, -o wide|json|yaml|name, -n/-A, -l, --show-labels, -L. */
export async function runGet(session: Session, args: string[], opts: GetOptions): Promise<CommandError[]> {
  if (!args.length) return [{ kubectl: NO_TYPE, code: 'usage', args: { detail: 'kubesim get <type>' } }];
  if (opts.output && !OUTPUTS.includes(opts.output)) {
    return [clientError(`unable to match a printer suitable for the output format "${opts.output}", allowed formats are: json,name,wide,yaml`, 'usage', { detail: `-o ${opts.output}` })];
  }
  const targets = resolveTargets(args);
  if (!Array.isArray(targets)) return [targets];
  let selector: Requirement[] | undefined;
  if (opts.selector) {
    const parsed = parseSelector(opts.selector);
    if (!Array.isArray(parsed)) return [clientError(parsed.error, 'usage', { detail: `-l ${opts.selector}` })];
    selector = parsed;
  }
  const errors: CommandError[] = [];
  if (targets.some((t) => t.resource.kind === 'Endpoints')) {
    session.renderer.stderr('Warning: v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice\n');
  }
  const found: Found[] = targets.map((target) => ({ target, objects: fetch(session, target, opts, selector, errors) }));
  const all = found.flatMap((f) => f.objects);
  if (opts.output === 'json' || opts.output === 'yaml') {
    const single = targets.length === 1 && targets[0].names.length === 1;
    if (single && !all.length) return errors;
    const doc = single ? all[0] : asList(all);
    session.out(opts.output === 'json' ? toJson(doc) : await toYaml(doc));
  } else if (opts.output === 'name') {
    for (const o of all) session.out(`${nameOf(o)}\n`);
  } else {
    const tables = found
      .filter((f) => f.objects.length)
      .map((f) => printTable(f.target.resource, f.objects, tableOptions(opts, session.now, targets.length)));
    session.out(tables.join('\n'));
  }
  const askedAll = targets.every((t) => !t.names.length);
  if (!all.length && askedAll && !errors.length && opts.output !== 'json' && opts.output !== 'yaml') {
    const namespaced = targets.some((t) => t.resource.namespaced);
    session.renderer.stderr(opts.allNamespaces || !namespaced ? 'No resources found\n' : `No resources found in ${opts.namespace} namespace.\n`);
  }
  return errors;
}
