import type { Pod } from 'kubernetes-types/core/v1.js';
import type { NetHop as Hop } from '../../events/types.js';
import type { Rand } from '../../sim/rand.js';
import type { Store } from '../../store/store.js';
import type { EndpointRule, ServicePortRules } from '../kube-proxy/rules.js';

export type Route =
  | { ok: true; pod: Pod; podIP: string; port: number; node: string; hops: Hop[]; service?: ServicePortRules; endpoint?: EndpointRule }
  | { ok: false; reason: 'refused' | 'no-endpoints' | 'timeout'; hops: Hop[]; service?: ServicePortRules };

function podByIP(store: Store, ip: string): Pod | undefined {
  return (store.list('/registry/pods/') as unknown as Pod[]).find((p) => p.status?.podIP === ip && !p.spec?.hostNetwork && !p.metadata?.deletionTimestamp);
}

/**
 * Follows a TCP connection through kube-proxy's rules: KUBE-SERVICES (ClusterIP) or KUBE-NODEPORTS (a node's IP
 * and NodePort), then KUBE-SVC-… where each endpoint rule matches with its `statistic` probability (1/n, 1/(n−1),
 * … then always), then KUBE-SEP-… DNAT to a pod. A pod IP is reached directly.
 */
export function route(store: Store, rules: ServicePortRules[], nodeIPs: Set<string>, ip: string, port: number, rand: Rand): Route {
  const hops: Hop[] = [];
  let service = rules.find((r) => r.clusterIP === ip && r.port === port && r.protocol === 'tcp');
  if (service) hops.push({ kind: 'cluster-ip', chain: 'KUBE-SERVICES', service: service.servicePortName, ip, port });
  else if (nodeIPs.has(ip)) {
    service = rules.find((r) => r.nodePort === port && r.protocol === 'tcp');
    if (service) hops.push({ kind: 'node-port', chain: 'KUBE-NODEPORTS', service: service.servicePortName, ip, port });
  }
  if (!service) {
    const pod = podByIP(store, ip);
    if (!pod) return { ok: false, reason: nodeIPs.has(ip) ? 'refused' : 'timeout', hops };
    return { ok: true, pod, podIP: ip, port, node: pod.spec?.nodeName ?? '', hops };
  }
  if (!service.endpoints.length) {
    hops.push({ kind: 'reject', chain: 'KUBE-SERVICES', service: service.servicePortName });
    return { ok: false, reason: 'no-endpoints', hops, service };
  }
  const n = service.endpoints.length;
  let chosen = n - 1;
  for (let i = 0; i < n - 1; i++) {
    if (rand.next() < 1 / (n - i)) {
      chosen = i;
      break;
    }
  }
  const endpoint = service.endpoints[chosen];
  hops.push({ kind: 'svc-rule', chain: service.svcChain, rule: chosen + 1, of: n });
  hops.push({ kind: 'dnat', chain: endpoint.chain, target: `${endpoint.ip}:${endpoint.port}` });
  const pod = podByIP(store, endpoint.ip);
  if (!pod) return { ok: false, reason: 'refused', hops, service };
  return { ok: true, pod, podIP: endpoint.ip, port: endpoint.port, node: pod.spec?.nodeName ?? '', hops, service, endpoint };
}
