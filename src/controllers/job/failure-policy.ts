import type { JobSpec, PodFailurePolicyRule } from 'kubernetes-types/batch/v1.js';
import type { ContainerStatus, Pod } from 'kubernetes-types/core/v1.js';

/** What a rule of a Job's podFailurePolicy makes of a failed pod (matchPodFailurePolicy). */
export interface PolicyVerdict {
  /** The action of the rule that matched, if one did. */
  action?: 'Count' | 'FailJob' | 'Ignore';
  /** Whether the failure counts towards backoffLimit (Ignore: it does not). */
  counts: boolean;
  /** FailJob: why the Job fails now. */
  failJob?: string;
}

/** getMatchingContainerFromList: the first terminated container, with a non-zero exit code the rule names. */
function matchingContainer(statuses: ContainerStatus[] | undefined, rule: NonNullable<PodFailurePolicyRule['onExitCodes']>): ContainerStatus | undefined {
  return statuses?.find((s) => {
    const code = s.state?.terminated?.exitCode;
    if (code === undefined || code === 0 || (rule.containerName && rule.containerName !== s.name)) return false;
    return rule.operator === 'In' ? rule.values.includes(code) : rule.operator === 'NotIn' ? !rule.values.includes(code) : false;
  });
}

/**
 * matchPodFailurePolicy: the first rule that matches a failed pod, by its containers' exit codes (containers, then
 * init containers) or its conditions, decides; no rule matching, the failure counts as usual.
 */
export function matchPodFailurePolicy(spec: Partial<JobSpec>, pod: Pod): PolicyVerdict {
  const rules = spec.podFailurePolicy?.rules ?? [];
  for (const [index, rule] of rules.entries()) {
    let why: string | undefined;
    if (rule.onExitCodes) {
      const c = matchingContainer(pod.status?.containerStatuses, rule.onExitCodes) ?? matchingContainer(pod.status?.initContainerStatuses, rule.onExitCodes);
      if (!c) continue;
      why = `Container ${c.name} for pod ${pod.metadata?.namespace}/${pod.metadata?.name} failed with exit code ${c.state!.terminated!.exitCode} matching FailJob rule at index ${index}`;
    } else if (rule.onPodConditions) {
      const condition = pod.status?.conditions?.find((c) => rule.onPodConditions!.some((p) => p.type === c.type && p.status === c.status));
      if (!condition) continue;
      why = `Pod ${pod.metadata?.namespace}/${pod.metadata?.name} has condition ${condition.type} matching FailJob rule at index ${index}`;
    } else continue;
    if (rule.action === 'Ignore') return { action: 'Ignore', counts: false };
    if (rule.action === 'FailJob') return { action: 'FailJob', counts: true, failJob: why };
    if (rule.action === 'Count') return { action: 'Count', counts: true };
  }
  return { counts: true };
}
