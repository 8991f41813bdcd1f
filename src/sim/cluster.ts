import type { Container } from 'kubernetes-types/core/v1.js';
import type { KObject } from '../api/object.js';
import { asPod, PODS_BY_NODE, podNodeValues } from '../api/pods.js';
import { byKindOnly, etcdPrefix, RESOURCES } from '../api/resources.js';
import { mapSelectorMatches } from '../api/labels.js';
import { ApiServer } from '../apiserver/server.js';
import { EVENT_TTL_SECONDS, LESSOR } from '../apiserver/lease-manager.js';
import { CONTROLLER_MANAGER, SCHEDULER, nodeUser } from '../apiserver/authn.js';
import { Client } from '../client/client.js';
import { EventsRecorder } from '../client/events-recorder.js';
import { Recorder } from '../client/recorder.js';
import { DeploymentController } from '../controllers/deployment/deployment.js';
import { EndpointsController } from '../controllers/endpoints/endpoints.js';
import { DEPENDENT_KINDS, GarbageCollector } from '../controllers/garbage-collector/garbage-collector.js';
import { CronJobController } from '../controllers/cronjob/cronjob.js';
import { JobController } from '../controllers/job/job.js';
import { NamespaceController } from '../controllers/namespace/namespace.js';
import { NodeLifecycleController } from '../controllers/node-lifecycle/node-lifecycle.js';
import { ownerKey } from '../controllers/owners.js';
import { PersistentVolumeController } from '../controllers/persistentvolume/persistentvolume.js';
import { ReplicaSetController } from '../controllers/replicaset/replicaset.js';
import { ServiceAccountController } from '../controllers/serviceaccount/serviceaccount.js';
import { Controller } from '../controllers/runtime.js';
import { EventLog } from '../events/sink.js';
import { Ipam } from '../node/kubelet/ipam.js';
import { Kubelet } from '../node/kubelet/kubelet.js';
import { KubeletPool } from '../node/kubelet/pool.js';
import { Proxier } from '../node/kube-proxy/proxier.js';
import { iptablesSave } from '../node/kube-proxy/iptables.js';
import { httpGet, type Client as HttpClient, type HttpResult } from '../node/network/http.js';
import { Scheduler } from '../scheduler/scheduler.js';
import { Store, type LazyBucket, type StoreSnapshot, type WatchEvent, type Write } from '../store/store.js';
import { VirtualClock } from './clock.js';
import { podSubnetFor } from './addresses.js';
import { runUntilStable, type Component, type StabilizeResult } from './engine.js';
import { Rand, type RandState } from './rand.js';
import { Timers, type Timer } from './timers.js';
import type { World } from './world.js';
import { ContainerMemory, type ContainerMemoryState } from './container-memory.js';

/** C's ctime(), the date iptables-save writes: `Mon Nov 23 10:00:10 2026`. */
function ctime(ms: number): string {
  const [day, month, date, year, time] = new Date(ms).toUTCString().replace(',', '').split(' ').filter(Boolean);
  return `${day} ${date} ${month.padStart(2)} ${time} ${year}`.replace(/^(\w+) (\d+) (\w+)/, (_, d, n, m) => `${d} ${m} ${String(Number(n)).padStart(2)}`);
}

/** How far a long run has come: pods Running out of all pods, and the virtual time it has taken so far. */
export interface Progress {
  running: number;
  pods: number;
  elapsedMs: number;
}

export interface ClusterOptions {
  /** Keep every store write for a backend that replays them (Store.recordWrites). */
  recordWrites?: boolean;
  /** Buckets of the saved store read on first use (the events): a command that never looks at them never parses them. */
  lazy?: Record<string, LazyBucket>;
}

/** Everything that survives between two commands. The rest is re-derived from it (controllers are level-triggered). */
export interface ClusterState {
  format: 1;
  name: string;
  store: StoreSnapshot;
  /** Virtual time when saved, and how far virtual time runs ahead of the wall clock. */
  clock: { now: number; offsetMs: number };
  rand: RandState;
  timers: Timer[];
  ipam: Record<string, number>;
  /** What the apps wrote for each request they served, per pod UID (kubectl logs). */
  accessLog?: Record<string, string[]>;
  /** The runtime's memory of running containers (container-memory.ts). */
  containers?: ContainerMemoryState['containers'];
  sharedEnv?: ContainerMemoryState['sharedEnv'];
  /** Nodes whose kubelet is down (`kubesim node fail`), and since when. */
  downNodes?: Record<string, number>;
  /** How the cluster was made, so `cluster reset` can make it again. */
  spec?: { workers: number; cpu: string; memory: string };
}

const SETTLE_MS = 120_000;

/**
 * One simulated cluster: the store and clock, the API server, the controller manager, the scheduler, a kubelet
 * per node and kube-proxy, wired by watches as in a real control plane.
 */
export class Cluster {
  readonly world: World;
  readonly api: ApiServer;
  private readonly byOwner = new Map<string, { onTimer(t: Timer): void }>();
  private readonly kubelets = new KubeletPool();
  private readonly scheduler: Scheduler;
  private readonly proxier: Proxier;
  private readonly ipam: Ipam;
  readonly downNodes: Record<string, number>;
  readonly accessLog: Record<string, string[]>;
  /** A request was served: access logs grew and the random source moved (which pod answered), worth saving. */
  servedRequests = false;
  /** Virtual "now" for this command: saved time + the wall time that passed since (or KUBESIM_NOW). */
  private readonly catchUpTo: number;
  private readonly nodeLifecycle: NodeLifecycleController;
  private readonly gc: GarbageCollector;
  private readonly replicaSets: ReplicaSetController;
  private readonly ctl: Record<'deployment' | 'replicaset' | 'cronjob' | 'job' | 'endpoints' | 'namespace' | 'serviceaccount' | 'persistentvolume' | 'gc', Controller>;

  /** The store's writes since load, in order, when the state is saved write by write (a real etcd); else none. */
  readonly writes: Write[];

  /**
   * @param base the wall clock (or KUBESIM_NOW) at load: virtual time resumes at base + saved offset, never
   * earlier than when it was saved.
   */
  constructor(
    readonly name: string,
    state: Omit<ClusterState, 'format' | 'name'>,
    private readonly baseAtLoad: number,
    options: ClusterOptions = {},
  ) {
    // the world resumes where it was saved; catchUp() then plays out what happened since, timer by timer
    const clock = new VirtualClock(state.clock.now);
    this.catchUpTo = Math.max(baseAtLoad + state.clock.offsetMs, state.clock.now);
    const store = new Store(state.store, options.lazy);
    store.addIndex(PODS_BY_NODE, '/registry/pods/', podNodeValues);
    this.writes = options.recordWrites ? store.recordWrites() : [];
    this.world = { clock, store, rand: new Rand(state.rand), log: new EventLog(() => clock.now()), timers: new Timers(state.timers), containers: new ContainerMemory({ containers: state.containers, sharedEnv: state.sharedEnv }) };
    // a real etcd that replays the writes runs out its own leases (see EtcdBackend.save)
    this.api = new ApiServer(this.world, options.recordWrites ? {} : { eventTtlSeconds: EVENT_TTL_SECONDS });
    this.downNodes = { ...(state.downNodes ?? {}) };
    this.accessLog = structuredClone(state.accessLog ?? {});
    this.spec = state.spec;
    const w = this.world;
    const cm = new Client(this.api, CONTROLLER_MANAGER, 'controller-manager');
    const recorder = (component: string) => new Recorder(w, cm, { component });
    this.gc = new GarbageCollector(w, cm);
    this.replicaSets = new ReplicaSetController(w, cm, recorder('replicaset-controller'));
    this.ctl = {
      gc: new Controller(w, this.gc),
      namespace: new Controller(w, new NamespaceController(w, cm)),
      serviceaccount: new Controller(w, new ServiceAccountController(w, cm)),
      deployment: new Controller(w, new DeploymentController(w, cm, recorder('deployment-controller'))),
      replicaset: new Controller(w, this.replicaSets),
      cronjob: new Controller(w, new CronJobController(w, cm, recorder('cronjob-controller'))),
      job: new Controller(w, new JobController(w, cm, recorder('job-controller'))),
      endpoints: new Controller(w, new EndpointsController(w, cm)),
      persistentvolume: new Controller(w, new PersistentVolumeController(w, cm, recorder('persistentvolume-controller'))),
    };
    for (const c of Object.values(this.ctl)) this.byOwner.set(c.owner, c);
    this.byOwner.set(LESSOR, { onTimer: (t) => this.leaseExpired(Number(t.key)) });
    this.nodeLifecycle = new NodeLifecycleController(w, cm, recorder('node-controller'), recorder('taint-eviction-controller'), this.downNodes);
    this.byOwner.set(this.nodeLifecycle.owner, this.nodeLifecycle);
    const schedClient = new Client(this.api, SCHEDULER, 'scheduler');
    // kube-scheduler runs on the control-plane node's network: its hostname names its events' reporting instance
    this.scheduler = new Scheduler(w, schedClient, new EventsRecorder(w, schedClient, 'default-scheduler', `default-scheduler-${name}-control-plane`));
    this.byOwner.set(this.scheduler.owner, this.scheduler);
    // clusters saved before kubesim recorded their spec are kind's default size
    this.proxier = new Proxier(w, () => podSubnetFor((this.spec?.workers ?? 0) + 1));
    this.byOwner.set(this.proxier.owner, this.proxier);
    this.ipam = new Ipam({ ...state.ipam });
    for (const n of store.list('/registry/minions/')) this.addKubelet(n.metadata.name);
    this.wire();
  }

  private addKubelet(node: string): void {
    const client = new Client(this.api, nodeUser(node), 'kubelet');
    const kubelet = new Kubelet(this.world, node, client, new Recorder(this.world, client, { component: 'kubelet', host: node }), this.ipam, () => node in this.downNodes);
    this.kubelets.add(kubelet);
    this.byOwner.set(kubelet.owner, kubelet);
  }

  /** The informers: which watch event wakes which controller, for which key. */
  private wire(): void {
    const { store } = this.world;
    const key = (o: KObject) => `${o.metadata.namespace}/${o.metadata.name}`;
    store.watch('/registry/deployments/', (e) => this.ctl.deployment.queue.add(key(e.object)));
    store.watch('/registry/replicasets/', (e) => {
      this.ctl.replicaset.queue.add(key(e.object));
      const d = ownerKey(e.object, 'Deployment');
      if (d) this.ctl.deployment.queue.add(d);
    });
    store.watch('/registry/cronjobs/', (e) => this.ctl.cronjob.queue.add(key(e.object)));
    store.watch('/registry/jobs/', (e) => {
      this.ctl.job.queue.add(key(e.object));
      const cronJob = ownerKey(e.object, 'CronJob');
      if (cronJob) this.ctl.cronjob.queue.add(cronJob);
    });
    store.watch('/registry/pods/', (e) => this.onPod(e));
    store.watch('/registry/services/specs/', (e) => {
      this.ctl.endpoints.queue.add(key(e.object));
      this.proxier.onChange();
    });
    store.watch('/registry/endpointslices/', () => this.proxier.onChange());
    store.watch('/registry/persistentvolumeclaims/', (e) => {
      this.ctl.persistentvolume.queue.add(key(e.object));
      this.scheduler.onClaim();
      if (e.type !== 'DELETED') for (const k of this.kubelets.all()) k.onConfigChange(e.object.metadata.namespace!);
    });
    store.watch('/registry/persistentvolumes/', () => {
      for (const c of store.list('/registry/persistentvolumeclaims/')) if (!(c.spec as { volumeName?: string })?.volumeName || c.metadata.deletionTimestamp) this.ctl.persistentvolume.queue.add(key(c));
      this.ctl.persistentvolume.queue.add('/');
    });
    store.watch('/registry/minions/', (e) => {
      if (e.type === 'ADDED') this.addKubelet(e.object.metadata.name);
      this.scheduler.onNode(e);
    });
    store.watch('/registry/namespaces/', (e) => {
      this.ctl.namespace.queue.add(e.object.metadata.name);
      this.ctl.serviceaccount.queue.add(e.object.metadata.name);
    });
    for (const prefix of ['/registry/serviceaccounts/', '/registry/configmaps/']) {
      store.watch(prefix, (e) => {
        if (e.type === 'DELETED') this.ctl.serviceaccount.queue.add(e.object.metadata.namespace!);
      });
    }
    for (const prefix of ['/registry/secrets/', '/registry/configmaps/']) {
      store.watch(prefix, (e) => {
        if (e.type !== 'DELETED') for (const k of this.kubelets.all()) k.onConfigChange(e.object.metadata.namespace!);
      });
    }
    for (const r of RESOURCES.filter((r) => r.ownsDependents)) {
      store.watch(etcdPrefix(r), (e) => {
        const key = e.type === 'DELETED' ? this.gc.ownerDeleted(e.object) : this.gc.ownerChanged(e.object);
        if (key) this.ctl.gc.queue.add(key);
      });
    }
    // an owner deleted in the foreground waits for its dependents to be gone
    for (const kind of DEPENDENT_KINDS) {
      store.watch(etcdPrefix(byKindOnly(kind)!), (e) => {
        if (e.type === 'DELETED') for (const key of this.gc.dependentDeleted(e.object)) this.ctl.gc.queue.add(key);
      });
    }
  }

  private onPod(e: WatchEvent): void {
    // a claim waits for its first scheduled consumer, and a claim being deleted for its last one to go
    for (const v of asPod(e.object).spec?.volumes ?? []) {
      if (v.persistentVolumeClaim) this.ctl.persistentvolume.queue.add(`${e.object.metadata.namespace}/${v.persistentVolumeClaim.claimName}`);
    }
    for (const key of this.replicaSets.onPod(e)) this.ctl.replicaset.queue.add(key);
    const rs = ownerKey(e.object, 'ReplicaSet');
    if (rs) {
      // Recreate waits for old pods to be gone: their owner's deployment looks again
      const rsObj = e.type === 'DELETED' ? this.world.store.get(`/registry/replicasets/${rs}`)?.value : undefined;
      const d = rsObj && ownerKey(rsObj, 'Deployment');
      if (d) this.ctl.deployment.queue.add(d);
    }
    const job = ownerKey(e.object, 'Job');
    if (job) this.ctl.job.queue.add(job);
    this.scheduler.onPod(e);
    const node = asPod(e.object).spec?.nodeName;
    if (node) this.kubelets.get(node)?.onPod(e);
    const ns = e.object.metadata.namespace;
    for (const svc of this.world.store.list(`/registry/services/specs/${ns}/`)) {
      const selector = (svc as { spec?: { selector?: Record<string, string> } }).spec?.selector;
      const labels = [e.object.metadata.labels, e.previous?.metadata.labels];
      if (labels.some((l) => mapSelectorMatches(selector, l))) this.ctl.endpoints.queue.add(`${ns}/${svc.metadata.name}`);
    }
  }

  /** etcd's lessor: a lease ran out, its keys go (the events written with it an hour ago). */
  private leaseExpired(lease: number): void {
    const deleted = this.world.store.revokeLease(lease);
    if (deleted) this.world.log.emit('etcd', { kind: 'etcd.lease-expired', lease, deleted: deleted.length });
  }

  /** `kubesim node fail`: the node's kubelet stops; the control plane notices after the grace period. */
  failNode(name: string): void {
    this.nodeLifecycle.kubeletStopped(name);
  }

  /** `kubesim node recover`: the kubelet posts status again and goes back over its pods. */
  recoverNode(name: string): void {
    this.nodeLifecycle.kubeletRecovered(name);
    for (const p of this.world.store.list('/registry/pods/')) {
      if (asPod(p).spec?.nodeName === name) this.kubelets.get(name)?.onPod({ type: 'MODIFIED', key: '', object: p, revision: 0 });
    }
  }

  /** `kubesim curl` and `exec … curl`: a request through cluster DNS and kube-proxy's rules to an app. */
  httpGet(url: string, client: HttpClient): HttpResult {
    const w = this.world;
    this.servedRequests = true;
    return httpGet({ store: w.store, rand: w.rand, clock: w.clock, log: w.log, rules: () => this.proxier.rules(), accessLog: this.accessLog, containers: w.containers }, url, client);
  }

  /** `kubesim proxy rules`: iptables-save of a node, as kube-proxy programmed it. */
  iptablesSave(): string {
    return iptablesSave(this.proxier.rules(), ctime(this.world.clock.now()));
  }

  /** Access logs of pods that still exist. */
  private liveAccessLog(): Record<string, string[]> {
    const uids = new Set(this.world.store.list('/registry/pods/').map((p) => p.metadata.uid));
    return Object.fromEntries(Object.entries(this.accessLog).filter(([uid]) => uids.has(uid)));
  }

  /** What the runtime remembers of containers that still run. */
  private liveContainers(): ContainerMemoryState {
    const running = new Set(
      this.world.store.list('/registry/pods/').flatMap((p) => (asPod(p).status?.containerStatuses ?? []).map((s) => s.containerID?.replace(/^containerd:\/\//, ''))),
    );
    return this.world.containers.state((id) => running.has(id));
  }

  /**
   * A container's main process ends (`kubesim chaos kill`: SIGKILL, 137; an attached shell's `exit N`), told by its
   * node's kubelet (false if the kubelet is down).
   */
  processExited(pod: KObject, container: Container, exitCode: number, signal?: string): boolean {
    const node = asPod(pod).spec?.nodeName;
    const kubelet = node ? this.kubelets.get(node) : undefined;
    if (!kubelet || node! in this.downNodes) return false;
    kubelet.processExited(pod, container, exitCode, signal);
    return true;
  }

  /**
   * Plays out the time passed since the last command: every timer due by now fires at its own virtual time
   * (a crash loop keeps restarting between two commands), then the clock reaches now.
   */
  catchUp(): void {
    this.resync();
    const gap = this.catchUpTo - this.world.clock.now();
    const due = this.world.timers.all().some((t) => t.at <= this.catchUpTo);
    if (due) this.world.log.emit('simulator', { kind: 'sim.waited', fromMs: this.world.clock.now(), toMs: this.catchUpTo, why: '' });
    this.stabilize(0, Math.max(0, gap));
  }

  /** Level-triggered restart: every controller looks at every object once, as informers do after a re-list. */
  resync(): void {
    const { store } = this.world;
    const key = (o: KObject) => `${o.metadata.namespace}/${o.metadata.name}`;
    for (const d of store.list('/registry/deployments/')) this.ctl.deployment.queue.add(key(d));
    for (const rs of store.list('/registry/replicasets/')) this.ctl.replicaset.queue.add(key(rs));
    for (const cj of store.list('/registry/cronjobs/')) this.ctl.cronjob.queue.add(key(cj));
    for (const job of store.list('/registry/jobs/')) this.ctl.job.queue.add(key(job));
    for (const s of store.list('/registry/services/specs/')) this.ctl.endpoints.queue.add(key(s));
    for (const n of store.list('/registry/namespaces/')) if (n.metadata.deletionTimestamp) this.ctl.namespace.queue.add(n.metadata.name);
    for (const p of store.list('/registry/pods/')) {
      const node = asPod(p).spec?.nodeName;
      if (node) this.kubelets.get(node)?.onPod({ type: 'MODIFIED', key: '', object: p, revision: 0 });
    }
  }

  /** The order components are asked for work: the story of a request reads top to bottom. */
  private components(): Component[] {
    const c = this.ctl;
    // built once: the engine asks for them at every step, millions of times in a big rollout
    return (this.ordered ??= [c.gc, c.namespace, c.serviceaccount, c.persistentvolume, c.deployment, c.replicaset, c.cronjob, c.job, this.scheduler, this.kubelets, c.endpoints, this.proxier]);
  }

  private ordered?: Component[];

  private fire = (t: Timer): void => {
    this.byOwner.get(t.owner)?.onTimer(t);
  };

  /**
   * Runs until nothing is left to do, jumping over idle waits up to `settleMs` ahead (0 = only what is due now).
   * With `waitMs`, time also passes for the patient timers (back-offs, grace periods): `kubesim wait`.
   */
  stabilize(settleMs = SETTLE_MS, waitMs = 0): StabilizeResult {
    const start = this.world.clock.now();
    const horizon = start + Math.max(settleMs, waitMs);
    const eventsBefore = this.world.log.count;
    const onProgress = this.onProgress && (() => this.onProgress!(this.progress(start)));
    const result = runUntilStable(this.world, () => this.components(), this.fire, { horizon, patientUntil: start + waitMs, ...(onProgress && { onProgress }) });
    if (waitMs) this.world.clock.advanceTo(start + waitMs);
    if (!result.converged) this.world.log.emit('simulator', { kind: 'sim.not-converged', steps: result.steps });
    // a command that found nothing to do says nothing about it
    else if (this.world.log.count > eventsBefore) this.world.log.emit('simulator', { kind: 'sim.stable', steps: result.steps, elapsedMs: this.world.clock.now() - start });
    return result;
  }

  spec?: ClusterState['spec'];

  /** Told how a long run is going (set by the CLI on a terminal). */
  onProgress?: (p: Progress) => void;

  private progress(since: number): Progress {
    // asked every few thousand steps: a count here costs less than an index every pod write would keep
    const pods = this.world.store.list('/registry/pods/');
    return { running: pods.filter((p) => asPod(p).status?.phase === 'Running').length, pods: pods.length, elapsedMs: this.world.clock.now() - since };
  }

  save(): ClusterState {
    const now = this.world.clock.now();
    return {
      spec: this.spec,
      format: 1,
      name: this.name,
      store: this.world.store.snapshot({ leaveUnread: true }),
      clock: { now, offsetMs: now - this.baseAtLoad },
      rand: this.world.rand.state(),
      timers: this.world.timers.all(),
      ipam: this.ipam.state(),
      ...(Object.keys(this.downNodes).length ? { downNodes: { ...this.downNodes } } : {}),
      ...(Object.keys(this.accessLog).length ? { accessLog: this.liveAccessLog() } : {}),
      ...(this.world.containers.size ? this.liveContainers() : {}),
    };
  }
}
