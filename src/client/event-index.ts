import type { KObject } from '../api/object.js';
import type { Store } from '../store/store.js';

export interface EventSource {
  component: string;
  host?: string;
}

/**
 * Events indexed by the uid of the object they are about: a recorder finds the event a new one repeats (client-go's
 * correlator keys) among that object's few events, compared field by field. Few because the recorders bound them: the
 * spam filter, aggregation, series. Hashes of the correlator keys made two index values per event, 1.5 million
 * strings for 150,000 pods, to find nothing most of the time.
 */
export const EVENTS_BY_OBJECT = 'event-object';

/** An ObjectReference as events hold it (involvedObject, regarding). */
export interface EventReference {
  uid?: string;
  resourceVersion?: string;
  fieldPath?: string;
}

/** What the recorders read of a stored event. */
export interface StoredEvent {
  involvedObject?: EventReference;
  reason: string;
  message: string;
  type: string;
  action?: string;
  source?: EventSource;
  reportingComponent?: string;
  reportingInstance?: string;
  eventTime?: string | null;
  series?: { count: number; lastObservedTime: string };
}

const objectValues = (obj: KObject): string[] => [(obj as unknown as StoredEvent).involvedObject?.uid ?? ''];

/**
 * GenerateEventName: `<object>.<hex unix nanos>`, the nanos made unique by the store revision even when two commands
 * share a pinned instant.
 */
export function eventName(objectName: string, now: number, revision: number): string {
  const nanos = BigInt(now) * 1_000_000n + BigInt(revision % 1_000_000);
  return `${objectName}.${nanos.toString(16)}`;
}

/**
 * Before a recorder looks for the event a new one repeats: the index, built on the first event a command records over
 * the events read, and the events of the object itself, named <object>.<hex>, read now (a command that records a few
 * events reads theirs, not the cluster's).
 */
export function readEventsOf(store: Store, namespace: string, name: string): void {
  if (!store.hasIndex(EVENTS_BY_OBJECT)) store.addIndex(EVENTS_BY_OBJECT, '/registry/events/', objectValues, { overRead: true });
  store.load(`/registry/events/${namespace}/${name}.`);
}
