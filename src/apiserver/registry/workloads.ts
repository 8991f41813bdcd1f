import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1.js';
import { invalid, notSupported, required, type FieldError } from '../../api/field.js';
import { selectorMatches, fromLabelSelector } from '../../api/labels.js';
import type { KObject } from '../../api/object.js';
import { immutableSpecFields, nonNegative, validateObjectMeta, validateLabels } from '../validation/meta.js';
import { dns1123Subdomain } from '../validation/names.js';
import { validatePodSpec } from '../validation/pod.js';
import type { Strategy } from './strategy.js';

type Workload = Deployment | ReplicaSet;

/** Shared by Deployment and ReplicaSet (pkg/apis/apps/validation): selector, template and replicas. */
function validateWorkload(obj: Workload, kindName: string): FieldError[] {
  const spec = obj.spec;
  if (!spec) return [required('spec.selector'), required('spec.template')];
  const errs: FieldError[] = [...nonNegative(spec.replicas, 'spec.replicas')];
  const reqs = fromLabelSelector(spec.selector);
  if (!spec.selector) errs.push(required('spec.selector'));
  else if (reqs && reqs.length === 0) errs.push(invalid('spec.selector', spec.selector, `empty selector is invalid for ${kindName}`));
  const template = spec.template;
  if (!template) {
    errs.push(required('spec.template'));
    return errs;
  }
  const labels = template.metadata?.labels;
  errs.push(...validateLabels(labels, 'spec.template.metadata.labels'));
  if (spec.selector && reqs && reqs.length > 0 && !selectorMatches(spec.selector, labels)) {
    errs.push(invalid('spec.template.metadata.labels', labels ?? {}, '`selector` does not match template `labels`'));
  }
  errs.push(...validatePodSpec(template.spec, { path: 'spec.template.spec', creating: true, restartPolicies: ['Always'] }));
  return errs;
}

const STRATEGY_TYPES = ['Recreate', 'RollingUpdate'];

export const deploymentStrategy: Strategy = {
  nameValidator: dns1123Subdomain,
  hasStatus: true,
  tracksGeneration: true,
  validate(o: KObject) {
    const d = o as unknown as Deployment;
    const errs = [...validateObjectMeta(d.metadata, true, dns1123Subdomain), ...validateWorkload(d, 'deployment')];
    const type = d.spec?.strategy?.type;
    if (type && !STRATEGY_TYPES.includes(type)) errs.push(notSupported('spec.strategy.type', type, STRATEGY_TYPES));
    errs.push(...nonNegative(d.spec?.revisionHistoryLimit, 'spec.revisionHistoryLimit'));
    errs.push(...nonNegative(d.spec?.minReadySeconds, 'spec.minReadySeconds'));
    return errs;
  },
  validateUpdate: (o, old) => immutableSpecFields(o.spec, old.spec, ['selector']),
};

export const replicaSetStrategy: Strategy = {
  nameValidator: dns1123Subdomain,
  hasStatus: true,
  tracksGeneration: true,
  validate(o: KObject) {
    const rs = o as unknown as ReplicaSet;
    return [...validateObjectMeta(rs.metadata, true, dns1123Subdomain), ...validateWorkload(rs, 'replicaset')];
  },
  validateUpdate: (o, old) => immutableSpecFields(o.spec, old.spec, ['selector']),
};
