import { describe, expect, it } from 'vitest';
import { parseResourcePath } from './routes.js';

describe('resource paths', () => {
  it.each([
    ['/api/v1/namespaces/default/pods', { kind: 'Pod', namespace: 'default' }],
    ['/api/v1/namespaces/default/pods/web', { kind: 'Pod', namespace: 'default', name: 'web' }],
    ['/api/v1/pods', { kind: 'Pod' }],
    ['/api/v1/nodes/w1', { kind: 'Node', name: 'w1' }],
    ['/api/v1/namespaces/kube-system', { kind: 'Namespace', name: 'kube-system' }],
    ['/apis/apps/v1/namespaces/default/deployments', { kind: 'Deployment', namespace: 'default' }],
    ['/apis/apps/v1/deployments', { kind: 'Deployment' }],
    ['/apis/apps/v1/namespaces/default/deployments/web/scale', { kind: 'Deployment', namespace: 'default', name: 'web', subresource: 'scale' }],
  ])('%s', (path, want) => {
    const got = parseResourcePath(path)!;
    const { resource, ...rest } = got;
    expect({ kind: resource.kind, ...rest }).toEqual(want);
  });

  it.each(['/api/v1/namespaces/default/widgets', '/apis/apps/v2/deployments', '/api/v1/namespaces/default/nodes', '/healthz'])('%s is not a served resource', (path) => {
    expect(parseResourcePath(path)).toBeUndefined();
  });
});
