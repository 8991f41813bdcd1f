#!/usr/bin/env node
// Benchmarks that print figures (no pass/fail): cold CLI latency against bare Node, the seed scenario, and the
// scheduler's throughput at 5,000 nodes (bench/scheduler.mjs).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(root, 'bin/kubesim.js');
const RUNS = Number(process.env.BENCH_RUNS ?? 15);

function time(args, env) {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  if (r.status !== 0) throw new Error(`${args.join(' ')} failed: ${r.stderr}`);
  return Number(process.hrtime.bigint() - start) / 1e6;
}

const single = (ms) => ({ median: ms, min: ms, max: ms });

/** A figure "to all Running" is only one if every replica is ready afterwards. */
function checkReady(name, env, want) {
  const r = spawnSync(process.execPath, [bin, 'get', 'deployment', name, '--no-headers'], { cwd: root, env: { ...process.env, ...env }, encoding: 'utf8' });
  const ready = r.stdout.split(/ +/)[1];
  if (ready !== `${want}/${want}`) throw new Error(`deployment ${name}: ${ready} ready, ${want} expected`);
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function measure(label, args, env, runs = RUNS, setup) {
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const extra = setup?.() ?? {};
    samples.push(time(args, { ...env, ...extra }));
  }
  return { label, median: median(samples), min: Math.min(...samples), max: Math.max(...samples) };
}

const home = mkdtempSync(join(tmpdir(), 'kubesim-bench-'));
const env = { KUBESIM_HOME: home, KUBESIM_NOW: '2026-11-23T10:00:00Z', KUBESIM_SEED: 'bench', KUBESIM_NARRATION: 'off' };
time([bin, 'apply', '-f', 'manifests/'], env);

const results = [];
results.push(measure('node -e 0', ['-e', '0'], {}));
results.push(measure('kubesim get pods (seed scenario applied)', [bin, 'get', 'pods'], env));
results.push(measure('kubesim get pods -A -o wide', [bin, 'get', 'pods', '-A', '-o', 'wide'], env));
const fresh = [];
results.push(
  measure('kubesim apply -f manifests/gestion-employes.yaml (new cluster, to all Running)', [bin, 'apply', '-f', 'manifests/gestion-employes.yaml'], env, Math.min(RUNS, 7), () => {
    const h = mkdtempSync(join(tmpdir(), 'kubesim-bench-apply-'));
    fresh.push(h);
    return { KUBESIM_HOME: h };
  }),
);
results.push(measure('kubesim apply -f manifests/gestion-employes.yaml (existing cluster, unchanged)', [bin, 'apply', '-f', 'manifests/gestion-employes.yaml'], env));

// a 1,000-pod cluster (10 workers): what a cold read costs when the state is large
const big = mkdtempSync(join(tmpdir(), 'kubesim-bench-1000-'));
const bigEnv = { ...env, KUBESIM_HOME: big };
time([bin, 'cluster', 'create', '--nodes', '10'], bigEnv);
const thousand = join(big, 'mille.yaml');
writeFileSync(thousand, 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: mille\nspec:\n  replicas: 1000\n  selector:\n    matchLabels:\n      app: mille\n  template:\n    metadata:\n      labels:\n        app: mille\n    spec:\n      containers:\n      - name: c\n        image: nginx\n        resources:\n          requests:\n            cpu: 10m\n            memory: 16Mi\n');
results.push({ label: 'kubesim apply of a 1,000-replica Deployment (10 workers, to all Running), 1 run', ...single(time([bin, 'apply', '-f', thousand], bigEnv)) });
checkReady('mille', bigEnv, 1000);
results.push(measure('kubesim get pods on the 1,000-pod cluster', [bin, 'get', 'pods'], bigEnv, Math.min(RUNS, 7)));
fresh.push(big);

// Kubernetes' node limit: a 5,000-node cluster, then 5,000 replicas on it (BENCH_HUGE_PODS to change), peak RSS
const huge = mkdtempSync(join(tmpdir(), 'kubesim-bench-5000-'));
const hugeEnv = { ...env, KUBESIM_HOME: huge };
const hugePods = Number(process.env.BENCH_HUGE_PODS ?? 5000);
const peak = (args) => {
  const r = spawnSync('/usr/bin/time', ['-f', '%e %M', process.execPath, ...args], { cwd: root, env: { ...process.env, ...hugeEnv }, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${args.join(' ')} failed: ${r.stderr}`);
  const [seconds, kb] = r.stderr.trim().split('\n').pop().split(' ').map(Number);
  return { ms: seconds * 1000, mib: kb / 1024 };
};
const created = peak([bin, 'cluster', 'create', '--nodes', '5000']);
results.push({ label: `kubesim cluster create --nodes 5000 (peak RSS ${created.mib.toFixed(0)} MiB), 1 run`, ...single(created.ms) });
const hugeFile = join(huge, 'charge.yaml');
writeFileSync(hugeFile, readFileSync(thousand, 'utf8').replaceAll('mille', 'charge').replace('replicas: 1000', `replicas: ${hugePods}`));
const loaded = peak([bin, 'apply', '-f', hugeFile]);
checkReady('charge', hugeEnv, hugePods);
results.push({ label: `kubesim apply of a ${hugePods.toLocaleString('en-US')}-replica Deployment on 5,000 nodes, to all Running (peak RSS ${loaded.mib.toFixed(0)} MiB), 1 run`, ...single(loaded.ms) });
results.push(measure(`kubesim get pods on the ${hugePods.toLocaleString('en-US')}-pod, 5,000-node cluster`, [bin, 'get', 'pods'], hugeEnv, 3));
fresh.push(huge);

console.log(`kubesim benchmarks — ${RUNS} runs each, median (min–max), ${process.version}, ${process.platform}/${process.arch}\n`);
for (const r of results) console.log(`${r.median.toFixed(0).padStart(6)} ms  (${r.min.toFixed(0)}–${r.max.toFixed(0)})  ${r.label}`);
const ratio = results[1].median / results[0].median;
console.log(`\ncold get pods / node -e 0 = ${ratio.toFixed(2)}x (target: under 2x)`);
const onThousand = results.find((r) => r.label.startsWith('kubesim get pods on the 1,000-pod'));
console.log(`cold get pods on 1,000 pods / node -e 0 = ${(onThousand.median / results[0].median).toFixed(2)}x (target: under 2x)`);
console.log(`${hugePods.toLocaleString('en-US')} pods to Running on 5,000 nodes: ${(loaded.ms / hugePods).toFixed(2)} ms per pod; 150,000 pods at this rate: ${((loaded.ms / hugePods) * 150).toFixed(0)} s (goal: under 30 s)`);
for (const h of [home, ...fresh]) rmSync(h, { recursive: true, force: true });

// the scheduler at 5,000 nodes, in its own process so its memory is its own
console.log('');
const sched = spawnSync(process.execPath, [join(root, 'bench/scheduler.mjs')], { cwd: root, stdio: 'inherit' });
if (sched.status !== 0) process.exitCode = 1;
