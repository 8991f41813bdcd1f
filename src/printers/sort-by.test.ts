import { describe, expect, it } from 'vitest';
import { relaxedPath } from './jsonpath.js';
import { sortBy } from './sort-by.js';

const pods = [
  { metadata: { name: 'web-10' }, status: { podIP: '10.244.2.8', restarts: 10 } },
  { metadata: { name: 'web-2' }, status: { podIP: '10.244.2.13', restarts: 2 } },
  { metadata: { name: 'pending' }, status: {} },
];
const names = (list: typeof pods | undefined) => list?.map((p) => p.metadata.name);

describe('kubectl get --sort-by', () => {
  it.each([
    ['.metadata.name', ['pending', 'web-10', 'web-2']], // byte order, as kubectl: web-10 before web-2
    ['{.status.podIP}', ['pending', 'web-2', 'web-10']], // no IP yet sorts first
    ['status.restarts', ['pending', 'web-2', 'web-10']], // numbers by value
  ])('%s', (path, want) => {
    expect(names(sortBy(pods, path))).toEqual(want);
  });

  it("compares as kubectl 1.32's Less: quantities by amount, and a run of objects without the field comes out reversed", () => {
    const cpu = (name: string, request?: string) => ({ metadata: { name }, spec: { containers: [{ resources: request ? { requests: { cpu: request } } : {} }] } });
    const list = [cpu('b'), cpu('q1', '1'), cpu('web-1'), cpu('q2', '250m'), cpu('web-2'), cpu('q3', '100m'), cpu('big', '16')];
    // the pattern kubectl 1.32 printed through kubesim serve: the pods without a request first, in reverse order
    expect(sortBy(list, '.spec.containers[0].resources.requests.cpu')!.map((p) => p.metadata.name)).toEqual(['web-2', 'web-1', 'b', 'q3', 'q2', 'q1', 'big']);
  });

  it('gives undefined when no object has the field (kubectl then prints "No resources found")', () => {
    expect(sortBy(pods, '.spec.nodeName')).toBeUndefined();
    expect(sortBy([], '.spec.nodeName')).toEqual([]);
  });

  it('relaxes paths as kubectl does', () => {
    expect(['.a.b', 'a.b', '{.a.b}'].map(relaxedPath)).toEqual(['{.a.b}', '{.a.b}', '{.a.b}']);
  });
});
