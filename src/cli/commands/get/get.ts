import type { KObject } from '../../../api/object.js';
import { clientError, type CommandError } from '../../errors.js';
import type { Session } from '../../session.js';
import { asList, nameOf, withoutManagedFields } from '../../../printers/output.js';
import { printCustomColumns } from '../../../printers/custom-columns.js';
import { JsonPathError, relaxedPath } from '../../../printers/jsonpath.js';
import { sortBy } from '../../../printers/sort-by.js';
import { printTable, type TableOptions } from '../../../printers/table.js';
import { withHelp } from '../../parse-errors.js';
import { fetchTarget, resolveTargets, selectorsOf, type Target } from '../targets.js';
import { jsonPathFailure, outputTemplate, printDocument } from './output-format.js';

export interface GetOptions {
  namespace: string;
  allNamespaces: boolean;
  output?: string;
  selector?: string;
  /** --field-selector: what the API server selects by (spec.nodeName, status.phase, an event's type…). */
  fieldSelector?: string;
  showLabels: boolean;
  labelColumns: string[];
  noHeaders?: boolean;
  /** --sort-by: a JSONPath whose value orders the objects. */
  sortBy?: string;
  /** --show-managed-fields: keep metadata.managedFields in what is printed. */
  showManagedFields?: boolean;
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

const NO_TYPE = withHelp(`You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.

error: Required resource not specified.
Use "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).`, 'get');

interface Found {
  target: Target;
  objects: KObject[];
  /** The API server refused every request for it: kubectl has no result of its kind (see tableOptions' kinds). */
  refused: boolean;
}

/**
 * `kubectl get`: tables, -o wide|json|yaml|name|jsonpath=…|go-template=…|custom-columns=…, --sort-by, -n/-A, -l,
 * --show-labels, -L.
 */
export async function runGet(session: Session, args: string[], opts: GetOptions): Promise<CommandError[]> {
  if (!args.length) return [{ kubectl: NO_TYPE, code: 'usage', args: { detail: 'kubesim get <type>' } }];
  const template = outputTemplate(opts.output);
  if (typeof template === 'string') return [clientError(template, 'usage', { detail: `-o ${opts.output}` })];
  const targets = resolveTargets(args);
  if (!Array.isArray(targets)) return [targets];
  const selectors = selectorsOf(targets, opts);
  if (Array.isArray(selectors)) return selectors;
  const errors: CommandError[] = [];
  const fetched: Found[] = targets.map((target) => {
    const before = errors.length;
    const objects = fetchTarget(session, target, opts, selectors, errors);
    return { target, objects, refused: !objects.length && errors.length > before };
  });
  let found = fetched;
  if (opts.sortBy) {
    // kubectl sorts one table at a time: several types at once are refused
    if (targets.length > 1) return [clientError(`couldn't find any field with path "${relaxedPath(opts.sortBy)}" in the list of objects`, 'usage', { detail: `--sort-by ${opts.sortBy}` })];
    try {
      // a path no object has: kubectl prints nothing, then says no resources were found
      found = fetched.map((f) => ({ ...f, objects: sortBy(f.objects, opts.sortBy!) ?? [] }));
    } catch (e) {
      if (!(e instanceof JsonPathError)) throw e;
      return [clientError(jsonPathFailure(opts.sortBy, e), 'usage', { detail: `--sort-by ${opts.sortBy}` })];
    }
  }
  if (!opts.showManagedFields) found = found.map((f) => ({ ...f, objects: f.objects.map(withoutManagedFields) }));
  const all = found.flatMap((f) => f.objects);
  const single = targets.length === 1 && targets[0].names.length === 1;
  if (template?.columns) {
    if (all.length) session.out(printCustomColumns(template.columns, all, !!opts.noHeaders));
  } else if (template?.jsonpath || template?.goTemplate || opts.output === 'json' || opts.output === 'yaml') {
    if (single && !all.length) return errors;
    const failed = await printDocument(session, single ? all[0] : asList(all), opts.output!, template);
    if (failed) return [...errors, failed];
  } else if (opts.output === 'name') {
    for (const o of all) session.out(`${nameOf(o)}\n`);
  } else {
    const tables = found
      .filter((f) => f.objects.length)
      // NAME cells name their kind when results of several kinds came back (an empty list is one, a refused one not)
      .map((f) => printTable(f.target.resource, f.objects, tableOptions(opts, session.now, found.filter((g) => !g.refused).length)));
    session.out(tables.join('\n'));
  }
  const askedAll = targets.every((t) => !t.names.length);
  if (!all.length && askedAll && !errors.length && opts.output !== 'json' && opts.output !== 'yaml' && !template?.jsonpath && !template?.goTemplate) {
    const namespaced = targets.some((t) => t.resource.namespaced);
    session.renderer.stderr(opts.allNamespaces || !namespaced ? 'No resources found\n' : `No resources found in ${opts.namespace} namespace.\n`);
  }
  return errors;
}
