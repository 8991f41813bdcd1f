import { describe, expect, it } from 'vitest';
import type { KObject } from '../api/object.js';
import { SCHEDULER } from '../apiserver/authn.js';
import { bootstrapCluster, DEFAULT_SPEC } from '../sim/bootstrap.js';
import { Client } from './client.js';
import { EventsRecorder } from './events-recorder.js';

const T0 = Date.parse('2026-11-23T10:00:00Z');

/** The scheduler's recorder, and what it wrote about the `kubernetes` Service (as count@lastObserved, or 1@eventTime). */
function setup() {
  const c = bootstrapCluster({ ...DEFAULT_SPEC, seed: 'events-recorder' }, T0);
  const recorder = new EventsRecorder(c.world, new Client(c.api, SCHEDULER, 'scheduler'), 'default-scheduler', 'default-scheduler-kubesim-control-plane');
  const service = c.world.store.get('/registry/services/specs/default/kubernetes')!.value;
  type Written = { reason: string; series?: { count: number; lastObservedTime: string }; eventTime: string };
  const events = () =>
    (c.world.store.list('/registry/events/default/kubernetes.') as unknown as Written[])
      .filter((e) => e.reason === 'Tested')
      .map((e) => (e.series ? `${e.series.count}@${e.series.lastObservedTime}` : `1@${e.eventTime}`));
  return { c, recorder, service, events };
}

describe("EventsRecorder: client-go's events.k8s.io recorder, as kube-scheduler writes", () => {
  it('writes what the core API shows of an events.k8s.io event: action, MicroTime, reporter, no source nor timestamps', () => {
    const { recorder, service, c } = setup();
    recorder.eventf(service, 'Normal', 'Tested', 'Testing', 'a note');
    const [event] = c.world.store.list('/registry/events/default/kubernetes.').filter((e) => (e as unknown as { reason: string }).reason === 'Tested');
    expect(event!.metadata.name).toMatch(/^kubernetes\.[0-9a-f]+$/);
    expect(event).toMatchObject({
      involvedObject: { kind: 'Service', namespace: 'default', name: 'kubernetes', uid: service.metadata.uid, apiVersion: 'v1', resourceVersion: service.metadata.resourceVersion },
      reason: 'Tested',
      message: 'a note',
      type: 'Normal',
      action: 'Testing',
      source: {},
      firstTimestamp: null,
      lastTimestamp: null,
      eventTime: '2026-11-23T10:00:00.000000Z',
      reportingComponent: 'default-scheduler',
      reportingInstance: 'default-scheduler-kubesim-control-plane',
    });
    expect(event).not.toHaveProperty('count');
    expect(event).not.toHaveProperty('series');
  });

  it('makes a series of a repeat within 6 minutes, whatever its note, and counts the later ones', () => {
    const { recorder, service, c, events } = setup();
    recorder.eventf(service, 'Warning', 'Tested', 'Testing', 'first');
    c.world.clock.advanceBy(60_000);
    recorder.eventf(service, 'Warning', 'Tested', 'Testing', 'second');
    expect(events()).toEqual(['2@2026-11-23T10:01:00.000000Z']);
    c.world.clock.advanceBy(359_000);
    recorder.eventf(service, 'Warning', 'Tested', 'Testing', 'third');
    expect(events()).toEqual(['3@2026-11-23T10:06:59.000000Z']);
    // the note of a series stays the first one's
    expect(c.world.store.list('/registry/events/default/kubernetes.').map((e) => (e as unknown as { message: string }).message)).toContain('first');
  });

  it('starts a new event 6 minutes after the last one seen, or for another version of the object, or another action', () => {
    const { recorder, service, c, events } = setup();
    recorder.eventf(service, 'Warning', 'Tested', 'Testing', 'x');
    c.world.clock.advanceBy(360_000);
    recorder.eventf(service, 'Warning', 'Tested', 'Testing', 'x');
    expect(events()).toEqual(['1@2026-11-23T10:00:00.000000Z', '1@2026-11-23T10:06:00.000000Z']);
    const changed = { ...service, metadata: { ...service.metadata, resourceVersion: '999999' } } as KObject;
    recorder.eventf(changed, 'Warning', 'Tested', 'Testing', 'x');
    recorder.eventf(service, 'Warning', 'Tested', 'Retesting', 'x');
    expect(events()).toHaveLength(4);
  });
});
