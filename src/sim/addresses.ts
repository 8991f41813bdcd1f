import { intToIp, ipToInt } from '../apiserver/service-alloc.js';

/** kind's pod network (networking.podSubnet): a /24 for each node, so 256 nodes at most. */
const KIND_POD_SUBNET = '10.244.0.0/16';
/**
 * For a bigger cluster, a subnet an administrator would choose instead: 32,768 node /24s, clear of the Service
 * network (10.96.0.0/12) and of the nodes' own (172.18.0.0/16).
 */
const LARGE_POD_SUBNET = '10.128.0.0/9';

/** The cluster's pod network for this many nodes (kube-proxy's clusterCIDR; each node's podCIDR is carved from it). */
export function podSubnetFor(nodes: number): string {
  return nodes <= 256 ? KIND_POD_SUBNET : LARGE_POD_SUBNET;
}

/** The i-th node's podCIDR, as kube-controller-manager's range allocator hands them out: /24s in order. */
export function nodePodCidr(subnet: string, index: number): string {
  return `${intToIp(ipToInt(subnet.split('/')[0]!) + index * 256)}/24`;
}

/** The i-th node's address on kind's docker network (172.18.0.0/16; .1 is the gateway). */
export function nodeAddress(index: number): string {
  return intToIp(ipToInt('172.18.0.0') + index + 2);
}
