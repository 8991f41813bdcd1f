import { userRequest } from '../../events/sink.js';
import { bestScored, breakdown, decisive, ENDPOINTS_NAMED, list, megabytes, NODES_NAMED, rejectionGroups, scoreList, seconds, shortList } from '../format.js';
import type { Catalog, Messages } from '../types.js';

const obj = (o: { kind: string; namespace?: string; name: string }) => `${o.kind} "${o.namespace ? `${o.namespace}/` : ''}${o.name}"`;
const OPS = { create: 'creates', update: 'updates', delete: 'deletes' } as const;
const QUIET_KEYS = ['/registry/events/', '/registry/minions/'];
const s = (n: number) => (n === 1 ? '' : 's');

/** The English narration: the same events, the same emoji, the second catalog of `--lang en`. */
/** What a Job's pod failure policy made of a failed pod, told after it. */
const POLICY_EN = {
  none: '',
  Count: ' (podFailurePolicy: a Count rule, it counts towards backoffLimit)',
  Ignore: ' (podFailurePolicy: an Ignore rule, it does not count towards backoffLimit)',
  FailJob: ' (podFailurePolicy: a FailJob rule, the whole Job fails without waiting for backoffLimit)',
};

export const en: Catalog = {
  'request.sent': (e) =>
    userRequest(e.client) ? { step: 1, emoji: '📨', text: `kubectl → API Server: ${e.method} ${e.path}${e.dryRun ? ' (dry run)' : ''} — ${obj(e.object)}` } : null,
  'authn.succeeded': (e, ctx) =>
    userRequest(ctx.requestClient)
      ? e.impersonatedBy
        ? { step: 2, emoji: '🛂', text: `API Server: authentication — "${e.impersonatedBy}" (${e.method} client certificate) asks to act as "${e.user}" (--as): the request is handled as theirs, groups ${e.groups.join(', ')}` }
        : { step: 2, emoji: '🛂', text: `API Server: authentication — "${e.user}" (${e.method} client certificate, groups ${e.groups.join(', ')})` }
      : null,
  'authz.allowed': (e, ctx) =>
    userRequest(ctx.requestClient)
      ? { step: 2, emoji: '🛂', text: `API Server: RBAC authorization — ${e.verb} ${e.resource}${e.namespace ? ` in "${e.namespace}"` : ''} allowed by ${e.via}` }
      : null,
  'authz.denied': (e) => ({ step: 2, emoji: '🚫', text: `API Server: RBAC denies — "${e.user}" may not ${e.verb} ${e.resource}${e.namespace ? ` in "${e.namespace}"` : ''}` }),
  'admission.mutated': (e, ctx) =>
    userRequest(ctx.requestClient)
      ? {
          step: 2,
          emoji: '🛂',
          text: e.plugin === 'defaults' ? `API Server: defaults added to ${obj(e.object)} — ${shortList(e.changes, 4)}` : `API Server: admission ${e.plugin} — ${shortList(e.changes, 3)}`,
        }
      : null,
  'validation.passed': (e, ctx) => (userRequest(ctx.requestClient) ? { step: 2, emoji: '🛂', text: `API Server: validation — ${obj(e.object)} is valid (schema and rules)` } : null),
  'validation.failed': (e) => ({ step: 2, emoji: '🚨', text: `API Server: validation rejects ${obj(e.object)} — ${e.errors.join('; ')}` }),
  'etcd.written': (e, ctx) => {
    if (QUIET_KEYS.some((k) => e.key.startsWith(k))) return null;
    if (e.subresource === 'binding') return { step: 3, emoji: '💾', text: `etcd: spec.nodeName stored in ${e.key} (revision ${e.revision})` };
    if (!userRequest(e.by) && !userRequest(ctx.requestClient)) return null;
    if (e.gracefulDeletion !== undefined) {
      return { step: 2, emoji: '💾', text: `etcd: ${e.key} marked for deletion (deletionTimestamp, grace period ${e.gracefulDeletion} s) — revision ${e.revision}` };
    }
    return { step: 2, emoji: '💾', text: `etcd: ${OPS[e.op]} ${e.key} (revision ${e.revision})` };
  },
  'etcd.lease-expired': (e) => ({
    step: 2,
    emoji: '⌛',
    text: `etcd: lease ${e.lease} runs out → ${e.deleted ? `${e.deleted} event${e.deleted > 1 ? 's' : ''} deleted` : 'the events written with it are deleted'} (kube-apiserver writes each event on a one-hour lease, --event-ttl=1h)`,
  }),
  'apply.unchanged': (e) => ({ step: 1, emoji: '🟰', text: `kubectl: ${obj(e.object)} matches what etcd holds — nothing to send` }),
  'service.ip-allocated': (e) => ({ step: 2, emoji: '🛂', text: `API Server: ${obj(e.service)} gets the virtual IP ${e.clusterIP} (${e.ports})` }),
  'deployment.rs-created': (e) => ({
    step: 6,
    emoji: '👀',
    text: `Deployment controller: new pod template for ${obj(e.deployment)} → creates ReplicaSet ${e.replicaSet} (pod-template-hash ${e.hash}, rollout revision ${e.revision}) 💾 /registry/replicasets/${e.deployment.namespace}/${e.replicaSet} (etcd revision ${e.etcdRevision})`,
  }),
  'deployment.rs-adopted': (e) => ({ step: 6, emoji: '👀', text: `Deployment controller: orphan ReplicaSet ${e.replicaSet} has the labels of ${e.deployment.name}'s selector → adopts it (ownerReference added), with its pods` }),
  'deployment.scaled': (e) => ({
    step: 6,
    emoji: '👀',
    text: `Deployment controller: ReplicaSet ${e.replicaSet} from ${e.from} to ${e.to} replica${s(e.to)}${e.rolling ? ' (rolling update, maxSurge/maxUnavailable)' : ''}`,
  }),
  'deployment.available': (e) => ({ step: 6, emoji: '✅', text: `${obj(e.deployment)} available: ${e.ready}/${e.replicas} pods ready` }),
  'replicaset.observed': (e) => ({
    step: 6,
    emoji: '👀',
    text:
      e.have < e.want
        ? `ReplicaSet controller: ${e.replicaSet.name} has ${e.have} pod${s(e.have)} for ${e.want} wanted → creates ${e.want - e.have}`
        : `ReplicaSet controller: ${e.replicaSet.name} has ${e.have} pods for ${e.want} wanted → deletes ${e.have - e.want}`,
  }),
  'replicaset.pod-created': (e) => ({ step: 6, emoji: '👀', text: `ReplicaSet controller: creates pod ${e.pod} 💾 /registry/pods/${e.replicaSet.namespace}/${e.pod} (revision ${e.etcdRevision})` }),
  'replicaset.pod-deleted': (e) => ({ step: 6, emoji: '👀', text: `ReplicaSet controller: deletes pod ${e.pod}` }),
  'replicaset.pod-released': (e) => ({
    step: 6,
    emoji: '👀',
    text: `ReplicaSet controller: pod ${e.pod} no longer has the labels of ${e.replicaSet.name}'s selector → releases it (ownerReference removed); the pod keeps running, alone, and no longer counts among its replicas`,
  }),
  'replicaset.pod-adopted': (e) => ({
    step: 6,
    emoji: '👀',
    text: `ReplicaSet controller: orphan pod ${e.pod} has the labels of ${e.replicaSet.name}'s selector → adopts it (ownerReference added) and counts it among its replicas`,
  }),
  'job.pod-created': (e) => ({ step: 6, emoji: '👀', text: `Job controller: creates pod ${e.pod} for ${obj(e.job)} 💾 /registry/pods/${e.job.namespace}/${e.pod} (revision ${e.etcdRevision})` }),
  'job.pod-ended': (e) =>
    e.unneeded
      ? { step: 6, emoji: '👀', text: `Job controller: pod ${e.pod} was no longer needed, the Job having already succeeded (successPolicy) → stopped, not counted as a failure` }
      : { step: 6, emoji: e.succeeded ? '🏁' : '💥', text: `Job controller: pod ${e.pod} ${e.succeeded ? 'completed its task successfully' : 'failed'}${POLICY_EN[e.policy ?? 'none']} → counted (${e.counts.succeeded} succeeded, ${e.counts.failed} failed); its batch.kubernetes.io/job-tracking finalizer is removed, the pod stays for its logs` },
  'job.pod-deleted': (e) => ({ step: 6, emoji: '👀', text: `Job controller: deletes pod ${e.pod} of ${obj(e.job)}` }),
  'job.backing-off': (e) => ({ step: 6, emoji: '⏳', text: `Job controller: a pod of ${obj(e.job)} just failed → waits ${seconds(e.delayMs, 'en')} more before creating another (10 s, doubled for each failure in a row, up to 10 min)` }),
  'job.suspended': (e) => ({ step: 6, emoji: '⏸️', text: e.suspended ? `Job controller: ${obj(e.job)} is suspended (spec.suspend) → its active pods are deleted, none is created` : `Job controller: ${obj(e.job)} resumes → it creates its pods again` }),
  'job.finished': (e) =>
    e.complete
      ? { step: 6, emoji: '✅', text: `Job controller: ${obj(e.job)} finished (Complete) — ${e.succeeded} pod${e.succeeded > 1 ? 's' : ''} succeeded${e.ttlSeconds !== undefined ? `; it will be deleted in ${e.ttlSeconds} s (ttlSecondsAfterFinished)` : '; the Job and its pods stay, to read their logs'}` }
      : { step: 6, emoji: '🚨', text: `Job controller: ${obj(e.job)} failed (Failed, ${e.reason}) — ${e.failed} failure${e.failed > 1 ? 's' : ''}; no more pods will be created` },
  'job.expired': (e) => ({ step: 6, emoji: '🧹', text: `TTL-after-finished controller: ${obj(e.job)} finished ${e.ttlSeconds} s ago → deletes it, with its pods` }),
  'cronjob.job-created': (e) => ({
    step: 6,
    emoji: '⏰',
    text: `CronJob controller: it is ${e.scheduledAt.slice(11, 16)} UTC, a time of ${obj(e.cronJob)}'s schedule "${e.schedule}" → creates Job ${e.job} (named after the time in minutes: never twice the same)${e.nextAt ? `; next at ${e.nextAt.slice(11, 16)}` : ''}`,
  }),
  'cronjob.skipped': (e) => ({ step: 6, emoji: '⏰', text: `CronJob controller: ${obj(e.cronJob)} still has ${shortList(e.running, 3)} running and concurrencyPolicy: Forbid → no Job ${e.job}` }),
  'cronjob.job-deleted': (e) =>
    e.why === 'history'
      ? { step: 6, emoji: '🧹', text: `CronJob controller: ${obj(e.cronJob)} keeps only its latest finished Jobs (successfulJobsHistoryLimit, failedJobsHistoryLimit) → deletes ${e.job} and its pods` }
      : { step: 6, emoji: '⏰', text: `CronJob controller: concurrencyPolicy: Replace → Job ${e.job}, still running, is deleted to make room for the new one` },
  'volume.provisioned': (e) => ({ step: 6, emoji: '💽', text: `Storage provisioner: class "${e.storageClass}" creates volume ${e.volume} (${e.size}) for ${obj(e.claim)}${e.node ? `, on node ${e.node}'s disk: the data will stay on that node` : ''}` }),
  'volume.bound': (e) => ({ step: 6, emoji: '💽', text: `Volume controller: ${obj(e.claim)} is Bound to volume ${e.volume}` }),
  'volume.deleted': (e) => ({ step: 6, emoji: '💽', text: `Volume controller: no claim left for ${e.volume}, Delete policy → the volume is deleted` }),
  'gc.deleted': (e) =>
    e.foreground
      ? { step: 6, emoji: '🧹', text: `Garbage collector: ${obj(e.owner)} is deleted in the foreground → first deletes ${obj(e.dependent)} it owns; it waits` }
      : { step: 6, emoji: '🧹', text: `Garbage collector: ${obj(e.owner)} is gone → deletes ${obj(e.dependent)} it owned` },
  'gc.orphaned': (e) => ({ step: 6, emoji: '🧹', text: `Garbage collector: ${obj(e.owner)} is deleted without its dependents (orphan) → ${obj(e.dependent)} no longer belongs to it, and stays` }),
  'endpoints.updated': (e) => {
    const n = e.ready.length;
    const list = n ? `${n} ready pod${s(n)}: ${shortList(e.ready, ENDPOINTS_NAMED)}` : 'no ready pod';
    const starting = e.notReady ? ` (${e.notReady} not ready yet)` : '';
    const story =
      e.before > 0 && n === 0
        ? ' — 🚨 nobody left to answer: the service is down, like the company that depended on one key employee (one server, no redundancy)'
        : e.before > n && n > 0
          ? ` — the service goes on with ${n} pod${s(n)}: like consultants who come and go, one pod replaces another and users do not notice`
          : '';
    return { step: 5, emoji: '👀', text: `Endpoints controller: ${obj(e.service)} → ${list}${starting}${story}` };
  },
  'node.heartbeat-lost': (e) => ({
    step: 6,
    emoji: '💀',
    text: `The kubelet of ${e.node} stops answering. The node controller no longer sees its heartbeats; it waits ${e.graceSeconds} s (node-monitor-grace-period) before deciding`,
  }),
  'node.not-ready': (e) => ({
    step: 6,
    emoji: '🚨',
    text: `Node controller: ${e.node} is NotReady (Ready=Unknown), tainted node.kubernetes.io/unreachable (NoSchedule, NoExecute); its ${e.pods} pods are no longer ready and ${e.evictions} will be evicted in ${e.afterSeconds} s (default toleration)`,
  }),
  'node.pod-evicted': (e) => ({ step: 6, emoji: '🧹', text: `Eviction controller: ${e.pod.name}'s toleration is over → the pod is deleted from ${e.node}; its controller will recreate it elsewhere` }),
  'node.ready': (e) => ({ step: 6, emoji: '💚', text: `The kubelet of ${e.node} answers again: Ready, taints lifted${e.cancelledEvictions ? `, ${e.cancelledEvictions} evictions cancelled` : ''}` }),
  'scheduler.filtered': (e) => {
    const rejected = e.verdicts.filter((v) => v.rejectedBy);
    const why =
      rejected.length <= NODES_NAMED
        ? rejected.map((v) => `${v.node} rejected by ${v.rejectedBy} (${v.reasons?.join(', ')})`)
        : [`${rejected.length} rejected: ${shortList(rejectionGroups(rejected).map((g) => `${g.count} by ${g.plugin} (${g.reasons})`), NODES_NAMED)}`];
    return {
      step: 3,
      emoji: '🧭',
      text: `Scheduler: pod ${e.pod.name} — filtered ${e.evaluated} node${s(e.evaluated)}: ${e.feasible} kept${why.length ? `; ${why.join('; ')}` : ''}`,
    };
  },
  'scheduler.scored': (e) => {
    const scored = e.scoredNodes ?? e.verdicts.length;
    return {
      step: 3,
      emoji: '🧭',
      text: `Scheduler: scores (weighted sum of plugins) — ${scored <= NODES_NAMED ? scoreList(e.verdicts) : `best ${NODES_NAMED} of ${scored} nodes: ${scoreList(bestScored(e.verdicts))}`}`,
    };
  },
  'scheduler.bound': (e) => {
    if (e.alone) return { step: 3, emoji: '🧭', text: `Scheduler: ${e.pod.name} → ${e.node} (the only possible node, no scoring needed)` };
    const gaps = e.runnerUp ? decisive(e.scores ?? [], e.runnerUp.scores) : [];
    const why = e.tieBroken ? 'a tie: the real kube-scheduler picks at random, kubesim takes the first name so demos replay identically' : gaps.length ? `the gap comes from ${gaps.map((g) => `${g.plugin} (${g.gap > 0 ? '+' : ''}${g.gap})`).join(', ')}` : 'best total';
    return {
      step: 3,
      emoji: '🧭',
      text: `Scheduler: ${e.pod.name} → ${e.node}, ${e.score} points = ${breakdown(e.scores ?? [])}${e.runnerUp ? `; ahead of ${e.runnerUp.node} (${e.runnerUp.score}): ${why}` : ''}`,
    };
  },
  'scheduler.waiting-for-volumes': (e) => ({
    step: 3,
    emoji: '🧭',
    text: `Scheduler: ${e.node} chosen for ${e.pod.name}; the storage class waits for its first consumer (WaitForFirstConsumer) → it writes that node on ${e.claims.join(', ')} and waits for the volume to be created there before binding the pod`,
  }),
  'scheduler.failed': (e) => ({ step: 3, emoji: '🚨', text: `Scheduler: no node for ${e.pod.name} — "${e.message}"; the pod stays Pending${e.message.includes('volume node affinity conflict') ? ' — its data lives on a local volume: it can only go to the node that holds that disk' : ''}` }),
  'kubelet.pod-seen': (e) => ({ step: 4, emoji: '👷', text: `Kubelet on ${e.node}: sees pod ${e.pod.name} assigned to it` }),
  'kubelet.sandbox-ready': (e) => ({ step: 4, emoji: '👷', text: `Kubelet on ${e.node}: network sandbox ready for ${e.pod.name}, IP ${e.ip}` }),
  'runtime.image-pulling': (e) => ({ step: 4, emoji: '📦', text: `Runtime (containerd) on ${e.node}: pulling image ${e.image}…`, waits: true }),
  'runtime.image-pulled': (e) => ({ step: 4, emoji: '📦', text: `Runtime on ${e.node}: image ${e.image} pulled in ${seconds(e.ms, 'en')} (${megabytes(e.bytes, 'en')})` }),
  'runtime.image-present': (e) => ({ step: 4, emoji: '📦', text: `Runtime on ${e.node}: image ${e.image} already on the node, no pull` }),
  'runtime.image-pull-failed': (e) => ({
    step: 4,
    emoji: '🚨',
    text: `Runtime on ${e.node}: the registry has no image ${e.image} (unknown tag?) → ErrImagePull, then ImagePullBackOff; next try in ${seconds(e.retryInMs, 'en')} (attempt ${e.attempt}, the wait doubles up to 5 min)`,
  }),
  'runtime.container-started': (e) => ({
    step: 4,
    emoji: '📦',
    text: e.restarts
      ? `Runtime on ${e.node}: container "${e.container}" recreated and restarted (restart #${e.restarts}) — same pod, same IP`
      : `Runtime on ${e.node}: container "${e.container}" created and started (${e.image})`,
  }),
  'kubelet.container-exited': (e) => ({
    step: 4,
    emoji: e.exitCode === 0 ? '🏁' : '💥',
    text: `Kubelet on ${e.node}: container "${e.container}" of ${e.pod.name} stopped (${e.signal ? `killed by ${e.signal}, ` : ''}exit code ${e.exitCode})${
      e.restartInMs === undefined
        ? '; restartPolicy does not restart it'
        : e.restartInMs <= 1000
          ? ' → the kubelet restarts it right away (restartPolicy)'
          : ` → CrashLoopBackOff: the kubelet waits ${seconds(e.restartInMs, 'en')} before restarting it (10 s, 20 s, 40 s… up to 5 min)`
    }`,
  }),
  'kubelet.readiness-failed': (e) => ({ step: 4, emoji: '🩺', text: `Kubelet on ${e.node}: the readiness probe of "${e.container}" (${e.pod.name}) fails — "${e.output}"; the pod runs but stays out of its Services (READY 0/1)` }),
  'kubelet.liveness-failed': (e) => ({ step: 4, emoji: '🩺', text: `Kubelet on ${e.node}: the liveness probe of "${e.container}" (${e.pod.name}) fails — "${e.output}"; the kubelet kills the container to restart it` }),
  'kubelet.pod-finished': (e) => ({ step: 4, emoji: '🏁', text: `Kubelet on ${e.node}: pod ${e.pod.name} finished (${e.phase})` }),
  'kubelet.config-error': (e) => ({
    step: 4,
    emoji: '🚨',
    text: `Kubelet on ${e.node}: cannot create container "${e.container}" of ${e.pod.name} — ${e.message} (CreateContainerConfigError); it retries once the object exists`,
  }),
  'kubelet.pod-running': (e) => ({
    step: 4,
    emoji: e.ready ? '✅' : '⏳',
    text: e.ready ? `Kubelet on ${e.node}: pod ${e.pod.name} Running and ready, IP ${e.ip}` : `Kubelet on ${e.node}: pod ${e.pod.name} Running, waiting for its readiness probe`,
    waits: !e.ready,
  }),
  'kubelet.container-stopping': (e) => ({ step: 4, emoji: '🛑', text: `Kubelet on ${e.node}: SIGTERM to container "${e.container}" of pod ${e.pod.name} (grace period ${e.graceSeconds} s)` }),
  'kubelet.pod-removed': (e) => ({ step: 4, emoji: '🗑️', text: `Kubelet on ${e.node}: pod ${e.pod.name} stopped, deletion confirmed to the API Server` }),
  'proxy.synced': (e) =>
    e.endpoints.length
      ? {
          step: 5,
          emoji: '🔗',
          text: `kube-proxy (on all ${e.nodes} nodes): ${e.service.namespace}/${e.service.name} ${e.clusterIP}:${e.port} → ${e.chain} spreads over ${list(e.endpoints, 'en', ENDPOINTS_NAMED)} (+${e.added}/−${e.removed} iptables rules)`,
        }
      : { step: 5, emoji: '🔗', text: `kube-proxy (on all ${e.nodes} nodes): no pod left behind ${e.service.namespace}/${e.service.name} (−${e.removed} iptables rules)` },
  'cluster.created': (e) => ({ emoji: '🏗️', text: `Cluster "${e.name}" created: ${e.nodes.map((n) => `${n.name} (${n.role}, ${n.cpu} CPU, ${n.memory})`).join(', ')}` }),
  'sim.waited': (e) => ({
    emoji: '⏱️',
    text: e.why ? `Letting ${e.why} of simulated time pass…` : `Since the last command, ${seconds(e.toMs - e.fromMs, 'en')} went by; here is what happened meanwhile:`,
  }),
  'net.request': (e) => {
    const path = e.hops
      .map((h) =>
        h.kind === 'cluster-ip'
          ? `${h.chain}: ${h.ip}:${h.port} is the ClusterIP of ${h.service}`
          : h.kind === 'node-port'
            ? `${h.chain}: port ${h.port} of node ${h.ip} is the NodePort of ${h.service}`
            : h.kind === 'reject'
              ? `${h.service} has no endpoints → REJECT`
              : h.kind === 'svc-rule'
                ? `${h.chain}: rule ${h.rule}/${h.of}${h.rule < h.of ? ` (random draw: probability 1/${h.of - h.rule + 1})` : ' (the last one, unconditional)'}`
                : `${h.chain}: DNAT → ${h.target}`,
      )
      .join(' → ');
    const dns = e.ip && e.ip !== e.host ? ` (DNS: ${e.host} → ${e.ip})` : '';
    const end =
      e.outcome === 'ok'
        ? `pod ${e.pod} on ${e.node} answers ${e.status}`
        : e.outcome === 'nxdomain'
          ? `CoreDNS does not know ${e.host}`
          : e.outcome === 'no-endpoints'
            ? 'connection refused: no ready pod behind this Service'
            : e.outcome === 'refused'
              ? `connection refused${e.pod ? ` by ${e.pod} (nothing listens on that port)` : ''}`
              : e.outcome === 'empty'
                ? `${e.pod} accepts the connection but does not speak HTTP`
                : e.outcome === 'timeout'
                  ? 'no machine answers at that address (timeout)'
                  : 'invalid URL';
    return { step: 5, emoji: '🌐', text: `Request ${e.url} from ${e.from}${dns}${path ? `: ${path}` : ''} → ${end}` };
  },
  'chaos.killed': (e) => ({ step: 4, emoji: '🔪', text: `Chaos: the main process of container "${e.container}" of ${e.pod.name} (node ${e.node}) gets SIGKILL` }),
  'sim.stable': (e) => ({ emoji: '⏱️', text: `Everything is stable${e.elapsedMs ? ` after ${seconds(e.elapsedMs, 'en')} of simulated time` : ''}.` }),
  'sim.not-converged': (e) => ({ emoji: '🚨', text: `The simulation did not settle after ${e.steps} steps.` }),
};

export const enMessages: Messages = {
  stepTitles: {
    1: '1/6 · the request leaves kubectl',
    2: '2/6 · the API Server checks it and writes to etcd',
    3: '3/6 · the Scheduler picks a node',
    4: '4/6 · the Kubelet and the runtime start the containers',
    5: "5/6 · kube-proxy programs the Service's rules",
    6: '6/6 · controllers watch and repair',
  },
  analogies: {
    kubectl: 'Analogy: kubectl is the request form handed in at the desk; it does nothing itself, it passes the request on.',
    apiserver:
      "Analogy: the API Server is the continuing-education department's HR desk; every request goes through it, and it checks who is asking, whether they may, and that the form is complete.",
    etcd: "Analogy: etcd is the department's records database; what is not written there does not exist, and every change gets a number (the revision).",
    scheduler: 'Analogy: the Scheduler is the planning team; it picks for each consultant (pod) the site (node) with room and resources, without taking them there itself.',
    'controller-manager':
      'Analogy: controllers are the managers who keep comparing planned headcount with actual headcount; a CGI or Alithya consultant leaves? they ask for another one.',
    kubelet: 'Analogy: the Kubelet is the site manager; it welcomes the consultants assigned to it, settles them in and reports whether they are well.',
    'kube-proxy': 'Analogy: kube-proxy is the reception switchboard; you dial one number (the Service) and the call is put through to an available consultant.',
  },
  view: { cpu: 'CPU', memory: 'Memory', pods: 'Pods', pending: 'Waiting for a node:', empty: '(no pods)' },
  portForward: (pod, node, ports) =>
    `🔗 port-forward (${ports}): each local connection goes through the API server, then the kubelet of ${node}, to the container of pod ${pod}. One pod, chosen at the start: no load balancing between the replicas as through the Service (kube-proxy plays no part). Open the address in a browser; Ctrl+C to stop.`,
  diff: '🔍 On the left (LIVE), the object as etcd keeps it; on the right (MERGED), what kubesim apply -f would make of it: the API server computed it in a dry run, writing nothing. Exit code 1: there are differences.',
  kubeconfig: {
    namespace: (context, namespace) => `📒 kubeconfig: context "${context}" now works in namespace "${namespace || 'default'}"; every command without -n goes there (kubesim config view --minify shows it)`,
    switched: (context, cluster, namespace) => `📒 kubeconfig: context "${context}", that is cluster "${cluster || '(none)'}" and namespace "${namespace || 'default'}" for every command without --context or -n`,
    view: "📒 A kubeconfig gathers clusters (where to reach the API server), users (their credentials) and contexts (a cluster, a user, a namespace). On a real cluster (kind, kubeadm) the user carries a client certificate (client-certificate-data, DATA+OMITTED without --raw); kubesim's simulated cluster needs none.",
  },
  canI: {
    allowed: (user, via) => `🛂 RBAC: yes for "${user}", through ${via}`,
    denied: (user, what) => `🚫 RBAC: no, no ClusterRoleBinding or RoleBinding gives "${user}" the right to ${what}; RBAC refuses whatever is not explicitly allowed`,
  },
  progress: (running, pods, seconds) => `⏳ Simulating: ${running}/${pods} pods Running, ${seconds} s of simulated time…`,
  saving: '💾 Saving the cluster state…',
  loading: (mb) => `📂 Reading the cluster state (${mb.toLocaleString('en-US')} MB)…`,
  folded: (n, last, pods) => `${n.toLocaleString('en-US')} more times${pods ? ' for other pods' : ''}, like the last one: ${last}`,
  dbHint: "💡 The app's PostgreSQL database is in manifests/postgres.yaml: kubesim apply -f manifests/postgres.yaml",
  explain: {
    url: (a) => `The manifest could not be downloaded from ${a.detail}: check the address and the network, or download the file and give it to -f.`,
    'no-file': (a) => `The path "${a.path}" does not exist: check the file or folder given to -f.`,
    'no-manifests': (a) => `Nothing to read in "${a.path}": kubectl only takes .yaml, .yml and .json files there (and subfolders with -R).`,
    bomb: (a) => `"${a.source}" is made to exhaust the decoder (YAML aliases multiplied, or JSON nested over 10,000 levels deep): kubectl refuses it, and nothing of this document was sent.`,
    yaml: (a) => `The YAML of "${a.source}" is malformed at line ${a.line}, column ${a.column}: ${a.detail}. Nothing of this document was sent (indent with spaces, never tabs).`,
    'not-object': (a) => `A document of "${a.source}" is not a Kubernetes object (it needs a key: value map with apiVersion, kind and metadata).`,
    'missing-kind': (a) => `kubectl checks before sending: every object declares apiVersion and kind (missing in "${a.source}": ${a.detail}).`,
    'unknown-kind': (a) => `The API Server does not know the type ${a.kind} in version ${a.apiVersion} (removed version or typo? see kubesim api-resources).`,
    'not-simulated': (a) => `${a.kind} (${a.apiVersion}) exists in Kubernetes, but kubesim does not simulate it yet: the object was not created.`,
    'generate-name': (a) => `kubectl apply needs metadata.name to find the object next time; generateName only works with kubectl create ("${a.source}").`,
    'apply-conflict': (a) => `Server-side apply: another manager set this field of ${a.kind} "${a.name}" to another value. Who owns which field is in metadata.managedFields (get … -o yaml --show-managed-fields); --force-conflicts takes it over, or match your manifest to the current value.`,
    'no-objects': () => 'No objects to apply: the file is empty or holds only comments.',
    Invalid: (a) => `The API Server rejected ${a.kind} "${a.name}": the object breaks validation rules (details above). Nothing was written to etcd.`,
    BadRequest: (a) => `The API Server could not decode ${a.kind} "${a.name}": unknown field (typo?) or a value of the wrong type. Nothing was written to etcd.`,
    Forbidden: () => 'RBAC denies this action to this user: it needs a Role/ClusterRole bound by a (Cluster)RoleBinding.',
    NotFound: () => 'The object does not exist (check the name, and the namespace with -n).',
    AlreadyExists: () => 'An object with this name already exists in this namespace.',
    Conflict: () => 'The object changed between read and write (resourceVersion): run the command again.',
    overwrite: (a) => `"${a.detail}" has a value already: kubectl replaces it only with --overwrite, so as not to erase by mistake what someone else set.`,
    RequestEntityTooLarge: () => 'The API Server refuses any request over 3 MiB before even reading it (etcd takes no write over 1.5 MiB). A Kubernetes object describes an intent, not data: put big contents in an image or a volume.',
    'timed-out': (a) => `The time ran out (${a.detail}) before the condition was met: kubesim describe shows where the object stands, and its events why.`,
    usage: (a) => `Incomplete command: ${a.detail}`,
    kubeconfig: (a) => `kubesim's kubeconfig (${a.path}) cannot be read: fix it, or remove it (each kubesim cluster gets its context back).`,
    edit: () => 'kubectl sent nothing: the file was saved empty, or no longer valid YAML. Run kubesim edit again, change the object (without erasing it all), then save and quit the editor.',
    metrics: () =>
      "kubectl top reads the CPU and memory use that metrics-server measures (the metrics.k8s.io API); kubesim does not simulate it, like a new kind cluster where it is still to be installed. What each pod requests, and what the Scheduler counted of it per node, shows in kubesim describe node NAME or kubesim cluster view.",
    context: (a) => `kubesim's kubeconfig has no context "${a.name}": kubesim config get-contexts lists them (each kubesim cluster has its own, kubesim-NAME), kubesim config set-context ${a.name} --cluster=kubesim-kubesim makes one.`,
    precondition: (a) => `kubectl changed nothing: ${a.kind} "${a.name}" is no longer in the state the command required (--current-replicas, --resource-version). Someone may have changed it meanwhile: look at it (get), then run the command again.`,
    source: (a) => `kubectl sent nothing: a ${a.kind}'s data is given with --from-literal=key=value, --from-file=[key=]path (a file, or each file in a folder) or --from-env-file=path (KEY=value lines, alone), each key once, made of letters, digits, "-", "_" and ".".`,
    'watch-one': () => 'get -w follows one thing: every object of one type (narrowed with -l if need be), or one named object. To follow several, open one terminal per get -w.',
    'field-selector': (a) => `The API Server selects ${a.kind ?? 'objects'} by a few fields only: "${a.selector}" is not one of them, or is not written right (field=value, field!=value, separated by commas). Every kind has metadata.name; pods also spec.nodeName, status.phase, status.podIP…, events involvedObject.name, reason, type…`,
    selector: (a) => `The API Server cannot read the selector "${a.selector}": conditions separated by commas, each key=value, key!=value, key in (a,b), key notin (a,b), key (the label exists) or !key (it does not).`,
    'unknown-resource': (a) => `Unknown resource type: "${a.resource}". See kubesim api-resources.`,
    'no-field': (a) => `${a.kind} has no field "${a.field}" there: kubesim explain without that field lists those that exist.`,
    network: (a) => `The request did not go through: ${a.detail}.`,
    exec: (a) => `The command ended with exit code ${a.detail} in the container.`,
    locked: (a) => `Another kubesim has held this cluster for too long (lock ${a.path}).`,
    'store-invalid': () => '--store takes the address of an etcd: etcd://HOST:PORT (e.g. etcd://127.0.0.1:2379).',
    'store-unreachable': () => 'No etcd answers at this address: start it (Debian package etcd-server), or leave out --store to keep the cluster in files.',
    'store-foreign': () => "This etcd already holds another cluster's objects: kubesim does not touch them. Give it an empty etcd, or its own.",
    'home-unwritable': () => "kubesim cannot write the cluster into its directory (KUBESIM_HOME, ~/.kubesim by default): check that it is a directory you may write to, with space left on the disk. The cluster stayed as it was.",
    'lock-lost': () => "This command worked for so long that its lock on the cluster in etcd ran out, and another kubesim command took the cluster meanwhile. So as not to erase what that one did, this one was not saved: run it again.",
    'state-unreadable': () => "The cluster's saved files do not read (changed by hand? a full disk?): put back a copy, or start afresh with kubesim cluster reset.",
    internal: (a) => `kubesim internal error: ${a.detail}`,
  },
};
