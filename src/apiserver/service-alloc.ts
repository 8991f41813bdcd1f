import type { Service } from 'kubernetes-types/core/v1.js';
import { invalidError, type ApiError } from '../api/errors.js';
import { invalid } from '../api/field.js';
import type { KObject } from '../api/object.js';
import type { World } from '../sim/world.js';

/** kubeadm's default service CIDR; the `kubernetes` Service takes its first address. */
export const SERVICE_CIDR = '10.96.0.0/12';
const BASE = ipToInt('10.96.0.0');
const SIZE = 2 ** 20;
/** Dynamic allocations avoid the lower band, kept for static IPs (min(max(16, size/16), 256)). */
const LOWER_BAND = 256;
const NODE_PORT_MIN = 30000;
const NODE_PORT_MAX = 32767;
const NODE_PORT_BAND = Math.min(Math.max(16, Math.floor((NODE_PORT_MAX - NODE_PORT_MIN + 1) / 16)), 256);

export function ipToInt(ip: string): number {
  return ip.split('.').reduce((n, part) => n * 256 + Number(part), 0);
}

export function intToIp(n: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(n / 2 ** shift) % 256).join('.');
}

function usedServiceAddresses(w: World): { ips: Set<string>; nodePorts: Set<number> } {
  const ips = new Set<string>();
  const nodePorts = new Set<number>();
  for (const obj of w.store.list('/registry/services/specs/')) {
    const spec = (obj as unknown as Service).spec ?? {};
    if (spec.clusterIP) ips.add(spec.clusterIP);
    for (const p of spec.ports ?? []) if (p.nodePort) nodePorts.add(p.nodePort);
  }
  return { ips, nodePorts };
}

/**
 * The Service REST storage's allocators: a ClusterIP from the service CIDR (random, upper band) unless the
 * service is headless or ExternalName, and a NodePort for NodePort/LoadBalancer ports.
 */
export function allocateServiceAddresses(w: World, obj: KObject): ApiError | undefined {
  const svc = obj as unknown as Service;
  const spec = svc.spec!;
  const used = usedServiceAddresses(w);
  if (spec.type !== 'ExternalName' && !spec.clusterIP) {
    let ip: string;
    do ip = intToIp(BASE + LOWER_BAND + w.rand.int(SIZE - LOWER_BAND - 1));
    while (used.ips.has(ip));
    spec.clusterIP = ip;
  } else if (spec.clusterIP && spec.clusterIP !== 'None') {
    const n = ipToInt(spec.clusterIP);
    if (n < BASE || n >= BASE + SIZE) {
      return invalidError('Service', '', svc.metadata!.name!, [
        invalid('spec.clusterIPs', [spec.clusterIP], `failed to allocate IP ${spec.clusterIP}: the provided IP (${spec.clusterIP}) is not in the valid range. The range of valid IPs is ${SERVICE_CIDR}`),
      ]);
    }
    if (used.ips.has(spec.clusterIP)) {
      return invalidError('Service', '', svc.metadata!.name!, [invalid('spec.clusterIPs', [spec.clusterIP], `failed to allocate IP ${spec.clusterIP}: provided IP is already allocated`)]);
    }
  }
  if (spec.clusterIP) spec.clusterIPs = [spec.clusterIP];
  if (spec.type === 'NodePort' || spec.type === 'LoadBalancer') {
    for (const p of spec.ports ?? []) {
      if (p.nodePort) continue;
      let port: number;
      do port = NODE_PORT_MIN + NODE_PORT_BAND + w.rand.int(NODE_PORT_MAX - NODE_PORT_MIN + 1 - NODE_PORT_BAND);
      while (used.nodePorts.has(port));
      p.nodePort = port;
      used.nodePorts.add(port);
    }
  }
  if (spec.type === 'LoadBalancer') obj.status = { loadBalancer: {} };
  return undefined;
}
