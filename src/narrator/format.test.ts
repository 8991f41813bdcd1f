import { describe, expect, it } from 'vitest';
import type { EventOf, NodeVerdict } from '../events/types.js';
import { en } from './catalogs/en.js';
import { fr } from './catalogs/fr.js';
import { bestScored, rejectionGroups } from './format.js';

const scored = (totals: number[]): NodeVerdict[] => totals.map((total, i) => ({ node: `worker${i}`, total }));
const pod = { kind: 'Pod', namespace: 'default', name: 'web-1' };
const told = { seq: 1, at: 0, actor: 'scheduler' } as const;

describe('bestScored', () => {
  it.each([
    { totals: [1, 5, 3], max: 5, best: ['worker1 5', 'worker2 3', 'worker0 1'] },
    { totals: [1, 5, 3, 9, 5, 2, 7], max: 3, best: ['worker3 9', 'worker6 7', 'worker1 5'] },
    // ties stay in walk order: the first node met among equals comes first
    { totals: [4, 4, 4, 4], max: 2, best: ['worker0 4', 'worker1 4'] },
    { totals: [], max: 5, best: [] },
  ])('$totals, best $max', ({ totals, max, best }) => {
    expect(bestScored(scored(totals), max).map((v) => `${v.node} ${v.total}`)).toEqual(best);
  });
});

describe('rejectionGroups', () => {
  it('counts rejected nodes by plugin and reasons, most first, ties in walk order', () => {
    const rejected: NodeVerdict[] = [
      { node: 'a', rejectedBy: 'TaintToleration', reasons: ["node(s) had untolerated taint {x: }"] },
      { node: 'b', rejectedBy: 'NodeResourcesFit', reasons: ['Insufficient cpu'] },
      { node: 'c', rejectedBy: 'NodeResourcesFit', reasons: ['Insufficient cpu'] },
      { node: 'd', rejectedBy: 'NodeResourcesFit', reasons: ['Insufficient cpu', 'Insufficient memory'] },
    ];
    expect(rejectionGroups(rejected)).toEqual([
      { plugin: 'NodeResourcesFit', reasons: 'Insufficient cpu', count: 2 },
      { plugin: 'TaintToleration', reasons: 'node(s) had untolerated taint {x: }', count: 1 },
      { plugin: 'NodeResourcesFit', reasons: 'Insufficient cpu, Insufficient memory', count: 1 },
    ]);
  });
});

describe('scheduler lines on a big cluster', () => {
  const many = scored(Array.from({ length: 500 }, (_, i) => (i === 321 ? 698 : 651)));
  const full: NodeVerdict[] = Array.from({ length: 8 }, (_, i) => ({ node: `full${i}`, rejectedBy: 'NodeResourcesFit', reasons: ['Insufficient cpu'] }));
  const filtered: EventOf<'scheduler.filtered'> = { ...told, kind: 'scheduler.filtered', pod, verdicts: [...full, ...many.slice(0, 2)], feasible: 2, evaluated: 10, total: 10 };
  const scoredEvent: EventOf<'scheduler.scored'> = { ...told, kind: 'scheduler.scored', pod, verdicts: many };

  it('names the best five scores of 500, the winner first', () => {
    expect(fr['scheduler.scored'](scoredEvent, {})?.text).toBe(
      'Scheduler : scores (somme pondérée des plugins) — les 5 meilleurs des 500 nœuds : worker321 698, worker0 651, worker1 651, worker2 651, worker3 651',
    );
    expect(en['scheduler.scored'](scoredEvent, {})?.text).toBe('Scheduler: scores (weighted sum of plugins) — best 5 of 500 nodes: worker321 698, worker0 651, worker1 651, worker2 651, worker3 651');
  });

  it('tells the same from the best five and a count, as a scheduler gives them to a narrator', () => {
    const summary = { ...scoredEvent, verdicts: many.filter((v) => bestScored(many).includes(v)), scoredNodes: many.length };
    expect(summary.verdicts).toHaveLength(5);
    expect(fr['scheduler.scored'](summary, {})).toEqual(fr['scheduler.scored'](scoredEvent, {}));
    expect(en['scheduler.scored'](summary, {})).toEqual(en['scheduler.scored'](scoredEvent, {}));
  });

  it('names every node of a small cluster in walk order', () => {
    expect(fr['scheduler.scored']({ ...scoredEvent, verdicts: scored([651, 698, 651]) }, {})?.text).toBe('Scheduler : scores (somme pondérée des plugins) — worker0 651, worker1 698, worker2 651');
  });

  it('counts the rejected nodes by reason past five', () => {
    expect(fr['scheduler.filtered'](filtered, {})?.text).toBe('Scheduler : pod web-1 — filtrage de 10 nœuds : 2 retenus ; 8 écartés : 8 par NodeResourcesFit (Insufficient cpu)');
    expect(en['scheduler.filtered'](filtered, {})?.text).toBe('Scheduler: pod web-1 — filtered 10 nodes: 2 kept; 8 rejected: 8 by NodeResourcesFit (Insufficient cpu)');
  });

  it('names each rejected node of a small cluster', () => {
    const few = { ...filtered, verdicts: [...full.slice(0, 2), ...many.slice(0, 1)], feasible: 1, evaluated: 3 };
    expect(fr['scheduler.filtered'](few, {})?.text).toBe(
      'Scheduler : pod web-1 — filtrage de 3 nœuds : 1 retenu ; full0 écarté par NodeResourcesFit (Insufficient cpu) ; full1 écarté par NodeResourcesFit (Insufficient cpu)',
    );
  });
});

describe("kube-proxy's line for a Service", () => {
  const synced = (endpoints: number): EventOf<'proxy.synced'> => ({
    ...told,
    actor: 'kube-proxy',
    kind: 'proxy.synced',
    nodes: 4,
    service: { kind: 'Service', namespace: 'default', name: 'web' },
    clusterIP: '10.96.0.10',
    port: '80/TCP',
    chain: 'KUBE-SVC-X',
    endpoints: Array.from({ length: endpoints }, (_, i) => `10.244.0.${i + 1}:80`),
    added: 1,
    removed: 0,
  });

  it('names every endpoint of a small Service, and the first four of a big one', () => {
    expect(fr['proxy.synced'](synced(3), {})!.text).toContain('répartit entre 10.244.0.1:80, 10.244.0.2:80 et 10.244.0.3:80 (');
    expect(en['proxy.synced'](synced(600), {})!.text).toContain('spreads over 10.244.0.1:80, 10.244.0.2:80, 10.244.0.3:80, 10.244.0.4:80, … (+596) (');
  });
});
