import { describe, expect, it } from 'vitest';
import { nodeLease } from './node-lease.js';
import type { KObject } from './object.js';

const node = (ready: string, heartbeat: string): KObject =>
  ({
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: 'w1', uid: 'u-1', creationTimestamp: '2026-11-23T09:00:00Z' },
    status: { conditions: [{ type: 'Ready', status: ready, lastHeartbeatTime: heartbeat }] },
  }) as unknown as KObject;

describe("a node's Lease in kube-node-lease", () => {
  const now = Date.parse('2026-11-23T10:00:47.300Z');

  it('is renewed every 10 s while the kubelet runs', () => {
    const lease = nodeLease(node('True', '2026-11-23T09:00:00Z'), now);
    expect(lease.metadata).toMatchObject({ name: 'w1', namespace: 'kube-node-lease', ownerReferences: [{ kind: 'Node', name: 'w1', uid: 'u-1' }] });
    expect(lease.spec).toEqual({ holderIdentity: 'w1', leaseDurationSeconds: 40, renewTime: '2026-11-23T10:00:40.000000Z' });
  });

  it("stops at the kubelet's last heartbeat once the node is lost", () => {
    expect((nodeLease(node('Unknown', '2026-11-23T09:59:00Z'), now).spec as { renewTime: string }).renewTime).toBe('2026-11-23T09:59:00.000000Z');
  });
});
