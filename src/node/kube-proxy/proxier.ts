import type { Service } from 'kubernetes-types/core/v1.js';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1.js';
import type { World } from '../../sim/world.js';
import { computeRules, natLines, type ServicePortRules } from './rules.js';

/**
 * kube-proxy, as it runs on every node: on each Service or EndpointSlice change it recomputes the whole rule
 * table and reports, per service port, what changed. The table it starts from is the cluster's current one,
 * so a new command does not re-announce rules that are already in place.
 */
export class Proxier {
  private dirty = false;
  private current = new Map<string, string[]>();

  /** @param clusterCidr the pod network (kube-proxy's clusterCIDR), fixed when the cluster was made */
  constructor(
    private readonly w: World,
    private readonly clusterCidr: () => string,
  ) {
    for (const r of this.compute()) this.current.set(keyOf(r), natLines(r));
  }

  onChange(): void {
    this.dirty = true;
  }

  /** The rule table as it is programmed now (every node has the same). */
  rules(): ServicePortRules[] {
    return this.compute();
  }

  private compute(): ServicePortRules[] {
    const services = this.w.store.list('/registry/services/specs/') as unknown as Service[];
    const slices = this.w.store.list('/registry/endpointslices/') as unknown as EndpointSlice[];
    return computeRules(services, slices, this.clusterCidr());
  }

  step(): boolean {
    if (!this.dirty) return false;
    this.dirty = false;
    const nodes = this.w.store.count('/registry/minions/');
    const next = new Map<string, string[]>();
    for (const r of this.compute()) {
      const key = keyOf(r);
      const lines = natLines(r);
      next.set(key, lines);
      const before = new Set(this.current.get(key) ?? []);
      const after = new Set(lines);
      const added = lines.filter((l) => !before.has(l)).length;
      const removed = [...before].filter((l) => !after.has(l)).length;
      if (!added && !removed) continue;
      const [namespace, rest] = r.servicePortName.split('/');
      this.w.log.emit('kube-proxy', {
        kind: 'proxy.synced',
        nodes,
        service: { kind: 'Service', namespace, name: rest.split(':')[0] },
        clusterIP: r.clusterIP,
        port: `${r.port}/${r.protocol.toUpperCase()}`,
        chain: r.svcChain,
        endpoints: r.endpoints.map((e) => `${e.ip}:${e.port}`),
        added,
        removed,
      });
    }
    for (const [key, lines] of this.current) {
      if (next.has(key) || !lines.length) continue;
      const [namespace, rest] = key.split('/');
      this.w.log.emit('kube-proxy', {
        kind: 'proxy.synced',
        nodes,
        service: { kind: 'Service', namespace, name: rest.split(':')[0] },
        clusterIP: '',
        port: '',
        chain: '',
        endpoints: [],
        added: 0,
        removed: lines.length,
      });
    }
    this.current = next;
    return true;
  }
}

function keyOf(r: ServicePortRules): string {
  return `${r.servicePortName}/${r.protocol}`;
}
