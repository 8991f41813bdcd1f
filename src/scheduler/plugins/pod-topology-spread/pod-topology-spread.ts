import type { Pod } from 'kubernetes-types/core/v1.js';
import { PodTopologySpread as NAME } from '../names.js';
import { requiredNodeAffinity } from '../node-affinity/node-affinity.js';
import { MAX_NODE_SCORE, skip, success, unresolvable, unschedulable, type FilterPlugin, type PreFilterPlugin, type ScorePlugin } from '../../framework/interface.js';
import { HOSTNAME_LABEL, countMatching, type NodeInfo } from '../../framework/node-info.js';
import { anyNodeLabelled, constraintsOf, hasAllTopologies, includes, type Constraint } from './constraints.js';

export const REASON = "node(s) didn't match pod topology spread constraints";
export const REASON_MISSING_LABEL = `${REASON} (missing required label)`;

/** What Filter reads (preFilterState): each hard constraint's matching pods per topology value, and the smallest count. */
interface Spread {
  constraints: Constraint[];
  counts: Array<Map<string, number>>;
  minimums: number[];
}

/** What Score reads (preScoreState), with each feasible node's raw score worked out at once. */
interface Scoring {
  ignored: Set<string>;
  raw: Float64Array;
}

/** The raw scores of a cycle, in one buffer reused from cycle to cycle (Score reads them before the next cycle). */
let RAW = new Float64Array(0);
function rawScores(length: number): Float64Array {
  if (RAW.length < length) RAW = new Float64Array(Math.max(length, 2 * RAW.length));
  return RAW;
}

const PRE_FILTER_KEY = 'PreFilterPodTopologySpread';
const PRE_SCORE_KEY = 'PreScorePodTopologySpread';

/**
 * PreFilter (calPreFilterState): for the pod's DoNotSchedule constraints, the matching pods of every domain, counted
 * over all nodes that have every topology label and that the constraint's inclusion policies keep.
 */
function spreadOf(constraints: Constraint[], pod: Pod, nodes: readonly NodeInfo[]): Spread {
  const counts = constraints.map(() => new Map<string, number>());
  const required = requiredNodeAffinity(pod);
  for (const node of nodes) {
    if (!hasAllTopologies(node, constraints)) continue;
    constraints.forEach((c, i) => {
      if (!includes(c, pod, required, node)) return;
      const value = node.labels[c.topologyKey]!;
      counts[i]!.set(value, (counts[i]!.get(value) ?? 0) + countMatching(node, c.selector));
    });
  }
  // the global minimum is 0 while fewer domains than minDomains exist (criticalPaths and minMatchNum)
  const minimums = constraints.map((c, i) => (counts[i]!.size < c.minDomains ? 0 : Math.min(...counts[i]!.values())));
  return { constraints, counts, minimums };
}

/** topologyNormalizingWeight: log(domains + 2), so that the counts of a topology with few domains weigh more. */
const normalizingWeight = (size: number) => Math.log(size + 2);

/**
 * Filter: placing the pod in a domain must not make it hold more than maxSkew matching pods above the least-loaded
 * domain; a node without the topology label cannot take the pod. Score: fewer matching pods in the node's domains is
 * better, for the pod's ScheduleAnyway constraints or, without any, the system defaults over the pod's Services and
 * ReplicaSet (so a Deployment's replicas spread over nodes).
 */
export const podTopologySpread = {
  name: NAME,
  preFilter(state, pod, listers, nodes) {
    const constraints = constraintsOf(pod, 'DoNotSchedule', listers);
    if (!constraints.length) return skip();
    state.set(PRE_FILTER_KEY, spreadOf(constraints, pod, nodes));
    return success();
  },
  filter(state, pod, node) {
    const { constraints, counts, minimums } = state.get(PRE_FILTER_KEY) as Spread;
    const labels = node.labels;
    for (let i = 0; i < constraints.length; i++) {
      const c = constraints[i]!;
      if (!(c.topologyKey in labels)) return unresolvable(REASON_MISSING_LABEL);
      const self = c.selector.matches(pod.metadata?.labels) ? 1 : 0;
      if ((counts[i]!.get(labels[c.topologyKey]!) ?? 0) + self - minimums[i]! > c.maxSkew) return unschedulable(REASON);
    }
    return success();
  },
  preScore(state, pod, feasible, listers, nodes) {
    // system defaults spread where they can: a node without a zone label still spreads by hostname
    const requireAll = !!pod.spec?.topologySpreadConstraints?.length;
    const stated = constraintsOf(pod, 'ScheduleAnyway', listers);
    if (!stated.length) return false;
    // and Score gives a node no term for a label it lacks: a default zone constraint where no node has a zone scores
    // nothing anywhere (kind's clusters, kubesim's), and is left out
    const constraints = stated.filter((c) => requireAll || anyNodeLabelled(nodes, c.topologyKey));
    const ignored = new Set<string>();
    const counts = constraints.map(() => new Map<string, number>());
    // Score reads a domain's count only for the nodes that have its label: without any among them, none is counted
    const read = constraints.map(() => false);
    for (let n = 0; n < feasible.length; n++) {
      const node = feasible[n]!;
      if (requireAll && !hasAllTopologies(node, constraints)) {
        ignored.add(node.name);
        continue;
      }
      const labels = node.labels;
      for (let i = 0; i < constraints.length; i++) {
        const key = constraints[i]!.topologyKey;
        if (key === HOSTNAME_LABEL) continue;
        const value = labels[key];
        if (value !== undefined) read[i] = true;
        // a node without the label makes a domain of its own, named '' (the zero value Go reads off a missing label)
        if (!counts[i]!.has(value ?? '')) counts[i]!.set(value ?? '', 0);
      }
    }
    const weights = constraints.map((c, i) => normalizingWeight(c.topologyKey === HOSTNAME_LABEL ? feasible.length - ignored.size : counts[i]!.size));
    if (read.some(Boolean)) {
      const required = requiredNodeAffinity(pod);
      for (const node of nodes) {
        if (requireAll && !hasAllTopologies(node, constraints)) continue;
        constraints.forEach((c, i) => {
          if (!read[i] || !includes(c, pod, required, node)) return;
          const value = node.labels[c.topologyKey] ?? '';
          const known = counts[i]!.get(value);
          if (known !== undefined) counts[i]!.set(value, known + countMatching(node, c.selector));
        });
      }
    }
    // Score, for every feasible node in one pass (a call per node and plugin costs as much as the count itself)
    const raw = rawScores(feasible.length);
    for (let n = 0; n < feasible.length; n++) {
      const node = feasible[n]!;
      raw[n] = 0;
      if (ignored.size && ignored.has(node.name)) continue;
      let score = 0;
      for (let i = 0; i < constraints.length; i++) {
        const c = constraints[i]!;
        const hostname = c.topologyKey === HOSTNAME_LABEL;
        const value = hostname ? node.hostname : node.labels[c.topologyKey];
        if (value === undefined) continue;
        const count = hostname ? countMatching(node, c.selector) : counts[i]!.get(value)!;
        // scoreForCount: maxSkew − 1 added so that small differences between domains weigh less
        score += count * weights[i]! + (c.maxSkew - 1);
      }
      raw[n] = Math.round(score);
    }
    state.set(PRE_SCORE_KEY, { ignored, raw } satisfies Scoring);
    return true;
  },
  score(state, _pod, _node, index) {
    return (state.get(PRE_SCORE_KEY) as Scoring).raw[index]!;
  },
  normalizeScore(state, _pod, scores) {
    const { ignored } = state.get(PRE_SCORE_KEY) as Scoring;
    const isIgnored = (name: string) => ignored.size > 0 && ignored.has(name);
    let min = Infinity;
    let max = 0;
    for (const s of scores) {
      if (isIgnored(s.node)) continue;
      min = Math.min(min, s.score);
      max = Math.max(max, s.score);
    }
    for (const s of scores) {
      if (isIgnored(s.node)) s.score = 0;
      else s.score = max === 0 ? MAX_NODE_SCORE : Math.floor((MAX_NODE_SCORE * (max + min - s.score)) / max);
    }
  },
} satisfies PreFilterPlugin & FilterPlugin & ScorePlugin;
