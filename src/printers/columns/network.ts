import type { Endpoints, Service } from 'kubernetes-types/core/v1.js';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1.js';
import { age } from '../duration.js';
import type { Columns } from './types.js';

function externalIP(svc: Service, wide: boolean): string {
  const spec = svc.spec ?? {};
  if (spec.type === 'ExternalName') return spec.externalName ?? '<none>';
  const external = spec.externalIPs ?? [];
  if (spec.type === 'LoadBalancer') {
    const ingress = [...new Set((svc.status?.loadBalancer?.ingress ?? []).map((i) => i.ip || i.hostname || ''))].filter(Boolean).sort();
    const all = [...ingress, ...external];
    if (!all.length) return '<pending>';
    const s = all.join(',');
    return !wide && s.length > 16 ? `${s.slice(0, 13)}...` : s;
  }
  return external.length ? external.join(',') : '<none>';
}

function ports(svc: Service): string {
  const list = svc.spec?.ports ?? [];
  if (!list.length) return '<none>';
  return list.map((p) => (p.nodePort ? `${p.port}:${p.nodePort}/${p.protocol ?? 'TCP'}` : `${p.port}/${p.protocol ?? 'TCP'}`)).join(',');
}

export const serviceColumns: Columns = {
  headers: ['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE'],
  wideHeaders: ['SELECTOR'],
  row(o, now) {
    const svc = o as unknown as Service;
    const clusterIP = svc.spec?.clusterIPs?.[0] ?? svc.spec?.clusterIP ?? '<none>';
    return [o.metadata.name, svc.spec?.type ?? 'ClusterIP', clusterIP || '<none>', externalIP(svc, false), ports(svc), age(o.metadata.creationTimestamp, now)];
  },
  wideRow(o) {
    const sel = (o as unknown as Service).spec?.selector ?? {};
    const keys = Object.keys(sel).sort();
    return [keys.length ? keys.map((k) => `${k}=${sel[k]}`).join(',') : '<none>'];
  },
};

function firstThree(items: string[]): string {
  if (items.length <= 3) return items.join(',');
  return `${items.slice(0, 3).join(',')} + ${items.length - 3} more...`;
}

export const endpointsColumns: Columns = {
  headers: ['NAME', 'ENDPOINTS', 'AGE'],
  wideHeaders: [],
  row(o, now) {
    const ep = o as unknown as Endpoints;
    const subsets = ep.subsets ?? [];
    const items: string[] = [];
    for (const s of subsets) {
      for (const a of s.addresses ?? []) {
        if (s.ports?.length) for (const p of s.ports) items.push(`${a.ip}:${p.port}`);
        else items.push(a.ip);
      }
    }
    return [o.metadata.name, subsets.length === 0 ? '<none>' : firstThree(items), age(o.metadata.creationTimestamp, now)];
  },
  wideRow: () => [],
};

export const endpointSliceColumns: Columns = {
  headers: ['NAME', 'ADDRESSTYPE', 'PORTS', 'ENDPOINTS', 'AGE'],
  wideHeaders: [],
  row(o, now) {
    const s = o as unknown as EndpointSlice;
    const ports = (s.ports ?? []).map((p) => (p.port !== undefined && p.port !== null ? String(p.port) : p.name || '*'));
    const addresses = (s.endpoints ?? []).flatMap((e) => e.addresses);
    return [
      o.metadata.name,
      s.addressType,
      s.ports ? firstThree(ports) || '<unset>' : '*',
      addresses.length ? firstThree(addresses) : '<unset>',
      age(o.metadata.creationTimestamp, now),
    ];
  },
  wideRow: () => [],
};
