import type { Node } from 'kubernetes-types/core/v1.js';
import { intToIp, ipToInt } from '../../apiserver/service-alloc.js';

/**
 * host-local IPAM on each node's podCIDR: addresses are handed out in order from .2 and the last one is
 * remembered, so a replacement pod gets a new IP, as on a real node (pods are cattle, their IPs change).
 */
export class Ipam {
  constructor(private readonly last: Record<string, number>) {}

  allocate(node: Node, inUse: Set<string>): string | undefined {
    const cidr = node.spec?.podCIDR;
    if (!cidr) return undefined;
    const [base, bits] = cidr.split('/');
    const size = 2 ** (32 - Number(bits));
    const start = ipToInt(base);
    const name = node.metadata!.name!;
    let index = this.last[name] ?? 1;
    for (let tries = 0; tries < size - 3; tries++) {
      index = index + 1 >= size - 1 ? 2 : index + 1;
      const ip = intToIp(start + index);
      if (!inUse.has(ip)) {
        this.last[name] = index;
        return ip;
      }
    }
    return undefined;
  }

  state(): Record<string, number> {
    return { ...this.last };
  }
}
