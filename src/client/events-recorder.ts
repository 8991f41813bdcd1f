import type { KObject } from '../api/object.js';
import { rfc3339Micro } from '../sim/clock.js';
import type { World } from '../sim/world.js';
import type { Client } from './client.js';
import { EVENTS_BY_OBJECT, eventName, readEventsOf, type StoredEvent } from './event-index.js';

/**
 * How long an event stays in the recorder's cache after it was last seen (tools/events finishTime): a repeat within it
 * joins its series; upstream sweeps the cache every 6 minutes, kubesim drops an entry exactly 6 minutes after.
 */
const FINISH_TIME_MS = 6 * 60_000;

/**
 * client-go's events.k8s.io recorder (tools/events), which kube-scheduler writes its events with. Unlike the core
 * recorder: an action, a MicroTime eventTime, the reporting controller and instance instead of a source, no first or
 * last timestamp nor count, no aggregation nor spam filter. The same event about the same object version (same type,
 * action, reason, reporter, and reference, resourceVersion included: not the note) within 6 minutes becomes a series,
 * `series: {count: 2, lastObservedTime}`, that later repeats count on. Read through the core API (what kubectl reads),
 * such an event has `source: {}` and null timestamps. Upstream sends the running count of a series when it ends or
 * every 30 minutes; kubesim writes each repeat at once. The cache is the stored events, as for the core recorder.
 */
export class EventsRecorder {
  constructor(
    private readonly w: World,
    private readonly client: Client,
    private readonly controller: string,
    private readonly instance: string,
  ) {}

  /** Eventf(regarding, related=nil, type, reason, action, note). */
  eventf(regarding: KObject, type: 'Normal' | 'Warning', reason: string, action: string, note: string): void {
    const now = this.w.clock.now();
    const namespace = regarding.metadata.namespace ?? 'default';
    const ref = { kind: regarding.kind, namespace: regarding.metadata.namespace, name: regarding.metadata.name, uid: regarding.metadata.uid, apiVersion: regarding.apiVersion, resourceVersion: regarding.metadata.resourceVersion };
    readEventsOf(this.w.store, namespace, regarding.metadata.name);
    const isomorphic = this.w.store.byIndex(EVENTS_BY_OBJECT, ref.uid ?? '').find((o) => {
      const e = o as unknown as StoredEvent;
      const seen = Date.parse(e.series?.lastObservedTime ?? e.eventTime ?? '');
      return (
        o.metadata.namespace === namespace &&
        e.involvedObject?.uid === ref.uid &&
        e.involvedObject?.resourceVersion === ref.resourceVersion &&
        e.type === type &&
        e.reason === reason &&
        e.action === action &&
        e.reportingComponent === this.controller &&
        e.reportingInstance === this.instance &&
        now - seen < FINISH_TIME_MS
      );
    }) as (KObject & StoredEvent) | undefined;
    if (isomorphic) {
      const series = { count: (isomorphic.series?.count ?? 1) + 1, lastObservedTime: rfc3339Micro(now) };
      this.client.update({ ...isomorphic, series } as KObject);
      return;
    }
    const event = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: eventName(regarding.metadata.name, now, this.w.store.revision), namespace },
      involvedObject: ref,
      reason,
      message: note,
      source: {},
      firstTimestamp: null,
      lastTimestamp: null,
      type,
      eventTime: rfc3339Micro(now),
      action,
      reportingComponent: this.controller,
      reportingInstance: this.instance,
    };
    this.client.create(event as unknown as KObject, { owned: true });
  }
}
