import type { KObject } from '../api/object.js';
import { columnsFor } from './columns/index.js';
import { WIDE_EVENT_HEADERS, wideEventRow } from './columns/cluster.js';

/** What each row carries (?includeObject=): the object's metadata by default, the whole object, or nothing. */
export type IncludeObject = 'Metadata' | 'Object' | 'None';

export function includeObjectOf(url: URL): IncludeObject {
  const asked = url.searchParams.get('includeObject');
  return asked === 'Object' || asked === 'None' ? asked : 'Metadata';
}

/**
 * A meta.k8s.io/v1 Table, what `kubectl get` asks the server for (Accept: ...;as=Table): the same columns and cells
 * kubesim prints itself, wide columns at priority 1 (kubectl shows them with -o wide), each row with its object's
 * metadata (kubectl adds the NAMESPACE column and --show-labels from it), or the whole object (`--sort-by` sorts on it).
 */
export function toTable(kind: string, objects: KObject[], resourceVersion: string, now: number, include: IncludeObject = 'Metadata') {
  const cols = columnsFor(kind);
  const definition = (priority: number) => (name: string) => ({ name, type: 'string', format: name === 'NAME' ? 'name' : '', description: '', priority });
  // an event's wide columns come between the others (SUBOBJECT and SOURCE before MESSAGE), as the server defines them
  const event = kind === 'Event';
  const columnDefinitions = event
    ? WIDE_EVENT_HEADERS.map((name) => definition(cols.headers.includes(name) ? 0 : 1)(name))
    : [...cols.headers.map(definition(0)), ...cols.wideHeaders.map(definition(1))];
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: { resourceVersion },
    columnDefinitions,
    rows: objects.map((o) => ({
      cells: event ? wideEventRow(o, now) : [...cols.row(o, now), ...cols.wideRow(o, now)],
      ...(include !== 'None' && { object: include === 'Object' ? o : { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: o.metadata } }),
    })),
  };
}
