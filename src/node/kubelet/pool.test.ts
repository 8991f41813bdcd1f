import { describe, expect, it } from 'vitest';
import type { Kubelet } from './kubelet.js';
import { KubeletPool } from './pool.js';

/** A kubelet reduced to its queue: each step syncs one pod and says which node did it. */
function fakeKubelet(nodeName: string, done: string[]) {
  let pods = 0;
  const k = {
    nodeName,
    onWork: () => {},
    queue: (n: number) => {
      pods += n;
      k.onWork();
    },
    hasWork: () => pods > 0,
    step: () => (pods > 0 ? (pods--, done.push(nodeName), true) : false),
  };
  return k;
}

describe('KubeletPool', () => {
  it('asks the busy kubelets in node order, as the engine asked every kubelet before, and skips idle ones', () => {
    const done: string[] = [];
    const pool = new KubeletPool();
    const nodes = ['w1', 'w2', 'w3', 'w4', 'w5'].map((n) => fakeKubelet(n, done));
    nodes.forEach((k) => pool.add(k as unknown as Kubelet));
    nodes[3]!.queue(1);
    nodes[1]!.queue(2);
    nodes[4]!.queue(1);
    expect(pool.step()).toBe(true);
    nodes[0]!.queue(1); // work arriving on an earlier node comes next
    while (pool.step());
    expect(done).toEqual(['w2', 'w1', 'w2', 'w4', 'w5']);
    expect(pool.step()).toBe(false);
  });
});
