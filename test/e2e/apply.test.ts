import { describe, expect, it } from 'vitest';
import { freshHome, kubesim } from './cli.js';

describe('quantities and re-applied pods', () => {
  it("stores quantities in Kubernetes' canonical form; a manifest that writes them otherwise is configured again, as kubectl says", () => {
    const home = freshHome();
    const pod = ['apply', '-f', 'test/fixtures/quantities/pod.yaml'];
    expect(kubesim(home, ['-q', ...pod]).stdout).toBe('pod/quantities created\n');
    expect(kubesim(home, ['get', 'pod', 'quantities', '-o', 'jsonpath={.spec.containers[0].resources}']).stdout).toBe('{"limits":{"cpu":"1","memory":"1536Mi"},"requests":{"cpu":"500m","memory":"1Gi"}}');
    // kubectl's three-way patch compares the manifest's 0.5 with the cluster's 500m: a PATCH, that changes nothing
    expect(kubesim(home, ['-q', ...pod]).stdout).toBe('pod/quantities configured\n');
  });

  it("changes a pod's image by apply: its containers merge by name, the service account's volume mount stays", () => {
    const home = freshHome();
    const manifest = (image: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: web\n    image: ${image}\n`;
    expect(kubesim(home, ['-q', 'apply', '-f', '-'], { input: manifest('nginx:1.26') }).code).toBe(0);
    const again = kubesim(home, ['-q', 'apply', '-f', '-'], { input: manifest('nginx:1.27') });
    expect([again.code, again.stdout, again.stderr]).toEqual([0, 'pod/web configured\n', '']);
    expect(kubesim(home, ['get', 'pod', 'web', '-o', 'jsonpath={.spec.containers[0].image} {.spec.containers[0].volumeMounts[0].mountPath}']).stdout).toBe('nginx:1.27 /var/run/secrets/kubernetes.io/serviceaccount');
  });
});

describe('kubectl apply -o', () => {
  it('applies, then prints the objects; one refused object among several is told on its own, and nothing is printed', () => {
    const home = freshHome();
    const yaml = kubesim(home, ['-q', 'apply', '-f', 'manifests/gestion-employes.yaml', '-o', 'yaml']);
    expect(yaml.stdout).toMatch(/^apiVersion: v1\nitems:\n- apiVersion: v1\n  data:/);
    expect(yaml.stdout).toMatch(/\nkind: List\nmetadata: {}\n$/);
    // -o wide is no printer of apply: kubectl says so after the objects are applied
    const wide = kubesim(home, ['-q', 'apply', '-f', 'test/fixtures/quantities/pod.yaml', '-o', 'wide']);
    expect([wide.code, wide.stdout, wide.stderr]).toEqual([1, '', expect.stringMatching(/^error: unable to match a printer suitable for the output format "wide", allowed formats are: go-template,/)]);
    expect(kubesim(home, ['get', 'pod', 'quantities', '-o', 'name']).stdout).toBe('pod/quantities\n');
    const mixed = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ok\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: Not_Ok\n';
    const r = kubesim(home, ['-q', 'apply', '-f', '-', '-o', 'jsonpath={.kind}'], { input: mixed });
    expect([r.code, r.stdout]).toEqual([1, '']);
    expect(r.stderr).toMatch(/^The ConfigMap "Not_Ok" is invalid: metadata\.name: Invalid value: "Not_Ok"/);
  });
});
