import { describe, expect, it } from 'vitest';
import type { KObject } from '../../api/object.js';
import { Store } from '../../store/store.js';
import { resolve } from './dns.js';

function store(): Store {
  const s = new Store();
  const svc = (name: string, spec: object) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'shop' }, spec }) as unknown as KObject;
  s.create('/registry/services/specs/shop/web', svc('web', { clusterIP: '10.96.10.20', ports: [{ port: 80 }] }));
  s.create('/registry/services/specs/shop/db', svc('db', { clusterIP: 'None' }));
  s.create('/registry/services/specs/shop/ext', svc('ext', { type: 'ExternalName', externalName: 'example.com' }));
  s.create('/registry/services/endpoints/shop/db', { apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'db', namespace: 'shop' }, subsets: [{ addresses: [{ ip: '10.244.1.5' }, { ip: '10.244.2.6' }] }] } as unknown as KObject);
  return s;
}

describe('cluster DNS (CoreDNS kubernetes plugin)', () => {
  it.each([
    ['web', 'shop'],
    ['web.shop', 'default'],
    ['web.shop.svc', 'default'],
    ['web.shop.svc.cluster.local', 'default'],
    ['web.shop.svc.cluster.local.', 'default'],
  ])('%s from namespace %s → the ClusterIP', (name, from) => {
    const a = resolve(store(), name, from);
    expect(a).toMatchObject({ kind: 'service', fqdn: 'web.shop.svc.cluster.local', ips: ['10.96.10.20'], headless: false });
  });

  it('answers the ready pod IPs of a headless service', () => {
    expect(resolve(store(), 'db.shop', 'x')).toMatchObject({ kind: 'service', headless: true, ips: ['10.244.1.5', '10.244.2.6'] });
  });

  it('answers a CNAME for ExternalName and NXDOMAIN for unknown names', () => {
    expect(resolve(store(), 'ext.shop', 'x')).toEqual({ kind: 'cname', fqdn: 'ext.shop.svc.cluster.local', target: 'example.com' });
    expect(resolve(store(), 'web', 'default').kind).toBe('nxdomain');
    expect(resolve(store(), 'www.example.com', 'shop').kind).toBe('nxdomain');
  });
});
