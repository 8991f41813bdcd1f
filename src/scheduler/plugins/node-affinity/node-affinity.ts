import type { Node, NodeSelectorRequirement, NodeSelectorTerm, Pod, PreferredSchedulingTerm } from 'kubernetes-types/core/v1.js';
import { NodeAffinity as NAME } from '../names.js';
import { skip, success, unresolvable, type FilterPlugin, type PreFilterPlugin, type ScorePlugin } from '../../framework/interface.js';
import { defaultNormalizeScore } from '../helper.js';

export const REASON = "node(s) didn't match Pod's node affinity/selector";

function requirementMatches(r: NodeSelectorRequirement, value: string | undefined): boolean {
  const has = value !== undefined;
  switch (r.operator) {
    case 'In':
      return has && (r.values ?? []).includes(value);
    case 'NotIn':
      return !has || !(r.values ?? []).includes(value);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
    case 'Gt':
      return has && Number(value) > Number(r.values?.[0]);
    case 'Lt':
      return has && Number(value) < Number(r.values?.[0]);
    default:
      return false;
  }
}

/** A term matches when all its expressions (labels) and fields (metadata.name) match; empty terms match nothing. */
export function termMatches(term: NodeSelectorTerm, node: Node): boolean {
  const exprs = term.matchExpressions ?? [];
  const fields = term.matchFields ?? [];
  if (!exprs.length && !fields.length) return false;
  const labels = node.metadata?.labels ?? {};
  return (
    exprs.every((r) => requirementMatches(r, labels[r.key])) &&
    fields.every((r) => requirementMatches(r, r.key === 'metadata.name' ? node.metadata?.name : undefined))
  );
}

/** nodeaffinity.GetRequiredNodeAffinity(pod).Match: the pod's nodeSelector and required terms, as Filter checks them. */
export function matchesRequiredNodeAffinity(pod: Pod, node: Node): boolean {
  const labels = node.metadata?.labels ?? {};
  if (!Object.entries(pod.spec?.nodeSelector ?? {}).every(([k, v]) => labels[k] === v)) return false;
  const terms = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  return !terms || terms.some((t) => termMatches(t, node));
}

/** What PreFilter reads off the pod once, for Filter to check against each node (preFilterState). */
interface Required {
  selector: Array<[string, string]>;
  terms?: NodeSelectorTerm[];
}
const PRE_FILTER_KEY = 'PreFilterNodeAffinity';
const PRE_SCORE_KEY = 'PreScoreNodeAffinity';

/**
 * PreFilter: a pod without nodeSelector nor required affinity has nothing to filter (Skip). Filter: spec.nodeSelector
 * and requiredDuringScheduling terms. PreScore: no preferred terms, nothing to score (Skip). Score: weights of the
 * matching preferred terms.
 */
export const nodeAffinity = {
  name: NAME,
  preFilter(state, pod) {
    const terms = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
    if (!terms && !pod.spec?.nodeSelector) return skip();
    state.set(PRE_FILTER_KEY, { selector: Object.entries(pod.spec?.nodeSelector ?? {}), terms } satisfies Required);
    return success();
  },
  filter(state, _pod, node) {
    // Filter only runs after a PreFilter that did not skip, so the state is there
    const required = state.get(PRE_FILTER_KEY) as Required;
    const labels = node.labels;
    const selectorOk = required.selector.every(([k, v]) => labels[k] === v);
    const affinityOk = !required.terms || required.terms.some((t) => termMatches(t, node.node));
    return selectorOk && affinityOk ? success() : unresolvable(REASON);
  },
  preScore(state, pod) {
    const preferred = pod.spec?.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution;
    if (!preferred?.length) return false;
    state.set(PRE_SCORE_KEY, preferred);
    return true;
  },
  score(state, _pod, node) {
    const preferred = state.get(PRE_SCORE_KEY) as PreferredSchedulingTerm[];
    return preferred.reduce((sum, p) => sum + (termMatches(p.preference, node.node) ? p.weight : 0), 0);
  },
  normalizeScore(_state, _pod, scores) {
    defaultNormalizeScore(scores, false);
  },
} satisfies PreFilterPlugin & FilterPlugin & ScorePlugin;

