import { describe, expect, it } from 'vitest';
import { DETERMINISTIC, ROOT, freshHome, kubesim, scratchDir, stateOf } from './cli.js';
import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { appendFileSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BIG_HEAP_FLAGS } from '../../src/cli/heap.js';
import { main } from '../../src/cli/main.js';

const deployment = (name: string, replicas: number) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  replicas: ${replicas}
  selector:
    matchLabels:
      app: ${name}
  template:
    metadata:
      labels:
        app: ${name}
    spec:
      containers:
      - name: c
        image: nginx
        resources:
          requests:
            cpu: 10m
            memory: 16Mi
`;

describe('many nodes, many pods', () => {
  it('runs 600 replicas on 300 nodes, and tells the first pods step by step, then sums up the rest', () => {
    const home = freshHome();
    expect(kubesim(home, ['-q', 'cluster', 'create', '--nodes', '300']).stdout).toBe('cluster/kubesim created (301 nodes)\n');
    const file = join(scratchDir('manifests'), 'charge.yaml');
    writeFileSync(file, deployment('charge', 600));
    const r = kubesim(home, ['apply', '-f', file]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('deployment.apps/charge created\n');
    const created = r.stderr.split('\n').filter((l) => l.startsWith('👀') && l.includes('crée le pod charge-'));
    expect(created).toHaveLength(20);
    expect(r.stderr).toMatch(/🔁 580 fois de plus pour d'autres pods, comme la dernière : 👀 Contrôleur ReplicaSet : crée le pod charge-/);
    // the scheduler's bindings written to etcd fold the same way
    expect(r.stderr.split('\n').filter((l) => l.startsWith('💾') && l.includes('spec.nodeName enregistré'))).toHaveLength(20);
    expect(r.stderr).toMatch(/🔁 580 fois de plus pour d'autres pods, comme la dernière : 💾 etcd : spec.nodeName enregistré dans \/registry\/pods\/default\/charge-/);
    // so do the ReplicaSet's syncs (500 pods at most per sync, as upstream's burstReplicas) past 20 of them
    expect(r.stderr.split('\n').filter((l) => /Contrôleur ReplicaSet : charge-\w+ a \d+ pods? pour 600 voulus/.test(l)).length).toBeLessThanOrEqual(20);
    // the summary comes before the closing line of the run
    expect(r.stderr.indexOf('🔁')).toBeLessThan(r.stderr.indexOf('⏱️'));
    expect(kubesim(home, ['get', 'deployment', 'charge']).stdout).toMatch(/^NAME +READY +UP-TO-DATE +AVAILABLE +AGE\ncharge +600\/600 +600 +600 /);
    const running = kubesim(home, ['get', 'pods', '--no-headers']).stdout.trim().split('\n');
    expect(running.filter((l) => / 1\/1 +Running /.test(l))).toHaveLength(600);
    // and across the nodes, the scheduler spread them: no node holds more than its fair share and a few
    const wide = kubesim(home, ['get', 'pods', '-o', 'wide', '--no-headers']).stdout.trim().split('\n');
    const perNode = new Map<string, number>();
    for (const l of wide) perNode.set(l.split(/ +/)[6]!, (perNode.get(l.split(/ +/)[6]!) ?? 0) + 1);
    expect(Math.max(...perNode.values())).toBeLessThanOrEqual(4);
    // past 256 nodes, the pod network is wider than kind's 10.244.0.0/16: every address stays a real one
    const octets = (ip: string) => ip.split('.').map(Number);
    for (const l of wide) expect(octets(l.split(/ +/)[5]!)).toSatisfy((o: number[]) => o.length === 4 && o[0] === 10 && o[1]! >= 128 && o.every((n) => n <= 255));
    const nodes = kubesim(home, ['get', 'nodes', '-o', 'wide', '--no-headers']).stdout.trim().split('\n');
    for (const l of nodes) expect(octets(l.split(/ +/)[5]!)).toSatisfy((o: number[]) => o.length === 4 && o[0] === 172 && o[1] === 18 && o.every((n) => n <= 255));
    // the user's own writes fold too: kubectl sends one DELETE per pod (2,400 lines of requests for 600 pods before)
    const bulk = kubesim(home, ['delete', 'pods', '-l', 'app=charge']);
    expect(bulk.stdout.trim().split('\n')).toHaveLength(600);
    expect(bulk.stderr.split('\n').filter((l) => l.startsWith('📨') && l.includes('DELETE /api/v1/namespaces/default/pods/charge-'))).toHaveLength(20);
    expect(bulk.stderr).toMatch(/🔁 580 fois de plus pour d'autres pods, comme la dernière : 📨 kubectl → API Server : DELETE \/api\/v1\/namespaces\/default\/pods\/charge-/);
    expect(bulk.stderr).toMatch(/🔁 580 fois de plus pour d'autres pods, comme la dernière : 💾 etcd : \/registry\/pods\/default\/charge-\S+ marqué pour suppression/);
    expect(bulk.stderr.split('\n').length).toBeLessThan(500);
    // a deleted Deployment's cascade: its ReplicaSet told, then 20 of its pods, and the rest summed up
    const deleted = kubesim(home, ['delete', 'deployment', 'charge']).stderr;
    const collected = deleted.split('\n').filter((l) => l.includes('Garbage collector'));
    expect(collected.filter((l) => l.includes('→ supprime ReplicaSet « default/charge-'))).toHaveLength(1);
    expect(collected.filter((l) => l.startsWith('🧹') && l.includes('→ supprime Pod « default/charge-'))).toHaveLength(20);
    expect(deleted).toMatch(/🔁 580 fois de plus pour d'autres pods, comme la dernière : 🧹 Garbage collector : ReplicaSet « default\/charge-\w+ » n'existe plus → supprime Pod « default\/charge-/);
  }, 60_000);

  it('brings 120 pods of one image on 2 nodes to Running in one command: pulls queued behind the same image are quick', () => {
    const home = freshHome();
    kubesim(home, ['-q', 'cluster', 'create', '--nodes', '2']);
    const file = join(scratchDir('manifests'), 'dense.yaml');
    writeFileSync(file, deployment('dense', 120));
    kubesim(home, ['-q', 'apply', '-f', file]);
    expect(kubesim(home, ['get', 'deployment', 'dense', '--no-headers']).stdout).toMatch(/^dense +120\/120 /);
    const pulled = kubesim(home, ['get', 'events', '--no-headers']).stdout.split('\n').filter((l) => l.includes('Successfully pulled image "nginx"'));
    // the first pull on each node takes seconds, the next ones under a second of their own
    expect(pulled.length).toBeGreaterThan(10);
    const took = pulled.map((l) => /in ([\d.]+m?s) \(/.exec(l)![1]!);
    expect(took.filter((t) => t.endsWith('ms'))).toHaveLength(pulled.length - 2);
  }, 60_000);

  it('reads a big events.json by ranges: describe and scale read one object\'s events, and keep the others as they were', () => {
    const home = freshHome();
    kubesim(home, ['-q', 'cluster', 'create', '--nodes', '80']);
    const file = join(scratchDir('manifests'), 'charge.yaml');
    writeFileSync(file, deployment('charge', 4000));
    expect(kubesim(home, ['-q', 'apply', '-f', file]).code).toBe(0);
    const eventsFile = join(home, 'clusters', 'kubesim', 'events.json');
    // past 16 MB, events.json is read by key range
    expect(statSync(eventsFile).size).toBeGreaterThan(16 << 20);
    // the stored events, by key (listing 19,000 events would pass the test runner's output buffer)
    const stored = () => new Map(readFileSync(eventsFile, 'utf8').split('\n').filter((l) => l.startsWith('["')).map((l) => [JSON.parse(l.replace(/,$/, ''))[0] as string, l] as const));
    const before = stored();
    const pod = kubesim(home, ['get', 'pods', '-o', 'name']).stdout.split('\n')[1]!.slice('pod/'.length);
    const described = kubesim(home, ['describe', 'pod', pod]).stdout;
    expect(described.slice(described.indexOf('Events:')).match(/^  Normal +\w+/gm)!.map((l) => l.split(/ +/)[2])).toEqual(['Scheduled', 'Pulling', 'Pulled', 'Created', 'Started']);
    // kubectl events --for and get events --field-selector read the same lines: the API server selects by the name
    const reasons = (text: string) => text.trim().split('\n').map((l) => l.split(/ +/)[2]);
    expect(reasons(kubesim(home, ['-q', 'events', '--for', `pod/${pod}`, '--no-headers']).stdout)).toEqual(['Scheduled', 'Pulling', 'Pulled', 'Created', 'Started']);
    expect(reasons(kubesim(home, ['-q', 'get', 'events', '--field-selector', `involvedObject.name=${pod}`, '--no-headers']).stdout).sort()).toEqual(['Created', 'Pulled', 'Pulling', 'Scheduled', 'Started']);
    const untouched = [...before.values()].find((l) => l.includes(`"name":"${pod}.`))!;
    expect(kubesim(home, ['-q', 'scale', 'deployment', 'charge', '--replicas', '3999']).code).toBe(0);
    expect(kubesim(home, ['get', 'deployment', 'charge', '--no-headers']).stdout).toMatch(/^charge +3999\/3999 /);
    const after = stored();
    expect([...before.keys()].filter((k) => !after.has(k))).toEqual([]);
    const added = [...after].filter(([k]) => !before.has(k)).map(([, l]) => JSON.parse(l.replace(/,$/, ''))[1].value.reason as string);
    expect(added.sort()).toEqual(['Killing', 'ScalingReplicaSet', 'SuccessfulDelete']);
    // a line the scale never read is the same bytes
    expect([...after.values()]).toContain(untouched);
  }, 120_000);

  it('gives every node of a cycle to the JSON narration; the narrator, given the best five, still counts them all', () => {
    const file = join(scratchDir('manifests'), 'charge.yaml');
    writeFileSync(file, deployment('trio', 3));
    const run = (narration: string) => {
      const home = freshHome();
      kubesim(home, ['-q', 'cluster', 'create', '--nodes', '120']);
      return kubesim(home, ['apply', '-f', file, '--narration', narration]).stderr;
    };
    const events = run('json').trim().split('\n').map((l) => JSON.parse(l) as { kind: string; verdicts?: Array<{ node: string; total?: number }> });
    const scored = events.filter((e) => e.kind === 'scheduler.scored');
    expect(scored).toHaveLength(3);
    // percentageOfNodesToScore: 100 of 121 nodes, every one with its total
    for (const e of scored) expect(e.verdicts!.filter((v) => v.total !== undefined)).toHaveLength(100);
    expect(run('plain').split('\n').filter((l) => l.includes('les 5 meilleurs des 100 nœuds'))).toHaveLength(3);
  });

  it('with --lang en, the summary is English too', () => {
    const home = freshHome();
    kubesim(home, ['-q', 'cluster', 'create', '--nodes', '5']);
    const file = join(scratchDir('manifests'), 'charge.yaml');
    writeFileSync(file, deployment('small', 25));
    expect(kubesim(home, ['--lang', 'en', 'apply', '-f', file]).stderr).toContain('🔁 5 more times for other pods, like the last one: ');
  });

  it('tells on a terminal that a big saved state is being read before the command runs, then saved', () => {
    const home = freshHome();
    expect(kubesim(home, ['-q', 'cluster', 'create']).code).toBe(0);
    const onTerminal = ['--narration', 'tty', '--speed', '0'];
    expect(kubesim(home, ['create', 'namespace', 'small', ...onTerminal]).stderr).not.toContain('📂');
    // blanks make the saved state as big as that of about 4,000 pods on 1,000 nodes
    appendFileSync(join(home, 'clusters', 'kubesim', 'state.json'), ' '.repeat(32 << 20));
    const big = kubesim(home, ['create', 'namespace', 'big', ...onTerminal]);
    expect(big.stdout).toBe('namespace/big created\n');
    expect(big.stderr).toMatch(/^\r\x1b\[K📂 Lecture de l'état du cluster \(3\d Mo\)…\r\x1b\[K💾 Enregistrement de l'état du cluster…\r\x1b\[K/);
  });

  it('tells on a terminal that a big saved state is being read by a read too, and clears the line before the output', async () => {
    const home = freshHome();
    expect(kubesim(home, ['-q', 'cluster', 'create']).code).toBe(0);
    /** The command in this process, its writes in order; stdout a terminal or not (a pipe to a pager). */
    const read = async (outIsTTY: boolean, args: string[]) => {
      const writes: string[] = [];
      const streams = { out: { isTTY: outIsTTY, write: (s: string) => s && writes.push(`out:${s}`) }, err: { write: (s: string) => writes.push(`err:${s}`) } };
      const code = await main(['node', 'kubesim', '--narration', 'tty', ...args], streams, { KUBESIM_HOME: home, ...DETERMINISTIC });
      return { code, writes };
    };
    const small = await read(true, ['get', 'nodes', '-o', 'name']);
    expect(small.writes.join('')).not.toContain('📂');
    appendFileSync(join(home, 'clusters', 'kubesim', 'state.json'), ' '.repeat(32 << 20));
    const big = await read(true, ['get', 'nodes', '-o', 'name']);
    expect(big.code).toBe(0);
    expect(big.writes.slice(0, 3)).toEqual([expect.stringMatching(/^err:\r\x1b\[K📂 Lecture de l'état du cluster \(3\d Mo\)…$/), 'err:\r\x1b[K', 'out:node/kubesim-control-plane\n']);
    const missing = await read(true, ['get', 'node', 'absent']);
    expect(missing.code).toBe(1);
    expect(missing.writes.slice(1, 3)).toEqual(['err:\r\x1b[K', 'err:Error from server (NotFound): nodes "absent" not found\n']);
    // piped (to less, say): the line would be drawn over the pager's screen
    expect((await read(false, ['get', 'nodes', '-o', 'name'])).writes.join('')).not.toContain('📂');
  });

  it('runs a command on a big cluster in a Node with a bigger heap, with the same output and exit code', () => {
    const home = freshHome();
    expect(kubesim(home, ['-q', 'cluster', 'create']).code).toBe(0);
    const before = kubesim(home, ['get', 'nodes']);
    // the same cluster, saved 8 MB bigger (JSON allows the blanks): what a 1,000-node cluster weighs
    appendFileSync(join(home, 'clusters', 'kubesim', 'state.json'), ' '.repeat(8 << 20));
    const after = kubesim(home, ['get', 'nodes']);
    expect(after).toEqual(before);
    expect(kubesim(home, ['get', 'node', 'absent']).code).toBe(1);
    expect(stateOf(home).length).toBeGreaterThan(8 << 20);
  });

  it('passes on a signal sent to it alone to the Node it started for a big cluster: nothing is left running', async () => {
    const home = freshHome();
    expect(kubesim(home, ['-q', 'cluster', 'create']).code).toBe(0);
    appendFileSync(join(home, 'clusters', 'kubesim', 'state.json'), ' '.repeat(8 << 20));
    const env = { PATH: process.env.PATH ?? '', HOME: home, KUBESIM_HOME: home, ...DETERMINISTIC };
    const parent = spawn(process.execPath, [join(ROOT, 'bin/kubesim.js'), 'get', 'nodes', '-w'], { env, stdio: ['ignore', 'pipe', 'ignore'] });
    const exited = once(parent, 'exit');
    await once(parent.stdout, 'data');
    const child = Number(execFileSync('ps', ['-o', 'pid=', '--ppid', String(parent.pid)], { encoding: 'utf8' }).trim());
    expect(child).toBeGreaterThan(0);
    // the bigger heap, and the bigger young generation that makes a big apply spend less time in scavenges
    expect(execFileSync('ps', ['-o', 'args=', '-p', String(child)], { encoding: 'utf8' })).toContain(BIG_HEAP_FLAGS.join(' '));
    parent.kill('SIGTERM');
    expect((await exited)[1]).toBe('SIGTERM');
    expect(() => process.kill(child, 0)).toThrow();
  });
});
