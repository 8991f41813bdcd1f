import type { Node, NodeSelectorRequirement, NodeSelectorTerm, Pod, PreferredSchedulingTerm } from 'kubernetes-types/core/v1.js';
import { NodeAffinity as NAME } from '../names.js';
import { skip, success, unresolvable, type FilterPlugin, type PreFilterPlugin, type ScorePlugin } from '../../framework/interface.js';
import { defaultNormalizeScore } from '../helper.js';
import type { NodeInfo } from '../../framework/node-info.js';

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

/** nodeaffinity.GetRequiredNodeAffinity: the pod's nodeSelector and required terms, read off the pod once. */
export interface RequiredNodeAffinity {
  selector: Array<[string, string]>;
  terms?: NodeSelectorTerm[];
}

export function requiredNodeAffinity(pod: Pod): RequiredNodeAffinity {
  return { selector: Object.entries(pod.spec?.nodeSelector ?? {}), terms: pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms };
}

/** RequiredNodeAffinity.Match: every nodeSelector label, and one of the required terms if there are any. */
export function matchesRequired(required: RequiredNodeAffinity, node: NodeInfo): boolean {
  const labels = node.labels;
  return required.selector.every(([k, v]) => labels[k] === v) && (!required.terms || required.terms.some((t) => termMatches(t, node.node)));
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
    const required = requiredNodeAffinity(pod);
    if (!required.terms && !pod.spec?.nodeSelector) return skip();
    state.set(PRE_FILTER_KEY, required);
    return success();
  },
  filter(state, _pod, node) {
    // Filter only runs after a PreFilter that did not skip, so the state is there
    return matchesRequired(state.get(PRE_FILTER_KEY) as RequiredNodeAffinity, node) ? success() : unresolvable(REASON);
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

