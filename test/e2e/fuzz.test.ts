import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { expectNoStackTrace, scratchDir } from './cli.js';
import { run } from './in-process.js';


let template: string;
/** A copy of a cluster with the seed scenario applied: fast to get, the same every time. */
function freshCluster(): string {
  const home = scratchDir('fuzz');
  cpSync(join(template, 'clusters'), join(home, 'clusters'), { recursive: true });
  return home;
}
const state = (home: string) => readFileSync(join(home, 'clusters/kubesim/state.json'), 'utf8');

beforeAll(async () => {
  template = scratchDir('fuzz-template');
  await run(template, ['apply', '-f', 'manifests/', '-q']);
});

const KINDS = ['Pod', 'Deployment', 'Service', 'ConfigMap', 'Secret', 'Namespace', 'PersistentVolumeClaim', 'Widget', ''];
const API_VERSIONS = ['v1', 'apps/v1', 'storage.k8s.io/v1', 'v2', ''];
const name = fc.oneof(fc.constantFrom('web', 'gestion-employes', 'postgres', 'a', 'Nom Invalide', ''), fc.string({ maxLength: 70 }));
const value = fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.string(), { maxLength: 3 }), fc.dictionary(fc.string({ maxLength: 8 }), fc.string(), { maxKeys: 3 }));
/** Objects that look like manifests, with wrong types and unknown fields thrown in. */
const manifest = fc.record(
  {
    apiVersion: fc.constantFrom(...API_VERSIONS),
    kind: fc.constantFrom(...KINDS),
    metadata: fc.record({ name, namespace: fc.constantFrom('default', 'kube-system', 'nulle-part'), labels: fc.dictionary(fc.string({ maxLength: 10 }), fc.string({ maxLength: 10 }), { maxKeys: 2 }) }, { requiredKeys: [] }),
    spec: fc.oneof(fc.dictionary(fc.constantFrom('replicas', 'selector', 'template', 'containers', 'ports', 'type', 'resources', 'accessModes', 'bogus'), value, { maxKeys: 4 }), value),
    data: fc.dictionary(fc.string({ maxLength: 10 }), value, { maxKeys: 2 }),
  },
  { requiredKeys: [] },
);

describe('hostile input (property-based)', () => {
  it('never crashes on manifests; a rejected file leaves the store unchanged', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(manifest, { minLength: 1, maxLength: 3 }), fc.boolean(), async (docs, asJson) => {
        const home = freshCluster();
        const file = join(home, 'fuzz.yaml');
        writeFileSync(file, asJson ? JSON.stringify(docs[0]) : docs.map((d) => stringify(d)).join('---\n'));
        const before = state(home);
        const r = await run(home, ['apply', '-f', file]);
        expect([0, 1]).toContain(r.code);
        expect(r.err).not.toContain('internal error');
        expectNoStackTrace(r.err);
        if (r.code === 1 && r.out === '') expect(state(home)).toBe(before);
      }),
      { numRuns: 60, seed: 4242 },
    );
  }, 120_000);

  it('never crashes on command lines; a failed command with no output changes nothing', async () => {
    const word = fc.oneof(
      fc.constantFrom('get', 'diff', 'describe', 'delete', 'scale', 'logs', 'exec', 'curl', 'rollout', 'set', 'taint', 'cordon', 'drain', 'etcdctl', 'auth', 'can-i', 'whoami', 'api-versions', 'replace', 'create', 'learn', 'events'),
      fc.constantFrom('label', 'annotate', 'patch', 'expose', 'run', 'deployment', 'deploy', 'wait', 'role', 'rolebinding', 'sa'),
      fc.constantFrom('--for=condition=Ready', '--for=delete', '--for=jsonpath={.status.phase}=Running', '--for=jsonpath={', '--timeout=0', '--timeout=-1s', '--cascade=orphan', '--cascade=foreground', '--cascade', '--verb=get', '--resource=pods', '--role=x', 'k8s/*.yaml'),
      fc.constantFrom('pods', 'pod/x', 'deployment/gestion-employes', 'svc', 'nodes', 'pvc', 'all', 'secrets', '--', 'image', 'status', 'undo', 'env'),
      fc.constantFrom('-o', 'json', 'yaml', 'wide', 'jsonpath={}', 'go-template={{.x}}', 'go-template={{', '--template', '-n', '-A', '-l', 'app=gestion-employes', '--replicas=-1', '--replicas=x', '--as', 'etudiant', '-f', '--bogus', '=', '--tail=-5', '--for', '--types=Warning,x'),
      fc.constantFrom('config', 'set-context', 'use-context', 'get-contexts', 'view', '--minify', '--current', '--namespace=dev', '--cluster=x', '--user=u', '--context', 'kubesim-kubesim', 'version', '--client'),
      fc.constantFrom('resources', '--requests=cpu=x', '--limits=cpu=1,', '--requests=memory=0.5Gi', '-c', '*', 'a*', '--list', '--resolve', '--from=secret/x', '--keys=a', '--prefix=P_', '-e', '-', 'app=x:1', '*=nginx'),
      fc.constantFrom('a=b', 'a-', '--overwrite', '--all', '--image=nginx', '--image=', '-p', '{}', '[]', '{"spec":{"replicas":"x"}}', '--type=json', '--port=80', '--port=x', '--target-port=x', '--dry-run=client', '--wait=false', '--now', '--env=1=2'),
      fc.string({ maxLength: 12 }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(word, { minLength: 1, maxLength: 6 }), async (args) => {
        const home = freshCluster();
        const before = state(home);
        const r = await run(home, [...args, '-q']);
        expect(r.err).not.toContain('internal error');
        expectNoStackTrace(r.err);
        if (r.code !== 0 && r.out === '') expect(state(home)).toBe(before);
      }),
      { numRuns: 80, seed: 4242 },
    );
  }, 120_000);

  it('never crashes on the verbs that write from flags (label, annotate, patch, expose, run, create deployment, namespace, configmap, secret, role, binding)', async () => {
    const start = fc.constantFrom(
      ['label', 'deployment/gestion-employes'],
      ['label', 'pods', '--all'],
      ['annotate', 'svc', 'postgres'],
      ['patch', 'deployment', 'postgres'],
      ['patch', 'svc/gestion-employes', '--type=json'],
      ['patch', 'configmap/gestion-employes-config', '--type=merge'],
      ['expose', 'deployment', 'postgres'],
      ['expose', 'svc/gestion-employes'],
      ['run', 'essai'],
      ['create', 'deployment', 'essai'],
      ['create', 'role', 'essai'],
      ['create', 'clusterrole', 'essai'],
      ['create', 'rolebinding', 'essai'],
      ['create', 'clusterrolebinding', 'essai'],
      ['create', 'sa', 'essai'],
      ['create', 'namespace', 'essai'],
      ['create', 'configmap', 'essai'],
      ['create', 'secret', 'generic', 'essai'],
      ['create', 'secret', 'docker-registry', 'essai'],
      ['create', 'secret'],
    );
    const flag = fc.oneof(
      fc.constantFrom('a=b', 'a-', 'app=autre', 'app-', 'tier=web', '--overwrite', '--image=busybox', '--image=a/b_c.d:1', '--port=80', '--port=-1', '--port=99999', '--target-port=http'),
      fc.constantFrom('--type=NodePort', '--type=Bogus', '--name=x', '--selector=a=b', '--labels=a', '--cluster-ip=None', '--protocol=UDP', '--replicas=2', '--restart=Never', '--env=A=1', '--command', '--'),
      fc.constantFrom('-p', '{"spec":{"replicas":2}}', '{"metadata":{"labels":null}}', '[{"op":"add","path":"/spec/x","value":1}]', '[{"op":"remove","path":"/"}]', '{"data":{"k":1}}', 'null', '"x"'),
      fc.constantFrom('--dry-run=client', '--dry-run=server', '-o', 'yaml', 'name', 'json'),
      fc.constantFrom('--verb=get,list', '--verb=*', '--verb=bind', '--resource=pods', '--resource=deployments.apps/scale', '--resource=*', '--resource=/x', '--resource-name=a'),
      fc.constantFrom('--from-literal=a=b', '--from-literal==b', '--from-literal=..a=b', '--from-file=manifests', '--from-file=k=manifests/postgres.yaml', '--from-file=a=b=c', '--from-env-file=manifests/postgres.yaml', '--from-env-file=manifests', '--append-hash', '--type=kubernetes.io/tls', '--docker-username=u', '--docker-password=p', '--docker-server='),
      fc.constantFrom('--non-resource-url=/healthz', '--non-resource-url=x*', '--role=view', '--clusterrole=view', '--user=bob', '--group=g', '--serviceaccount=default:robot', '--serviceaccount=robot'),
      fc.string({ maxLength: 20 }),
    );
    await fc.assert(
      fc.asyncProperty(start, fc.array(flag, { maxLength: 6 }), async (first, rest) => {
        const home = freshCluster();
        const before = state(home);
        const r = await run(home, [...first, ...rest, '-q']);
        expect(r.err).not.toContain('internal error');
        expectNoStackTrace(r.err);
        if (r.code !== 0 && r.out === '') expect(state(home)).toBe(before);
      }),
      { numRuns: 150, seed: 2411 },
    );
  }, 180_000);
});
