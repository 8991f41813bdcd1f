import type { Deployment } from 'kubernetes-types/apps/v1.js';
import type { Event, Pod } from 'kubernetes-types/core/v1.js';
import { describe, expect, it } from 'vitest';
import type { KObject } from '../api/object.js';
import { resolveResource } from '../api/resources.js';
import { ADMIN } from '../apiserver/authn.js';
import { MIN_SYNC_PERIOD_MS } from '../node/kube-proxy/proxier.js';
import { bootstrapCluster, DEFAULT_SPEC } from './bootstrap.js';
import { Cluster } from './cluster.js';

const T0 = Date.parse('2026-11-23T10:00:00Z');

function newCluster(): Cluster {
  return bootstrapCluster({ ...DEFAULT_SPEC, seed: 'test' }, T0);
}

function send(c: Cluster, verb: 'create' | 'update' | 'delete', obj: KObject) {
  const r = resolveResource(obj.kind)!;
  const result = c.api.handle({ verb, resource: r, namespace: obj.metadata.namespace, name: obj.metadata.name, body: obj, user: ADMIN, client: 'kubectl' });
  if (!result.ok) throw new Error(result.error.message);
  c.stabilize();
  return result.object;
}

const web = (image = 'nginx:1.27', replicas = 3): KObject =>
  ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default' },
    spec: {
      replicas,
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image, resources: { requests: { cpu: '250m', memory: '128Mi' } } }] } },
    },
  }) as unknown as KObject;

const pods = (c: Cluster) => c.world.store.list('/registry/pods/default/') as unknown as Pod[];
const events = (c: Cluster) => c.world.store.list('/registry/events/default/') as unknown as Event[];

describe('simulated cluster', () => {
  it('starts like kind: control plane static pods, CoreDNS and the kubernetes Service', () => {
    const c = newCluster();
    const names = c.world.store.list('/registry/pods/kube-system/').map((p) => p.metadata.name);
    expect(names).toEqual(expect.arrayContaining(['etcd-kubesim-control-plane', 'kube-apiserver-kubesim-control-plane']));
    expect(names.filter((n) => n.startsWith('coredns-'))).toHaveLength(2);
    expect(c.world.store.get('/registry/services/specs/default/kubernetes')).toBeDefined();
    expect(c.world.store.get('/registry/serviceaccounts/default/default')).toBeDefined();
  });

  it('runs a Deployment to 3 Running pods spread over the workers, with the real event trail', () => {
    const c = newCluster();
    send(c, 'create', web());
    const list = pods(c);
    expect(list).toHaveLength(3);
    expect(list.every((p) => p.status?.phase === 'Running')).toBe(true);
    expect(new Set(list.map((p) => p.spec?.nodeName)).size).toBe(3);
    const rs = c.world.store.list('/registry/replicasets/default/')[0];
    const hash = rs.metadata.labels!['pod-template-hash'];
    expect(rs.metadata.name).toBe(`web-${hash}`);
    expect(list[0].metadata?.name).toMatch(new RegExp(`^web-${hash}-[bcdfghjklmnpqrstvwxz2456789]{5}$`));
    const reasons = events(c).map((e) => e.reason);
    expect(reasons).toEqual(expect.arrayContaining(['ScalingReplicaSet', 'SuccessfulCreate', 'Scheduled', 'Pulling', 'Pulled', 'Created', 'Started']));
    const d = c.world.store.get('/registry/deployments/default/web')!.value as unknown as Deployment;
    expect(d.status).toMatchObject({ replicas: 3, readyReplicas: 3, availableReplicas: 3, updatedReplicas: 3 });
  });

  it('replaces a deleted pod (ReplicaSet controller) after the kubelet stops it', () => {
    const c = newCluster();
    send(c, 'create', web());
    const victim = pods(c)[0].metadata!.name!;
    const r = c.api.handle({ verb: 'delete', resource: resolveResource('pods')!, namespace: 'default', name: victim, user: ADMIN, client: 'kubectl' });
    expect(r.ok).toBe(true);
    c.stabilize();
    const names = pods(c).map((p) => p.metadata!.name);
    expect(names).toHaveLength(3);
    expect(names).not.toContain(victim);
    expect(pods(c).every((p) => p.status?.phase === 'Running')).toBe(true);
    expect(events(c).some((e) => e.reason === 'Killing' && e.message === 'Stopping container nginx')).toBe(true);
  });

  it('evicts a pod through pods/eviction: refused for another name or a grace that is no integer, a dry run keeps it, then replaced', () => {
    const c = newCluster();
    send(c, 'create', web());
    const victim = pods(c)[0].metadata!.name!;
    const evict = (body: Record<string, unknown>) =>
      c.api.handle({ verb: 'create', resource: resolveResource('pods')!, namespace: 'default', name: victim, subresource: 'eviction', body: { apiVersion: 'policy/v1', kind: 'Eviction', ...body } as unknown as KObject, user: ADMIN, client: 'kubectl' });
    const other = evict({ metadata: { name: 'other' } });
    expect(other.ok ? undefined : other.error.message).toBe('name in URL does not match name in Eviction object');
    expect(evict({ metadata: { name: victim }, deleteOptions: { gracePeriodSeconds: 'soon' } }).ok).toBe(false);
    expect(evict({ metadata: { name: victim }, deleteOptions: { dryRun: ['All'] } }).ok).toBe(true);
    c.stabilize();
    expect(pods(c).map((p) => p.metadata!.name)).toContain(victim);
    const evicted = evict({ metadata: { name: victim } });
    expect(evicted.ok && evicted.object).toEqual({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success' });
    c.stabilize();
    expect(pods(c).map((p) => p.metadata!.name)).not.toContain(victim);
    expect(pods(c)).toHaveLength(3);
  });

  it('releases a pod relabeled out of its selector and makes another, then adopts a matching orphan (ClaimPods)', () => {
    const c = newCluster();
    send(c, 'create', web());
    const rs = c.world.store.list('/registry/replicasets/default/')[0]!;
    const relabel = (name: string, app: string) => {
      const pod = structuredClone(c.world.store.get(`/registry/pods/default/${name}`)!.value);
      pod.metadata.labels = { ...pod.metadata.labels, app };
      send(c, 'update', pod);
    };
    const owned = () => pods(c).filter((p) => p.metadata!.ownerReferences?.some((o) => o.uid === rs.metadata.uid)).map((p) => p.metadata!.name);
    const debugged = pods(c)[0]!.metadata!.name!;
    relabel(debugged, 'debug');
    expect(pods(c)).toHaveLength(4);
    expect(owned()).toHaveLength(3);
    expect(owned()).not.toContain(debugged);
    const alone = pods(c).find((p) => p.metadata!.name === debugged)!;
    expect(alone.metadata!.ownerReferences).toBeUndefined();
    expect(alone.status?.phase).toBe('Running');
    // back under the selector: adopted, and one too many is deleted
    relabel(debugged, 'web');
    expect(pods(c)).toHaveLength(3);
    expect(owned()).toHaveLength(3);
    expect(owned()).toContain(debugged);
  });

  it('rolls a new image out through a second ReplicaSet, keeping the old one as history', () => {
    const c = newCluster();
    const created = send(c, 'create', web());
    send(c, 'update', { ...web('nginx:1.28'), metadata: { ...created.metadata, resourceVersion: undefined } } as KObject);
    const sets = c.world.store.list('/registry/replicasets/default/') as unknown as Array<{ metadata: { annotations: Record<string, string> }; spec: { replicas: number } }>;
    expect(sets).toHaveLength(2);
    expect(sets.map((s) => s.spec.replicas).sort()).toEqual([0, 3]);
    expect(pods(c).map((p) => p.spec?.containers[0].image)).toEqual(['nginx:1.28', 'nginx:1.28', 'nginx:1.28']);
    const scaling = events(c).filter((e) => e.reason === 'ScalingReplicaSet').map((e) => e.message);
    expect(scaling.some((m) => /^Scaled down replica set web-\w+ from 3 to 2$/.test(m ?? ''))).toBe(true);
  });

  it('keeps an oversized pod Pending with the FailedScheduling message', () => {
    const c = newCluster();
    send(c, 'create', web('nginx', 1));
    const big = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'big', namespace: 'default' }, spec: { containers: [{ name: 'c', image: 'nginx', resources: { requests: { cpu: '64' } } }] } };
    send(c, 'create', big as unknown as KObject);
    const pod = c.world.store.get('/registry/pods/default/big')!.value as unknown as Pod;
    expect(pod.status?.phase).toBe('Pending');
    const failed = events(c).find((e) => e.reason === 'FailedScheduling');
    expect(failed?.message).toBe(
      '0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 3 Insufficient cpu. preemption: 0/4 nodes are available: 1 Preemption is not helpful for scheduling, 3 No preemption victims found for incoming pod..',
    );
  });

  it('cascades a Deployment deletion to its ReplicaSets and pods (garbage collector)', () => {
    const c = newCluster();
    const d = send(c, 'create', web());
    send(c, 'delete', d);
    expect(c.world.store.list('/registry/replicasets/default/')).toHaveLength(0);
    expect(pods(c)).toHaveLength(0);
  });

  it('publishes ready pods as Service endpoints', () => {
    const c = newCluster();
    send(c, 'create', web());
    send(c, 'create', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'default' }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }] } } as unknown as KObject);
    const ep = c.world.store.get('/registry/services/endpoints/default/web')!.value as unknown as { subsets: Array<{ addresses: Array<{ ip: string }> }> };
    expect(ep.subsets[0].addresses.map((a) => a.ip).sort()).toEqual(pods(c).map((p) => p.status!.podIP!).sort());
    expect(c.world.store.keys('/registry/endpointslices/default/web-')).toHaveLength(1);
  });

  it("programs kube-proxy's rules at most once a second (minSyncPeriod), the last sync with every ready pod", () => {
    const c = newCluster();
    send(c, 'create', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'default' }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }] } } as unknown as KObject);
    const syncs: Array<{ at: number; endpoints: string[] }> = [];
    c.world.log.subscribe((e) => {
      if (e.kind === 'proxy.synced' && e.service.name === 'web') syncs.push({ at: e.at, endpoints: e.endpoints });
    });
    send(c, 'create', web('nginx:1.27', 12));
    expect(syncs.length).toBeGreaterThan(1);
    for (let i = 1; i < syncs.length; i++) expect(syncs[i]!.at - syncs[i - 1]!.at).toBeGreaterThanOrEqual(MIN_SYNC_PERIOD_MS);
    // twelve pods got ready in fewer syncs than that, and the last one programs all of them
    expect(syncs.length).toBeLessThan(12);
    expect(syncs.at(-1)!.endpoints.sort()).toEqual(pods(c).map((p) => `${p.status!.podIP!}:80`).sort());
  });

  it('keeps 1,000 addresses in an Endpoints object, marked over capacity, and every one in EndpointSlices of 100', () => {
    const c = bootstrapCluster({ ...DEFAULT_SPEC, workers: 10, seed: 'test' }, T0);
    send(c, 'create', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'default' }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }] } } as unknown as KObject);
    const tiny = web('nginx:1.27', 1010) as unknown as Deployment;
    tiny.spec!.template.spec!.containers[0]!.resources = { requests: { cpu: '1m', memory: '1Mi' } };
    send(c, 'create', tiny as unknown as KObject);
    type Endpoints = { metadata: { annotations?: Record<string, string> }; subsets: Array<{ addresses: unknown[]; notReadyAddresses?: unknown[] }> };
    const endpoints = () => c.world.store.get('/registry/services/endpoints/default/web')!.value as unknown as Endpoints;
    const slices = () =>
      c.world.store
        .list('/registry/endpointslices/default/')
        .filter((s) => s.metadata.labels?.['kubernetes.io/service-name'] === 'web')
        .map((s) => (s as unknown as { endpoints?: unknown[] }).endpoints?.length ?? 0);
    const sliced = () => slices().reduce((n, count) => n + count, 0);
    expect(pods(c).filter((p) => p.status?.phase === 'Running')).toHaveLength(1010);
    expect(endpoints().subsets[0]!.addresses).toHaveLength(1000);
    expect(endpoints().metadata.annotations).toEqual({ 'endpoints.kubernetes.io/over-capacity': 'truncated' });
    expect(sliced()).toBe(1010);
    // --max-endpoints-per-slice: 100
    expect(slices()).toHaveLength(11);
    expect(Math.max(...slices())).toBe(100);
    const deployment = () => c.world.store.get('/registry/deployments/default/web')!.value as unknown as Deployment;
    send(c, 'update', { ...deployment(), spec: { ...deployment().spec!, replicas: 990 } } as unknown as KObject);
    expect(endpoints().subsets[0]!.addresses).toHaveLength(990);
    expect(endpoints().metadata.annotations).toBeUndefined();
    expect(sliced()).toBe(990);
    expect(Math.max(...slices())).toBeLessThanOrEqual(100);
  }, 30_000);

  it('saves and reloads without anything to redo', () => {
    const c = newCluster();
    send(c, 'create', web());
    const state = JSON.parse(JSON.stringify(c.save()));
    const again = new Cluster(state.name, state, T0);
    again.resync();
    again.stabilize(0);
    expect(again.world.store.revision).toBe(c.world.store.revision);
    // what the cluster was created with survives every later save (found by the command-line fuzzer)
    expect(again.save().spec).toEqual(c.save().spec);
    expect(again.save().spec?.workers).toBe(DEFAULT_SPEC.workers);
  });

  it('never changes a loaded value in place: a save writes an unchanged value back as the line it was read from', () => {
    const c = newCluster();
    send(c, 'create', web());
    send(c, 'create', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'default' }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }] } } as unknown as KObject);
    const state = JSON.parse(JSON.stringify(c.save()));
    const freeze = (o: unknown): void => {
      if (!o || typeof o !== 'object' || Object.isFrozen(o)) return;
      Object.freeze(o);
      for (const v of Object.values(o)) freeze(v);
    };
    // every field a save writes, read-only; the store may still keep its index values on the entry, under symbols that
    // no save writes
    for (const [, stored] of state.store.entries) {
      for (const [field, value] of Object.entries(stored)) {
        freeze(value);
        Object.defineProperty(stored, field, { writable: false, configurable: false });
      }
    }
    // an hour later: leases, heartbeats and every controller catch up on frozen objects
    const again = new Cluster(state.name, state, T0 + 3_600_000);
    again.catchUp();
    const deployment = () => again.world.store.get('/registry/deployments/default/web')!.value as unknown as Deployment;
    send(again, 'update', { ...deployment(), spec: { ...deployment().spec!, replicas: 5 } } as unknown as KObject);
    send(again, 'update', web('nginx:1.28', 5));
    send(again, 'delete', pods(again)[0] as unknown as KObject);
    again.failNode('kubesim-worker');
    again.stabilize(600_000);
    expect(pods(again).filter((p) => p.status?.phase === 'Running' && p.spec?.containers[0]!.image === 'nginx:1.28')).toHaveLength(5);
    send(again, 'delete', deployment() as unknown as KObject);
    expect(() => again.save()).not.toThrow();
  });

  it('deletes events an hour after their last write, as etcd runs out the lease kube-apiserver wrote them on (--event-ttl)', () => {
    const c = newCluster();
    send(c, 'create', web());
    const trail = events(c);
    expect(trail.length).toBeGreaterThan(0);
    // the writes of a minute share one lease, granted for the TTL plus that minute
    const leases = new Set(trail.map((e) => c.world.store.get(`/registry/events/default/${e.metadata.name}`)!.lease));
    expect(leases.size).toBe(1);
    const state = JSON.parse(JSON.stringify(c.save()));
    expect(state.store.leases.live).toEqual([[[...leases][0], T0 + 3_660_000]]);
    expect(state.timers.filter((t: { owner: string }) => t.owner === 'etcd/lessor')).toEqual([expect.objectContaining({ at: T0 + 3_660_000, patient: true })]);

    // a command within the hour: the events are still there; a later one rewrites one (a new lease) and the rest go
    const within = new Cluster(state.name, state, T0 + 3_000_000);
    within.catchUp();
    expect(events(within)).toHaveLength(trail.length);
    const told: string[] = [];
    const later = new Cluster(state.name, state, T0 + 3_659_000);
    later.world.log.subscribe((e) => told.push(e.kind));
    later.catchUp();
    send(later, 'delete', pods(later)[0] as unknown as KObject);
    // the scheduler's events (events.k8s.io) have an eventTime instead of a lastTimestamp
    const recently = (e: Event) => (e.lastTimestamp ?? e.eventTime)! > '2026-11-23T10:30:00Z';
    const recent = events(later).filter(recently).length;
    later.stabilize(0, 120_000);
    expect(told).toContain('etcd.lease-expired');
    expect(events(later).length).toBe(recent);
    expect(events(later).every(recently)).toBe(true);
  });
});

describe("the API server's checks in the story", () => {
  const CHECKS = ['authn.succeeded', 'authz.allowed', 'admission.mutated', 'validation.passed'];
  /** Each request's client, with the checks told of it, for a listener that reads summaries or every event. */
  function checksByClient(summaries: boolean): Map<string, Set<string>> {
    const c = newCluster();
    const byClient = new Map<string, Set<string>>();
    let client = '';
    c.world.log.subscribe(
      (e) => {
        if (e.kind === 'request.sent') byClient.set((client = e.client), byClient.get(e.client) ?? new Set());
        else if (CHECKS.includes(e.kind)) byClient.get(client)!.add(e.kind);
      },
      { summaries },
    );
    send(c, 'create', web());
    return byClient;
  }

  it('are told of every request to a listener that reads in full, of the user\'s own only to a narrator', () => {
    const full = checksByClient(false);
    const summary = checksByClient(true);
    expect([...full.keys()].sort()).toEqual(['controller-manager', 'kubectl', 'kubelet', 'scheduler']);
    expect([...summary.keys()].sort()).toEqual([...full.keys()].sort());
    for (const client of full.keys()) expect(full.get(client)!.has('authz.allowed')).toBe(true);
    expect(full.get('controller-manager')).toContain('admission.mutated');
    expect([...summary.get('kubectl')!].sort()).toEqual([...full.get('kubectl')!].sort());
    for (const client of ['controller-manager', 'kubelet', 'scheduler']) expect(summary.get(client)).toEqual(new Set());
  });
});
