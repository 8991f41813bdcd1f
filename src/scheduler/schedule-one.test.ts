import { describe, expect, it } from 'vitest';
import { makeNode, makePod } from '../../test/builders.js';
import { fitErrorMessage } from './fit-error.js';
import { bestNode, bestVerdicts, numFeasibleNodesToFind, scheduleOne, scoreBreakdown, type Decision } from './schedule-one.js';

describe('scheduling cycle', () => {
  it.each([
    { nodes: 3, want: 3 },
    { nodes: 99, want: 99 },
    { nodes: 500, want: 230 },
    { nodes: 5000, want: 500 },
  ])('percentageOfNodesToScore: $nodes nodes → evaluate $want', ({ nodes, want }) => {
    expect(numFeasibleNodesToFind(nodes)).toBe(want);
  });

  it('prefers the emptier node and reports every plugin score (NodeAffinity only with preferred terms)', () => {
    const busy = makeNode('a').withPod(makePod().req('3', '6Gi').obj()).info();
    const empty = makeNode('b').info();
    const plugins = (pod: ReturnType<typeof makePod>) => {
      const d = scheduleOne(pod.req('500m', '512Mi').obj(), [busy, empty], 0);
      expect(d.chosen?.name).toBe('b');
      return scoreBreakdown(d, d.feasible.indexOf(d.chosen!)).map((s) => s.plugin);
    };
    expect(plugins(makePod())).toEqual(['TaintToleration', 'NodeResourcesFit', 'NodeResourcesBalancedAllocation', 'ImageLocality']);
    const preferred = { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 1, preference: { matchExpressions: [{ key: 'zone', operator: 'Exists' }] } }] } };
    expect(plugins(makePod().affinity(preferred))).toEqual(['TaintToleration', 'NodeAffinity', 'NodeResourcesFit', 'NodeResourcesBalancedAllocation', 'ImageLocality']);
  });

  it('breaks ties by node name, not by chance nor by where the walk started', () => {
    // nodes come in name order; starting the walk at z looks at it first
    const d = scheduleOne(makePod().req('1').obj(), [makeNode('m').info(), makeNode('z').info()], 1);
    expect(d.chosen?.name).toBe('m');
    expect(d.tieBroken).toBe(true);
  });

  it('binds to the only feasible node without scoring', () => {
    const cp = makeNode('cp').taint({ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }).info();
    const d = scheduleOne(makePod().obj(), [cp, makeNode('w').info()], 0);
    expect(d.chosen?.name).toBe('w');
    expect(d.scored).toBe(false);
  });

  it('decides a cycle nobody tells as a told one, though it reuses the arrays of the cycle before', () => {
    const nodes = ['a', 'b', 'c', 'd'].map((name, i) => makeNode(name).withPod(makePod().req(`${i}`, `${i}Gi`).obj()).info());
    const pods = [makePod().req('500m', '512Mi').obj(), makePod().req('2').obj(), makePod().req('3500m').obj(), makePod().req('100m').obj()];
    for (const [start, pod] of pods.entries()) {
      const told = scheduleOne(pod, nodes, start);
      const quiet = scheduleOne(pod, nodes, start, undefined, 'quiet');
      expect({ chosen: quiet.chosen?.name, feasible: quiet.feasible.map((n) => n.name), ranks: quiet.ranks, evaluated: quiet.evaluated }).toEqual({
        chosen: told.chosen?.name,
        feasible: told.feasible.map((n) => n.name),
        ranks: told.ranks,
        evaluated: told.evaluated,
      });
      expect(quiet.verdicts).toEqual([]);
    }
  });

  it('keeps the rejected nodes and the best scores only, when nobody reads every node, and decides the same', () => {
    const cp = makeNode('cp').taint({ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }).info();
    // w3 and w5 run a pod already: the others score best, tied, and keep their walk order
    const workers = ['w1', 'w2', 'w3', 'w4', 'w5', 'w6', 'w7'].map((name) => makeNode(name).withPod(makePod().req(name === 'w3' || name === 'w5' ? '2' : '0').obj()).info());
    const pod = makePod().req('100m').obj();
    const every = scheduleOne(pod, [cp, ...workers], 0);
    const summary = scheduleOne(pod, [cp, ...workers], 0, undefined, 'summary');
    expect(summary.chosen?.name).toBe(every.chosen?.name);
    expect(summary.verdicts).toEqual(every.verdicts.filter((v) => v.rejectedBy));
    expect(summary.verdicts.map((v) => v.node)).toEqual(['cp']);
    const best = bestVerdicts(summary);
    expect(best.map((v) => v.node)).toEqual(['w1', 'w2', 'w4', 'w6', 'w7']);
    expect(best).toEqual(every.verdicts.filter((v) => best.some((b) => b.node === v.node)));
    // what the narration tells of the choice: the chosen node's and the runner-up's scores, plugin by plugin
    const told = (d: Decision) => {
      const mine = d.feasible.indexOf(d.chosen!);
      const runnerUp = bestNode(d, mine).index;
      return { chosen: scoreBreakdown(d, mine), runnerUp: d.feasible[runnerUp]!.name, scores: scoreBreakdown(d, runnerUp) };
    };
    expect(told(summary)).toEqual(told(every));
    expect(told(summary).chosen.length).toBeGreaterThan(3);
  });

  it('tells a summary from arrays the next cycle reuses, and a full cycle from its own', () => {
    const nodes = ['a', 'b', 'c'].map((name, i) => makeNode(name).withPod(makePod().req(`${i}`).obj()).info());
    const full = scheduleOne(makePod().req('100m').obj(), nodes, 0);
    const first = scheduleOne(makePod().req('100m').obj(), nodes, 0, undefined, 'summary');
    const kept = first.pluginScores.map((p) => [...p.scores]);
    const second = scheduleOne(makePod().req('2').obj(), nodes, 0, undefined, 'summary');
    expect(first.pluginScores[0]!.scores).toBe(second.pluginScores[0]!.scores);
    expect(full.pluginScores.map((p) => p.scores)).toEqual(kept);
    expect(full.pluginScores[0]!.scores).not.toBe(first.pluginScores[0]!.scores);
  });

  it('builds the FailedScheduling message like framework.FitError', () => {
    const cp = makeNode('cp').taint({ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }).info();
    const d = scheduleOne(makePod().req('6').obj(), [cp, makeNode('w1').info(), makeNode('w2').info()], 0);
    expect(d.chosen).toBeUndefined();
    expect(fitErrorMessage(3, d.failures)).toBe(
      '0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod..',
    );
    expect(fitErrorMessage(0, [])).toBe('no nodes available to schedule pods');
  });
});
