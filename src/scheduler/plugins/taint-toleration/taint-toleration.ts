import { TaintToleration as NAME } from '../names.js';
import type { Toleration } from 'kubernetes-types/core/v1.js';
import { MAX_NODE_SCORE, success, unresolvable, type FilterPlugin, type ScorePlugin } from '../../framework/interface.js';
import { snapshotFact } from '../../framework/snapshot-facts.js';
import { defaultNormalizeScore, tolerates, untolerated } from '../helper.js';

/** `node(s) had untolerated taint {key: value}`: the reason names the first taint the pod does not tolerate. */
export function reasonFor(taint: { key: string; value?: string }): string {
  return `node(s) had untolerated taint {${taint.key}: ${taint.value ?? ''}}`;
}

const PRE_SCORE_KEY = 'PreScoreTaintToleration';

/**
 * Filter: NoSchedule and NoExecute taints must be tolerated. PreScore: the pod's PreferNoSchedule tolerations, once.
 * Score: fewer untolerated PreferNoSchedule taints is better (normalized in reverse).
 */
export const taintToleration = {
  name: NAME,
  filter(_state, pod, node) {
    if (!node.taints.length) return success();
    const taint = untolerated(node.taints, pod.spec?.tolerations ?? [], ['NoSchedule', 'NoExecute']);
    return taint ? unresolvable(reasonFor(taint)) : success();
  },
  preScore(state, pod) {
    state.set(PRE_SCORE_KEY, (pod.spec?.tolerations ?? []).filter((t) => !t.effect || t.effect === 'PreferNoSchedule'));
    return true;
  },
  uniformScore(_state, _pod, nodes) {
    // no node with a PreferNoSchedule taint: every node counts none, and scores 100 once reversed
    const any = snapshotFact(nodes, 'PreferNoSchedule taints', () => nodes.some((n) => n.taints.some((t) => t.effect === 'PreferNoSchedule')));
    return any ? undefined : MAX_NODE_SCORE;
  },
  score(state, _pod, node) {
    const tolerations = state.get(PRE_SCORE_KEY) as Toleration[];
    if (!node.taints.length) return 0;
    return node.taints.filter((taint) => taint.effect === 'PreferNoSchedule' && !tolerations.some((t) => tolerates(t, taint))).length;
  },
  normalizeScore(_state, _pod, scores) {
    defaultNormalizeScore(scores, true);
  },
} satisfies FilterPlugin & ScorePlugin;
