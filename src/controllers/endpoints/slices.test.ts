import { describe, expect, it } from 'vitest';
import { planSlices } from './slices.js';

const PORTS = [{ name: '', port: 80, protocol: 'TCP' }];
/** Endpoints 10.0.0.<from>… : ready unless listed. */
const endpoints = (from: number, count: number, notReady: number[] = []) =>
  Array.from({ length: count }, (_, i) => ({ addresses: [`10.0.${Math.floor((from + i) / 256)}.${(from + i) % 256}`], conditions: { ready: !notReady.includes(from + i) } }));
const slice = (name: string, eps: ReturnType<typeof endpoints>, ports: unknown = PORTS) => ({ name, endpoints: eps, ports });
/** A plan as sizes: what is updated (slice name → endpoints), created (sizes), deleted (names). */
function sizes(plan: { update: Array<{ slice: { name: string }; endpoints: unknown[] }>; create: unknown[][]; remove: Array<{ name: string }> }) {
  return {
    update: Object.fromEntries(plan.update.map((u) => [u.slice.name, u.endpoints.length])),
    create: plan.create.map((c) => c.length),
    remove: plan.remove.map((s) => s.name),
  };
}

describe('EndpointSlices of at most 100 endpoints (the reconciler)', () => {
  const three = () => [slice('a', endpoints(0, 100)), slice('b', endpoints(100, 100)), slice('c', endpoints(200, 50))];

  it.each([
    { case: '250 endpoints, no slice yet: three new slices', existing: [], wanted: endpoints(0, 250), want: { update: {}, create: [100, 100, 50], remove: [] } },
    { case: 'nothing changed: nothing written', existing: three(), wanted: endpoints(0, 250), want: { update: {}, create: [], remove: [] } },
    { case: 'one endpoint no longer ready: its slice only', existing: three(), wanted: endpoints(0, 250, [150]), want: { update: { b: 100 }, create: [], remove: [] } },
    { case: 'one gone, one new: the new one fills the changed slice', existing: three(), wanted: [...endpoints(1, 249), ...endpoints(300, 1)], want: { update: { a: 100 }, create: [], remove: [] } },
    { case: '30 new: into the unchanged slice with room for them all', existing: three(), wanted: endpoints(0, 280), want: { update: { c: 80 }, create: [], remove: [] } },
    { case: '150 new: a full slice, the rest where there is room', existing: three(), wanted: endpoints(0, 400), want: { update: { c: 100 }, create: [100], remove: [] } },
    { case: 'other ports: the slice is reused for the new ones', existing: [slice('a', endpoints(0, 3), [{ port: 8080 }])], wanted: endpoints(0, 3), want: { update: { a: 3 }, create: [], remove: [] } },
    { case: 'no endpoint left: one empty slice stays (the placeholder)', existing: [slice('a', endpoints(0, 100)), slice('b', endpoints(100, 20))], wanted: [], want: { update: { a: 0 }, create: [], remove: ['b'] } },
    { case: 'a Service without endpoints, no slice: the placeholder', existing: [], wanted: [], want: { update: {}, create: [0], remove: [] } },
    { case: 'the placeholder is filled once pods are ready', existing: [slice('a', [])], wanted: endpoints(0, 3), want: { update: { a: 3 }, create: [], remove: [] } },
  ])('$case', ({ existing, wanted, want }) => {
    expect(sizes(planSlices(existing, wanted, PORTS))).toEqual(want);
  });

  it('tells apart pods on the host network, which share their node address', () => {
    const onHost = (name: string) => ({ addresses: ['172.18.0.2'], targetRef: { name } });
    expect(planSlices([], [onHost('a'), onHost('b')], PORTS).create[0]!.map((e) => e.targetRef.name)).toEqual(['a', 'b']);
    expect(sizes(planSlices([{ name: 's', endpoints: [onHost('a')], ports: PORTS }], [onHost('a'), onHost('b')], PORTS))).toEqual({ update: { s: 2 }, create: [], remove: [] });
  });

  it('writes each slice in address order, and places every endpoint once', () => {
    const wanted = [...endpoints(0, 250, [7])].reverse();
    const plan = planSlices([], wanted, PORTS);
    const placed = plan.create.flat().map((e) => e.addresses[0]);
    expect(new Set(placed).size).toBe(250);
    for (const c of plan.create) expect(c.map((e) => e.addresses[0])).toEqual(c.map((e) => e.addresses[0]).sort());
  });
});
