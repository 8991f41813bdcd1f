import type { KObject } from '../api/object.js';
import { formatLabels } from '../api/object.js';
import { kindPrefix, type ResourceType } from '../api/resources.js';
import { columnsFor } from './columns/index.js';
import { WIDE_EVENT_HEADERS, wideEventRow } from './columns/cluster.js';
import { table } from './tabwriter.js';

export interface TableOptions {
  now: number;
  wide: boolean;
  /** -A: a NAMESPACE column first (namespaced kinds only). */
  withNamespace: boolean;
  /** Several kinds in one command: NAME cells become `deployment.apps/web`. */
  withKind: boolean;
  showLabels: boolean;
  /** -L key1,key2: one column per label key. */
  labelColumns: string[];
  noHeaders?: boolean;
}

/** One kind's rows as kubectl prints them; the caller separates several tables with one empty line. */
export function printTable(r: ResourceType, objs: KObject[], opts: TableOptions): string {
  return table(tableRows(r, objs, opts));
}

/** The cells of printTable's lines, header first unless noHeaders (what a watch pads to the widths it printed). */
export function tableRows(r: ResourceType, objs: KObject[], opts: TableOptions): string[][] {
  const cols = columnsFor(r.kind);
  const namespaced = opts.withNamespace && r.namespaced;
  let headers = r.kind === 'Event' && opts.wide ? WIDE_EVENT_HEADERS : opts.wide ? [...cols.headers, ...cols.wideHeaders] : cols.headers;
  headers = [...(namespaced ? ['NAMESPACE'] : []), ...headers, ...opts.labelColumns.map((l) => l.slice(l.lastIndexOf('/') + 1).toUpperCase())];
  if (opts.showLabels) headers.push('LABELS');
  const rows = objs.map((o) => {
    let cells = r.kind === 'Event' && opts.wide ? wideEventRow(o, opts.now) : [...cols.row(o, opts.now), ...(opts.wide ? cols.wideRow(o, opts.now) : [])];
    if (opts.withKind && r.kind !== 'Event') cells = [`${kindPrefix(r)}/${cells[0]}`, ...cells.slice(1)];
    const extra = opts.labelColumns.map((k) => o.metadata.labels?.[k] ?? '');
    const row = [...(namespaced ? [o.metadata.namespace ?? ''] : []), ...cells, ...extra];
    if (opts.showLabels) row.push(formatLabels(o.metadata.labels));
    return row;
  });
  return opts.noHeaders ? rows : [headers, ...rows];
}
