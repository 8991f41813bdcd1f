import type { PodTemplateSpec } from 'kubernetes-types/core/v1.js';
import { clone, type KObject } from '../api/object.js';
import type { Client } from '../client/client.js';
import type { Recorder } from '../client/recorder.js';
import { controllerRef } from './owners.js';
import { slowStartBatches } from './replicaset/plan.js';

/**
 * controller.PodControl.CreatePods, in slow start: `count` pods from a template (named after their owner, which
 * controls them), each with its SuccessfulCreate event; the first refusal is a FailedCreate event and stops the rest.
 * `created` hears of each pod made, with the etcd revision that stored it.
 */
export function createPods(
  client: Client,
  recorder: Recorder,
  owner: KObject,
  template: PodTemplateSpec,
  count: number,
  created: (pod: string, revision: number) => void,
  finalizers?: string[],
): void {
  for (const batch of slowStartBatches(count)) {
    for (let i = 0; i < batch; i++) {
      const pod = {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: {
          generateName: `${owner.metadata.name}-`,
          namespace: owner.metadata.namespace,
          labels: { ...(template.metadata?.labels ?? {}) },
          ...(template.metadata?.annotations ? { annotations: { ...template.metadata.annotations } } : {}),
          ...(finalizers ? { finalizers: [...finalizers] } : {}),
          ownerReferences: [controllerRef(owner)],
        },
        spec: clone(template.spec),
      };
      const result = client.create(pod as unknown as KObject, { owned: true });
      if (!result.ok) {
        recorder.warning(owner, 'FailedCreate', `Error creating: ${result.error.message}`);
        return;
      }
      recorder.normal(owner, 'SuccessfulCreate', `Created pod: ${result.object.metadata.name}`);
      created(result.object.metadata.name, Number(result.object.metadata.resourceVersion));
    }
  }
}
