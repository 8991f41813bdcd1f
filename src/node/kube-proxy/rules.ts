import { createHash } from 'node:crypto';
import type { Service } from 'kubernetes-types/core/v1.js';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1.js';
import { ipToInt } from '../../apiserver/service-alloc.js';

/** The cluster's pod CIDR: traffic from outside it to a ClusterIP gets masqueraded. */

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function base32(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return out;
}

/** proxier.go portProtoHash / servicePortEndpointChainName: 16 chars of base32(SHA-256(...)). */
export function chainHash(text: string): string {
  return base32(createHash('sha256').update(text).digest()).slice(0, 16);
}

/** What iptables-save shows for `statistic --probability 1/k`: the kernel keeps a 31-bit fraction. */
export function probability(k: number): string {
  return (Math.round((1 / k) * 2 ** 31) / 2 ** 31).toFixed(11);
}

export interface EndpointRule {
  ip: string;
  port: number;
  chain: string;
}

export interface ServicePortRules {
  /** `default/web` or `default/web:http`: the name kube-proxy hashes and writes in comments. */
  servicePortName: string;
  protocol: string;
  clusterIP: string;
  port: number;
  nodePort?: number;
  svcChain: string;
  endpoints: EndpointRule[];
  /** kube-proxy's clusterCIDR: traffic to the service from outside the pod network is masqueraded. */
  clusterCidr: string;
}

/** The whole rule table from services and their ready endpoints, recomputed at every sync (syncProxyRules). */
export function computeRules(services: Service[], slices: EndpointSlice[], clusterCidr: string): ServicePortRules[] {
  const out: ServicePortRules[] = [];
  for (const svc of services) {
    const spec = svc.spec;
    if (!spec?.clusterIP || spec.clusterIP === 'None' || spec.type === 'ExternalName') continue;
    const ns = svc.metadata!.namespace!;
    const name = svc.metadata!.name!;
    const mine = slices.filter((s) => s.metadata?.namespace === ns && s.metadata?.labels?.['kubernetes.io/service-name'] === name);
    for (const p of spec.ports ?? []) {
      const protocol = (p.protocol ?? 'TCP').toLowerCase();
      const servicePortName = p.name ? `${ns}/${name}:${p.name}` : `${ns}/${name}`;
      const endpoints: EndpointRule[] = [];
      for (const slice of mine) {
        const port = slice.ports?.find((sp) => (sp.name ?? '') === (p.name ?? ''))?.port;
        if (!port) continue;
        for (const e of slice.endpoints ?? []) {
          if (!e.conditions?.ready) continue;
          for (const ip of e.addresses) endpoints.push({ ip, port, chain: `KUBE-SEP-${chainHash(servicePortName + protocol + `${ip}:${port}`)}` });
        }
      }
      endpoints.sort((a, b) => ipToInt(a.ip) - ipToInt(b.ip) || a.port - b.port);
      out.push({
        servicePortName,
        protocol,
        clusterIP: spec.clusterIP,
        port: p.port,
        nodePort: p.nodePort ?? undefined,
        svcChain: `KUBE-SVC-${chainHash(servicePortName + protocol)}`,
        endpoints,
        clusterCidr,
      });
    }
  }
  return out.sort((a, b) => (a.servicePortName < b.servicePortName ? -1 : a.servicePortName > b.servicePortName ? 1 : a.protocol < b.protocol ? -1 : 1));
}

/** The nat-table lines (iptables-save syntax) kube-proxy programs for one service port. */
export function natLines(r: ServicePortRules): string[] {
  const proto = `-p ${r.protocol}`;
  const lines: string[] = [];
  if (!r.endpoints.length) return lines; // no endpoints: only a REJECT in the filter table
  lines.push(`-A KUBE-SERVICES -d ${r.clusterIP}/32 ${proto} -m comment --comment "${r.servicePortName} cluster IP" -m ${r.protocol} --dport ${r.port} -j ${r.svcChain}`);
  lines.push(`-A ${r.svcChain} ! -s ${r.clusterCidr} -d ${r.clusterIP}/32 ${proto} -m comment --comment "${r.servicePortName} cluster IP" -m ${r.protocol} --dport ${r.port} -j KUBE-MARK-MASQ`);
  const n = r.endpoints.length;
  r.endpoints.forEach((e, i) => {
    const stat = i < n - 1 ? ` -m statistic --mode random --probability ${probability(n - i)}` : '';
    lines.push(`-A ${r.svcChain} -m comment --comment "${r.servicePortName} -> ${e.ip}:${e.port}"${stat} -j ${e.chain}`);
  });
  for (const e of r.endpoints) {
    lines.push(`-A ${e.chain} -s ${e.ip}/32 -m comment --comment "${r.servicePortName}" -j KUBE-MARK-MASQ`);
    lines.push(`-A ${e.chain} ${proto} -m comment --comment "${r.servicePortName}" -m ${r.protocol} -j DNAT --to-destination ${e.ip}:${e.port}`);
  }
  if (r.nodePort) {
    const ext = r.svcChain.replace('KUBE-SVC-', 'KUBE-EXT-');
    lines.push(`-A KUBE-NODEPORTS ${proto} -m comment --comment "${r.servicePortName}" -m ${r.protocol} --dport ${r.nodePort} -j ${ext}`);
    lines.push(`-A ${ext} -m comment --comment "masquerade traffic for ${r.servicePortName} external destinations" -j KUBE-MARK-MASQ`);
    lines.push(`-A ${ext} -j ${r.svcChain}`);
  }
  return lines;
}
