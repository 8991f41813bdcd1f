import type { JobSpec } from 'kubernetes-types/batch/v1.js';
import { parseIndexes } from './indexes.js';

/**
 * matchSuccessPolicy (an Indexed Job's spec.successPolicy): the first rule whose indexes all succeeded (or
 * succeededCount of them), or whose succeededCount of indexes, any, succeeded, makes the Job a success now, its other
 * pods no longer needed. Returns the condition's message.
 */
export function matchSuccessPolicy(spec: Partial<JobSpec>, succeeded: Set<number>): string | undefined {
  const completions = spec.completions ?? 0;
  if (!succeeded.size) return undefined;
  for (const [index, rule] of (spec.successPolicy?.rules ?? []).entries()) {
    if (rule.succeededIndexes != null) {
      const required = parseIndexes(rule.succeededIndexes, completions);
      if (!required.size) continue;
      const met = [...required].filter((i) => succeeded.has(i)).length;
      if (rule.succeededCount == null ? met === required.size : met >= rule.succeededCount) return `Matched rules at index ${index}`;
    } else if (rule.succeededCount != null && succeeded.size >= rule.succeededCount) return `Matched rules at index ${index}`;
  }
  return undefined;
}
