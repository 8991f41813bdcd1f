import type { Event } from 'kubernetes-types/core/v1.js';
import { age } from './duration.js';
import { goSort } from './go-sort.js';
import { sortKeys } from './output.js';

/**
 * `kubectl events` (kubectl/pkg/cmd/events): its own printer, not the server's table of `kubectl get events`. The
 * object is `Kind/name` as the event names it (`Pod/web-1`), and LAST SEEN tells a repeated event's count and span.
 */
export const eventsHeaders = (allNamespaces: boolean) => [...(allNamespaces ? ['NAMESPACE'] : []), 'LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE'];

/** printers.EscapeTerminal: what could drive the terminal is shown, not sent to it. */
const escapeTerminal = (s: string) => s.replace(/\x1b/g, '^[').replace(/\r/g, '\\r');

/** escapeCell: a cell stops at its first line break (tabwriter would end the row there), marked by "...". */
function escapeCell(s: string): string {
  const cut = s.search(/[\f\n\r]/);
  return escapeTerminal(cut < 0 ? s : `${s.slice(0, cut)}...`);
}

/** getInterval: when the event was first seen, with its count and last time when it repeated. */
function interval(e: Event, now: number): string {
  const first = e.eventTime ? age(e.eventTime, now) : age(e.firstTimestamp, now);
  if (e.series) return `${age(e.series.lastObservedTime, now)} (x${e.series.count} over ${first})`;
  if ((e.count ?? 0) > 1) return `${age(e.lastTimestamp, now)} (x${e.count} over ${first})`;
  return first;
}

export function eventsRow(e: Event, now: number, allNamespaces: boolean): string[] {
  const o = e.involvedObject;
  return [
    ...(allNamespaces ? [e.metadata?.namespace ?? ''] : []),
    interval(e, now),
    escapeCell(e.type ?? ''),
    escapeCell(e.reason ?? ''),
    `${escapeCell(o.kind ?? '')}/${escapeCell(o.name ?? '')}`,
    escapeCell((e.message ?? '').trim()),
  ];
}

/** A timestamp in microseconds (eventTime has them); none is Go's zero time, before any other. */
function micros(timestamp: string | undefined | null): number {
  if (!timestamp) return -Infinity;
  const fraction = /\.(\d+)/.exec(timestamp)?.[1] ?? '';
  return Date.parse(timestamp.replace(/\.\d+/, '')) * 1000 + Number(fraction.padEnd(6, '0').slice(0, 6));
}

/** eventTime: the time kubectl sorts by, the series' last one first. */
const sortTime = (e: Event) => micros(e.series ? e.series.lastObservedTime : e.lastTimestamp || e.eventTime);

/** SortableEvents through sort.Sort: oldest first, and events of the same instant in the order Go's unstable sort leaves them. */
export function sortEvents(events: Event[]): void {
  const times = new Map(events.map((e) => [e, sortTime(e)]));
  goSort(events, (a, b) => times.get(a)! < times.get(b)!);
}

/**
 * A field of a Go struct as encoding/json writes it: in the struct's order, left out when empty (omitempty), or
 * written as `zero` when absent (a metav1.Time, a struct, a string without omitempty); a pointer is written whenever
 * it is set, false and 0 included.
 */
interface GoField {
  name: string;
  zero?: unknown;
  struct?: GoField[];
  pointer?: boolean;
}

/** Plain fields, by name: `*name` for a pointer. */
const fields = (spec: string): GoField[] => spec.split(' ').map((name) => (name.startsWith('*') ? { name: name.slice(1), pointer: true } : { name }));

const OBJECT_REFERENCE = fields('kind namespace name uid apiVersion resourceVersion fieldPath');

const OBJECT_META: GoField[] = [
  ...fields('name generateName namespace selfLink uid resourceVersion generation'),
  { name: 'creationTimestamp', zero: null },
  ...fields('*deletionTimestamp *deletionGracePeriodSeconds labels annotations'),
  { name: 'ownerReferences', struct: fields('apiVersion kind name uid *controller *blockOwnerDeletion') },
  { name: 'finalizers' },
  { name: 'managedFields', struct: fields('manager operation apiVersion *time fieldsType *fieldsV1 subresource') },
];

/** core/v1 Event's fields, in k8s.io/api/core/v1/types.go's order. */
const EVENT: GoField[] = [
  ...fields('kind apiVersion'),
  { name: 'metadata', zero: {}, struct: OBJECT_META },
  { name: 'involvedObject', zero: {}, struct: OBJECT_REFERENCE },
  ...fields('reason message'),
  { name: 'source', zero: {}, struct: fields('component host') },
  { name: 'firstTimestamp', zero: null },
  { name: 'lastTimestamp', zero: null },
  ...fields('count type'),
  { name: 'eventTime', zero: null },
  { name: 'series', pointer: true, struct: fields('count lastObservedTime') },
  { name: 'action' },
  { name: 'related', pointer: true, struct: OBJECT_REFERENCE },
  { name: 'reportingComponent', zero: '' },
  { name: 'reportingInstance', zero: '' },
];

/** Go's omitempty: the zero value of a string, a number or a bool, an empty map or list, a nil pointer. */
const isEmpty = (v: unknown) => v === undefined || v === null || v === '' || v === 0 || v === false || (typeof v === 'object' && Object.keys(v as object).length === 0);

/** A value as a typed Go object holds it: its struct's fields in order, a list of structs item by item, maps sorted (labels). */
function typed(value: unknown, struct: GoField[]): unknown {
  if (Array.isArray(value)) return value.map((item) => typed(item, struct));
  const from = (value ?? {}) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const f of struct) {
    const v = from[f.name];
    if (v === undefined || v === null || (!f.pointer && isEmpty(v))) {
      if ('zero' in f) out[f.name] = f.zero;
      continue;
    }
    out[f.name] = f.struct ? typed(v, f.struct) : sortKeys(v);
  }
  return out;
}

/**
 * The EventList kubectl events prints with -o json (in Go's field order: kubectl decoded typed Events, not maps) and
 * -o yaml: a list it built itself, so with empty list metadata, and each item's kind and apiVersion set.
 */
export function eventList(events: Event[]): Record<string, unknown> {
  return { kind: 'EventList', apiVersion: 'v1', metadata: {}, items: events.map(typedEvent) };
}

/** One event as a typed core/v1 Event: what kubectl events -w prints of each. */
export const typedEvent = (e: Event): Record<string, unknown> => typed({ ...e, kind: 'Event', apiVersion: 'v1' }, EVENT) as Record<string, unknown>;
