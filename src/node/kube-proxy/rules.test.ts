import type { Service } from 'kubernetes-types/core/v1.js';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1.js';
import { describe, expect, it } from 'vitest';
import { chainHash, computeRules, natLines, probability } from './rules.js';

describe('kube-proxy iptables rules', () => {
  it.each([
    ['default/kubernetes:https' + 'tcp', 'NPX46M4PTMTKRN6Y'],
    ['kube-system/kube-dns:dns' + 'udp', 'TCOU7JCQXEZGVUNU'],
    ['default/nginx' + 'tcp', '2CMXP7HKUVJN7L6M'],
    ['default/nginx' + 'tcp' + '10.244.1.2:80', 'L3TEFOPRMLPWJIHV'],
  ])('chain hash of %s is %s, as on real clusters', (input, want) => {
    expect(chainHash(input)).toBe(want);
  });

  it.each([
    [2, '0.50000000000'],
    [3, '0.33333333349'],
    [5, '0.20000000019'],
    [6, '0.16666666651'],
    [10, '0.10000000009'],
  ])('1/%d shows as %s in iptables-save', (k, want) => {
    expect(probability(k)).toBe(want);
  });

  it('spreads a service over its ready endpoints, the last rule unconditional', () => {
    const svc: Service = { metadata: { name: 'nginx', namespace: 'default' }, spec: { clusterIP: '10.96.45.7', ports: [{ port: 80, protocol: 'TCP' }] } };
    const slice: EndpointSlice = {
      metadata: { name: 'nginx-abcde', namespace: 'default', labels: { 'kubernetes.io/service-name': 'nginx' } },
      addressType: 'IPv4',
      ports: [{ name: '', port: 80, protocol: 'TCP' }],
      endpoints: ['10.244.2.4', '10.244.1.2', '10.244.2.3', '10.244.3.9'].map((ip, i) => ({ addresses: [ip], conditions: { ready: i < 3 } })),
    };
    const [rules] = computeRules([svc], [slice], '10.244.0.0/16');
    expect(rules.svcChain).toBe('KUBE-SVC-2CMXP7HKUVJN7L6M');
    expect(rules.endpoints.map((e) => e.ip)).toEqual(['10.244.1.2', '10.244.2.3', '10.244.2.4']);
    const jumps = natLines(rules).filter((l) => l.startsWith('-A KUBE-SVC-2CMXP7HKUVJN7L6M -m comment'));
    expect(jumps).toEqual([
      '-A KUBE-SVC-2CMXP7HKUVJN7L6M -m comment --comment "default/nginx -> 10.244.1.2:80" -m statistic --mode random --probability 0.33333333349 -j KUBE-SEP-L3TEFOPRMLPWJIHV',
      '-A KUBE-SVC-2CMXP7HKUVJN7L6M -m comment --comment "default/nginx -> 10.244.2.3:80" -m statistic --mode random --probability 0.50000000000 -j KUBE-SEP-OI7NWIH7RAT2AOGF',
      '-A KUBE-SVC-2CMXP7HKUVJN7L6M -m comment --comment "default/nginx -> 10.244.2.4:80" -j KUBE-SEP-6TTN4SHIRO4JAVGT',
    ]);
  });
});
