import { clone, type KObject } from '../api/object.js';
import { rfc3339 } from '../sim/clock.js';
import type { World } from '../sim/world.js';
import type { Client } from './client.js';
import { EVENTS_BY_OBJECT, eventName, readEventsOf, type EventSource } from './event-index.js';

/**
 * client-go's EventCorrelator defaults (tools/record/events_cache.go): from the 10th message in 10 minutes that differs
 * only by its text, similar events fold into one "(combined from similar events)" event; a source may write 25 events
 * about one object at once, then one every 5 minutes (the spam filter, an LRU of 4,096 objects per source).
 */
const AGGREGATE_MAX_EVENTS = 10;
const AGGREGATE_INTERVAL_MS = 600_000;
const COMBINED = '(combined from similar events): ';
const SPAM_BURST = 25;
const SPAM_REFILL_MS = 300_000;
const SPAM_CACHE_SIZE = 4096;

interface EventFields {
  involvedObject: { uid?: string; fieldPath?: string };
  reason: string;
  message: string;
  type: string;
  source: EventSource;
  lastTimestamp: string;
}

const isCombined = (e: EventFields) => e.message.startsWith(COMBINED);

/**
 * client-go's EventRecorder: writes core/v1 Event objects (what `kubectl get events` and `describe` show), named
 * `<object>.<hex unix nanos>`, through its EventCorrelator: repeats folded into count and lastTimestamp, similar events
 * combined, a spam filter per object. The correlator's memory is the stored events, except the spam filter's, which
 * lasts the command, as a component's lasts until it restarts.
 */
export class Recorder {
  /** Tokens per involved object, least recently used first (an LRU cache of 4,096, as upstream's). */
  private readonly budgets = new Map<string, { tokens: number; at: number }>();
  /**
   * The least recently used, one iterator kept for good: it resumes where the last eviction left it. A fresh one per
   * eviction steps over every slot emptied since the map last compacted (the scheduler's recorder evicts 150,000 times).
   */
  private readonly oldest = this.budgets.keys();
  /** The object put last in `budgets` (its most recently used). */
  private newest?: string;
  private since = { second: NaN, text: '' };

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

  /** EventCorrelate: aggregate, fold into the event it repeats, and let the spam filter drop what is too much. */
  private record(obj: KObject, type: string, reason: string, message: string, fieldPath?: string): void {
    const now = this.w.clock.now();
    const namespace = obj.metadata.namespace ?? 'default';
    const uid = obj.metadata.uid;
    // the spam filter decides last upstream, on what the rest would write: all the rest only reads, so asking first
    // spares its reads for the events it drops (a 150,000-pod ReplicaSet's after the 25th)
    if (!this.accepts(uid ?? `${obj.kind}/${namespace}/${obj.metadata.name}`, now)) return;
    readEventsOf(this.w.store, namespace, obj.metadata.name);
    const mine = (o: KObject) => {
      const e = o as unknown as EventFields;
      return o.metadata.namespace === namespace && e.involvedObject.uid === uid && e.reason === reason && e.type === type && e.source?.component === this.source.component && e.source?.host === this.source.host;
    };
    const similar = this.w.store.byIndex(EVENTS_BY_OBJECT, uid ?? '').filter(mine) as unknown as Array<KObject & EventFields>;
    const combined = this.combines(similar, message, this.tenMinutesBefore(now));
    const text = combined ? COMBINED + message : message;
    // the event this one repeats: same group (mine), same message and field path (the correlator's series key)
    const existing = combined ? similar.find(isCombined) : similar.find((e) => e.message === message && (e.involvedObject.fieldPath ?? '') === (fieldPath ?? ''));
    if (existing) {
      // the correlator's patch: count, lastTimestamp and message (a combined event tells the latest one)
      const updated = clone(existing) as unknown as KObject & { count: number; lastTimestamp: string; message: string };
      updated.count += 1;
      updated.lastTimestamp = rfc3339(now);
      updated.message = text;
      this.client.update(updated);
      return;
    }
    const event = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: eventName(obj.metadata.name, now, this.w.store.revision), namespace },
      involvedObject: { kind: obj.kind, namespace: obj.metadata.namespace, name: obj.metadata.name, uid, apiVersion: obj.apiVersion, resourceVersion: obj.metadata.resourceVersion, ...(fieldPath ? { fieldPath } : {}) },
      reason,
      message: text,
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

  /**
   * The aggregator's record of the group: similar events are combined while a combined one is less than 10 minutes old,
   * or once this message makes the 10th different one in 10 minutes (`since`: 10 minutes ago).
   */
  private combines(similar: EventFields[], message: string, since: string): boolean {
    const messages = new Set([message]);
    for (const e of similar) {
      if (e.lastTimestamp < since) continue;
      if (isCombined(e)) return true;
      messages.add(e.message);
    }
    return messages.size >= AGGREGATE_MAX_EVENTS;
  }

  /** RFC 3339 text of 10 minutes before `now`, kept for the second (rfc3339 itself keeps only the last one asked). */
  private tenMinutesBefore(now: number): string {
    const second = Math.floor(now / 1000);
    if (second !== this.since.second) this.since = { second, text: rfc3339(now - AGGREGATE_INTERVAL_MS) };
    return this.since.text;
  }

  /** EventSourceObjectSpamFilter.Filter: a token bucket of 25 per object, one token back every 5 minutes. */
  private accepts(object: string, now: number): boolean {
    const last = this.budgets.get(object);
    const tokens = last ? Math.min(SPAM_BURST, last.tokens + (now - last.at) / SPAM_REFILL_MS) : SPAM_BURST;
    const accepted = tokens >= 1;
    const left = accepted ? tokens - 1 : tokens;
    // the object told last is already the most recently used: a kubelet tells Pulling, Pulled, Created and Started in
    // a row, and moving it to the end of the map each time was a delete and an insert per event
    if (last && object === this.newest) {
      last.tokens = left;
      last.at = now;
      return accepted;
    }
    this.budgets.delete(object);
    this.budgets.set(object, { tokens: left, at: now });
    this.newest = object;
    if (this.budgets.size > SPAM_CACHE_SIZE) this.budgets.delete(this.oldest.next().value!);
    return accepted;
  }
}
