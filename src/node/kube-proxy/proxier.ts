import type { Service } from 'kubernetes-types/core/v1.js';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1.js';
import type { World } from '../../sim/world.js';
import { computeRules, natLines, type ServicePortRules } from './rules.js';

/**
 * iptables.minSyncPeriod's default (KubeProxyConfiguration): a change within a second of the last sync waits for the
 * next one, a second after it, which takes in every change since. A Service whose pods get ready one after the other
 * is synced once a second, not once per pod (150,000 times, each over every endpoint).
 */
export const MIN_SYNC_PERIOD_MS = 1000;

/**
 * kube-proxy, as it runs on every node: on a Service or EndpointSlice change it recomputes the whole rule table, at
 * most once per MIN_SYNC_PERIOD_MS, and reports, per service port, what changed. The table it starts from is the
 * cluster's current one, so a new command does not re-announce rules that are already in place.
 */
export class Proxier {
  readonly owner = 'kube-proxy';
  private dirty = false;
  /** When the rules were last synced in this command (none yet: the next change syncs at once). */
  private lastSync = -Infinity;
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

  /** The sync put off by MIN_SYNC_PERIOD_MS is due: step does it. */
  onTimer(): void {}

  /** The rule table for the cluster as it stands (every node has the same): what the next sync programs, if not done. */
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
    const now = this.w.clock.now();
    const due = this.lastSync + MIN_SYNC_PERIOD_MS;
    if (now < due) {
      if (!this.w.timers.has(this.owner, 'sync')) this.w.timers.add(due, this.owner, 'sync', 'sync');
      return false;
    }
    this.dirty = false;
    this.lastSync = now;
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
