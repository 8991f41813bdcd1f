import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/errors.js';
import { clone, type KObject } from '../api/object.js';
import { fieldsOf, recordUpdate, serverSideApply } from './managed-fields.js';
import { strategicMerge } from './patch/strategic.js';

const deployment = (replicas: number, image = 'nginx:1.27', labels: Record<string, string> = { app: 'web' }): KObject =>
  ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default', uid: 'u', labels, finalizers: ['x'] },
    spec: { replicas, template: { spec: { containers: [{ name: 'app', image, args: ['-v'] }] } } },
    status: { replicas },
  }) as unknown as KObject;

const T0 = '2026-11-23T10:00:00Z';
const T1 = '2026-11-23T10:01:00Z';
const apply = (live: KObject | undefined, applied: KObject, manager: string, force = false) =>
  serverSideApply(live, applied, (live ? strategicMerge(live as never, applied as never) : clone(applied)) as unknown as KObject, manager, force, T1);

describe('managed fields (FieldsV1)', () => {
  it('lists what an object sets: keyed list elements, set members, atomic lists, never status or uid', () => {
    expect([...fieldsOf(deployment(2))].map((k) => k.split('\n').join(' '))).toEqual([
      'f:spec f:replicas',
      'f:spec f:template f:spec f:containers k:{"name":"app"} .',
      'f:spec f:template f:spec f:containers k:{"name":"app"} f:name',
      'f:spec f:template f:spec f:containers k:{"name":"app"} f:image',
      'f:spec f:template f:spec f:containers k:{"name":"app"} f:args',
      'f:metadata f:labels f:app',
      'f:metadata f:finalizers v:"x"',
    ]);
  });

  it('gives an update the fields it changed, taken from their previous manager; an unchanged write keeps all', () => {
    const created = deployment(2);
    created.metadata.managedFields = recordUpdate(undefined, created, 'kubectl-create', T0);
    const scaled = deployment(4);
    scaled.metadata.managedFields = recordUpdate(created, scaled, 'kubectl-scale', T1, 'scale');
    const [create, scale] = scaled.metadata.managedFields!;
    expect(create).toMatchObject({ manager: 'kubectl-create', operation: 'Update', time: T0 });
    expect(create!.fieldsV1).not.toHaveProperty(['f:spec', 'f:replicas']);
    expect(scale).toEqual({ manager: 'kubectl-scale', operation: 'Update', apiVersion: 'apps/v1', subresource: 'scale', time: T1, fieldsType: 'FieldsV1', fieldsV1: { 'f:spec': { 'f:replicas': {} } } });
    expect(recordUpdate(scaled, clone(scaled), 'someone', T1)).toBe(scaled.metadata.managedFields);
  });

  it('refuses an apply that changes a field another manager owns, with kube-apiserver words, unless forced', () => {
    const first = apply(undefined, deployment(2), 'kubectl') as KObject;
    const scaled = clone(first);
    (scaled.spec as { replicas: number }).replicas = 4;
    scaled.metadata.managedFields = recordUpdate(first, scaled, 'kubectl', T1, 'scale');
    const refused = apply(scaled, deployment(2), 'kubectl');
    expect(refused).toBeInstanceOf(ApiError);
    expect((refused as ApiError).message).toBe('Apply failed with 1 conflict: conflict with "kubectl" with subresource "scale" using apps/v1 at 2026-11-23T10:01:00Z: .spec.replicas');
    expect((refused as ApiError).code).toBe(409);
    const forced = apply(scaled, deployment(2), 'kubectl', true) as KObject;
    expect((forced.spec as { replicas: number }).replicas).toBe(2);
    expect(forced.metadata.managedFields!.map((e) => e.manager + '/' + e.operation)).toEqual(['kubectl/Apply']);
  });

  it('co-owns a field set to the value it already has, and removes what the applier stopped applying', () => {
    const first = apply(undefined, deployment(2, 'nginx:1.27', { app: 'web', tier: 'front' }), 'ci') as KObject;
    const same = apply(first, deployment(2, 'nginx:1.27', { app: 'web', tier: 'front' }), 'teacher');
    expect(same).not.toBeInstanceOf(ApiError);
    const dropped = apply(first, deployment(2, 'nginx:1.27'), 'ci') as KObject;
    expect(dropped.metadata.labels).toEqual({ app: 'web' });
    const kept = apply(same as KObject, deployment(2, 'nginx:1.27'), 'ci') as KObject;
    expect(kept.metadata.labels).toEqual({ app: 'web', tier: 'front' }); // the teacher still applies it
  });
});
