import type { Job, JobSpec } from 'kubernetes-types/batch/v1.js';
import { forbidden, invalid, notSupported, required, type FieldError } from '../../api/field.js';
import { fromLabelSelector, selectorMatches } from '../../api/labels.js';
import { jsonEqual, type KObject } from '../../api/object.js';
import { JOB_LABELS } from '../../api/jobs.js';
import { nonNegative, validateLabels, validateObjectMeta } from '../validation/meta.js';
import { dns1123Subdomain } from '../validation/names.js';
import { validatePodSpec } from '../validation/pod.js';
import type { Strategy } from './strategy.js';

/**
 * generateSelector (pkg/registry/batch/job/strategy.go): unless the user chose a manual selector, the template gets the
 * job-name and controller-uid labels (legacy and prefixed) and the Job selects its own pods by its UID alone. A Job
 * without labels of its own takes its template's (SetDefaults_Job, applied again when the API server reads it back).
 */
function generateSelector(job: Job): void {
  const spec = job.spec!;
  if (spec.manualSelector) return;
  spec.template ??= {};
  spec.template.metadata ??= {};
  const labels = (spec.template.metadata.labels ??= {});
  for (const key of [JOB_LABELS.legacyJobName, JOB_LABELS.jobName]) labels[key] ??= job.metadata!.name!;
  for (const key of [JOB_LABELS.legacyControllerUid, JOB_LABELS.controllerUid]) labels[key] ??= job.metadata!.uid!;
  spec.selector ??= {};
  spec.selector.matchLabels ??= {};
  spec.selector.matchLabels[JOB_LABELS.controllerUid] ??= job.metadata!.uid!;
}

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
  if (spec.completionMode === 'Indexed' && spec.completions == null) errs.push({ type: 'Required value', field: `${path}.completions`, detail: 'when completion mode is Indexed' });
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

/** ValidateJobSpec's own part for a Job: a selector (generated, unless manual) that selects its template. */
function validateSelector(spec: Partial<JobSpec>): FieldError[] {
  const labels = spec.template?.metadata?.labels;
  if (!spec.selector) return [{ type: 'Required value', field: 'spec.selector' }];
  const reqs = fromLabelSelector(spec.selector);
  return reqs && reqs.length && !selectorMatches(spec.selector, labels) ? [invalid('spec.template.metadata.labels', labels ?? {}, '`selector` does not match template `labels`')] : [];
}

/**
 * Job features the simulated controller does not run: an API server would take them and its controller honour them;
 * kubesim says so rather than store a Job that would not behave as its spec says.
 */
const NOT_SIMULATED = ['backoffLimitPerIndex', 'maxFailedIndexes', 'managedBy'] as const;

function notSimulated(spec: Partial<JobSpec>, path: string): FieldError[] {
  return NOT_SIMULATED.filter((field) => spec[field] != null).map((field) => forbidden(`${path}.${field}`, 'not simulated by kubesim yet'));
}

/** ValidateJobSpecUpdate: what a running Job keeps (its selector, its pods' template, and how many must complete). */
function validateJobUpdate(job: Job, old: Job): FieldError[] {
  const errs: FieldError[] = [];
  for (const field of ['selector', 'template', 'completions', 'completionMode'] as const) {
    if (!jsonEqual(job.spec?.[field], old.spec?.[field])) errs.push(invalid(`spec.${field}`, job.spec?.[field] ?? null, 'field is immutable'));
  }
  return errs;
}

export const jobStrategy: Strategy = {
  nameValidator: dns1123Subdomain,
  hasStatus: true,
  tracksGeneration: true,
  prepareForCreate(o: KObject) {
    const job = o as unknown as Job;
    job.spec ??= {} as JobSpec;
    generateSelector(job);
    const templateLabels = job.spec.template?.metadata?.labels;
    if (templateLabels && !Object.keys(job.metadata?.labels ?? {}).length) o.metadata.labels = { ...templateLabels };
  },
  validate(o: KObject) {
    const job = o as unknown as Job;
    const spec: Partial<JobSpec> = job.spec ?? {};
    return [...validateObjectMeta(job.metadata, true, dns1123Subdomain), ...validateJobSpec(spec, 'spec'), ...validateSelector(spec)];
  },
  validateUpdate: (o, old) => validateJobUpdate(o as unknown as Job, old as unknown as Job),
};
