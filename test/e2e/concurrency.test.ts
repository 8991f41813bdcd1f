import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DETERMINISTIC, expectNoStackTrace, freshHome, kubesim, ROOT } from './cli.js';

function kubesimAsync(home: string, args: string[], input: string): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin/kubesim.js'), ...args], { env: { PATH: process.env.PATH, KUBESIM_HOME: home, ...DETERMINISTIC }, stdio: ['pipe', 'ignore', 'ignore'] });
    child.stdin.end(input);
    child.on('close', (code) => resolve(code ?? -1));
  });
}

describe('two kubesim at once lose nothing', () => {
  it('keeps every context when 12 processes change the kubeconfig at the same time', async () => {
    const home = freshHome();
    const n = 12;
    const codes = await Promise.all(Array.from({ length: n }, (_, i) => kubesimAsync(home, ['config', 'set-context', `ctx-${i}`, `--namespace=ns-${i}`, '-q'], '')));
    expect(codes).toEqual(Array(n).fill(0));
    const names = kubesim(home, ['config', 'get-contexts', '-o', 'name']).stdout.split('\n').filter((l) => l.startsWith('ctx-'));
    expect(names.sort()).toEqual(Array.from({ length: n }, (_, i) => `ctx-${i}`).sort());
  });

  it('keeps every object when 20 processes apply at the same time', async () => {
    const home = freshHome();
    kubesim(home, ['get', 'ns', '-q']);
    const n = 20;
    const codes = await Promise.all(
      Array.from({ length: n }, (_, i) => kubesimAsync(home, ['apply', '-f', '-', '-q'], `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-${i}\ndata:\n  i: "${i}"\n`)),
    );
    expect(codes).toEqual(Array(n).fill(0));
    const names = kubesim(home, ['get', 'configmaps', '-o', 'name']).stdout.split('\n').filter((l) => l.startsWith('configmap/cm-'));
    expect(names.sort()).toEqual(Array.from({ length: n }, (_, i) => `configmap/cm-${i}`).sort());
    const revisions = JSON.parse(kubesim(home, ['get', 'configmaps', '-o', 'json']).stdout).items.map((o: { metadata: { resourceVersion: string } }) => Number(o.metadata.resourceVersion));
    expect(new Set(revisions).size).toBe(revisions.length);
    // the saved file is whole JSON, and its revision is past every object's
    const state = JSON.parse(readFileSync(join(home, 'clusters/kubesim/state.json'), 'utf8'));
    expect(state.store.revision).toBeGreaterThanOrEqual(Math.max(...revisions));
  }, 60_000);

  it('leaves the previous state readable when a process is killed (kill -9) in the middle of its work', async () => {
    const home = freshHome();
    kubesim(home, ['apply', '-f', 'manifests/gestion-employes.yaml', '-q']);
    const big = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: charge\nspec:\n  replicas: 60\n  selector:\n    matchLabels:\n      app: charge\n  template:\n    metadata:\n      labels:\n        app: charge\n    spec:\n      containers:\n      - name: c\n        image: nginx\n';
    for (const delayMs of [150, 300, 450, 600]) {
      const child = spawn(process.execPath, [join(ROOT, 'bin/kubesim.js'), 'apply', '-f', '-', '-q'], { env: { PATH: process.env.PATH, KUBESIM_HOME: home, ...DETERMINISTIC }, stdio: ['pipe', 'ignore', 'ignore'] });
      const closed = new Promise((r) => child.on('close', r));
      child.stdin.end(big);
      await new Promise((r) => setTimeout(r, delayMs));
      child.kill('SIGKILL'); // a no-op if it already finished: then the next round starts from its saved state
      await closed;
      JSON.parse(readFileSync(join(home, 'clusters/kubesim/state.json'), 'utf8'));
      const pods = kubesim(home, ['get', 'pods', '-l', 'app=gestion-employes', '--no-headers']);
      expect(pods.code).toBe(0);
      expect(pods.stdout.trim().split('\n')).toHaveLength(3);
    }
    // a lock left by a killed process is taken over: the next write goes through
    expect(kubesim(home, ['apply', '-f', '-', '-q'], { input: big }).code).toBe(0);
    expect(kubesim(home, ['get', 'deployment', 'charge', '--no-headers']).stdout).toMatch(/^charge\s+60\/60\s/);
  }, 60_000);

  it('gives up after 20 s on a lock another live kubesim holds, with a clear error and nothing written', () => {
    const home = freshHome();
    kubesim(home, ['-q', 'cluster', 'create']);
    const before = readFileSync(join(home, 'clusters/kubesim/state.json'), 'utf8');
    // held by a live process (this test's), taken a moment ago
    mkdirSync(join(home, 'clusters/kubesim/lock'));
    writeFileSync(join(home, 'clusters/kubesim/lock/pid'), String(process.pid));
    const r = kubesim(home, ['create', 'namespace', 'attente']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`error: the cluster is locked by another kubesim (${join(home, 'clusters/kubesim')}/lock)`);
    expect(r.stderr).toContain('Un autre kubesim travaille sur ce cluster depuis trop longtemps');
    expectNoStackTrace(r.stderr);
    expect(readFileSync(join(home, 'clusters/kubesim/state.json'), 'utf8')).toBe(before);
  }, 60_000);
});
