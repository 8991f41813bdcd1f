import { describe, expect, it } from 'vitest';
import { makeNode, makePod } from '../../../test/builders.js';
import { balancedAllocation } from './balanced-allocation/balanced-allocation.js';
import { defaultNormalizeScore } from './helper.js';
import { leastRequestedScore, nodeResourcesFit } from './node-resources-fit/node-resources-fit.js';
import { taintToleration } from './taint-toleration/taint-toleration.js';

describe('score formulas', () => {
  it.each([
    { requested: 0, capacity: 4000, want: 100 },
    { requested: 1000, capacity: 4000, want: 75 },
    { requested: 3999, capacity: 4000, want: 0 },
    { requested: 5000, capacity: 4000, want: 0 },
    { requested: 1, capacity: 0, want: 0 },
  ])('LeastAllocated: (cap − req)×100/cap, $requested of $capacity → $want', ({ requested, capacity, want }) => {
    expect(leastRequestedScore(requested, capacity)).toBe(want);
  });

  it('NodeResourcesFit averages cpu and memory with non-zero defaults (100m, 200Mi) for empty requests', () => {
    const node = makeNode('n').capacity('1', '1000Mi').info();
    // 100m of 1000m → 90; 200Mi of 1000Mi → 80; (90 + 80) / 2 = 85
    expect(nodeResourcesFit.score(new Map(), makePod().obj(), node)).toBe(85);
  });

  it('BalancedAllocation: (1 − |f_cpu − f_mem| / 2) × 100', () => {
    const node = makeNode('n').capacity('4', '8Gi').info();
    // cpu 2/4 = 0.5, memory 2Gi/8Gi = 0.25 → std 0.125 → 87
    expect(balancedAllocation.score(new Map(), makePod().req('2', '2Gi').obj(), node)).toBe(87);
    // PreScore skips best-effort pods (no requests)
    expect(balancedAllocation.preScore(new Map(), makePod().obj())).toBe(false);
    expect(balancedAllocation.preScore(new Map(), makePod().req('2', '2Gi').obj())).toBe(true);
  });

  it('TaintToleration counts intolerable PreferNoSchedule taints, normalized in reverse', () => {
    const tainted = makeNode('a').taint({ key: 'x', effect: 'PreferNoSchedule' }).info();
    const clean = makeNode('b').info();
    const state = new Map();
    taintToleration.preScore(state, makePod().obj());
    const scores = [tainted, clean].map((n) => ({ node: n.name, score: taintToleration.score(state, makePod().obj(), n) }));
    taintToleration.normalizeScore(new Map(), makePod().obj(), scores);
    expect(scores).toEqual([
      { node: 'a', score: 0 },
      { node: 'b', score: 100 },
    ]);
  });

  it('default normalization scales by the highest score', () => {
    const scores = [
      { node: 'a', score: 2 },
      { node: 'b', score: 4 },
      { node: 'c', score: 0 },
    ];
    defaultNormalizeScore(scores, false);
    expect(scores.map((s) => s.score)).toEqual([50, 100, 0]);
  });
});
