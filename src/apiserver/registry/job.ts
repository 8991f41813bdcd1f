import type { Job, JobSpec } from 'kubernetes-types/batch/v1.js';
import { invalid, required, type FieldError } from '../../api/field.js';
import { fromLabelSelector, selectorMatches } from '../../api/labels.js';
import type { KObject } from '../../api/object.js';
import { JOB_LABELS } from '../../api/jobs.js';
import { validateJobSpec } from '../validation/job.js';
import { immutableSpecFields, validateObjectMeta } from '../validation/meta.js';
import { dns1123Subdomain } from '../validation/names.js';
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

/** ValidateJobSpec's own part for a Job: a selector (generated, unless manual) that selects its template. */
function validateSelector(spec: Partial<JobSpec>): FieldError[] {
  const labels = spec.template?.metadata?.labels;
  if (!spec.selector) return [required('spec.selector')];
  const reqs = fromLabelSelector(spec.selector);
  return reqs && reqs.length && !selectorMatches(spec.selector, labels) ? [invalid('spec.template.metadata.labels', labels ?? {}, '`selector` does not match template `labels`')] : [];
}

/** ValidateJobSpecUpdate: what a running Job keeps (its selector, its pods' template, and how many must complete). */
const IMMUTABLE = ['selector', 'template', 'completions', 'completionMode'];

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
  validateUpdate: (o, old) => immutableSpecFields(o.spec, old.spec, IMMUTABLE),
};
