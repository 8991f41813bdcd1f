import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/errors.js';
import { jsonPatch } from './json-patch.js';

const live = { metadata: { name: 'web', labels: { app: 'web' } }, spec: { replicas: 3, template: { spec: { containers: [{ name: 'app', image: 'a:1' }] } } } };

describe('jsonPatch (RFC 6902)', () => {
  it.each([
    ['replace', [{ op: 'replace', path: '/spec/replicas', value: 1 }], (o: typeof live) => o.spec.replicas, 1],
    ['add to a map, with ~1 for a slash', [{ op: 'add', path: '/metadata/labels/app.kubernetes.io~1name', value: 'web' }], (o: typeof live) => o.metadata.labels, { app: 'web', 'app.kubernetes.io/name': 'web' }],
    ['add at the end of a list', [{ op: 'add', path: '/spec/template/spec/containers/-', value: { name: 'log', image: 'b:1' } }], (o: typeof live) => o.spec.template.spec.containers.length, 2],
    ['remove', [{ op: 'remove', path: '/metadata/labels/app' }], (o: typeof live) => o.metadata.labels, {}],
    ['test then replace', [{ op: 'test', path: '/spec/replicas', value: 3 }, { op: 'replace', path: '/spec/replicas', value: 5 }], (o: typeof live) => o.spec.replicas, 5],
    ['copy', [{ op: 'copy', from: '/metadata/name', path: '/metadata/labels/copied' }], (o: typeof live) => o.metadata.labels, { app: 'web', copied: 'web' }],
  ])('%s', (_, patch, read, want) => {
    const before = JSON.stringify(live);
    expect(read(jsonPatch(live, patch) as typeof live)).toEqual(want);
    expect(JSON.stringify(live)).toBe(before); // the live object is never changed in place
  });

  it.each([
    ['not a list', { op: 'replace' }, 400, 'json: cannot unmarshal object into Go value of type jsonpatch.Patch'],
    ['an unknown operation', [{ op: 'bogus', path: '/spec' }], 400, 'Operation `op` property is not one of operations defined in RFC-6902'],
    ['a path that does not exist', [{ op: 'replace', path: '/spec/nope/x', value: 1 }], 422, 'replace operation does not apply: doc is missing path: "/spec/nope/x": missing value'],
    ['a failed test (nothing applied)', [{ op: 'replace', path: '/spec/replicas', value: 9 }, { op: 'test', path: '/spec/replicas', value: 5 }], 422, 'testing value /spec/replicas failed: test failed'],
  ])('refuses %s', (_, patch, code, message) => {
    const refused = jsonPatch(live, patch) as ApiError;
    expect(refused).toBeInstanceOf(ApiError);
    expect([refused.code, refused.message]).toEqual([code, message]);
    expect(live.spec.replicas).toBe(3);
  });
});
