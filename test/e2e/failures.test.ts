import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { CORPUS, freshHome, kubesim, stateOf } from './cli.js';

const CRASH_POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: crash\nspec:\n  containers:\n  - name: app\n    image: kubesim/crashloop:1.0\n';
const BAD_TAG_POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: badtag\nspec:\n  containers:\n  - name: web\n    image: nginx:nope\n';

function podLine(home: string, name: string, env: Record<string, string> = {}): string[] {
  const line = kubesim(home, ['get', 'pod', name, '--no-headers'], { env }).stdout.trim();
  return line.split(/\s{3,}/);
}

describe('crash loops, back-off and logs', () => {
  it('shows CrashLoopBackOff with restarts that grow as (virtual) time passes, 10 s doubling', () => {
    const home = freshHome();
    const apply = kubesim(home, ['apply', '-f', '-'], { input: CRASH_POD });
    expect(apply.stderr).toContain("s'est arrêté (code de sortie 1) → le kubelet le relance aussitôt");
    expect(apply.stderr).toContain('CrashLoopBackOff : le kubelet attend 10,0 s avant de le relancer');
    expect(podLine(home, 'crash').slice(1, 3)).toEqual(['0/1', 'CrashLoopBackOff']);
    expect(podLine(home, 'crash')[3]).toBe('1 (0s ago)');
    // the next command two minutes later finds the world caught up: restarts after 10 s, 20 s, 40 s
    const later = podLine(home, 'crash', { KUBESIM_NOW: '2026-11-23T10:02:00Z' });
    expect(['CrashLoopBackOff', 'Running', 'Error']).toContain(later[2]);
    expect(later[3]).toMatch(/^[34] \(\d+s ago\)$/);
    const events = kubesim(home, ['get', 'events', '--field-selector-free'].slice(0, 2), { env: { KUBESIM_NOW: '2026-11-23T10:02:00Z' } }).stdout;
    expect(events).toMatch(/Warning +BackOff +pod\/crash +Back-off restarting failed container app in pod crash_default\(/);
  });

  it('prints the logs of the current and of the previous container', () => {
    const home = freshHome();
    kubesim(home, ['apply', '-f', '-', '-q'], { input: CRASH_POD });
    expect(kubesim(home, ['logs', 'crash']).stdout).toContain('panic: configuration invalide');
    expect(kubesim(home, ['logs', 'crash', '--previous', '--tail', '1']).stdout).toBe('panic: configuration invalide : champ « database.url » manquant\n');
    const none = kubesim(freshHome(), ['logs', 'ghost']);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('Error from server (NotFound): pods "ghost" not found');
  });

  it('goes from ErrImagePull to ImagePullBackOff for a tag the registry does not have', () => {
    const home = freshHome();
    const apply = kubesim(home, ['apply', '-f', '-'], { input: BAD_TAG_POD });
    expect(apply.stderr).toContain("le registre ne connaît pas l'image nginx:nope");
    expect(podLine(home, 'badtag')[2]).toBe('ImagePullBackOff');
    const describe = kubesim(home, ['describe', 'pod', 'badtag']).stdout;
    expect(describe).toContain(
      'Failed to pull image "nginx:nope": rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:nope": failed to resolve reference "docker.io/library/nginx:nope": docker.io/library/nginx:nope: not found',
    );
    expect(describe).toMatch(/Warning +Failed +\d+s +kubelet +Error: ImagePullBackOff/);
  });

  it('restarts a killed container in the same pod (chaos kill), unlike a deleted pod', () => {
    const home = freshHome();
    kubesim(home, ['apply', '-f', 'manifests/gestion-employes.yaml', '-q']);
    const pod = kubesim(home, ['get', 'pods', '-o', 'name']).stdout.split('\n')[0];
    const kill = kubesim(home, ['chaos', 'kill', pod]);
    expect(kill.code).toBe(0);
    expect(kill.stdout).toBe(`${pod} container app killed\n`);
    expect(kill.stderr).toContain('reçoit SIGKILL');
    expect(kill.stderr).toContain('code de sortie 137');
    expect(podLine(home, pod.slice(4))[2]).toBe('Running');
    expect(podLine(home, pod.slice(4))[3]).toMatch(/^1 \(\d+s ago\)$/);
  });

  it('restarts a container whose liveness probe fails (kubernetes.io exec-liveness example)', () => {
    const home = freshHome();
    kubesim(home, ['apply', '-f', '../shared/corpus/website/pods/probe/exec-liveness.yaml', '-q']);
    const wait = kubesim(home, ['wait', '1m']);
    expect(wait.stderr).toContain("la sonde liveness de « liveness » (liveness-exec) échoue — « cat: can't open '/tmp/healthy': No such file or directory »");
    expect(podLine(home, 'liveness-exec')[3]).toMatch(/^1 \(\d+s ago\)$/);
    expect(kubesim(home, ['describe', 'pod', 'liveness-exec']).stdout).toContain('Container liveness failed liveness probe, will be restarted');
  });
});

describe('readiness', () => {
  it('keeps a running pod out of its Service while its readiness probe fails', () => {
    const home = freshHome();
    const pod = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: notready\n  labels: {app: nr}\nspec:\n  containers:\n  - name: app\n    image: busybox:1.36\n    command: ["sh", "-c", "sleep 3600"]\n    readinessProbe:\n      exec:\n        command: ["cat", "/tmp/ready"]\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: nr\nspec:\n  selector: {app: nr}\n  ports:\n  - port: 80\n';
    const r = kubesim(home, ['apply', '-f', '-'], { input: pod });
    expect(r.stderr).toContain("la sonde readiness de « app » (notready) échoue");
    expect(podLine(home, 'notready').slice(1, 3)).toEqual(['0/1', 'Running']);
    expect(kubesim(home, ['get', 'endpoints', 'nr', '--no-headers']).stdout).toMatch(/^nr {10}\d+s\n$/);
    // describeEndpoints: the pod is among the not-ready addresses; v1 Endpoints is deprecated, as the server warns
    const described = kubesim(home, ['-q', 'describe', 'endpoints', 'nr']);
    expect(described.stdout).toMatch(/\nSubsets:\n {2}Addresses: {10}<none>\n {2}NotReadyAddresses: {2}10\.\S+\n {2}Ports:\n {4}Name {5}Port {2}Protocol\n/);
    expect(described.stderr).toBe('Warning: v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice\n');
  });
});

describe('node loss and the two stories', () => {
  it('marks a silent node NotReady after 50 s, evicts its pods after 300 s; the database waits for its disk', () => {
    const home = freshHome();
    kubesim(home, ['apply', '-f', 'manifests/', '-q']);
    const wide = kubesim(home, ['get', 'pods', '-o', 'wide']).stdout;
    const postgresNode = /postgres-\S+\s+1\/1\s+Running\s+0\s+\S+\s+\S+\s+(\S+)/.exec(wide)![1];
    expect(kubesim(home, ['node', 'fail', postgresNode]).stdout).toBe(`node/${postgresNode} failed\n`);
    expect(kubesim(home, ['wait', '40s', '-q']).code).toBe(0);
    expect(kubesim(home, ['get', 'node', postgresNode, '--no-headers']).stdout).toMatch(/ Ready /);
    const grace = kubesim(home, ['wait', '20s']);
    expect(kubesim(home, ['get', 'node', postgresNode, '--no-headers']).stdout).toMatch(/ NotReady /);
    expect(grace.stderr).toContain(`${postgresNode} est NotReady`);
    // story 1: one replica, one server, no redundancy
    expect(grace.stderr).toContain("comme l'entreprise qui dépendait d'un seul employé clé");
    const eviction = kubesim(home, ['wait', '5m']);
    expect(eviction.stderr).toContain("la tolérance de postgres-");
    const after = kubesim(home, ['get', 'pods', '-o', 'wide']).stdout;
    expect(after).toMatch(/postgres-\S+\s+0\/1\s+Terminating/);
    const running = after.split('\n').filter((l) => l.includes('Running'));
    expect(running.every((l) => !l.includes(postgresNode))).toBe(true);
    expect(running.filter((l) => l.startsWith('gestion-employes-'))).toHaveLength(3);
    // the replacement database pod may only go where its local-path volume lives: the failed node
    expect(after).toMatch(/postgres-\S+\s+0\/1\s+Pending/);
    expect(eviction.stderr).toContain('2 node(s) had volume node affinity conflict');
    expect(eviction.stderr).toContain('ses données sont sur un volume local');
    const recover = kubesim(home, ['node', 'recover', postgresNode]);
    expect(recover.stderr).toContain(`Le kubelet de ${postgresNode} répond de nouveau`);
    const healed = kubesim(home, ['get', 'pods', '-o', 'wide']).stdout;
    expect(healed).not.toContain('Terminating');
    expect(healed).toMatch(new RegExp(`postgres-\\S+\\s+1/1\\s+Running\\s+0\\s+\\S+\\s+\\S+\\s+${postgresNode}\\s`));
  });

  it('keeps serving with 3 replicas when a node goes (story 2)', () => {
    const home = freshHome();
    kubesim(home, ['apply', '-f', 'manifests/gestion-employes.yaml', '-q']);
    const node = /\s(kubesim-worker\d?)\s/.exec(kubesim(home, ['get', 'pods', '-o', 'wide']).stdout)![1];
    kubesim(home, ['node', 'fail', node, '-q']);
    const r = kubesim(home, ['wait', '1m']);
    expect(r.stderr).toMatch(/le service continue avec 2 pods : comme des consultants qui vont et viennent/);
  });
});

describe('scheduling constraints', () => {
  it('keeps a pod that fits nowhere Pending, and says why node by node', () => {
    const home = freshHome();
    const big = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: big\nspec:\n  containers:\n  - name: c\n    image: nginx\n    resources:\n      requests:\n        cpu: "16"\n';
    const r = kubesim(home, ['apply', '-f', '-'], { input: big });
    expect(r.stderr).toContain('kubesim-control-plane écarté par TaintToleration');
    expect(r.stderr).toContain('kubesim-worker écarté par NodeResourcesFit (Insufficient cpu)');
    expect(podLine(home, 'big')[2]).toBe('Pending');
    expect(kubesim(home, ['describe', 'pod', 'big']).stdout).toContain(
      'FailedScheduling  0s    default-scheduler  0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 3 Insufficient cpu. preemption: 0/4 nodes are available: 1 Preemption is not helpful for scheduling, 3 No preemption victims found for incoming pod..',
    );
  });

  it("writes the scheduler's events as kube-scheduler does, through events.k8s.io: a retry of the same pod version joins a series", () => {
    const home = freshHome();
    const pod = (name: string, cpu: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\nspec:\n  containers:\n  - name: c\n    image: nginx\n    resources:\n      requests:\n        cpu: "${cpu}"\n`;
    kubesim(home, ['apply', '-f', '-', '-q'], { input: [pod('big', '16'), pod('a', '10m'), pod('b', '10m')].join('---\n') });
    // each pod that goes frees room: the pending one is tried again, and fails the same way
    kubesim(home, ['delete', 'pod', 'a', '-q']);
    kubesim(home, ['delete', 'pod', 'b', '-q']);
    type Event = { reason: string; involvedObject: { name: string }; series?: { count: number } };
    const events = (JSON.parse(kubesim(home, ['get', 'events', '-o', 'json']).stdout) as { items: Event[] }).items;
    const scheduled = events.find((e) => e.reason === 'Scheduled' && e.involvedObject.name === 'a')!;
    expect(scheduled).toMatchObject({ action: 'Binding', source: {}, firstTimestamp: null, lastTimestamp: null, reportingComponent: 'default-scheduler', reportingInstance: 'default-scheduler-kubesim-control-plane' });
    expect(scheduled).toHaveProperty('eventTime', expect.stringMatching(/^2026-11-23T10:00:\d\d\.\d{6}Z$/));
    expect(scheduled).not.toHaveProperty('count');
    // the first failure writes PodScheduled=False (a new pod version); the retries of that version make one series
    const failed = events.filter((e) => e.reason === 'FailedScheduling');
    expect(failed.map((e) => e.series?.count ?? 1)).toEqual([1, expect.any(Number)]);
    expect(failed[1]!.series!.count).toBeGreaterThanOrEqual(2);
    expect(kubesim(home, ['get', 'events', '-o', 'wide']).stdout).toMatch(/FailedScheduling +pod\/big +default-scheduler, default-scheduler-kubesim-control-plane +0\/4 nodes/);
    expect(kubesim(home, ['describe', 'pod', 'big']).stdout).toMatch(/Warning +FailedScheduling +\S+ \(x\d over \S+\) +default-scheduler +0\/4 nodes/);
  });

  it('honours taints, cordon and drain', () => {
    const home = freshHome();
    expect(kubesim(home, ['taint', 'nodes', 'kubesim-worker', 'dedicated=gpu:NoSchedule']).stdout).toBe('node/kubesim-worker tainted\n');
    expect(kubesim(home, ['cordon', 'kubesim-worker2']).stdout).toBe('node/kubesim-worker2 cordoned\n');
    expect(kubesim(home, ['cordon', 'kubesim-worker2']).stdout).toBe('node/kubesim-worker2 already cordoned\n');
    kubesim(home, ['apply', '-f', 'manifests/gestion-employes.yaml', '-q']);
    const nodes = kubesim(home, ['get', 'pods', '-o', 'wide']).stdout;
    expect(nodes.split('\n').filter((l) => l.includes('Running')).every((l) => l.includes('kubesim-worker3'))).toBe(true);
    kubesim(home, ['uncordon', 'kubesim-worker2', '-q']);
    // a dry run says what a drain would do, and changes nothing
    const saved = stateOf(home);
    for (const [mode, suffix] of [['client', ' (dry run)'], ['server', ' (server dry run)']]) {
      const dry = kubesim(home, ['drain', 'kubesim-worker3', `--dry-run=${mode}`, '-q']).stdout.split('\n');
      expect(dry[0]).toBe(`node/kubesim-worker3 cordoned${suffix}`);
      expect(dry.slice(1, 4).every((l) => l.startsWith('evicting pod default/gestion-employes-') && l.endsWith(suffix!))).toBe(true);
      expect(dry.slice(4)).toEqual([`node/kubesim-worker3 drained${suffix}`, '']);
      expect(kubesim(home, ['cordon', 'kubesim-worker3', `--dry-run=${mode}`, '-q']).stdout).toBe(`node/kubesim-worker3 cordoned${suffix}\n`);
      expect(kubesim(home, ['taint', 'nodes', 'kubesim-worker3', 'a=b:NoExecute', `--dry-run=${mode}`, '-q']).stdout).toBe('node/kubesim-worker3 tainted\n');
    }
    expect(stateOf(home)).toBe(saved);
    // every eviction asked, then each told once its pod is gone, as kubectl waits for them
    const drain = kubesim(home, ['drain', 'kubesim-worker3']);
    expect(drain.stdout).toMatch(/^node\/kubesim-worker3 cordoned\n(evicting pod default\/gestion-employes-\S+\n){3}(pod\/gestion-employes-\S+ evicted\n){3}node\/kubesim-worker3 drained\n$/);
    expect(drain.stderr).toContain('/eviction');
    const after = kubesim(home, ['get', 'pods', '-o', 'wide']).stdout.split('\n').filter((l) => l.includes('Running'));
    expect(after).toHaveLength(3);
    expect(after.every((l) => l.includes('kubesim-worker2'))).toBe(true);
  });
});

describe('placing pods among others: the default plugins a real scheduler runs', () => {
  /** A Deployment of `replicas` nginx pods labelled app=NAME, with `spec` added to its pod template (YAML, 6 spaces in). */
  const deployment = (name: string, replicas: number, spec: string) =>
    `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\nspec:\n  replicas: ${replicas}\n  selector: {matchLabels: {app: ${name}}}\n` +
    `  template:\n    metadata: {labels: {app: ${name}}}\n    spec:\n${spec}      containers:\n      - name: web\n        image: nginx\n`;
  const running = (home: string) => kubesim(home, ['get', 'pods', '-o', 'wide', '--no-headers']).stdout.split('\n').filter((l) => l.includes('Running'));
  const pending = (home: string) => kubesim(home, ['get', 'pods', '--no-headers']).stdout.split('\n').filter((l) => l.includes('Pending'));

  it('keeps a 4th replica with required anti-affinity Pending on 3 workers (one per node: the key employee story)', () => {
    const home = freshHome();
    const anti = '      affinity:\n        podAntiAffinity:\n          requiredDuringSchedulingIgnoredDuringExecution:\n          - labelSelector: {matchLabels: {app: web}}\n            topologyKey: kubernetes.io/hostname\n';
    const r = kubesim(home, ['apply', '-f', '-'], { input: deployment('web', 4, anti) });
    expect(r.stderr).toMatch(/écarté par InterPodAffinity \(node\(s\) didn't match pod anti-affinity rules\)/);
    const nodes = running(home).map((l) => l.split(/\s+/)[6]);
    expect(nodes.sort()).toEqual(['kubesim-worker', 'kubesim-worker2', 'kubesim-worker3']);
    const [name] = pending(home)[0]!.split(/\s+/);
    expect(kubesim(home, ['describe', 'pod', name!]).stdout).toContain(
      "0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 3 node(s) didn't match pod anti-affinity rules. preemption: 0/4 nodes are available: 1 Preemption is not helpful for scheduling, 3 No preemption victims found for incoming pod..",
    );
  });

  it('gives a host port to one pod per node (NodePorts)', () => {
    const home = freshHome();
    const r = kubesim(home, ['apply', '-f', '-', '-q'], { input: deployment('agent', 4, '').replace('image: nginx\n', 'image: nginx\n        ports: [{containerPort: 80, hostPort: 8080}]\n') });
    expect(r.code).toBe(0);
    expect(running(home)).toHaveLength(3);
    const [name] = pending(home)[0]!.split(/\s+/);
    expect(kubesim(home, ['describe', 'pod', name!]).stdout).toContain("3 node(s) didn't have free ports for the requested pod ports.");
  });

  it('spreads a Deployment over nodes by default (PodTopologySpread), and tells the narration why', () => {
    const home = freshHome();
    const r = kubesim(home, ['apply', '-f', '-'], { input: deployment('web', 6, '') });
    expect(r.stderr).toContain('PodTopologySpread 100×2');
    const perNode = new Map<string, number>();
    for (const l of running(home)) perNode.set(l.split(/\s+/)[6]!, (perNode.get(l.split(/\s+/)[6]!) ?? 0) + 1);
    expect([...perNode.values()]).toEqual([2, 2, 2]);
  });

  it('tries a waiting pod again when the pod it waits for arrives, or the one in its way leaves', () => {
    const home = freshHome();
    const pod = (name: string, extra: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\n  labels: {app: ${name}}\nspec:\n${extra}  containers:\n  - name: c\n    image: nginx\n`;
    // waits for a pod labelled app=db on the same node
    const affinity = '  affinity:\n    podAffinity:\n      requiredDuringSchedulingIgnoredDuringExecution:\n      - labelSelector: {matchLabels: {app: db}}\n        topologyKey: kubernetes.io/hostname\n';
    kubesim(home, ['apply', '-f', '-', '-q'], { input: pod('cache', affinity) });
    expect(kubesim(home, ['get', 'pod', 'cache', '--no-headers']).stdout).toMatch(/^cache +0\/1 +Pending/);
    kubesim(home, ['apply', '-f', '-', '-q'], { input: pod('db', '') });
    const wide = kubesim(home, ['get', 'pods', '-o', 'wide', '--no-headers']).stdout.trim().split('\n').map((l) => l.split(/\s+/));
    expect(wide.map((l) => [l[0], l[2], l[6]])).toEqual([
      ['cache', 'Running', wide[1]![6]],
      ['db', 'Running', wide[1]![6]],
    ]);
    // three host ports 8080 on three workers, a fourth waits until one goes
    const port = (name: string) => pod(name, '').replace('image: nginx\n', 'image: nginx\n    ports: [{containerPort: 80, hostPort: 8080}]\n');
    kubesim(home, ['apply', '-f', '-', '-q'], { input: ['p1', 'p2', 'p3', 'p4'].map(port).join('---\n') });
    expect(kubesim(home, ['get', 'pod', 'p4', '--no-headers']).stdout).toMatch(/^p4 +0\/1 +Pending/);
    kubesim(home, ['delete', 'pod', 'p1', '-q']);
    expect(kubesim(home, ['get', 'pod', 'p4', '--no-headers']).stdout).toMatch(/^p4 +1\/1 +Running/);
  });

  it('lets one pod at a time use a ReadWriteOncePod claim (VolumeRestrictions)', () => {
    const home = freshHome();
    const claim = 'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: data\nspec:\n  accessModes: [ReadWriteOncePod]\n  resources: {requests: {storage: 1Gi}}\n';
    const pod = (name: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\nspec:\n  volumes: [{name: data, persistentVolumeClaim: {claimName: data}}]\n  containers:\n  - name: c\n    image: nginx\n    volumeMounts: [{name: data, mountPath: /data}]\n`;
    kubesim(home, ['apply', '-f', '-', '-q'], { input: [claim, pod('first')].join('---\n') });
    kubesim(home, ['apply', '-f', '-', '-q'], { input: pod('second') });
    expect(kubesim(home, ['get', 'pod', 'second', '--no-headers']).stdout).toMatch(/^second +0\/1 +Pending/);
    expect(kubesim(home, ['describe', 'pod', 'second']).stdout).toContain('3 node has pod using PersistentVolumeClaim with the same name and ReadWriteOncePod access mode.');
    kubesim(home, ['delete', 'pod', 'first', '-q']);
    expect(kubesim(home, ['get', 'pod', 'second', '--no-headers']).stdout).toMatch(/^second +1\/1 +Running/);
  });

  it('tries a Pending pod again every 5 minutes, as kube-scheduler flushes its unschedulable pods: the series grows with time', () => {
    const home = freshHome();
    kubesim(home, ['apply', '-f', join(CORPUS, 'website/pods/pod-with-pod-affinity.yaml'), '-q']);
    kubesim(home, ['wait', '1h', '-q']);
    // the first failure, then a series of the same pod version: one try every 5 minutes from 5 to 60 minutes
    expect(kubesim(home, ['describe', 'pod', 'with-pod-affinity']).stdout).toMatch(/Warning +FailedScheduling +0s \(x12 over 55m\) +default-scheduler +0\/4 nodes are available/);
  });

  it.each([
    { file: 'pods/pod-with-pod-affinity.yaml', pod: 'with-pod-affinity', reason: "3 node(s) didn't match pod affinity rules" },
    { file: 'pods/topology-spread-constraints/two-constraints.yaml', pod: 'mypod', reason: "3 node(s) didn't match pod topology spread constraints (missing required label)" },
  ])("leaves the corpus' $file Pending on a cluster without the pods or labels it asks for", ({ file, pod, reason }) => {
    const home = freshHome();
    expect(kubesim(home, ['apply', '-f', join(CORPUS, 'website', file)]).stdout).toBe(`pod/${pod} created\n`);
    expect(kubesim(home, ['get', 'pod', pod, '--no-headers']).stdout).toMatch(new RegExp(`^${pod} +0/1 +Pending`));
    expect(kubesim(home, ['describe', 'pod', pod]).stdout).toContain(reason);
  });
});

describe('scaling and rollouts', () => {
  it('scales, rolls a new image out, shows history, undoes and restarts', () => {
    const home = freshHome();
    kubesim(home, ['apply', '-f', 'manifests/gestion-employes.yaml', '-q']);
    // dry runs say what they would do, and do nothing
    const before = stateOf(home);
    expect(kubesim(home, ['-q', 'scale', 'deployment/gestion-employes', '--replicas=5', '--dry-run=server']).stdout).toBe('deployment.apps/gestion-employes scaled (server dry run)\n');
    expect(kubesim(home, ['-q', 'set', 'image', 'deployment/gestion-employes', 'app=gestion-employes:1.1', '--dry-run=client']).stdout).toBe('deployment.apps/gestion-employes image updated (dry run)\n');
    // a precondition that no longer holds: nothing changes, in kubectl's words
    const stale = kubesim(home, ['-q', 'scale', 'deployment/gestion-employes', '--replicas=5', '--current-replicas=2']);
    expect([stale.code, stale.stderr]).toEqual([1, 'error: Expected replicas to be 2, was 3\n']);
    expect(stateOf(home)).toBe(before);
    expect(kubesim(home, ['scale', 'deployment/gestion-employes', '--replicas=5', '--current-replicas=3']).stdout).toBe('deployment.apps/gestion-employes scaled\n');
    expect(kubesim(home, ['get', 'deploy', '--no-headers']).stdout).toMatch(/^gestion-employes\s+5\/5\s+5\s+5\s/);
    expect(kubesim(home, ['set', 'image', 'deployment/gestion-employes', 'app=gestion-employes:1.1']).stdout).toBe('deployment.apps/gestion-employes image updated\n');
    expect(kubesim(home, ['rollout', 'status', 'deployment/gestion-employes']).stdout).toBe('deployment "gestion-employes" successfully rolled out\n');
    expect(kubesim(home, ['rollout', 'history', 'deployment/gestion-employes']).stdout).toBe(
      'deployment.apps/gestion-employes \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n',
    );
    // one revision's template as describe prints it, tabs as kubectl leaves them (no tabwriter there)
    const second = kubesim(home, ['rollout', 'history', 'deployment/gestion-employes', '--revision=2']).stdout;
    expect(second).toMatch(/^deployment\.apps\/gestion-employes with revision #2\nPod Template:\n {2}Labels:\tapp=gestion-employes\n\tpod-template-hash=\w{9,10}\n/);
    expect(second).toContain('\n   app:\n    Image:\tgestion-employes:1.1\n');
    expect(kubesim(home, ['rollout', 'undo', 'deployment/gestion-employes']).stdout).toBe('deployment.apps/gestion-employes rolled back\n');
    const images = JSON.parse(kubesim(home, ['get', 'pods', '-o', 'json']).stdout).items.map((p: { spec: { containers: Array<{ image: string }> } }) => p.spec.containers[0].image);
    expect(new Set(images)).toEqual(new Set(['gestion-employes:1.0']));
    expect(kubesim(home, ['rollout', 'restart', 'deployment/gestion-employes']).stdout).toBe('deployment.apps/gestion-employes restarted\n');
    expect(kubesim(home, ['get', 'rs', '--no-headers']).stdout.trim().split('\n')).toHaveLength(3);
  });

  it('reads the logs of a Deployment from the pod kubectl picks: ready the longest, not the first by name', () => {
    const home = freshHome();
    kubesim(home, ['apply', '-f', 'manifests/gestion-employes.yaml', '-q']);
    const first = kubesim(home, ['get', 'pods', '-l', 'app=gestion-employes', '-o', 'name']).stdout.trim().split('\n');
    kubesim(home, ['wait', '1m', '-q']);
    kubesim(home, ['scale', 'deployment/gestion-employes', '--replicas=12', '-q']);
    const all = kubesim(home, ['get', 'pods', '-l', 'app=gestion-employes', '-o', 'name']).stdout.trim().split('\n');
    // among 12 names, one of the 9 newer ones comes before the 3 older ones: the older ones are still chosen
    expect(all.indexOf(first[0]!)).toBeGreaterThan(0);
    const logs = kubesim(home, ['logs', 'deploy/gestion-employes', '--tail=1']);
    expect(logs.stderr).toContain(`Found 12 pods, using ${first[0]}\n`);
  });

  it('never drops below replicas − maxUnavailable when the new image cannot be pulled', () => {
    const home = freshHome();
    kubesim(home, ['apply', '-f', 'manifests/gestion-employes.yaml', '-q']);
    kubesim(home, ['scale', 'deployment/gestion-employes', '--replicas=5', '-q']);
    kubesim(home, ['set', 'image', 'deployment/gestion-employes', 'app=gestion-employes:9.9', '-q']);
    const status = kubesim(home, ['rollout', 'status', 'deployment/gestion-employes', '--timeout', '30s']);
    expect(status.code).toBe(1);
    expect(status.stdout).toContain('Waiting for deployment "gestion-employes" rollout to finish: 3 out of 5 new replicas have been updated...');
    expect(status.stderr).toContain('error: timed out waiting for the condition');
    const rs = kubesim(home, ['get', 'rs', '--no-headers']).stdout.trim().split('\n').map((l) => l.split(/\s+/).slice(1, 4).join(' '));
    expect(rs.sort()).toEqual(['3 3 0', '4 4 4']);
  });
});

describe('time', () => {
  it('streams changes with get -w until --request-timeout', () => {
    const home = freshHome();
    kubesim(home, ['apply', '-f', '-', '-q'], { input: CRASH_POD });
    const watch = kubesim(home, ['get', 'pods', '-w', '--request-timeout', '3s']);
    expect(watch.code).toBe(0);
    expect(watch.stdout.split('\n')[0]).toMatch(/^NAME +READY +STATUS +RESTARTS +AGE$/);
  });

  it('prints each watched change in the -o format asked (name, jsonpath, json, yaml documents, custom columns)', () => {
    const home = freshHome();
    kubesim(home, ['apply', '-f', 'manifests/gestion-employes.yaml', '-q']);
    const watch = (output: string) => kubesim(home, ['get', 'svc', '-w', '-o', output, '--request-timeout', '1s']).stdout;
    expect(watch('name')).toBe('service/gestion-employes\nservice/kubernetes\n');
    expect(watch('jsonpath={.kind}/{.metadata.name} ')).toBe('Service/gestion-employes Service/kubernetes ');
    expect(watch('json').match(/^\{$/gm)).toHaveLength(2);
    expect(watch('yaml').match(/^---$/gm)).toHaveLength(1);
    expect(watch('custom-columns=NAME:.metadata.name')).toBe('NAME\ngestion-employes\nkubernetes\n');
    expect(kubesim(home, ['-q', 'get', 'deploy', '-w', '-o', 'jsonpath={.x[}'])).toMatchObject({ code: 1, stderr: 'error: error parsing jsonpath {.x[}, unterminated array\n' });
  });

  it('watches one type, or one named object, as kubectl get -w does, and says so in its words', () => {
    const home = freshHome();
    kubesim(home, ['apply', '-f', 'manifests/gestion-employes.yaml', '-q']);
    const watch = (...args: string[]) => kubesim(home, ['-q', 'get', ...args, '-w', '--request-timeout', '1s']);
    const oneType = { code: 1, stdout: '', stderr: 'error: you may only specify a single resource type\n' };
    for (const several of [['deploy,svc'], ['all'], ['deployments,deploy'], ['deploy/gestion-employes', 'svc/gestion-employes']]) expect(watch(...several)).toMatchObject(oneType);
    // in French too, under kubectl's words
    expect(kubesim(home, ['get', 'deploy,svc', '-w']).stderr).toContain("get -w suit une seule chose : tous les objets d'un type");
    expect(watch('deploy,deploy').stdout).toMatch(/^NAME +READY +UP-TO-DATE +AVAILABLE +AGE\ngestion-employes +3\/3 /);
    // kubectl's builder fetches each name first: a missing one stops it before anything is printed
    expect(watch('deploy', 'gestion-employes', 'absent')).toMatchObject({ code: 1, stdout: '', stderr: 'Error from server (NotFound): deployments.apps "absent" not found\n' });
    expect(watch('svc', 'absent', '-o', 'bogus').stderr).toBe('Error from server (NotFound): services "absent" not found\n');
    // several names are printed, then refused: one watch follows one name or one type
    expect(watch('svc', 'gestion-employes', 'kubernetes', '-o', 'name')).toMatchObject({
      code: 1,
      stdout: 'service/gestion-employes\nservice/kubernetes\n',
      stderr: 'error: you may only watch a single resource or type of resource at a time\n',
    });
    expect(watch('svc', 'kubernetes', '-o', 'name')).toMatchObject({ code: 0, stdout: 'service/kubernetes\n' });
    expect(watch('svc,deploy', 'kubernetes', '-l', 'a=b').stderr).toBe('error: selectors and the all flag cannot be used when passing resource/name arguments\n');
    expect(watch().stderr).toMatch(/^error: You must provide one or more resources by argument or filename\./);
  });

  it('rejects a wait without a valid duration', () => {
    const r = kubesim(freshHome(), ['wait', 'soon']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('invalid duration "soon"');
    // kubectl wait's flags go with --for
    expect(kubesim(freshHome(), ['wait', '5m', '--timeout=1m']).stderr).toContain('error: --timeout goes with --for (kubectl wait); kubesim wait DURATION lets time pass\n');
  });

  it('waits as kubectl wait --for does, virtual time passing a second at a time up to --timeout', () => {
    const home = freshHome();
    kubesim(home, ['apply', '-f', 'manifests/gestion-employes.yaml', '-q']);
    const wait = (...args: string[]) => kubesim(home, ['-q', 'wait', ...args]);
    expect(wait('--for=condition=Available', 'deploy/gestion-employes').stdout).toBe('deployment.apps/gestion-employes condition met\n');
    expect(wait('--for=jsonpath={.status.readyReplicas}=3', 'deployment', 'gestion-employes', '-o', 'name').stdout).toBe('deployment.apps/gestion-employes\n');
    // a pod asked to go, with its grace period still running: the wait lets the kubelet finish
    const pod = kubesim(home, ['get', 'pods', '-o', 'name']).stdout.split('\n')[0]!;
    kubesim(home, ['-q', 'delete', pod, '--wait=false']);
    expect(kubesim(home, ['get', pod, '--no-headers']).stdout).toContain('Terminating');
    expect(wait('--for=delete', pod, '--timeout=60s').stdout).toBe(`${pod} condition met\n`);
    expect(wait('--for=delete', pod).stdout).toBe('');
    // an image the registry does not have: the new pods never get ready; kubectl's aggregate, a line each (4
    // replicas: one more and one fewer allowed, so 2 new pods, and 3 of the old ones left)
    kubesim(home, ['-q', 'scale', 'deployment/gestion-employes', '--replicas=4']);
    kubesim(home, ['-q', 'set', 'image', 'deployment/gestion-employes', 'app=gestion-employes:9.9']);
    const stuck = wait('--for=condition=Ready', 'pod', '-l', 'app=gestion-employes', '--timeout=20s');
    expect(stuck.code).toBe(1);
    expect(stuck.stderr).toMatch(/^(timed out waiting for the condition on pods\/gestion-employes-\w+-\w{5}\n){2}$/);
    expect(stuck.stdout).toMatch(/^(pod\/gestion-employes-\w+-\w{5} condition met\n){3}$/);
    expect(wait('--for=bogus', 'pod', '--all').stderr).toBe('error: unrecognized condition: "bogus"\n');
    expect(wait('--for=condition=Ready', 'pod').stderr).toBe('error: resource(s) were provided, but no name was specified\n');
  });
});
