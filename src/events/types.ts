/**
 * Every observable step of the simulated control plane, as data. The world emits these; renderers (French or
 * English narration, plain lines, JSON lines) turn them into words. Identifiers and reasons stay in Kubernetes
 * English; no prose lives here.
 */
export type Actor =
  | 'kubectl'
  | 'apiserver'
  | 'etcd'
  | 'scheduler'
  | 'controller-manager'
  | 'kubelet'
  | 'kube-proxy'
  | 'simulator';

export type Verb = 'create' | 'update' | 'patch' | 'delete' | 'get' | 'list' | 'watch';

export interface ObjectRef {
  kind: string;
  namespace?: string;
  name: string;
}

export interface PluginScore {
  plugin: string;
  score: number;
  weight: number;
}

export interface NodeVerdict {
  node: string;
  /** undefined when every filter passed */
  rejectedBy?: string;
  reasons?: string[];
  /** The weighted sum of the score plugins (the breakdown is in scheduler.bound, for the chosen node and runner-up). */
  total?: number;
}

/** One step of a packet through kube-proxy's rules, as data (the narrator phrases it). */
export type NetHop =
  | { kind: 'cluster-ip'; chain: 'KUBE-SERVICES'; service: string; ip: string; port: number }
  | { kind: 'node-port'; chain: 'KUBE-NODEPORTS'; service: string; ip: string; port: number }
  | { kind: 'reject'; chain: 'KUBE-SERVICES'; service: string }
  | { kind: 'svc-rule'; chain: string; rule: number; of: number }
  | { kind: 'dnat'; chain: string; target: string };

type E<K extends string, P> = { kind: K } & P;

export type SimEventBody =
  // 1. the request leaves the client
  | E<'request.sent', { verb: Verb; method: string; path: string; object: ObjectRef; user: string; client: string; dryRun?: boolean }>
  // 2. the API server: authentication, authorization, admission, validation, etcd
  | E<'authn.succeeded', { user: string; groups: string[]; method: string; impersonatedBy?: string }>
  | E<'authz.allowed', { user: string; verb: Verb; resource: string; namespace?: string; via: string }>
  | E<'authz.denied', { user: string; verb: Verb; resource: string; namespace?: string; message: string }>
  | E<'admission.mutated', { plugin: string; object: ObjectRef; changes: string[] }>
  | E<'validation.passed', { object: ObjectRef }>
  | E<'validation.failed', { object: ObjectRef; errors: string[] }>
  | E<'etcd.written', { op: 'create' | 'update' | 'delete'; key: string; revision: number; object: ObjectRef; subresource?: string; by: string; gracefulDeletion?: number }>
  | E<'etcd.lease-expired', { lease: number; deleted: number }>
  | E<'apply.unchanged', { object: ObjectRef }>
  | E<'service.ip-allocated', { service: ObjectRef; clusterIP: string; ports: string }>
  // 6. controllers watch and reconcile
  | E<'deployment.rs-created', { deployment: ObjectRef; replicaSet: string; hash: string; replicas: number; revision: string; etcdRevision: number }>
  | E<'deployment.rs-adopted', { deployment: ObjectRef; replicaSet: string }>
  | E<'deployment.scaled', { deployment: ObjectRef; replicaSet: string; from: number; to: number; rolling: boolean }>
  | E<'deployment.available', { deployment: ObjectRef; ready: number; replicas: number }>
  | E<'replicaset.observed', { replicaSet: ObjectRef; want: number; have: number }>
  | E<'replicaset.pod-created', { replicaSet: ObjectRef; pod: string; etcdRevision: number }>
  | E<'replicaset.pod-deleted', { replicaSet: ObjectRef; pod: string }>
  | E<'replicaset.pod-released', { replicaSet: ObjectRef; pod: string }>
  | E<'replicaset.pod-adopted', { replicaSet: ObjectRef; pod: string }>
  | E<'job.pod-created', { job: ObjectRef; pod: string; etcdRevision: number }>
  // unneeded: stopped once the Job had already succeeded (its success policy met), so no failure
  | E<'job.pod-ended', { job: ObjectRef; pod: string; succeeded: boolean; unneeded: boolean; policy?: 'Count' | 'FailJob' | 'Ignore'; counts: { succeeded: number; failed: number } }>
  | E<'job.pod-deleted', { job: ObjectRef; pod: string }>
  | E<'job.backing-off', { job: ObjectRef; delayMs: number }>
  | E<'job.suspended', { job: ObjectRef; suspended: boolean }>
  | E<'job.finished', { job: ObjectRef; complete: boolean; reason: string; succeeded: number; failed: number; ttlSeconds?: number }>
  | E<'job.expired', { job: ObjectRef; ttlSeconds: number }>
  | E<'cronjob.job-created', { cronJob: ObjectRef; job: string; schedule: string; scheduledAt: string; nextAt?: string }>
  | E<'cronjob.skipped', { cronJob: ObjectRef; job: string; running: string[] }>
  | E<'cronjob.job-deleted', { cronJob: ObjectRef; job: string; why: 'history' | 'replaced' }>
  | E<'volume.provisioned', { claim: ObjectRef; volume: string; storageClass: string; size: string; node?: string }>
  | E<'volume.bound', { claim: ObjectRef; volume: string }>
  | E<'volume.deleted', { volume: string }>
  | E<'gc.deleted', { owner: ObjectRef; dependent: ObjectRef; foreground?: boolean }>
  | E<'gc.orphaned', { owner: ObjectRef; dependent: ObjectRef }>
  | E<'endpoints.updated', { service: ObjectRef; ready: string[]; notReady: number; before: number }>
  | E<'node.heartbeat-lost', { node: string; graceSeconds: number }>
  | E<'node.not-ready', { node: string; pods: number; evictions: number; afterSeconds: number }>
  | E<'node.pod-evicted', { node: string; pod: ObjectRef }>
  | E<'node.ready', { node: string; cancelledEvictions: number }>
  // 3. the scheduler
  // verdicts: every node looked at, in walk order; when no listener reads every event in full (EventLog.detailed), the
  // rejected ones only (a narrator counts the rest)
  | E<'scheduler.filtered', { pod: ObjectRef; verdicts: NodeVerdict[]; feasible: number; evaluated: number; total: number }>
  // verdicts: every node scored, in walk order; when no listener reads every event in full, the best NODES_NAMED
  // (best-scored.ts) in walk order, and `scoredNodes` how many were scored
  | E<'scheduler.scored', { pod: ObjectRef; verdicts: NodeVerdict[]; scoredNodes?: number }>
  | E<'scheduler.bound', { pod: ObjectRef; node: string; score?: number; scores?: PluginScore[]; runnerUp?: { node: string; score: number; scores: PluginScore[] }; tieBroken: boolean; alone: boolean }>
  | E<'scheduler.waiting-for-volumes', { pod: ObjectRef; node: string; claims: string[] }>
  | E<'scheduler.failed', { pod: ObjectRef; message: string }>
  // 4. the kubelet and the container runtime
  | E<'kubelet.pod-seen', { node: string; pod: ObjectRef }>
  | E<'kubelet.sandbox-ready', { node: string; pod: ObjectRef; ip: string }>
  | E<'runtime.image-pulling', { node: string; pod: ObjectRef; image: string }>
  | E<'runtime.image-pulled', { node: string; pod: ObjectRef; image: string; ms: number; bytes: number }>
  | E<'runtime.image-present', { node: string; pod: ObjectRef; image: string }>
  | E<'runtime.image-pull-failed', { node: string; pod: ObjectRef; image: string; retryInMs: number; attempt: number }>
  | E<'runtime.container-started', { node: string; pod: ObjectRef; container: string; image: string; restarts: number }>
  | E<'kubelet.container-exited', { node: string; pod: ObjectRef; container: string; exitCode: number; signal?: string; restartInMs?: number; restarts: number }>
  | E<'kubelet.pod-finished', { node: string; pod: ObjectRef; phase: string }>
  | E<'kubelet.readiness-failed', { node: string; pod: ObjectRef; container: string; output: string }>
  | E<'kubelet.liveness-failed', { node: string; pod: ObjectRef; container: string; output: string }>
  | E<'kubelet.config-error', { node: string; pod: ObjectRef; container: string; message: string }>
  | E<'kubelet.pod-running', { node: string; pod: ObjectRef; ip: string; ready: boolean }>
  | E<'kubelet.container-stopping', { node: string; pod: ObjectRef; container: string; graceSeconds: number }>
  | E<'kubelet.pod-removed', { node: string; pod: ObjectRef }>
  // 5. kube-proxy
  | E<'proxy.synced', { nodes: number; service: ObjectRef; clusterIP: string; port: string; chain: string; endpoints: string[]; added: number; removed: number }>
  // the simulation itself
  | E<'cluster.created', { name: string; nodes: Array<{ name: string; role: string; cpu: string; memory: string }> }>
  | E<'sim.waited', { fromMs: number; toMs: number; why: string }>
  | E<
      'net.request',
      {
        from: string;
        url: string;
        outcome: 'ok' | 'nxdomain' | 'refused' | 'no-endpoints' | 'timeout' | 'empty' | 'bad-url';
        host: string;
        port: number;
        ip?: string;
        status?: number;
        pod?: string;
        node?: string;
        hops: NetHop[];
      }
    >
  | E<'chaos.killed', { pod: ObjectRef; container: string; node: string }>
  | E<'sim.stable', { steps: number; elapsedMs: number }>
  | E<'sim.not-converged', { steps: number }>;

export type SimEventKind = SimEventBody['kind'];

/** An event as logged: its body plus when (virtual ms), in what order, and who did it. */
export type SimEvent = SimEventBody & { seq: number; at: number; actor: Actor };

export type EventOf<K extends SimEventKind> = Extract<SimEvent, { kind: K }>;
