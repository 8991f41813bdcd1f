import { describe, expect, it } from 'vitest';
import { MAX_CAPACITY, truncated } from './plan.js';

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
