import type { PersistentVolume, PersistentVolumeClaim } from 'kubernetes-types/core/v1.js';
import { describe, expect, it } from 'vitest';
import { makeNode, makePod } from '../../../../test/builders.js';
import { NO_LISTERS, type CycleState, type Listers, type Status } from '../../framework/interface.js';
import { fitErrorMessage } from '../../fit-error.js';
import { scheduleOne } from '../../schedule-one.js';
import { NODE_CONFLICT, UNBOUND_IMMEDIATE, volumeBinding, volumeState } from './volume-binding.js';

const claim = (name: string, extra: { volumeName?: string; storageClassName?: string; deleting?: boolean } = {}): PersistentVolumeClaim => ({
  metadata: { name, namespace: 'default', ...(extra.deleting ? { deletionTimestamp: '2026-01-01T00:00:00Z' } : {}) },
  spec: { storageClassName: extra.storageClassName ?? 'standard', ...(extra.volumeName ? { volumeName: extra.volumeName } : {}) },
});
const localVolume = (name: string, node: string): PersistentVolume => ({
  metadata: { name },
  spec: { nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: [node] }] }] } } },
});

/** A lister over fixed claims and volumes; class "lazy" binds on first consumer. */
function lister(claims: PersistentVolumeClaim[], volumes: PersistentVolume[] = []): Listers {
  return {
    ...NO_LISTERS,
    claim: (_ns, name) => claims.find((c) => c.metadata?.name === name),
    volume: (name) => volumes.find((v) => v.metadata?.name === name),
    delayedBinding: (c) => c.spec?.storageClassName === 'lazy',
  };
}

const ok: Status = { code: 'Success', reasons: [] };
const unresolvable = (reason: string): Status => ({ code: 'UnschedulableAndUnresolvable', reasons: [reason] });

describe('VolumeBinding PreFilter', () => {
  it.each([
    { name: 'no claims: nothing to check, Filter is skipped', pod: makePod().obj(), claims: [], want: { code: 'Skip', reasons: [] } },
    { name: 'missing claim', pod: makePod().claim('data').obj(), claims: [], want: unresolvable('persistentvolumeclaim "data" not found') },
    { name: 'claim being deleted', pod: makePod().claim('data').obj(), claims: [claim('data', { volumeName: 'v', deleting: true })], want: unresolvable('persistentvolumeclaim "data" is being deleted') },
    { name: 'unbound Immediate claim', pod: makePod().claim('data').obj(), claims: [claim('data')], want: unresolvable(UNBOUND_IMMEDIATE) },
    { name: 'unbound WaitForFirstConsumer claim', pod: makePod().claim('data').obj(), claims: [claim('data', { storageClassName: 'lazy' })], want: ok },
    { name: 'bound claim', pod: makePod().claim('data').obj(), claims: [claim('data', { volumeName: 'v' })], want: ok },
  ])('$name', ({ pod, claims, want }) => {
    expect(volumeBinding.preFilter(new Map(), pod, lister(claims))).toEqual(want);
  });

  it('remembers the claims to bind after the choice of node', () => {
    const state: CycleState = new Map();
    volumeBinding.preFilter(state, makePod().claim('a').claim('b').obj(), lister([claim('a', { storageClassName: 'lazy' }), claim('b', { volumeName: 'v' })]));
    expect(volumeState(state)?.delayed.map((c) => c.metadata?.name)).toEqual(['a']);
  });
});

describe('VolumeBinding Filter', () => {
  const pod = makePod().claim('data').obj();
  const claims = lister([claim('data', { volumeName: 'v' })], [localVolume('v', 'w2')]);
  it.each([
    { node: 'w2', want: ok },
    { node: 'w1', want: unresolvable(NODE_CONFLICT) },
  ])('a local volume on w2, node $node', ({ node, want }) => {
    const state: CycleState = new Map();
    volumeBinding.preFilter(state, pod, claims);
    expect(volumeBinding.filter(state, pod, makeNode(node).label('kubernetes.io/hostname', node).info())).toEqual(want);
  });
});

describe('a pod whose claim is missing', () => {
  it('fails on every node at once, with the PreFilter message in FailedScheduling', () => {
    const nodes = [makeNode('w1').info(), makeNode('w2').info()];
    const d = scheduleOne(makePod().claim('data').obj(), nodes, 0, lister([]));
    expect(d.chosen).toBeUndefined();
    expect(d.evaluated).toBe(0);
    expect(fitErrorMessage(nodes.length, d.failures, d.preFilterMessage)).toBe(
      '0/2 nodes are available: persistentvolumeclaim "data" not found. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling..',
    );
  });
});
