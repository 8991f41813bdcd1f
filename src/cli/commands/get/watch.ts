import { listChanges } from '../../../api/changes.js';
import type { KObject } from '../../../api/object.js';
import { customColumnRows } from '../../../printers/custom-columns.js';
import { executeGoTemplate } from '../../../printers/go-template.js';
import { printJsonPath } from '../../../printers/jsonpath.js';
import { nameOf, toJson, toYaml, withoutManagedFields } from '../../../printers/output.js';
import { tableRows } from '../../../printers/table.js';
import { RememberedWidths } from '../../../printers/tabwriter.js';
import type { Session } from '../../session.js';
import { clientError, type CommandError } from '../../errors.js';
import { fetchTarget, labelled, listRefused, NO_RESOURCES, resolveTargets, selectorsOf, severalTypes, type Selectors, type Target } from '../targets.js';
import { everyTick, type TickOptions } from '../ticks.js';
import { tableOptions, type GetOptions } from './get.js';
import { outputTemplate, templateFailure, type OutputTemplate } from './output-format.js';

export interface WatchOptions extends GetOptions, TickOptions {}

/**
 * `kubectl get -w`: after the table, one row per change, as the world moves on with the wall clock (see everyTick:
 * delete a pod in another terminal and watch its replacement appear here). One resource type (see severalTypes): all
 * of its objects, or one named object.
 */
export async function watchLoop(open: (elapsedMs: number) => Promise<Session>, args: string[], opts: WatchOptions, stopped: () => boolean): Promise<CommandError[]> {
  const ok = checked(args, opts);
  if (Array.isArray(ok)) return []; // refused before the watch started (refusedWatch)
  const { target, selectors } = ok;
  const asked = outputTemplate(opts.output);
  // kubectl makes its printer once its builder has fetched: an unknown format is refused after the first look
  const unknownFormat = typeof asked === 'string' ? clientError(asked, 'usage', { detail: `-o ${opts.output}` }) : undefined;
  const template = typeof asked === 'string' ? undefined : asked;
  const { resource, names } = target;
  const namespace = resource.namespaced && !opts.allNamespaces ? opts.namespace : undefined;
  // one object: the list narrowed to its name, which RBAC decides with the name (resourceNames)
  const watch = { verb: 'watch' as const, resource, namespace, name: names.length === 1 ? names[0] : undefined, fieldSelector: selectors.fields };
  const seen = new Map<string, KObject>();
  const widths = new RememberedWidths();
  const format = objectFormat(opts.output, template);
  let printed = false;
  return everyTick(open, opts, stopped, async (session, first) => {
    const errors: CommandError[] = [];
    // first what kubectl prints before it watches: what its builder fetches; then what the watch answers
    const found = first ? undefined : session.request(watch);
    if (found && !found.ok) return [listRefused(target, found.error, opts)];
    const objects = found ? (found.objects ?? []).filter((o) => labelled(selectors, o)) : fetchTarget(session, target, opts, selectors, errors, { continueOnError: false });
    if (errors.length) return errors;
    if (unknownFormat) return [unknownFormat];
    // a deleted object is printed once more, as it last was (the watch's DELETED event); the first look prints all it
    // found, a name given twice twice, as kubectl prints what its builder fetched
    const changes = listChanges(seen, objects, (o) => `${o.metadata.namespace}/${o.metadata.name}`);
    const changed = (first ? objects : changes.map((c) => c.object)).map((o) => (opts.showManagedFields ? o : withoutManagedFields(o)));
    if (changed.length && format) {
      try {
        session.out(await format(changed, !printed));
      } catch (e) {
        const failure = templateFailure(e, opts.output!);
        if (!failure) throw e;
        return [clientError(failure, 'usage', { detail: `-o ${opts.output}` })];
      }
      printed = true;
    } else if (changed.length) {
      // later changes print rows only, aligned on the widths of the first table
      const rows = template?.columns ? customColumnRows(template.columns, changed, !first || !!opts.noHeaders) : tableRows(resource, changed, tableOptions(opts, session.now, 1, !first));
      session.out(widths.rows(rows));
    }
    if (!first) return [];
    // kubectl watches one source: a type, or one name (several are printed, then refused)
    if (names.length > 1) return [clientError('you may only watch a single resource or type of resource at a time', 'watch-one')];
    const watched = session.request(watch);
    return watched.ok ? [] : [listRefused(target, watched.error, opts)];
  });
}

/** What `get -w` stops on before it sends anything: the checks of kubectl's resource builder, in its order. */
export function refusedWatch(args: string[], opts: WatchOptions): CommandError[] {
  const ok = checked(args, opts);
  return Array.isArray(ok) ? ok : [];
}

function checked(args: string[], opts: WatchOptions): { target: Target; selectors: Selectors } | CommandError[] {
  // without a type, kubectl get -w's builder has nothing to fetch (get alone prints its own help)
  if (!args.length) return [clientError(NO_RESOURCES, 'usage', { detail: 'kubesim get TYPE -w' })];
  const targets = resolveTargets(args);
  if (!Array.isArray(targets)) return [targets];
  const selectors = selectorsOf(targets, opts);
  // a selector beside names is refused first, then several types; a selector the API server cannot parse is its answer
  // to the one list sent
  const several = severalTypes(args, targets);
  if (several && !(Array.isArray(selectors) && selectors[0]?.code === 'usage')) return [several];
  return Array.isArray(selectors) ? selectors : { target: targets[0]!, selectors };
}

/**
 * -w with -o json, yaml, name, jsonpath or go-template: each changed object printed whole, as kubectl prints a watch
 * event (YAML documents separated by ---); undefined for the tables (default, wide, custom-columns).
 */
function objectFormat(output: string | undefined, template: OutputTemplate | undefined): ((objects: KObject[], first: boolean) => Promise<string>) | undefined {
  if (output === 'json') return async (objects) => objects.map(toJson).join('');
  if (output === 'name') return async (objects) => objects.map((o) => `${nameOf(o)}\n`).join('');
  if (output === 'yaml') return async (objects, first) => (await Promise.all(objects.map(toYaml))).map((y, i) => (first && i === 0 ? y : `---\n${y}`)).join('');
  const jsonpath = template?.jsonpath;
  if (jsonpath) return async (objects) => objects.map((o) => printJsonPath(jsonpath, o)).join('');
  const go = template?.goTemplate;
  if (go) return async (objects) => objects.map((o) => executeGoTemplate(go, o)).join('');
  return undefined;
}
