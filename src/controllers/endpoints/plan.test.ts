import { describe, expect, it } from 'vitest';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { endpointAddresses, MAX_CAPACITY, truncated } from './plan.js';

const n = (count: number, prefix: string) => Array.from({ length: count }, (_, i) => `${prefix}${i}`);

describe('an Endpoints object past 1,000 addresses (truncateEndpoints)', () => {
  it.each([
    { ready: 600, notReady: 400, keptReady: 600, keptNotReady: 400, cut: false },
    { ready: 600, notReady: 401, keptReady: 600, keptNotReady: 400, cut: true },
    { ready: 1000, notReady: 5, keptReady: 1000, keptNotReady: 0, cut: true },
    { ready: 1001, notReady: 0, keptReady: 1000, keptNotReady: 0, cut: true },
    { ready: 5000, notReady: 20, keptReady: 1000, keptNotReady: 0, cut: true },
  ])('$ready ready and $notReady not ready → $keptReady and $keptNotReady', ({ ready, notReady, keptReady, keptNotReady, cut }) => {
    const kept = truncated(n(ready, 'r'), n(notReady, 'n'));
    expect([kept.ready.length, kept.notReady.length, kept.truncated]).toEqual([keptReady, keptNotReady, cut]);
    // the first ones, in the order given (addresses sorted by IP)
    expect(kept.ready[0]).toBe(ready ? 'r0' : undefined);
    expect(kept.ready.length + kept.notReady.length).toBeLessThanOrEqual(MAX_CAPACITY);
  });
});

describe("a Service's addresses", () => {
  const pod = (ip: string, ready: boolean) =>
    ({ metadata: { name: `p-${ip}`, namespace: 'default' }, spec: { nodeName: 'n1' }, status: { podIP: ip, conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }] } }) as Pod;
  const pods = [pod('10.0.0.2', true), pod('10.0.0.10', false), pod('10.0.0.1', true)];

  it('are in address order (as strings, like upstream), each pod object looked at once', () => {
    const first = endpointAddresses({}, pods);
    expect(first.map((a) => [a.ip, a.ready])).toEqual([
      ['10.0.0.1', true],
      ['10.0.0.10', false],
      ['10.0.0.2', true],
    ]);
    // a stored pod never changes: the next sync gets the very same addresses
    expect(endpointAddresses({}, pods).every((a, i) => a === first[i])).toBe(true);
  });

  it('are all ready for a Service that publishes not-ready addresses, whatever was looked at before', () => {
    expect(endpointAddresses({ spec: { publishNotReadyAddresses: true } }, pods).every((a) => a.ready)).toBe(true);
    expect(endpointAddresses({}, pods).filter((a) => a.ready)).toHaveLength(2);
  });
});
