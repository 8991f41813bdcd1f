import type { Pod, PodSpec } from 'kubernetes-types/core/v1.js';
import { forbidden, type FieldError } from '../../api/field.js';
import { jsonEqual, type KObject } from '../../api/object.js';
import { qosClass } from '../../api/pods.js';
import { validateObjectMeta } from '../validation/meta.js';
import { dns1123Subdomain } from '../validation/names.js';
import { validatePodSpec } from '../validation/pod.js';
import type { Strategy } from './strategy.js';

/** Pod specs are immutable except images, activeDeadlineSeconds and added tolerations (ValidatePodUpdate). */
function mutableFieldsOnly(pod: Pod): unknown {
  const spec: PodSpec = structuredClone(pod.spec ?? ({} as PodSpec));
  for (const c of [...(spec.containers ?? []), ...(spec.initContainers ?? [])]) c.image = '';
  delete spec.activeDeadlineSeconds;
  delete spec.tolerations;
  delete (spec as { nodeName?: string }).nodeName; // set by binding, not by users
  return spec;
}

export const podStrategy: Strategy = {
  nameValidator: dns1123Subdomain,
  hasStatus: true,
  tracksGeneration: true,
  // a new pod is Pending, with the QoS class its requests and limits give it
  prepareForCreate(o: KObject) {
    o.status = { phase: 'Pending', qosClass: qosClass(o as unknown as Pod) };
  },
  validate(o: KObject) {
    const pod = o as unknown as Pod;
    return [...validateObjectMeta(pod.metadata, true, dns1123Subdomain), ...validatePodSpec(pod.spec, { path: 'spec', creating: true })];
  },
  validateUpdate(o: KObject, old: KObject): FieldError[] {
    if (jsonEqual(mutableFieldsOnly(o as unknown as Pod), mutableFieldsOnly(old as unknown as Pod))) return [];
    return [
      forbidden(
        'spec',
        'pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
      ),
    ];
  },
};
