import type { KObject } from '../api/object.js';
import { rfc3339 } from '../sim/clock.js';
import type { World } from '../sim/world.js';
import type { Client } from './client.js';

export interface EventSource {
  component: string;
  host?: string;
}

/**
 * Events indexed by a hash of what makes two of them the same (client-go's EventCorrelator key): a repeat finds the
 * event it folds into among the few with that hash, compared field by field. The key itself would be a long string
 * per event (900,000 of them for 150,000 pods); the object alone would not do (a ReplicaSet's 150,000 SuccessfulCreate).
 */
const EVENTS_BY_SERIES = 'event-series';

interface EventFields {
  involvedObject: { uid?: string; fieldPath?: string };
  reason: string;
  message: string;
  type: string;
  source: EventSource;
}

/**
 * cyrb53 over the fields that make an event's series, fed one after another (a NUL between two) without joining them
 * into a string, returned as four UTF-16 code units: a key for an in-memory index, never shown nor saved.
 */
function seriesOf(...fields: Array<string | undefined>): string {
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

function seriesValues(obj: KObject): string[] {
  const e = obj as unknown as EventFields;
  return [seriesOf(e.involvedObject?.uid, e.involvedObject?.fieldPath, e.reason, e.message, e.type, e.source?.component)];
}

/**
 * client-go's EventRecorder: writes core/v1 Event objects (what `kubectl get events` and `describe` show),
 * named `<object>.<hex unix nanos>`, with repeats folded into count and lastTimestamp.
 */
export class Recorder {
  constructor(
    private readonly w: World,
    private readonly client: Client,
    private readonly source: EventSource,
  ) {}

  normal(obj: KObject, reason: string, message: string, fieldPath?: string): void {
    this.record(obj, 'Normal', reason, message, fieldPath);
  }

  warning(obj: KObject, reason: string, message: string, fieldPath?: string): void {
    this.record(obj, 'Warning', reason, message, fieldPath);
  }

  private record(obj: KObject, type: string, reason: string, message: string, fieldPath?: string): void {
    const now = this.w.clock.now();
    const namespace = obj.metadata.namespace ?? 'default';
    const involved = {
      kind: obj.kind,
      namespace: obj.metadata.namespace,
      name: obj.metadata.name,
      uid: obj.metadata.uid,
      apiVersion: obj.apiVersion,
      resourceVersion: obj.metadata.resourceVersion,
      ...(fieldPath ? { fieldPath } : {}),
    };
    // indexed on the first event a command records, over the events read: the object's own, named <object>.<hex>,
    // are read first (a command that records a few events reads theirs, not the cluster's)
    if (!this.w.store.hasIndex(EVENTS_BY_SERIES)) this.w.store.addIndex(EVENTS_BY_SERIES, '/registry/events/', seriesValues, { overRead: true });
    this.w.store.load(`/registry/events/${namespace}/${obj.metadata.name}.`);
    const series = seriesOf(obj.metadata.uid, fieldPath, reason, message, type, this.source.component);
    const existing = this.w.store.byIndex(EVENTS_BY_SERIES, series).find((o) => {
      const e = o as unknown as EventFields;
      return (
        o.metadata.namespace === namespace &&
        e.involvedObject.uid === obj.metadata.uid &&
        (e.involvedObject.fieldPath ?? '') === (fieldPath ?? '') &&
        e.reason === reason &&
        e.message === message &&
        e.type === type &&
        e.source?.component === this.source.component
      );
    });
    if (existing) {
      const updated = structuredClone(existing) as KObject & { count: number; lastTimestamp: string };
      updated.count += 1;
      updated.lastTimestamp = rfc3339(now);
      this.client.update(updated);
      return;
    }
    // the store revision makes the name unique even when two commands share a pinned instant
    const nanos = BigInt(now) * 1_000_000n + BigInt(this.w.store.revision % 1_000_000);
    const event = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: `${obj.metadata.name}.${nanos.toString(16)}`, namespace },
      involvedObject: involved,
      reason,
      message,
      source: this.source,
      firstTimestamp: rfc3339(now),
      lastTimestamp: rfc3339(now),
      count: 1,
      type,
      eventTime: null,
      reportingComponent: this.source.component,
      reportingInstance: this.source.host ?? '',
    };
    this.client.create(event as unknown as KObject, { owned: true });
  }
}
