import { chmodSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { DETERMINISTIC, freshHome, kubesim, ROOT, scratchDir, stateOf } from './cli.js';
import { hasTmux, startTmux } from './tmux.js';

const hasVi = spawnSync('sh', ['-c', 'command -v vi']).status === 0;

/** An "editor" that a test drives: a shell script run on the file, as vi or nano would be by a student. */
function editor(name: string, script: string): string {
  const file = join(scratchDir('editor'), name);
  writeFileSync(file, `#!/bin/sh\n${script}\n`);
  chmodSync(file, 0o755);
  return file;
}
const editFiles = () => readdirSync(tmpdir()).filter((f) => /^kubectl-edit-\d+\.yaml$/.test(f)).sort();

describe('kubesim edit: the object in an editor, what changed sent back', () => {
  it('patches what the editor changed (edited), cancels what it left alone, and shows the object as kubectl does', () => {
    const home = freshHome();
    kubesim(home, ['-q', 'apply', '-f', 'manifests/gestion-employes.yaml']);
    const seen = join(scratchDir('edit'), 'seen.yaml');
    const before = editFiles();
    const untouched = kubesim(home, ['-q', 'edit', 'deployment/gestion-employes'], { env: { KUBE_EDITOR: editor('keep.sh', `cp "$1" ${seen}`) } });
    expect([untouched.code, untouched.stdout, untouched.stderr]).toEqual([0, '', 'Edit cancelled, no changes made.\n']);
    const shown = readFileSync(seen, 'utf8');
    expect(shown).toMatch(/^# Please edit the object below\. Lines beginning with a '#' will be ignored,\n# and an empty file will abort the edit\. If an error occurs while saving this file will be\n# reopened with the relevant failures\.\n#\napiVersion: apps\/v1\nkind: Deployment\n/);
    expect(shown).not.toContain('managedFields');
    const scaled = kubesim(home, ['edit', 'deploy', 'gestion-employes'], { env: { EDITOR: editor('scale.sh', `sed -i 's/^  replicas: 3$/  replicas: 2/' "$1"`) } });
    expect([scaled.code, scaled.stdout]).toEqual([0, 'deployment.apps/gestion-employes edited\n']);
    expect(scaled.stderr).toContain('PATCH /apis/apps/v1/namespaces/default/deployments/gestion-employes');
    expect(kubesim(home, ['-q', 'get', 'deploy', 'gestion-employes', '-o', 'jsonpath={.spec.replicas} {.status.readyReplicas}']).stdout).toBe('2 2');
    // its temporary files go
    expect(editFiles()).toEqual(before);
  });

  it('reopens a change the API server refuses with its reasons, then gives up as kubectl does, changing nothing', () => {
    const home = freshHome();
    kubesim(home, ['-q', 'apply', '-f', 'manifests/gestion-employes.yaml']);
    const state = stateOf(home);
    const reopened = join(scratchDir('edit'), 'reopened.yaml');
    // the first time a wrong type; the second time, the file as kubectl reopened it, saved again as it is
    const stubborn = editor('stubborn.sh', `if grep -q 'was not valid' "$1"; then cp "$1" ${reopened}; else sed -i 's/^  replicas: 3$/  replicas: deux/' "$1"; fi`);
    const r = kubesim(home, ['-q', 'edit', 'deploy/gestion-employes'], { env: { KUBE_EDITOR: stubborn } });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^error: deployments\.apps "gestion-employes" could not be patched: Deployment in version "v1" cannot be handled as a Deployment: .*\nYou can run `kubectl replace -f (\/\S+\/kubectl-edit-\d+\.yaml)` to try this update again\.\n$/,
    );
    expect(readFileSync(reopened, 'utf8')).toMatch(/^# Please edit the object below\.[^]*#\n# deployments\.apps "gestion-employes" was not valid:\n# \* Deployment in version "v1" cannot be handled/);
    const kept = /replace -f (\S+)`/.exec(r.stderr)![1]!;
    expect(readFileSync(kept, 'utf8')).toContain('  replicas: deux\n');
    expect(stateOf(home)).toBe(state);
  });

  it('refuses an emptied file, a missing editor and a missing object in kubectl words', () => {
    const home = freshHome();
    kubesim(home, ['-q', 'apply', '-f', 'manifests/gestion-employes.yaml']);
    const emptied = kubesim(home, ['-q', 'edit', 'deploy/gestion-employes', 'svc/gestion-employes'], { env: { KUBE_EDITOR: editor('empty.sh', ': > "$1"') } });
    expect([emptied.code, emptied.stderr]).toEqual([1, expect.stringMatching(/^error: deployments\.apps "gestion-employes" is invalid\nA copy of your changes has been stored to ".*kubectl-edit-\d+\.yaml"\nerror: Edit cancelled, no valid changes were saved\.\n$/)]);
    const noEditor = kubesim(home, ['-q', 'edit', 'deploy/gestion-employes'], { env: { KUBE_EDITOR: '/nonexistent/editor' } });
    expect([noEditor.code, noEditor.stderr]).toEqual([1, 'error: there was a problem with the editor "/nonexistent/editor"\n']);
    const missing = kubesim(home, ['-q', 'edit', 'deploy/absent'], { env: { KUBE_EDITOR: 'true' } });
    expect([missing.code, missing.stderr]).toEqual([1, 'Error from server (NotFound): deployments.apps "absent" not found\n']);
    expect(existsSync(home)).toBe(true);
  });

  it.skipIf(!hasTmux || !hasVi)('opens vi in a real terminal, as a student meets it: /replicas, r2, :wq, and the Deployment follows', async () => {
    const home = freshHome();
    kubesim(home, ['-q', 'apply', '-f', 'manifests/postgres.yaml']);
    const vars = Object.entries({ KUBESIM_HOME: home, KUBESIM_NARRATION: 'off', EDITOR: 'vi', ...DETERMINISTIC }).map(([k, v]) => `${k}=${v}`).join(' ');
    const term = startTmux(`cd ${ROOT} && env ${vars} node bin/kubesim.js edit deployment/postgres; echo "EXIT=$?"; sleep 30`);
    try {
      expect(await term.shows('# Please edit the object below.')).toBe(true);
      term.keys('/replicas: 1', 'Enter');
      term.keys('$', 'r', '2', 'Escape', ':wq', 'Enter');
      expect(await term.shows('EXIT=0')).toBe(true);
      expect(term.screen()).toContain('deployment.apps/postgres edited');
    } finally {
      term.kill();
    }
    expect(kubesim(home, ['-q', 'get', 'deploy', 'postgres', '-o', 'jsonpath={.spec.replicas}']).stdout).toBe('2');
  }, 30_000);
});
