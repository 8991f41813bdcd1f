import type { Pod } from 'kubernetes-types/core/v1.js';
import { InterPodAffinity as NAME } from '../names.js';
import { MAX_NODE_SCORE, skip, success, unresolvable, unschedulable, type FilterPlugin, type Listers, type PreFilterPlugin, type ScorePlugin } from '../../framework/interface.js';
import type { NodeInfo } from '../../framework/node-info.js';
import { add, pair, termMatches, termsOf, type AffinityTerm, type NamespaceLabels, type PodTerms, type TopologyCounts } from './terms.js';

export const REASON_AFFINITY = "node(s) didn't match pod affinity rules";
export const REASON_ANTI_AFFINITY = "node(s) didn't match pod anti-affinity rules";
export const REASON_EXISTING_ANTI_AFFINITY = "node(s) didn't satisfy existing pods anti-affinity rules";

/** What Filter reads (preFilterState). */
interface Matched {
  terms: PodTerms;
  /** Pods already placed whose required anti-affinity the incoming pod matches, by their node's topology pairs. */
  existingAntiAffinity: TopologyCounts;
  /** Pods already placed that match all the incoming pod's required affinity terms, and its anti-affinity terms. */
  affinity: TopologyCounts;
  antiAffinity: TopologyCounts;
  selfMatches: boolean;
}

const PRE_FILTER_KEY = 'PreFilterInterPodAffinity';
const PRE_SCORE_KEY = 'PreScoreInterPodAffinity';
/** InterPodAffinityArgs.hardPodAffinityWeight: what a placed pod's required affinity adds to the nodes it favours. */
const HARD_POD_AFFINITY_WEIGHT = 1;

const namespaceLabelsOf = (listers: Listers): NamespaceLabels => (ns) => listers.namespaceLabels(ns);

/** podMatchesAllAffinityTerms: false for no terms. */
function matchesAll(terms: AffinityTerm[], pod: Pod, namespaceLabels: NamespaceLabels): boolean {
  return terms.length > 0 && terms.every((t) => termMatches(t, pod, namespaceLabels));
}

/** PreFilter's counts: what the placed pods' anti-affinity says of the incoming pod, and what they are to its own terms. */
function matchedFor(pod: Pod, listers: Listers, nodes: readonly NodeInfo[]): Matched {
  const terms = termsOf(pod);
  const namespaceLabels = namespaceLabelsOf(listers);
  const existingAntiAffinity: TopologyCounts = new Map();
  for (const node of listers.withAffinityPods(nodes, true)) {
    const labels = node.labels;
    for (const existing of node.podsWithRequiredAntiAffinity) {
      for (const t of termsOf(existing).requiredAntiAffinity) if (termMatches(t, pod, namespaceLabels)) add(existingAntiAffinity, t.topologyKey, labels[t.topologyKey], 1);
    }
  }
  const affinity: TopologyCounts = new Map();
  const antiAffinity: TopologyCounts = new Map();
  if (terms.requiredAffinity.length || terms.requiredAntiAffinity.length) {
    for (const node of nodes) {
      const labels = node.labels;
      for (const existing of node.pods) {
        if (matchesAll(terms.requiredAffinity, existing, namespaceLabels)) for (const t of terms.requiredAffinity) add(affinity, t.topologyKey, labels[t.topologyKey], 1);
        for (const t of terms.requiredAntiAffinity) if (termMatches(t, existing, namespaceLabels)) add(antiAffinity, t.topologyKey, labels[t.topologyKey], 1);
      }
    }
  }
  return { terms, existingAntiAffinity, affinity, antiAffinity, selfMatches: matchesAll(terms.requiredAffinity, pod, namespaceLabels) };
}

/** satisfyPodAffinity: every term's topology on the node, holding a matching pod (or the pod is the first of a group that attracts itself). */
function satisfiesAffinity(m: Matched, node: NodeInfo): boolean {
  const labels = node.labels;
  let podsExist = true;
  for (const t of m.terms.requiredAffinity) {
    const value = labels[t.topologyKey];
    if (value === undefined) return false;
    if (!m.affinity.get(pair(t.topologyKey, value))) podsExist = false;
  }
  // no pod anywhere matches yet, and the pod matches its own terms: it may start the group (else it would wait forever)
  return podsExist || (m.affinity.size === 0 && m.selfMatches);
}

function satisfiesAntiAffinity(m: Matched, node: NodeInfo): boolean {
  const labels = node.labels;
  return m.terms.requiredAntiAffinity.every((t) => labels[t.topologyKey] === undefined || !m.antiAffinity.get(pair(t.topologyKey, labels[t.topologyKey]!)));
}

function satisfiesExistingAntiAffinity(m: Matched, node: NodeInfo): boolean {
  if (!m.existingAntiAffinity.size) return true;
  return !Object.entries(node.labels).some(([k, v]) => m.existingAntiAffinity.get(pair(k, v)));
}

/**
 * Scores by topology pair (preScoreState.topologyScore): the incoming pod's preferred terms over the placed pods that
 * match them, and the placed pods' required affinity (weight 1) and preferred terms over the incoming pod.
 */
function topologyScores(pod: Pod, terms: PodTerms, hasPreferred: boolean, listers: Listers, nodes: readonly NodeInfo[]): TopologyCounts {
  const scores: TopologyCounts = new Map();
  const namespaceLabels = namespaceLabelsOf(listers);
  const credit = (list: AffinityTerm[], target: Pod, labels: Record<string, string>, sign: number, weight?: number) => {
    for (const t of list) if (termMatches(t, target, namespaceLabels)) add(scores, t.topologyKey, labels[t.topologyKey], sign * (weight ?? t.weight));
  };
  // unless the pod has preferred terms of its own, only the nodes with pods that have some affinity count
  for (const node of hasPreferred ? nodes : listers.withAffinityPods(nodes, false)) {
    const labels = node.labels;
    if (!Object.keys(labels).length) continue;
    for (const existing of hasPreferred ? node.pods : node.podsWithAffinity) {
      credit(terms.preferredAffinity, existing, labels, 1);
      credit(terms.preferredAntiAffinity, existing, labels, -1);
      const theirs = termsOf(existing);
      credit(theirs.requiredAffinity, pod, labels, 1, HARD_POD_AFFINITY_WEIGHT);
      credit(theirs.preferredAffinity, pod, labels, 1);
      credit(theirs.preferredAntiAffinity, pod, labels, -1);
    }
  }
  return scores;
}

/**
 * Filter: the pod's required affinity (a matching pod in the node's domain), its required anti-affinity (none there),
 * and the anti-affinity of the pods already placed (the pod must not land in a domain that one of them repels it from).
 * Score: the preferred terms of both sides, weighted, normalized between the lowest and highest node.
 */
export const interPodAffinity = {
  name: NAME,
  preFilter(state, pod, listers, nodes) {
    const affinity = pod.spec?.affinity;
    // nothing to check, as for most pods: no term of its own, and no placed pod with required anti-affinity
    if (!affinity?.podAffinity && !affinity?.podAntiAffinity && !listers.withAffinityPods(nodes, true).length) return skip();
    const m = matchedFor(pod, listers, nodes);
    if (!m.existingAntiAffinity.size && !m.terms.requiredAffinity.length && !m.terms.requiredAntiAffinity.length) return skip();
    state.set(PRE_FILTER_KEY, m);
    return success();
  },
  filter(state, _pod, node) {
    const m = state.get(PRE_FILTER_KEY) as Matched;
    if (!satisfiesAffinity(m, node)) return unresolvable(REASON_AFFINITY);
    if (!satisfiesAntiAffinity(m, node)) return unschedulable(REASON_ANTI_AFFINITY);
    if (!satisfiesExistingAntiAffinity(m, node)) return unschedulable(REASON_EXISTING_ANTI_AFFINITY);
    return success();
  },
  preScore(state, pod, _feasible, listers, nodes) {
    const affinity = pod.spec?.affinity;
    if (!affinity?.podAffinity && !affinity?.podAntiAffinity && !listers.withAffinityPods(nodes, false).length) return false;
    const terms = termsOf(pod);
    const hasPreferred = terms.preferredAffinity.length > 0 || terms.preferredAntiAffinity.length > 0;
    const scores = topologyScores(pod, terms, hasPreferred, listers, nodes);
    if (!scores.size) return false;
    state.set(PRE_SCORE_KEY, scores);
    return true;
  },
  score(state, _pod, node) {
    const scores = state.get(PRE_SCORE_KEY) as TopologyCounts;
    let score = 0;
    for (const [k, v] of Object.entries(node.labels)) score += scores.get(pair(k, v)) ?? 0;
    return score;
  },
  normalizeScore(_state, _pod, scores) {
    let min = Infinity;
    let max = -Infinity;
    for (const s of scores) {
      min = Math.min(min, s.score);
      max = Math.max(max, s.score);
    }
    for (const s of scores) s.score = max > min ? Math.trunc(MAX_NODE_SCORE * ((s.score - min) / (max - min))) : 0;
  },
} satisfies PreFilterPlugin & FilterPlugin & ScorePlugin;
