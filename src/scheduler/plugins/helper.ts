import type { Taint, Toleration } from 'kubernetes-types/core/v1.js';
import type { Requirement } from '../../api/labels.js';
import { MAX_NODE_SCORE, type NodeScore } from '../framework/interface.js';

/** v1helper.ToleratesTaint. */
export function tolerates(t: Toleration, taint: Taint): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if (t.key && t.key !== taint.key) return false;
  if (t.operator === 'Exists') return true;
  return (t.operator ?? 'Equal') === 'Equal' && !!t.key && (t.value ?? '') === (taint.value ?? '');
}

export function untolerated(taints: Taint[], tolerations: Toleration[], effects: string[]): Taint | undefined {
  return taints.find((taint) => effects.includes(taint.effect) && !tolerations.some((t) => tolerates(t, taint)));
}

/** helper.DefaultNormalizeScore: scale to 0..100 by the highest score, optionally reversed. */
export function defaultNormalizeScore(scores: NodeScore[], reverse: boolean): void {
  const max = Math.max(0, ...scores.map((s) => s.score));
  if (max === 0) {
    if (reverse) for (const s of scores) s.score = MAX_NODE_SCORE;
    return;
  }
  for (const s of scores) {
    const scaled = Math.floor((MAX_NODE_SCORE * s.score) / max);
    s.score = reverse ? MAX_NODE_SCORE - scaled : scaled;
  }
}

/**
 * matchLabelKeys (In) and mismatchLabelKeys (NotIn) of a spread constraint or an affinity term: the pod's own values of
 * those of its labels it has, as requirements added to the selector.
 */
export function ownLabelRequirements(labels: Record<string, string>, keys: string[] | undefined, op: 'In' | 'NotIn'): Requirement[] {
  return (keys ?? []).filter((k) => k in labels).map((key) => ({ key, op, values: [labels[key]!] }));
}
