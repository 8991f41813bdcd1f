import type { JobSpec } from 'kubernetes-types/batch/v1.js';
import { forbidden, invalid, notSupported, required, type FieldError } from '../../api/field.js';
import { nonNegative, validateLabels } from './meta.js';
import { validatePodSpec } from './pod.js';

const COMPLETION_MODES = ['NonIndexed', 'Indexed'];

/**
 * pkg/apis/batch/validation validateJobSpec, at `path` (a Job's `spec`, a CronJob's `spec.jobTemplate.spec`): counts,
 * and a template whose pods end (OnFailure or Never). What kubesim's controller does not run is refused too.
 */
export function validateJobSpec(spec: Partial<JobSpec>, path: string): FieldError[] {
  const errs: FieldError[] = [
    ...nonNegative(spec.parallelism, `${path}.parallelism`),
    ...nonNegative(spec.completions, `${path}.completions`),
    ...nonNegative(spec.backoffLimit, `${path}.backoffLimit`),
    ...nonNegative(spec.ttlSecondsAfterFinished, `${path}.ttlSecondsAfterFinished`),
  ];
  if (spec.activeDeadlineSeconds != null && spec.activeDeadlineSeconds <= 0) {
    errs.push(invalid(`${path}.activeDeadlineSeconds`, spec.activeDeadlineSeconds, 'must be greater than 0'));
  }
  if (spec.completionMode && !COMPLETION_MODES.includes(spec.completionMode)) errs.push(notSupported(`${path}.completionMode`, spec.completionMode, COMPLETION_MODES));
  if (spec.completionMode === 'Indexed' && spec.completions == null) errs.push(required(`${path}.completions`, 'when completion mode is Indexed'));
  errs.push(...validateLabels(spec.template?.metadata?.labels, `${path}.template.metadata.labels`));
  errs.push(...validatePodSpec(spec.template?.spec, { path: `${path}.template.spec`, creating: true, restartPolicies: ['OnFailure', 'Never'] }));
  if (spec.podFailurePolicy) errs.push(...validatePodFailurePolicy(spec, path));
  if (spec.successPolicy) errs.push(...validateSuccessPolicy(spec, path));
  return [...errs, ...notSimulated(spec, path)];
}

const POLICY_ACTIONS = ['Count', 'FailIndex', 'FailJob', 'Ignore'];
const EXIT_CODE_OPERATORS = ['In', 'NotIn'];

/** validatePodFailurePolicy: each rule one action and one kind of match; the pods never restarted in place. */
function validatePodFailurePolicy(spec: Partial<JobSpec>, path: string): FieldError[] {
  const errs: FieldError[] = [];
  (spec.podFailurePolicy?.rules ?? []).forEach((rule, i) => {
    const at = `${path}.podFailurePolicy.rules[${i}]`;
    if (!POLICY_ACTIONS.includes(rule.action)) errs.push(notSupported(`${at}.action`, rule.action, POLICY_ACTIONS));
    else if (rule.action === 'FailIndex' && spec.backoffLimitPerIndex == null) errs.push(invalid(`${at}.action`, rule.action, 'requires the backoffLimitPerIndex to be set'));
    if (rule.onExitCodes && rule.onPodConditions) errs.push(invalid(at, '', 'specifying both OnExitCodes and OnPodConditions is not supported'));
    else if (!rule.onExitCodes && !rule.onPodConditions) errs.push(invalid(at, '', 'specifying one of OnExitCodes and OnPodConditions is required'));
    const codes = rule.onExitCodes;
    if (codes && !EXIT_CODE_OPERATORS.includes(codes.operator)) errs.push(notSupported(`${at}.onExitCodes.operator`, codes.operator, EXIT_CODE_OPERATORS));
    (codes?.values ?? []).forEach((value, j) => {
      if (value === 0 && codes!.operator === 'In') errs.push(invalid(`${at}.onExitCodes.values[${j}]`, 0, 'must not be 0 for the In operator'));
    });
  });
  const restartPolicy = spec.template?.spec?.restartPolicy;
  if (restartPolicy !== 'Never') errs.push(invalid(`${path}.template.spec.restartPolicy`, restartPolicy ?? '', 'only "Never" is supported when podFailurePolicy is specified'));
  return errs;
}

/** validateSuccessPolicy: an Indexed Job's, each rule naming indexes (in the status's form) or a count, or both. */
function validateSuccessPolicy(spec: Partial<JobSpec>, path: string): FieldError[] {
  const at = `${path}.successPolicy`;
  if (spec.completionMode !== 'Indexed') return [invalid(at, spec.successPolicy, 'requires indexed completion mode')];
  const errs: FieldError[] = [];
  spec.successPolicy!.rules.forEach((rule, i) => {
    if (rule.succeededIndexes == null && rule.succeededCount == null) errs.push(required(`${at}.rules[${i}]`, 'at least one of succeededCount or succeededIndexes must be specified'));
    if (rule.succeededIndexes != null && !/^\d+(-\d+)?(,\d+(-\d+)?)*$/.test(rule.succeededIndexes)) errs.push(invalid(`${at}.rules[${i}].succeededIndexes`, rule.succeededIndexes, 'error parsing succeededIndexes'));
    if (rule.succeededCount != null && spec.completions != null && rule.succeededCount > spec.completions) {
      errs.push(invalid(`${at}.rules[${i}].succeededCount`, rule.succeededCount, `must be less than or equal to ${spec.completions} (the number of specified completions)`));
    }
  });
  return errs;
}

/**
 * Job features the simulated controller does not run: an API server would take them and its controller honour them;
 * kubesim says so rather than store a Job that would not behave as its spec says.
 */
const NOT_SIMULATED = ['backoffLimitPerIndex', 'maxFailedIndexes', 'managedBy'] as const;

function notSimulated(spec: Partial<JobSpec>, path: string): FieldError[] {
  return NOT_SIMULATED.filter((field) => spec[field] != null).map((field) => forbidden(`${path}.${field}`, 'not simulated by kubesim yet'));
}
