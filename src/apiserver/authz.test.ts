import { describe, expect, it } from 'vitest';
import type { KObject } from '../api/object.js';
import { Store } from '../store/store.js';
import { authorize, rulesOf } from './authz.js';
import type { UserInfo } from './authn.js';

const jane: UserInfo = { name: 'jane', groups: ['system:authenticated'], method: 'x509' };
const readSecrets = { verb: 'get', group: '', resource: 'secrets', namespace: 'dev', name: 'db' };

const role = (verbs: string[]) =>
  ({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'reader', namespace: 'dev' }, rules: [{ apiGroups: [''], resources: ['secrets'], verbs }] }) as unknown as KObject;
const binding = {
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind: 'RoleBinding',
  metadata: { name: 'jane-reads', namespace: 'dev' },
  subjects: [{ kind: 'User', name: 'jane' }],
  roleRef: { kind: 'Role', name: 'reader', apiGroup: 'rbac.authorization.k8s.io' },
} as unknown as KObject;

describe('authorize', () => {
  it('sees every RBAC write at once, though it keeps grants between requests', () => {
    const store = new Store();
    store.create('/registry/roles/dev/reader', role(['list']));
    expect(authorize(store, jane, readSecrets).allowed).toBe(false);
    store.create('/registry/rolebindings/dev/jane-reads', binding);
    expect(authorize(store, jane, readSecrets).allowed).toBe(false);
    store.update('/registry/roles/dev/reader', role(['get', 'list']));
    expect(authorize(store, jane, readSecrets)).toEqual({ allowed: true, via: 'RoleBinding/jane-reads → Role/reader' });
    expect(authorize(store, jane, { ...readSecrets, namespace: 'prod' }).allowed).toBe(false);
    expect(rulesOf(store, jane, 'dev')).toEqual([{ apiGroups: [''], resources: ['secrets'], verbs: ['get', 'list'] }]);
    store.delete('/registry/rolebindings/dev/jane-reads');
    expect(authorize(store, jane, readSecrets).allowed).toBe(false);
  });

  it('answers each user for itself', () => {
    const store = new Store();
    store.create('/registry/roles/dev/reader', role(['get']));
    store.create('/registry/rolebindings/dev/jane-reads', binding);
    expect(authorize(store, jane, readSecrets).allowed).toBe(true);
    expect(authorize(store, { ...jane, name: 'joe' }, readSecrets).allowed).toBe(false);
  });
});
