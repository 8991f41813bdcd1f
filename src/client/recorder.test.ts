import { describe, expect, it } from 'vitest';
import { CONTROLLER_MANAGER } from '../apiserver/authn.js';
import { bootstrapCluster, DEFAULT_SPEC } from '../sim/bootstrap.js';
import { Client } from './client.js';
import { Recorder } from './recorder.js';

const T0 = Date.parse('2026-11-23T10:00:00Z');

/** A recorder of the controller manager's, and the events it wrote about the `kubernetes` Service. */
function setup() {
  const c = bootstrapCluster({ ...DEFAULT_SPEC, seed: 'recorder' }, T0);
  const recorder = new Recorder(c.world, new Client(c.api, CONTROLLER_MANAGER, 'controller-manager'), { component: 'test-controller' });
  const service = c.world.store.get('/registry/services/specs/default/kubernetes')!.value;
  const events = () =>
    (c.world.store.list('/registry/events/default/kubernetes.') as unknown as Array<{ reason: string; message: string; count: number }>)
      .filter((e) => e.reason === 'Tested')
      .map((e) => `${e.message} x${e.count}`);
  return { c, recorder, service, events };
}

describe("Recorder: client-go's EventCorrelator", () => {
  it('combines the 10th different message on and later ones, and stops at 25 writes about one object', () => {
    const { recorder, service, events } = setup();
    for (let i = 1; i <= 40; i++) recorder.normal(service, 'Tested', `message ${i}`);
    // 9 events, the combined one created, then 15 patches: the spam filter's 25 tokens
    expect(events()).toEqual([...Array.from({ length: 9 }, (_, i) => `message ${i + 1} x1`), '(combined from similar events): message 25 x16']);
  });

  it('folds a repeat into its event, and gives one token back every 5 minutes', () => {
    const { c, recorder, service, events } = setup();
    for (let i = 0; i < 30; i++) recorder.warning(service, 'Tested', 'same');
    expect(events()).toEqual(['same x25']);
    c.world.clock.advanceBy(299_000);
    recorder.warning(service, 'Tested', 'same');
    expect(events()).toEqual(['same x25']);
    c.world.clock.advanceBy(1_000);
    recorder.warning(service, 'Tested', 'same');
    expect(events()).toEqual(['same x26']);
  });

  it('starts afresh after 10 minutes without a similar event', () => {
    const { c, recorder, service, events } = setup();
    for (let i = 1; i <= 12; i++) recorder.normal(service, 'Tested', `message ${i}`);
    expect(events().at(-1)).toBe('(combined from similar events): message 12 x3');
    c.world.clock.advanceBy(3_600_000);
    recorder.normal(service, 'Tested', 'message 13');
    expect(events()).toContain('message 13 x1');
  });

  it("forgets an object's spam budget once 4,096 other objects had events since (an LRU cache, as upstream's)", () => {
    const { recorder, service, events } = setup();
    for (let i = 0; i < 26; i++) recorder.warning(service, 'Tested', 'same');
    const other = (i: number) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: `p${i}`, namespace: 'default', uid: `uid-${i}` } });
    // 4,095 others: the service is still among the 4,096 remembered, out of tokens (and now the most recent again)
    for (let i = 0; i < 4095; i++) recorder.normal(other(i), 'Other', 'x');
    recorder.warning(service, 'Tested', 'same');
    expect(events()).toEqual(['same x25']);
    for (let i = 4095; i < 4095 + 4096; i++) recorder.normal(other(i), 'Other', 'x');
    recorder.warning(service, 'Tested', 'same');
    expect(events()).toEqual(['same x26']);
  });
});
