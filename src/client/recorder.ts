import type { KObject } from '../api/object.js';
import { rfc3339 } from '../sim/clock.js';
import type { World } from '../sim/world.js';
import type { Client } from './client.js';

export interface EventSource {
  component: string;
  host?: string;
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
    const existing = this.w.store
      .list(`/registry/events/${namespace}/${obj.metadata.name}.`)
      .find((e) => {
        const ev = e as unknown as { involvedObject: { uid?: string; fieldPath?: string }; reason: string; message: string; type: string; source: EventSource };
        return ev.involvedObject.uid === obj.metadata.uid && ev.involvedObject.fieldPath === fieldPath && ev.reason === reason && ev.message === message && ev.type === type && ev.source.component === this.source.component;
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
    this.client.create(event as unknown as KObject);
  }
}
