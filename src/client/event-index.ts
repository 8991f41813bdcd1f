import type { KObject } from '../api/object.js';
import type { Store } from '../store/store.js';

export interface EventSource {
  component: string;
  host?: string;
}

/**
 * Events indexed by hashes of what makes two of them the same (the correlator keys of client-go's two recorders): a
 * repeat finds the event it folds into among the few with that hash, compared field by field. The key itself would be
 * a long string per event (900,000 of them for 150,000 pods); the object alone would not do (a ReplicaSet's
 * SuccessfulCreate events).
 */
export const EVENTS_BY_SERIES = 'event-series';

/**
 * cyrb53 over the fields that make an event's series, fed one after another (a NUL between two) without joining them
 * into a string, returned as four UTF-16 code units: a key for an in-memory index, never shown nor saved.
 */
export function seriesOf(...fields: Array<string | undefined>): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (const field of fields) {
    const text = field ?? '';
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 2654435761);
      h2 = Math.imul(h2 ^ c, 1597334677);
    }
    h1 = Math.imul(h1, 2654435761);
    h2 = Math.imul(h2, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return String.fromCharCode(h1 & 0xffff, h1 >>> 16, h2 & 0xffff, (h2 >>> 16) & 0x1f);
}

/** The aggregate group of the core recorder: the series without the message (nor the field path), marked apart. */
export const groupOf = (uid: string | undefined, reason: string, type: string, source: EventSource) => seriesOf('\u0001group', uid, reason, type, source.component, source.host);

/** An ObjectReference as events hold it (involvedObject, regarding). */
export interface EventReference {
  uid?: string;
  resourceVersion?: string;
  fieldPath?: string;
}

/**
 * The isomorphic key of client-go's events.k8s.io recorder (tools/events getKey): type, action, reason, reporting
 * controller and instance, and the whole reference to the object (its resourceVersion included). Note is not in it.
 */
export const isomorphicKeyOf = (regarding: EventReference, type: string, reason: string, action: string, controller: string, instance: string) =>
  seriesOf('\u0002isomorphic', regarding.uid, regarding.resourceVersion, regarding.fieldPath, type, reason, action, controller, instance);

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

/** The index values of a stored event: by the recorder that wrote it (an events.k8s.io one sets an action). */
function seriesValues(obj: KObject): string[] {
  const e = obj as unknown as StoredEvent;
  const ref = e.involvedObject ?? {};
  if (e.action) return [isomorphicKeyOf(ref, e.type, e.reason, e.action, e.reportingComponent ?? '', e.reportingInstance ?? '')];
  const source = e.source ?? { component: '' };
  return [seriesOf(ref.uid, ref.fieldPath, e.reason, e.message, e.type, source.component), groupOf(ref.uid, e.reason, e.type, source)];
}

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
  if (!store.hasIndex(EVENTS_BY_SERIES)) store.addIndex(EVENTS_BY_SERIES, '/registry/events/', seriesValues, { overRead: true });
  store.load(`/registry/events/${namespace}/${name}.`);
}
