import { describe, expect, it } from 'vitest';
import { nodeAddress, nodePodCidr, podSubnetFor } from './addresses.js';

describe('cluster addresses', () => {
  it.each([
    { nodes: 4, subnet: '10.244.0.0/16' },
    { nodes: 256, subnet: '10.244.0.0/16' },
    { nodes: 257, subnet: '10.128.0.0/9' },
    { nodes: 5001, subnet: '10.128.0.0/9' },
  ])('$nodes nodes: pod network $subnet', ({ nodes, subnet }) => {
    expect(podSubnetFor(nodes)).toBe(subnet);
  });

  it.each([
    { subnet: '10.244.0.0/16', index: 0, cidr: '10.244.0.0/24' },
    { subnet: '10.244.0.0/16', index: 3, cidr: '10.244.3.0/24' },
    { subnet: '10.128.0.0/9', index: 300, cidr: '10.129.44.0/24' },
    { subnet: '10.128.0.0/9', index: 5000, cidr: '10.147.136.0/24' },
  ])('node $index of $subnet: podCIDR $cidr', ({ subnet, index, cidr }) => {
    expect(nodePodCidr(subnet, index)).toBe(cidr);
  });

  it.each([
    { index: 0, ip: '172.18.0.2' },
    { index: 253, ip: '172.18.0.255' },
    { index: 254, ip: '172.18.1.0' },
    { index: 5000, ip: '172.18.19.138' },
  ])('node $index: address $ip on the docker network', ({ index, ip }) => {
    expect(nodeAddress(index)).toBe(ip);
  });
});
