import type { PodTemplateSpec } from 'kubernetes-types/core/v1.js';
import { clone, type KObject } from '../api/object.js';
import type { Client } from '../client/client.js';
import type { Recorder } from '../client/recorder.js';
import { controllerRef } from './owners.js';
import { slowStartBatches } from './replicaset/plan.js';

/** One pod to make: its name prefix and template (and the finalizers its controller counts it with). */
export interface PodShape {
  generateName: string;
  template: PodTemplateSpec;
  finalizers?: string[];
}

/**
 * controller.PodControl.CreatePods, in slow start: `count` pods, the n-th shaped by `shapeOf(n)` and controlled by
 * `owner`, each with its SuccessfulCreate event; the first refusal is a FailedCreate event and stops the rest.
 * `created` hears of each pod made, with the etcd revision that stored it.
 */
export function createPods(
  client: Client,
  recorder: Recorder,
  owner: KObject,
  count: number,
  shapeOf: (n: number) => PodShape,
  created: (pod: string, revision: number) => void,
): void {
  let n = 0;
  for (const batch of slowStartBatches(count)) {
    for (let i = 0; i < batch; i++, n++) {
      const { generateName, template, finalizers } = shapeOf(n);
      const pod = {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: {
          generateName,
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
