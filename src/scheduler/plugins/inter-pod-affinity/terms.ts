import type { Pod, PodAffinityTerm, WeightedPodAffinityTerm } from 'kubernetes-types/core/v1.js';
import { fromLabelSelector, matches, type Requirement } from '../../../api/labels.js';
import { ownLabelRequirements } from '../helper.js';

/** framework.AffinityTerm: a PodAffinityTerm with its selectors parsed and its namespaces resolved for its pod. */
export interface AffinityTerm {
  namespaces: string[];
  /** null selects nothing (a term without namespaceSelector). */
  namespaceSelector: Requirement[] | null;
  selector: Requirement[] | null;
  topologyKey: string;
  weight: number;
}

/** The terms of one kind of a pod (framework.NewPodInfo): required ones weigh 1. */
export interface PodTerms {
  requiredAffinity: AffinityTerm[];
  requiredAntiAffinity: AffinityTerm[];
  preferredAffinity: AffinityTerm[];
  preferredAntiAffinity: AffinityTerm[];
}

function parse(pod: Pod, term: PodAffinityTerm, weight: number): AffinityTerm {
  const labels = pod.metadata?.labels ?? {};
  const extra = [...ownLabelRequirements(labels, term.matchLabelKeys, 'In'), ...ownLabelRequirements(labels, term.mismatchLabelKeys, 'NotIn')];
  const selector = fromLabelSelector(term.labelSelector);
  // GetNamespacesFromPodAffinityTerm: neither namespaces nor namespaceSelector means the pod's own namespace
  const own = !term.namespaces?.length && !term.namespaceSelector;
  return {
    namespaces: own ? [pod.metadata?.namespace ?? 'default'] : (term.namespaces ?? []),
    namespaceSelector: fromLabelSelector(term.namespaceSelector),
    selector: selector && [...selector, ...extra],
    topologyKey: term.topologyKey,
    weight,
  };
}

const required = (pod: Pod, terms: PodAffinityTerm[] | undefined) => (terms ?? []).map((t) => parse(pod, t, 1));
const preferred = (pod: Pod, terms: WeightedPodAffinityTerm[] | undefined) => (terms ?? []).map((t) => parse(pod, t.podAffinityTerm, t.weight));

/** Parsed once per pod and kept with it: the pods already on nodes are read again at every other pod's cycle. */
const parsed = new WeakMap<Pod, PodTerms>();

export function termsOf(pod: Pod): PodTerms {
  let terms = parsed.get(pod);
  if (!terms) {
    const a = pod.spec?.affinity;
    terms = {
      requiredAffinity: required(pod, a?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution),
      requiredAntiAffinity: required(pod, a?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution),
      preferredAffinity: preferred(pod, a?.podAffinity?.preferredDuringSchedulingIgnoredDuringExecution),
      preferredAntiAffinity: preferred(pod, a?.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution),
    };
    parsed.set(pod, terms);
  }
  return terms;
}

/** A namespace's labels, by its name (what a term's namespaceSelector matches). */
export type NamespaceLabels = (ns: string) => Record<string, string> | undefined;

/** AffinityTerm.Matches: the pod is in one of the term's namespaces (by name or by their labels) and its labels match. */
export function termMatches(term: AffinityTerm, pod: Pod, namespaceLabels: NamespaceLabels): boolean {
  const ns = pod.metadata?.namespace ?? 'default';
  const inNamespace = term.namespaces.includes(ns) || (term.namespaceSelector !== null && matches(term.namespaceSelector, namespaceLabels(ns)));
  return inNamespace && term.selector !== null && matches(term.selector, pod.metadata?.labels);
}

/** Pair counts by topology label (topologyToMatchedTermCount): `key=value` → count. */
export type TopologyCounts = Map<string, number>;

export const pair = (key: string, value: string) => `${key}=${value}`;

export function add(counts: TopologyCounts, key: string, value: string | undefined, n: number): void {
  if (value === undefined) return;
  const p = pair(key, value);
  const total = (counts.get(p) ?? 0) + n;
  if (total === 0) counts.delete(p);
  else counts.set(p, total);
}
