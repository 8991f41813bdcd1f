import type { Affinity, PodAffinityTerm, TopologySpreadConstraint, WeightedPodAffinityTerm } from 'kubernetes-types/core/v1.js';
import type { LabelSelector } from 'kubernetes-types/meta/v1.js';
import { duplicate, forbidden, invalid, notSupported, required, type FieldError } from '../../api/field.js';
import { validateLabels } from './meta.js';
import { dns1123Label, labelValue, qualifiedName } from './names.js';

/** metav1validation.ValidateLabelSelector: match labels as labels, each expression's operator with its values. */
export function validateLabelSelector(sel: LabelSelector | undefined, path: string): FieldError[] {
  if (!sel) return [];
  const errs = validateLabels(sel.matchLabels, `${path}.matchLabels`);
  sel.matchExpressions?.forEach((e, i) => {
    const p = `${path}.matchExpressions[${i}]`;
    const values = e.values ?? [];
    if (e.operator === 'In' || e.operator === 'NotIn') {
      if (!values.length) errs.push(required(`${p}.values`, "must be specified when `operator` is 'In' or 'NotIn'"));
    } else if (e.operator === 'Exists' || e.operator === 'DoesNotExist') {
      if (values.length) errs.push(forbidden(`${p}.values`, "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
    } else errs.push(invalid(`${p}.operator`, e.operator, 'not a valid selector operator'));
    for (const msg of qualifiedName(e.key ?? '')) errs.push(invalid(`${p}.key`, e.key ?? '', msg));
    values.forEach((v, j) => {
      for (const msg of labelValue(v)) errs.push(invalid(`${p}.values[${j}]`, v, msg));
    });
  });
  return errs;
}

/** validatePodAffinityTerm: its selectors, its namespaces' names, and a topology key that is a label name. */
function validateTerm(term: PodAffinityTerm, path: string): FieldError[] {
  const errs = [...validateLabelSelector(term.labelSelector, `${path}.labelSelector`), ...validateLabelSelector(term.namespaceSelector, `${path}.namespaceSelector`)];
  for (const ns of term.namespaces ?? []) for (const msg of dns1123Label(ns)) errs.push(invalid(`${path}.namespace`, ns, msg));
  if (!term.topologyKey) errs.push(required(`${path}.topologyKey`, 'can not be empty'));
  for (const msg of qualifiedName(term.topologyKey ?? '')) errs.push(invalid(`${path}.topologyKey`, term.topologyKey ?? '', msg));
  return errs;
}

function validateWeighted(terms: WeightedPodAffinityTerm[] | undefined, path: string): FieldError[] {
  return (terms ?? []).flatMap((t, i) => [
    ...(t.weight >= 1 && t.weight <= 100 ? [] : [invalid(`${path}[${i}].weight`, t.weight, 'must be in the range 1-100')]),
    ...validateTerm(t.podAffinityTerm ?? ({} as PodAffinityTerm), `${path}[${i}].podAffinityTerm`),
  ]);
}

/** validateAffinity's pod (anti-)affinity part: what InterPodAffinity reads. */
export function validatePodAffinity(affinity: Affinity | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const kind of ['podAffinity', 'podAntiAffinity'] as const) {
    const a = affinity?.[kind];
    if (!a) continue;
    (a.requiredDuringSchedulingIgnoredDuringExecution ?? []).forEach((t, i) => errs.push(...validateTerm(t, `${path}.${kind}.requiredDuringSchedulingIgnoredDuringExecution[${i}]`)));
    errs.push(...validateWeighted(a.preferredDuringSchedulingIgnoredDuringExecution, `${path}.${kind}.preferredDuringSchedulingIgnoredDuringExecution`));
  }
  return errs;
}

const SCHEDULE_ACTIONS = ['DoNotSchedule', 'ScheduleAnyway'];
const INCLUSION_POLICIES = ['Honor', 'Ignore'];

/** validateTopologySpreadConstraints: what PodTopologySpread reads. */
export function validateTopologySpreadConstraints(constraints: TopologySpreadConstraint[] | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  (constraints ?? []).forEach((c, i) => {
    const p = `${path}[${i}]`;
    if (!(c.maxSkew > 0)) errs.push(invalid(`${p}.maxSkew`, c.maxSkew, 'must be greater than zero'));
    if (!c.topologyKey) errs.push(required(`${p}.topologyKey`, 'can not be empty'));
    if (!SCHEDULE_ACTIONS.includes(c.whenUnsatisfiable)) errs.push(notSupported(`${p}.whenUnsatisfiable`, c.whenUnsatisfiable, SCHEDULE_ACTIONS));
    // the pair {topologyKey, whenUnsatisfiable} appears once
    if ((constraints ?? []).slice(i + 1).some((o) => o.topologyKey === c.topologyKey && o.whenUnsatisfiable === c.whenUnsatisfiable)) {
      errs.push(duplicate(`${p}.{topologyKey, whenUnsatisfiable}`, `{${c.topologyKey}, ${c.whenUnsatisfiable}}`));
    }
    if (c.minDomains !== undefined && c.minDomains !== null) {
      if (c.minDomains <= 0) errs.push(invalid(`${p}.minDomains`, c.minDomains, 'must be greater than zero'));
      if (c.whenUnsatisfiable !== 'DoNotSchedule') errs.push(invalid(`${p}.minDomains`, c.minDomains, `can only use minDomains if whenUnsatisfiable=DoNotSchedule, not ${c.whenUnsatisfiable}`));
    }
    for (const policy of ['nodeAffinityPolicy', 'nodeTaintsPolicy'] as const) {
      const value = c[policy];
      if (value !== undefined && !INCLUSION_POLICIES.includes(value)) errs.push(notSupported(`${p}.${policy}`, value, INCLUSION_POLICIES));
    }
    errs.push(...validateLabelSelector(c.labelSelector, `${p}.labelSelector`));
  });
  return errs;
}
