import type { Event } from 'kubernetes-types/core/v1.js';
import { describe, expect, it } from 'vitest';
import { eventList, eventsRow, sortEvents } from './events.js';

const NOW = Date.parse('2026-11-23T10:10:00Z');

const event = (name: string, fields: Partial<Event>): Event => ({ metadata: { name, namespace: 'default' }, involvedObject: { kind: 'Pod', name: 'web-1' }, type: 'Normal', reason: 'Pulled', message: 'ok', ...fields });

describe('kubectl events printer', () => {
  it.each([
    // a single event: when it was first seen; a repeat: the last time, the count and the span; a series likewise
    [{ firstTimestamp: '2026-11-23T10:05:00Z', lastTimestamp: '2026-11-23T10:05:00Z', count: 1 }, '5m'],
    [{ firstTimestamp: '2026-11-23T10:00:00Z', lastTimestamp: '2026-11-23T10:08:00Z', count: 3 }, '2m (x3 over 10m)'],
    [{ eventTime: '2026-11-23T10:04:00.123456Z', series: { count: 4, lastObservedTime: '2026-11-23T10:09:30.000001Z' } }, '30s (x4 over 5m59s)'],
    [{}, '<unknown>'],
  ] as Array<[Partial<Event>, string]>)('LAST SEEN of %j is %s', (fields, lastSeen) => {
    expect(eventsRow(event('e', fields), NOW, false)[0]).toBe(lastSeen);
  });

  it('names the object Kind/name and cuts a message at its first line break, escaping what drives a terminal', () => {
    expect(eventsRow(event('e', { message: ' first\x1b[31m line\nsecond ' }), NOW, true)).toEqual(['default', '<unknown>', 'Normal', 'Pulled', 'Pod/web-1', 'first^[[31m line...']);
  });

  it("sorts by the time kubectl reads: a series' last, else lastTimestamp, else eventTime (microseconds)", () => {
    const events = [
      event('c', { lastTimestamp: '2026-11-23T10:00:02Z' }),
      event('b', { eventTime: '2026-11-23T10:00:01.500000Z' }),
      event('a', { lastTimestamp: '2026-11-23T10:00:01Z' }),
      event('d', { eventTime: '2026-11-23T10:00:00.000000Z', series: { count: 2, lastObservedTime: '2026-11-23T10:00:03.000000Z' } }),
    ];
    sortEvents(events);
    expect(events.map((e) => e.metadata!.name)).toEqual(['a', 'b', 'c', 'd']);
  });

  it("writes a typed EventList: Go's field order, omitempty, nulls for unset times, pointers kept when false", () => {
    const [item] = eventList([event('e', { metadata: { name: 'e', labels: { z: '1', a: '2' } }, count: 0, related: undefined })]).items as Array<Record<string, unknown>>;
    expect(JSON.stringify(item)).toBe(
      '{"kind":"Event","apiVersion":"v1","metadata":{"name":"e","creationTimestamp":null,"labels":{"a":"2","z":"1"}},"involvedObject":{"kind":"Pod","name":"web-1"},"reason":"Pulled","message":"ok","source":{},"firstTimestamp":null,"lastTimestamp":null,"type":"Normal","eventTime":null,"reportingComponent":"","reportingInstance":""}',
    );
  });
});
