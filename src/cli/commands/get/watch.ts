import { listChanges } from '../../../api/changes.js';
import type { KObject } from '../../../api/object.js';
import { customColumnRows } from '../../../printers/custom-columns.js';
import { printJsonPath } from '../../../printers/jsonpath.js';
import { nameOf, toJson, toYaml, withoutManagedFields } from '../../../printers/output.js';
import { tableRows } from '../../../printers/table.js';
import { RememberedWidths } from '../../../printers/tabwriter.js';
import type { Session } from '../../session.js';
import type { CommandError } from '../../errors.js';
import { labelled, listRefused, resolveTargets, selectorsOf } from '../targets.js';
import { everyTick, type TickOptions } from '../ticks.js';
import { tableOptions, type GetOptions } from './get.js';
import { outputTemplate, type OutputTemplate } from './output-format.js';

export interface WatchOptions extends GetOptions, TickOptions {}

/**
 * `kubectl get -w`: after the table, one row per change, as the world moves on with the wall clock (see everyTick:
 * delete a pod in another terminal and watch its replacement appear here).
 */
export async function watchLoop(open: (elapsedMs: number) => Promise<Session>, args: string[], opts: WatchOptions, stopped: () => boolean): Promise<CommandError[]> {
  const targets = resolveTargets(args);
  if (!Array.isArray(targets)) return [];
  // one list per target, as kubectl keeps one watch per resource type
  const seen = targets.map(() => new Map<string, KObject>());
  const widths = targets.map(() => new RememberedWidths());
  const template = outputTemplate(opts.output);
  if (typeof template === 'string') return []; // refused before the watch started
  const format = objectFormat(opts.output, template);
  const selectors = selectorsOf(targets, opts);
  if (Array.isArray(selectors)) return []; // refused before the watch started
  let printed = false;
  return everyTick(open, opts, stopped, async (session, first) => {
    const errors: CommandError[] = [];
    for (const [i, t] of targets.entries()) {
      const ns = t.resource.namespaced && !opts.allNamespaces ? opts.namespace : undefined;
      // kubectl lists first (the table), then watches (one object: the list narrowed to its name): RBAC decides each
      const watch = { verb: 'watch' as const, resource: t.resource, namespace: ns, name: t.names.length === 1 ? t.names[0] : undefined, fieldSelector: selectors.fields };
      const r = session.request(first ? { verb: 'list', resource: t.resource, namespace: ns, fieldSelector: selectors.fields } : watch);
      const refused = !r.ok ? r : first ? session.request(watch) : r;
      if (!refused.ok) errors.push(listRefused(t, refused.error, opts));
      if (!r.ok) continue;
      const objects = (r.objects ?? []).filter((o) => (!t.names.length || t.names.includes(o.metadata.name)) && labelled(selectors, o));
      // a deleted object is printed once more, as it last was (the watch's DELETED event)
      const changed = listChanges(seen[i]!, objects, (o) => `${o.metadata.namespace}/${o.metadata.name}`).map((c) => (opts.showManagedFields ? c.object : withoutManagedFields(c.object)));
      if (!changed.length) continue;
      if (format) {
        session.out(await format(changed, first && !printed));
        printed = true;
        continue;
      }
      // later changes print rows only, aligned on the widths of the first table
      const rows = template?.columns
        ? customColumnRows(template.columns, changed, !first || !!opts.noHeaders)
        : tableRows(t.resource, changed, tableOptions(opts, session.now, targets.length, !first));
      session.out(widths[i]!.rows(rows));
    }
    return errors;
  });
}

/**
 * -w with -o json, yaml, name or jsonpath: each changed object printed whole, as kubectl prints a watch event (YAML
 * documents separated by ---); undefined for the tables (default, wide, custom-columns).
 */
function objectFormat(output: string | undefined, template: OutputTemplate | undefined): ((objects: KObject[], first: boolean) => Promise<string>) | undefined {
  if (output === 'json') return async (objects) => objects.map(toJson).join('');
  if (output === 'name') return async (objects) => objects.map((o) => `${nameOf(o)}\n`).join('');
  if (output === 'yaml') return async (objects, first) => (await Promise.all(objects.map(toYaml))).map((y, i) => (first && i === 0 ? y : `---\n${y}`)).join('');
  const jsonpath = template?.jsonpath;
  if (jsonpath) return async (objects) => objects.map((o) => printJsonPath(jsonpath, o)).join('');
  return undefined;
}
