import type { Pod } from 'kubernetes-types/core/v1.js';
import { describe, expect, it } from 'vitest';
import { byLogging, mostActiveFirst } from './by-logging.js';

interface Shape {
  node?: string;
  phase?: string;
  readySince?: string;
  restarts?: number;
  born?: string;
}

const pod = ({ node = 'w1', phase = 'Running', readySince, restarts = 0, born = '2026-11-23T10:00:00Z' }: Shape): Pod => ({
  metadata: { creationTimestamp: born },
  spec: { nodeName: node || undefined, containers: [{ name: 'app' }] },
  status: {
    phase,
    conditions: readySince ? [{ type: 'Ready', status: 'True', lastTransitionTime: readySince }] : [{ type: 'Ready', status: 'False' }],
    containerStatuses: [{ name: 'app', restartCount: restarts, ready: !!readySince, image: 'x', imageID: '' }],
  },
});

/** kubectl's podutils.ByLogging: which of two pods `kubectl logs deploy/NAME` prefers. */
describe('byLogging', () => {
  it.each<[string, Shape, Shape]>([
    ['assigned before unassigned', { node: 'w1' }, { node: '' }],
    ['Running before Unknown', { phase: 'Running' }, { phase: 'Unknown' }],
    ['Unknown before Pending', { phase: 'Unknown' }, { phase: 'Pending' }],
    ['ready before not ready', { readySince: '2026-11-23T10:01:00Z' }, {}],
    ['ready for longer first', { readySince: '2026-11-23T10:01:00Z' }, { readySince: '2026-11-23T10:02:00Z' }],
    ['more restarts first (a crash shows)', { restarts: 3 }, { restarts: 1 }],
    ['older first', { born: '2026-11-23T10:00:00Z' }, { born: '2026-11-23T10:05:00Z' }],
    ['a pod with a creation time before one without', { born: '2026-11-23T10:00:00Z' }, { born: '' }],
  ])('%s', (_why, preferred, other) => {
    expect(byLogging(pod(preferred), pod(other))).toBeLessThan(0);
    expect(byLogging(pod(other), pod(preferred))).toBeGreaterThan(0);
  });

  it('ties alike pods, so that a stable sort keeps them in name order', () => {
    expect(byLogging(pod({}), pod({}))).toBe(0);
  });
});

/** sort.Reverse(podutils.ActivePods): which of two pods `kubectl port-forward svc/NAME` forwards to. */
describe('mostActiveFirst', () => {
  it.each<[string, Shape, Shape]>([
    ['assigned before unassigned', { node: 'w1' }, { node: '' }],
    ['Running before Pending', { phase: 'Running' }, { phase: 'Pending' }],
    ['Unknown before Succeeded, which ActivePods ranks with Pending', { phase: 'Unknown' }, { phase: 'Succeeded' }],
    ['ready for longer first', { readySince: '2026-11-23T10:01:00Z' }, { readySince: '2026-11-23T10:02:00Z' }],
    ['fewer restarts first (unlike logs)', { restarts: 1 }, { restarts: 3 }],
    ['older first', { born: '2026-11-23T10:00:00Z' }, { born: '2026-11-23T10:05:00Z' }],
  ])('%s', (_why, preferred, other) => {
    expect(mostActiveFirst(pod(preferred), pod(other))).toBeLessThan(0);
    expect(mostActiveFirst(pod(other), pod(preferred))).toBeGreaterThan(0);
  });
});
