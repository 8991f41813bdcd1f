import { describe, expect, it } from 'vitest';
import { jsonMerge, strategicMerge } from './strategic.js';

const deployment = {
  metadata: { name: 'web', labels: { app: 'web' }, annotations: { a: '1' } },
  spec: {
    replicas: 3,
    strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
    template: { spec: { containers: [{ name: 'app', image: 'web:1', ports: [{ containerPort: 8080, protocol: 'TCP' }] }, { name: 'side', image: 'log:1' }] } },
  },
  finalizers: ['a'],
};

type Deployment = typeof deployment;
type Change = (d: Deployment) => void;

describe('strategic merge patch', () => {
  const cases: Array<[string, object, Change]> = [
    [
      'what kubectl apply sends for a new image: the container merged by name, the others kept, in the order given',
      { spec: { template: { spec: { '$setElementOrder/containers': [{ name: 'app' }, { name: 'side' }], containers: [{ name: 'app', image: 'web:2' }] } } } },
      (d) => {
        d.spec.template.spec.containers[0]!.image = 'web:2';
      },
    ],
    ['null deletes a key, maps merge', { metadata: { annotations: { a: null, b: '2' } } }, (d) => void (d.metadata.annotations = { b: '2' } as never)],
    [
      '$retainKeys drops what it does not name (strategy type Recreate)',
      { spec: { strategy: { $retainKeys: ['type'], type: 'Recreate', rollingUpdate: null } } },
      (d) => void (d.spec.strategy = { type: 'Recreate' } as never),
    ],
    [
      '$patch: delete removes an element of a merged list',
      { spec: { template: { spec: { containers: [{ name: 'side', $patch: 'delete' }] } } } },
      (d) => void d.spec.template.spec.containers.pop(),
    ],
    ['finalizers merge as a set', { finalizers: ['b', 'a'] }, (d) => void (d.finalizers = ['a', 'b'])],
  ];
  it.each(cases)('%s', (_why, patch, change) => {
    const want = structuredClone(deployment);
    change(want);
    const clean = JSON.parse(JSON.stringify(patch));
    expect(strategicMerge(structuredClone(deployment) as never, clean)).toEqual(want);
  });

  it('JSON merge patch replaces lists', () => {
    expect(jsonMerge({ a: [1, 2], b: { c: 1, d: 2 } }, { a: [3], b: { d: null } })).toEqual({ a: [3], b: { c: 1 } });
  });
});
