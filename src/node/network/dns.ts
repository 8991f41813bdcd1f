import type { Endpoints, Service } from 'kubernetes-types/core/v1.js';
import type { Store } from '../../store/store.js';

export const CLUSTER_DOMAIN = 'cluster.local';
export const DNS_SERVICE_IP = '10.96.0.10';

export type DnsAnswer =
  | { kind: 'service'; fqdn: string; service: Service; ips: string[]; headless: boolean }
  | { kind: 'cname'; fqdn: string; target: string }
  | { kind: 'nxdomain'; fqdn: string };

/**
 * CoreDNS's kubernetes plugin, for a client in `fromNamespace`: `web`, `web.ns`, `web.ns.svc` and
 * `web.ns.svc.cluster.local` all name a Service (its ClusterIP; a headless Service answers its ready pod IPs).
 */
export function resolve(store: Store, name: string, fromNamespace: string): DnsAnswer {
  const clean = name.replace(/\.$/, '').toLowerCase();
  const parts = clean.split('.');
  const suffix = `svc.${CLUSTER_DOMAIN}`.split('.');
  let svcName: string;
  let ns: string;
  if (parts.length === 1) [svcName, ns] = [parts[0], fromNamespace];
  else if (parts.length === 2) [svcName, ns] = parts;
  else if (parts.slice(2).join('.') === 'svc' || parts.slice(2).join('.') === suffix.join('.')) [svcName, ns] = parts;
  else return { kind: 'nxdomain', fqdn: clean };
  const fqdn = `${svcName}.${ns}.svc.${CLUSTER_DOMAIN}`;
  const svc = store.get(`/registry/services/specs/${ns}/${svcName}`)?.value as unknown as Service | undefined;
  if (!svc) return { kind: 'nxdomain', fqdn };
  if (svc.spec?.type === 'ExternalName') return { kind: 'cname', fqdn, target: svc.spec.externalName ?? '' };
  if (svc.spec?.clusterIP === 'None') {
    const ep = store.get(`/registry/services/endpoints/${ns}/${svcName}`)?.value as unknown as Endpoints | undefined;
    const ips = (ep?.subsets ?? []).flatMap((s) => (s.addresses ?? []).map((a) => a.ip));
    return { kind: 'service', fqdn, service: svc, ips, headless: true };
  }
  return { kind: 'service', fqdn, service: svc, ips: [svc.spec!.clusterIP!], headless: false };
}
