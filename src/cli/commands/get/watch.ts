import { listChanges } from '../../../api/changes.js';
import type { KObject } from '../../../api/object.js';
import { printCustomColumns } from '../../../printers/custom-columns.js';
import { printJsonPath } from '../../../printers/jsonpath.js';
import { nameOf, toJson, toYaml, withoutManagedFields } from '../../../printers/output.js';
import { printTable } from '../../../printers/table.js';
import type { Session } from '../../session.js';
import { apiError, type CommandError } from '../../errors.js';
import { fieldsRefused, labelled, resolveTargets, selectorsOf } from '../targets.js';
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
  const widths: number[] = [];
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
      const unselectable = fieldsRefused(t, selectors, opts);
      if (unselectable) {
        errors.push(unselectable);
        continue;
      }
      // kubectl lists first (the table), then watches (one object: the list narrowed to its name): RBAC decides each
      const watch = { verb: 'watch' as const, resource: t.resource, namespace: ns, name: t.names.length === 1 ? t.names[0] : undefined, fieldSelector: selectors.fields };
      const r = session.request(first ? { verb: 'list', resource: t.resource, namespace: ns, fieldSelector: selectors.fields } : watch);
      const refused = !r.ok ? r : first ? session.request(watch) : r;
      if (!refused.ok) errors.push(apiError(refused.error, { alone: true }));
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
      const text = template?.columns
        ? printCustomColumns(template.columns, changed, !first || !!opts.noHeaders)
        : printTable(t.resource, changed, tableOptions(opts, session.now, targets.length, !first));
      if (first) rememberHeader(text, widths);
      session.out(first ? text : remember(text, widths));
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

/** The column widths of the first table, read from its header line. */
function rememberHeader(text: string, widths: number[]): void {
  const header = text.split('\n')[0];
  const starts = [0, ...[...header.matchAll(/ {3,}(?=\S)/g)].map((m) => m.index! + m[0].length)];
  starts.slice(0, -1).forEach((s, i) => (widths[i] = Math.max(widths[i] ?? 0, starts[i + 1] - s)));
}

/** tabwriter's RememberWidths: a watched row is padded to at least the widths already printed. */
function remember(text: string, widths: number[]): string {
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const cells = line.split(/(?<=\S)\s{3,}/);
      return cells
        .map((c, i) => {
          if (i === cells.length - 1) return c;
          widths[i] = Math.max(widths[i] ?? 0, c.length + 3);
          return c.padEnd(widths[i]);
        })
        .join('');
    })
    .map((l) => `${l}\n`)
    .join('');
}
