import { describe, expect, it } from 'vitest';
import { background, freshHome, kubesim, until } from './cli.js';

describe('kubesim logs -f: the lines a container writes, as it writes them', () => {
  it('prints the last lines, then each request the app serves, and stops when the container ends', async () => {
    const home = freshHome();
    expect(kubesim(home, ['-q', 'apply', '-f', 'manifests/gestion-employes.yaml']).code).toBe(0);
    const pod = kubesim(home, ['-q', 'get', 'pods', '-o', 'name']).stdout.split('\n')[0]!;
    const ip = kubesim(home, ['-q', 'get', pod, '-o', 'jsonpath={.status.podIP}']).stdout;
    const follow = background(home, ['-q', 'logs', '-f', pod, '--tail=1', '--request-timeout=60s']);
    await until(() => follow.output().includes('démarrée'));
    expect(follow.output()).toBe('GestionEmployesApplication démarrée en 3,9 secondes\n');
    // from a second terminal: a request straight to the pod, then its container killed
    expect(kubesim(home, ['-q', 'curl', `http://${ip}:8080/sante`]).stdout).toBe('{"statut":"UP"}\n');
    await until(() => follow.output().includes('GET /sante'));
    expect(follow.output()).toMatch(/\n[\d.]+ - - \[23\/Nov\/2026:10:00:\d\d \+0000\] "GET \/sante HTTP\/1\.1" 200 16 "-" "curl\/8\.5\.0"\n$/);
    expect(kubesim(home, ['-q', 'chaos', 'kill', pod]).code).toBe(0);
    const { code, stdout } = await follow.ended;
    expect(code).toBe(0);
    expect(stdout.split('\n').filter(Boolean)).toHaveLength(2);
  }, 60_000);

  it('refuses what it cannot follow as kubectl logs does, without waiting', async () => {
    const home = freshHome();
    kubesim(home, ['-q', 'apply', '-f', 'manifests/gestion-employes.yaml']);
    const missing = await background(home, ['-q', 'logs', '-f', 'absent']).ended;
    expect([missing.code, missing.stdout, missing.stderr]).toEqual([1, '', 'Error from server (NotFound): pods "absent" not found\n']);
    // a deployment's pod is picked as kubectl picks it, and a request timeout ends the stream quietly
    const picked = await background(home, ['-q', 'logs', '--follow', 'deploy/gestion-employes', '--tail=0', '--request-timeout=2s']).ended;
    expect([picked.code, picked.stdout, picked.stderr]).toEqual([0, '', expect.stringMatching(/^Found 3 pods, using pod\/gestion-employes-/)]);
  }, 30_000);
});

describe('kubesim logs of a pod of several containers', () => {
  it('reads the default container as kubectl 1.32 does (the annotation, else the first, said on stderr), or each with --all-containers', () => {
    const home = freshHome();
    const pod = (annotation: string) =>
      `apiVersion: v1\nkind: Pod\nmetadata:\n  name: duo${annotation ? '-b' : ''}\n  labels: {app: duo}\n${annotation}spec:\n  containers:\n  - {name: a, image: nginx}\n  - {name: b, image: busybox, command: [sleep, '3600']}\n`;
    expect(kubesim(home, ['-q', 'apply', '-f', '-'], { input: `${pod('')}---\n${pod('  annotations: {kubectl.kubernetes.io/default-container: b}\n')}` }).code).toBe(0);
    const first = kubesim(home, ['-q', 'logs', 'duo', '--tail=1']);
    expect([first.code, first.stderr]).toEqual([0, 'Defaulted container "a" out of: a, b\n']);
    expect(first.stdout).toMatch(/^2026\/11\/23 10:00:\d\d \[notice\] 1#1: start worker processes\n$/);
    expect(kubesim(home, ['-q', 'logs', 'duo-b']).stderr).toBe('');
    const all = kubesim(home, ['-q', 'logs', '-l', 'app=duo', '--all-containers', '--prefix', '--tail=1']).stdout;
    expect(all.split('\n').filter(Boolean).map((l) => l.slice(0, l.indexOf(']') + 1))).toEqual(['[pod/duo/a]', '[pod/duo-b/a]']);
    const refused = kubesim(home, ['-q', 'logs', '-f', '-l', 'app=duo']);
    expect([refused.code, refused.stderr]).toEqual([1, expect.stringContaining('error: kubesim logs -f follows one container of one pod')]);
  });
});
