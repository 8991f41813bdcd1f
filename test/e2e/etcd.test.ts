import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { resolveResource } from '../../src/api/resources.js';
import { resolveEnv } from '../../src/cli/env.js';
import { Session } from '../../src/cli/session.js';
import { DETERMINISTIC, expectNoStackTrace, freshHome, kubesim, ROOT, type Run } from './cli.js';
import { hasEtcd, startEtcd, type RunningEtcd } from './etcd-process.js';

if (!hasEtcd) console.warn('etcd is not installed (Debian package etcd-server; .ci/run installs it): the --store etcd:// tests are skipped');

/** The seed scenario as a class plays it: apply, look, lose a pod, scale, apply again, describe, clean up. */
const SCENARIO: Array<string[] | ((pods: string) => string[])> = [
  ['apply', '-f', 'manifests/gestion-employes.yaml'],
  ['get', 'pods'],
  ['get', 'deployments'],
  ['get', 'replicasets'],
  ['get', 'services'],
  (pods) => ['delete', 'pod', pods.split('\n')[1]!.split(' ')[0]!],
  ['get', 'pods', '-o', 'wide'],
  ['scale', 'deployment', 'gestion-employes', '--replicas', '5'],
  ['get', 'pods'],
  ['apply', '-f', 'manifests/gestion-employes.yaml'],
  ['describe', 'deployment', 'gestion-employes'],
  ['get', 'events'],
  ['delete', '-f', 'manifests/gestion-employes.yaml'],
  ['get', 'pods'],
];

function play(home: string, env: Record<string, string> = {}): Array<Run & { args: string[] }> {
  const runs: Array<Run & { args: string[] }> = [];
  for (const step of SCENARIO) {
    const args = typeof step === 'function' ? step(runs[1]!.stdout) : step;
    runs.push({ args, ...kubesim(home, args, { env }) });
  }
  return runs;
}

/** Revision numbers differ between a fresh etcd and the files (etcd counts kubesim's lock and its own writes). */
const sansRevisions = (text: string) => text.replace(/révision (etcd )?\d+/g, 'révision $1N');

function kubesimAsync(home: string, args: string[], input: string, env: Record<string, string>): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin/kubesim.js'), ...args], { env: { PATH: process.env.PATH, KUBESIM_HOME: home, ...DETERMINISTIC, ...env }, stdio: ['pipe', 'ignore', 'ignore'] });
    child.stdin.end(input);
    child.on('close', (code) => resolve(code ?? -1));
  });
}

describe.skipIf(!hasEtcd)('--store etcd://: the cluster kept in a real etcd', () => {
  let etcd: RunningEtcd;
  beforeAll(async () => {
    etcd = await startEtcd();
  }, 30_000);
  afterAll(() => etcd?.stop());

  it('plays the whole seed scenario as with files: the same stdout, the same story', async () => {
    const files = play(freshHome());
    const home = freshHome();
    const onEtcd = play(home, { KUBESIM_STORE: etcd.url });
    for (const [i, run] of onEtcd.entries()) {
      expect({ args: run.args, code: run.code, stdout: run.stdout }).toEqual({ args: files[i]!.args, code: files[i]!.code, stdout: files[i]!.stdout });
      expect(sansRevisions(run.stderr)).toBe(sansRevisions(files[i]!.stderr));
    }
    expect(onEtcd[0]!.stdout).toBe('configmap/gestion-employes-config created\ndeployment.apps/gestion-employes created\nservice/gestion-employes created\n');
    expect(onEtcd[8]!.stdout.trim().split('\n')).toHaveLength(6);
    // nothing under KUBESIM_HOME: the state is in etcd
    expect(existsSync(join(home, 'clusters'))).toBe(false);
  }, 120_000);

  it('writes kube-apiserver keys with the revisions the narration told and resourceVersion shows', async () => {
    const home = freshHome();
    const env = { KUBESIM_STORE: etcd.url };
    const apply = kubesim(home, ['-q', 'cluster', 'reset'], { env });
    expect(apply.code).toBe(0);
    const created = kubesim(home, ['apply', '-f', 'manifests/gestion-employes.yaml'], { env });
    const told = Number(/💾 etcd : crée \/registry\/deployments\/default\/gestion-employes \(révision (\d+)\)/.exec(created.stderr)![1]);
    const kv = (await etcd.client.get('/registry/deployments/default/gestion-employes').exec()).kvs[0]!;
    expect(Number(kv.create_revision)).toBe(told);
    // stored as kube-apiserver stores it: without resourceVersion, which is the mod revision
    const stored = JSON.parse(kv.value.toString());
    expect(stored.metadata.resourceVersion).toBeUndefined();
    expect(stored.metadata.name).toBe('gestion-employes');
    const deployment = JSON.parse(kubesim(home, ['get', 'deployment', 'gestion-employes', '-o', 'json'], { env }).stdout);
    expect(deployment.metadata.resourceVersion).toBe(kv.mod_revision);
    expect(deployment.metadata.generation).toBe(1);
    // every pod: etcd's mod revision is its resourceVersion
    const pods = JSON.parse(kubesim(home, ['get', 'pods', '-A', '-o', 'json'], { env }).stdout).items as Array<{ metadata: { namespace: string; name: string; resourceVersion: string } }>;
    const inEtcd = await etcd.client.getAll().prefix('/registry/pods/').exec();
    expect(inEtcd.kvs.map((k) => [k.key.toString(), k.mod_revision])).toEqual(
      pods.map((p) => [`/registry/pods/${p.metadata.namespace}/${p.metadata.name}`, p.metadata.resourceVersion]).sort((a, b) => (a[0]! < b[0]! ? -1 : 1)),
    );
    // events live on a lease of an hour (--event-ttl), other objects on none
    const events = (await etcd.client.getAll().prefix('/registry/events/default/').exec()).kvs;
    expect(events.length).toBeGreaterThan(5);
    expect(inEtcd.kvs.every((k) => k.lease === '0')).toBe(true);
    const leases = new Set(events.map((k) => k.lease));
    expect([...leases].every((id) => id !== '0')).toBe(true);
    for (const id of leases) expect((await etcd.client.leaseClient.leaseTimeToLive({ ID: id })).grantedTTL).toBe('3600');
  }, 60_000);

  it('loses nothing when 8 processes apply at once, and gives each write its own revision', async () => {
    const home = freshHome();
    const env = { KUBESIM_STORE: etcd.url };
    const n = 8;
    const codes = await Promise.all(
      Array.from({ length: n }, (_, i) => kubesimAsync(home, ['apply', '-f', '-', '-q'], `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: together-${i}\ndata:\n  i: "${i}"\n`, env)),
    );
    expect(codes).toEqual(Array(n).fill(0));
    const kvs = (await etcd.client.getAll().prefix('/registry/configmaps/default/together-').exec()).kvs;
    expect(kvs.map((k) => k.key.toString()).sort()).toEqual(Array.from({ length: n }, (_, i) => `/registry/configmaps/default/together-${i}`).sort());
    expect(new Set(kvs.map((k) => k.mod_revision)).size).toBe(n);
  }, 60_000);

  describe('a command that outlived its lock (a long apply keeps the event loop from renewing the lease)', () => {
    let own: RunningEtcd;
    let home: string;
    const env = () => ({ env: { KUBESIM_STORE: own.url } });
    beforeEach(async () => {
      own = await startEtcd();
    }, 30_000);
    afterEach(() => own?.stop());

    /** A command in this process that has created ConfigMap "long" and not yet saved, its lock's lease then run out. */
    async function outlived(): Promise<Session> {
      home = freshHome();
      expect(kubesim(home, ['create', 'configmap', 'before', '-q'], env()).code).toBe(0);
      const vars = { KUBESIM_HOME: home, KUBESIM_STORE: own.url, KUBESIM_NARRATION: 'off', ...DETERMINISTIC };
      const quiet = { write: () => {} };
      const session = await Session.open(resolveEnv({}, vars, { stderrIsTTY: false, stdin: () => '' }), { out: quiet, err: quiet });
      const created = session.request({ verb: 'create', resource: resolveResource('configmaps')!, namespace: 'default', body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'long' } } });
      expect(created.ok).toBe(true);
      const [lock] = (await own.client.get('/kubesim/lock').exec()).kvs;
      await own.client.leaseClient.leaseRevoke({ ID: lock!.lease });
      return session;
    }
    const configMaps = () => kubesim(home, ['get', 'configmaps', '-o', 'name'], env()).stdout;

    it('takes the lock back and saves when nobody came in the meantime, at the revisions etcd gives', async () => {
      await (await outlived()).close();
      expect(configMaps()).toBe('configmap/before\nconfigmap/kube-root-ca.crt\nconfigmap/long\n');
      const [kv] = (await own.client.get('/registry/configmaps/default/long').exec()).kvs;
      expect(kubesim(home, ['get', 'configmap', 'long', '-o', 'jsonpath={.metadata.resourceVersion}'], env()).stdout).toBe(kv!.mod_revision);
      expect(kubesim(home, ['create', 'configmap', 'after', '-q'], env()).code).toBe(0);
    }, 30_000);

    it('saves nothing, with a clear error, when another command took the cluster in the meantime', async () => {
      const session = await outlived();
      expect(kubesim(home, ['create', 'configmap', 'meanwhile', '-q'], env()).code).toBe(0);
      await expect(session.close()).rejects.toMatchObject({ code: 'lock-lost', message: expect.stringContaining('nothing was saved') });
      expect(configMaps()).toBe('configmap/before\nconfigmap/kube-root-ca.crt\nconfigmap/meanwhile\n');
      expect(kubesim(home, ['create', 'configmap', 'after', '-q'], env()).code).toBe(0);
    }, 30_000);
  });

  it('leaves alone an etcd holding objects kubesim did not write', async () => {
    const other = await startEtcd();
    try {
      await other.client.put('/registry/pods/default/real').value('{"kind":"Pod"}');
      const r = kubesim(freshHome(), ['get', 'pods'], { env: { KUBESIM_STORE: other.url } });
      expect(r.code).toBe(1);
      expect(r.stderr).toContain("holds Kubernetes objects kubesim did not write (a real cluster's?)");
      expect(r.stderr).toContain('Cet etcd contient déjà les objets d’un autre cluster');
      expectNoStackTrace(r.stderr);
      expect(await other.client.get('/registry/pods/default/real').string()).toBe('{"kind":"Pod"}');
    } finally {
      await other.stop();
    }
  }, 30_000);
});

describe('--store errors', () => {
  it.each([
    { store: 'http://127.0.0.1:2379', says: 'invalid --store "http://127.0.0.1:2379": use etcd://HOST:PORT', why: '--store attend l’adresse d’un etcd' },
    { store: 'etcd://127.0.0.1:1', says: 'cannot reach etcd at etcd://127.0.0.1:1', why: 'Aucun etcd ne répond à cette adresse' },
  ])('$store: a clear error, explained in French, no stack trace, nothing written', ({ store, says, why }) => {
    const home = freshHome();
    const r = kubesim(home, ['--store', store, 'get', 'pods']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`error: ${says}`);
    expect(r.stderr).toContain(why);
    expectNoStackTrace(r.stderr);
    expect(existsSync(join(home, 'clusters'))).toBe(false);
  }, 30_000);
});
