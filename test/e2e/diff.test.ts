import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CORPUS, expectNoStackTrace, freshHome, kubesim, ROOT, scratchDir, stateOf } from './cli.js';

const manifest = (name: string, text: string) => {
  const file = join(scratchDir('diff'), name);
  writeFileSync(file, text);
  return file;
};
const scaledTo = (replicas: number) => manifest(`scaled-${replicas}.yaml`, readFileSync(join(ROOT, 'manifests/gestion-employes.yaml'), 'utf8').replace('replicas: 3', `replicas: ${replicas}`));
const tempDirs = () => readdirSync(tmpdir()).filter((d) => /^(LIVE|MERGED)-\d+$/.test(d)).sort();

describe('kubesim diff: what apply would change, as kubectl diff shows it', () => {
  it('says nothing and exits 0 for what is applied, shows the change and exits 1 otherwise, and changes nothing', () => {
    const home = freshHome();
    expect(kubesim(home, ['-q', 'apply', '-f', 'manifests/']).code).toBe(0);
    const before = stateOf(home);
    const dirs = tempDirs();
    const same = kubesim(home, ['-q', 'diff', '-f', 'manifests/']);
    expect([same.code, same.stdout, same.stderr]).toEqual([0, '', '']);
    const changed = kubesim(home, ['-q', 'diff', '-f', scaledTo(5)]);
    expect(changed.code).toBe(1);
    // one file per object, `[group.]version.Kind.namespace.name`, and the server's dry run bumps the generation
    expect(changed.stdout).toMatch(/^diff -u -N \/\S+\/LIVE-\d+\/apps\.v1\.Deployment\.default\.gestion-employes \/\S+\/MERGED-\d+\/apps\.v1\.Deployment\.default\.gestion-employes\n--- /);
    expect(changed.stdout).toContain('\n-  generation: 1\n+  generation: 2\n');
    expect(changed.stdout).toContain('\n-  replicas: 3\n+  replicas: 5\n');
    expect(changed.stdout).not.toContain('managedFields');
    expect(stateOf(home)).toBe(before);
    // kubectl removes its directories, and so does kubesim
    expect(tempDirs()).toEqual(dirs);
  });

  it('is the same bytes run after run with a pinned clock and seed (the directories and times in its headers too)', () => {
    const home = freshHome();
    kubesim(home, ['-q', 'apply', '-f', 'manifests/gestion-employes.yaml']);
    const file = scaledTo(4);
    const first = kubesim(home, ['-q', 'diff', '-f', file]).stdout;
    expect(first).toMatch(/\t2026-11-23 10:00:\d\d\.\d{9} \+0000\n/);
    expect(kubesim(home, ['-q', 'diff', '-f', file]).stdout).toBe(first);
  });

  it("shows a new object whole, masks a Secret's values, and runs KUBECTL_EXTERNAL_DIFF when it is set", () => {
    const home = freshHome();
    kubesim(home, ['-q', 'apply', '-f', 'manifests/postgres.yaml']);
    const file = manifest('new.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: nouveau\ndata:\n  a: "1"\n---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: postgres-credentials\n  labels: {app: postgres}\nstringData:\n  POSTGRES_USER: autre\n  NEW: x\n');
    const r = kubesim(home, ['-q', 'diff', '-f', file]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/--- \S+\/LIVE-\d+\/v1\.ConfigMap\.default\.nouveau\t.*\n\+\+\+ .*\n@@ -0,0 \+1,9 @@\n\+apiVersion: v1\n\+data:\n\+  a: "1"\n/);
    expect(r.stdout).toContain("+  NEW: '***'\n   POSTGRES_DB: '***'\n   POSTGRES_PASSWORD: '***'\n-  POSTGRES_USER: '*** (before)'\n+  POSTGRES_USER: '*** (after)'\n");
    expect(r.stdout).not.toContain('autre');
    const brief = kubesim(home, ['-q', 'diff', '-f', file], { env: { KUBECTL_EXTERNAL_DIFF: 'diff -q' } });
    expect([brief.code, brief.stdout.trim().split('\n')]).toEqual([1, [expect.stringMatching(/^Files \S+\/v1\.ConfigMap\.default\.nouveau and \S+ differ$/), expect.stringMatching(/Secret\.default\.postgres-credentials and .* differ$/)]]);
  });

  it('fails with exit code 2, in kubectl words, on bad input or a missing diff program', () => {
    const home = freshHome();
    const missing = kubesim(home, ['-q', 'diff', '-f', 'absent.yaml']);
    expect([missing.code, missing.stderr]).toEqual([2, 'error: the path "absent.yaml" does not exist\n']);
    const nowhere = kubesim(home, ['-q', 'diff', '-f', manifest('ns.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  namespace: absent\n')]);
    expect([nowhere.code, nowhere.stderr]).toEqual([2, 'Error from server (NotFound): namespaces "absent" not found\n']);
    expect(kubesim(home, ['-q', 'diff']).code).toBe(2);
    const noProgram = kubesim(home, ['-q', 'diff', '-f', scaledTo(2)], { env: { KUBECTL_EXTERNAL_DIFF: 'no-such-differ -u' } });
    expect([noProgram.code, noProgram.stderr]).toEqual([2, 'error: failed to run "no-such-differ": executable file not found in $PATH\n']);
    // every manifest a real cluster or kubectl refuses: a failure, never a diff
    const invalid = readFileSync(join(CORPUS, 'invalid/INDEX.tsv'), 'utf8').trim().split('\n').slice(1).map((line) => line.split('\t')[0]!);
    expect(invalid.length).toBeGreaterThan(10);
    for (const path of invalid) {
      const r = kubesim(home, ['-q', 'diff', '-f', join(CORPUS, 'invalid', path)]);
      expect([r.code, r.stdout], path).toEqual([2, '']);
      expectNoStackTrace(r.stderr);
    }
  });
});
