import type { Deployment } from 'kubernetes-types/apps/v1.js';
import { describe, expect, it } from 'vitest';
import { newRSReplicas, oldScaleDownBudget, resolveFenceposts } from './rollout.js';

const deployment = (replicas: number, maxSurge: string | number = '25%', maxUnavailable: string | number = '25%'): Deployment => ({
  spec: { replicas, selector: {}, template: {}, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge, maxUnavailable } } },
});

describe('rolling update arithmetic', () => {
  it.each([
    [1, 1, 0],
    [2, 1, 0],
    [3, 1, 0],
    [4, 1, 1],
    [5, 2, 1],
    [10, 3, 2],
  ])('%d replicas at 25 percent → maxSurge %d, maxUnavailable %d', (replicas, surge, unavailable) => {
    expect(resolveFenceposts(deployment(replicas))).toEqual({ maxSurge: surge, maxUnavailable: unavailable });
  });

  it('never lets both be zero', () => {
    expect(resolveFenceposts(deployment(3, 0, 0))).toEqual({ maxSurge: 0, maxUnavailable: 1 });
  });

  it('scales the new ReplicaSet up to replicas + maxSurge in total', () => {
    expect(newRSReplicas(deployment(3), 3, 0)).toBe(1);
    expect(newRSReplicas(deployment(3), 4, 1)).toBe(1);
    expect(newRSReplicas(deployment(10), 10, 0)).toBe(3);
  });

  it('only removes old pods while replicas − maxUnavailable stay available', () => {
    // 3 replicas at 25%: maxUnavailable 0, so an old pod may only go once a surge pod is available
    expect(oldScaleDownBudget(deployment(3), 3)).toBe(0);
    expect(oldScaleDownBudget(deployment(3), 4)).toBe(1);
    expect(oldScaleDownBudget(deployment(10), 12)).toBe(4);
  });
});
