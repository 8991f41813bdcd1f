#!/usr/bin/env node
// The scheduler at Kubernetes' scale limit: 5,000 nodes, the default profile's filter and score plugins (all of them
// but NodeVolumeLimits: kubesim has no CSI drivers), and
// percentageOfNodesToScore's adaptive default (10% of 5,000 nodes = 500 feasible nodes looked for per pod).
// Schedules the whole 150,000 pods (an extrapolation from fewer would miss what happens late: memory requests passing
// V8's small integers after 60,000 pods once cost 40%). Prints the time, pods per second and peak memory.
// The pods are a Deployment's, so that PodTopologySpread's default constraints spread them as on a real cluster.
// Scheduler only (no API server, store or kubelets): the cost of the decisions themselves.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dist = join(dirname(fileURLToPath(import.meta.url)), '../dist');
const { scheduleOne } = await import(join(dist, 'scheduler/schedule-one.js'));
const { newNodeInfo, accountPod } = await import(join(dist, 'scheduler/framework/node-info.js'));
const { NO_LISTERS } = await import(join(dist, 'scheduler/framework/interface.js'));

const NODES = Number(process.env.BENCH_NODES ?? 5000);
const PODS = Number(process.env.BENCH_PODS ?? 150000);

const nodes = Array.from({ length: NODES }, (_, i) =>
  newNodeInfo({
    metadata: { name: `node-${String(i).padStart(5, '0')}`, labels: { 'kubernetes.io/hostname': `node-${i}`, 'kubernetes.io/os': 'linux' } },
    spec: {},
    status: { allocatable: { cpu: '32', memory: '128Gi', pods: '110' } },
  }),
);
// a Deployment's pods: their ReplicaSet's selector makes PodTopologySpread's default constraints spread them
const selector = { matchLabels: { app: 'load', 'pod-template-hash': '5d8f7c9b4' } };
const owner = { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'load-5d8f7c9b4', uid: 'rs-uid', controller: true };
// no pod has pod (anti-)affinity: the scheduler knows it without reading its nodes (withAffinityPods)
const listers = { ...NO_LISTERS, controllerSelector: (_ns, o) => (o.name === owner.name ? selector : undefined), withAffinityPods: () => [] };
const pod = (i) => ({
  metadata: { name: `p-${i}`, namespace: 'default', labels: selector.matchLabels, ownerReferences: [owner] },
  spec: { containers: [{ name: 'c', image: 'nginx', resources: { requests: { cpu: '100m', memory: '128Mi' } } }] },
});

let peak = process.memoryUsage().rss;
let start = 0;
const t0 = performance.now();
for (let i = 0; i < PODS; i++) {
  const p = pod(i);
  // as in a quiet CLI run: nothing is kept for a narration nobody reads
  const d = scheduleOne(p, nodes, start, listers, 'quiet');
  start = (start + d.evaluated) % nodes.length;
  if (!d.chosen) throw new Error(`pod ${i} did not fit`);
  accountPod(d.chosen, p, 1);
  if (i % 1000 === 0) peak = Math.max(peak, process.memoryUsage().rss);
}
const seconds = (performance.now() - t0) / 1000;
peak = Math.max(peak, process.memoryUsage().rss);
const rate = PODS / seconds;
console.log(`scheduler: ${PODS} pods on ${NODES} nodes in ${seconds.toFixed(1)} s = ${rate.toFixed(0)} pods/s (upstream SLO: 100 pods/s at 5,000 nodes)`);
console.log(`           goal: 150,000 pods in under 30 s; peak RSS ${(peak / 2 ** 20).toFixed(0)} MiB`);
