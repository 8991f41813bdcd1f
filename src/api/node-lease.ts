import type { Node } from 'kubernetes-types/core/v1.js';
import type { KObject } from './object.js';
import { rfc3339Micro } from '../sim/clock.js';

/** kubelet's nodeLeaseDurationSeconds, renewed every quarter of it (nodeLeaseRenewIntervalFraction 0.25). */
const LEASE_SECONDS = 40;
const RENEW_MS = (LEASE_SECONDS * 1000) / 4;

/**
 * The Lease a node's kubelet keeps in kube-node-lease, its heartbeat. kubesim does not write the renewals (one per
 * node every 10 s would bury a class's story under writes): the Lease is read off the node instead. A Ready node's
 * kubelet renewed it at the last 10 s mark; a node whose kubelet stopped has its last one at its last heartbeat.
 */
export function nodeLease(node: KObject, now: number): KObject {
  const ready = (node as unknown as Node).status?.conditions?.find((c) => c.type === 'Ready');
  const renewed = ready?.status === 'True' ? Math.floor(now / RENEW_MS) * RENEW_MS : Date.parse(ready?.lastHeartbeatTime ?? node.metadata.creationTimestamp ?? '');
  const name = node.metadata.name;
  return {
    apiVersion: 'coordination.k8s.io/v1',
    kind: 'Lease',
    metadata: {
      name,
      namespace: 'kube-node-lease',
      creationTimestamp: node.metadata.creationTimestamp,
      ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name, uid: node.metadata.uid! }],
    },
    spec: { holderIdentity: name, leaseDurationSeconds: LEASE_SECONDS, renewTime: rfc3339Micro(renewed) },
  } as KObject;
}
