import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectNoStackTrace, freshHome, kubesim, scratchDir } from './cli.js';
import { hasKubectl } from './serve-process.js';

describe('kubesim config: contexts, as kubectl keeps them in ~/.kube/config', () => {
  it("follows a tutorial's `config set-context --current --namespace=dev`: every command without -n then goes there", () => {
    const home = freshHome();
    expect(kubesim(home, ['-q', 'apply', '-f', 'manifests/gestion-employes.yaml']).code).toBe(0);
    expect(kubesim(home, ['-q', 'create', 'namespace', 'dev']).code).toBe(0);
    const set = kubesim(home, ['config', 'set-context', '--current', '--namespace=dev']);
    expect([set.code, set.stdout]).toEqual([0, 'Context "kubesim-kubesim" modified.\n']);
    expect(set.stderr).toContain('📒 kubeconfig : le contexte « kubesim-kubesim » travaille désormais dans le namespace « dev »');
    expect(kubesim(home, ['config', 'get-contexts']).stdout).toBe(
      'CURRENT   NAME              CLUSTER           AUTHINFO                NAMESPACE\n*         kubesim-kubesim   kubesim-kubesim   kubesim-kubesim-admin   dev\n',
    );
    expect(kubesim(home, ['config', 'view', '--minify', '-o', 'jsonpath={..namespace}']).stdout).toBe('dev');
    // created, listed and deleted in dev; -n still reaches default
    expect(kubesim(home, ['-q', 'run', 'web', '--image=nginx']).stdout).toBe('pod/web created\n');
    expect(kubesim(home, ['-q', 'get', 'pods', '-o', 'jsonpath={.items[*].metadata.namespace}/{.items[*].metadata.name}']).stdout).toBe('dev/web');
    expect(kubesim(home, ['-q', 'get', 'pods', '-n', 'default', '-o', 'name']).stdout.split('\n').filter(Boolean)).toHaveLength(3);
    expect(kubesim(home, ['-q', 'delete', 'pod', 'web']).stdout).toBe('pod "web" deleted from dev namespace\n');
    // an empty --namespace takes the context back to default
    kubesim(home, ['-q', 'config', 'set-context', '--current', '--namespace=']);
    expect(kubesim(home, ['-q', 'get', 'deploy', '-o', 'name']).stdout).toBe('deployment.apps/gestion-employes\n');
  });

  it('switches clusters with use-context and --context, one context per kubesim cluster', () => {
    const home = freshHome();
    expect(kubesim(home, ['-q', 'cluster', 'create', 'demo', '--nodes', '1']).code).toBe(0);
    expect(kubesim(home, ['-q', 'apply', '-f', 'manifests/gestion-employes.yaml']).code).toBe(0);
    expect(kubesim(home, ['config', 'get-contexts', '-o', 'name']).stdout).toBe('kubesim-demo\nkubesim-kubesim\n');
    expect(kubesim(home, ['config', 'get-clusters']).stdout).toBe('NAME\nkubesim-demo\nkubesim-kubesim\n');
    expect(kubesim(home, ['-q', 'get', 'nodes', '--context', 'kubesim-demo', '-o', 'name']).stdout).toBe('node/demo-control-plane\nnode/demo-worker\n');
    const use = kubesim(home, ['config', 'use-context', 'kubesim-demo']);
    expect([use.code, use.stdout]).toEqual([0, 'Switched to context "kubesim-demo".\n']);
    expect(kubesim(home, ['config', 'current-context']).stdout).toBe('kubesim-demo\n');
    expect(kubesim(home, ['-q', 'get', 'deploy']).stdout).toBe('');
    // --cluster and KUBESIM_CLUSTER still name the cluster outright
    expect(kubesim(home, ['-q', 'get', 'deploy', '-o', 'name', '--cluster', 'kubesim']).stdout).toBe('deployment.apps/gestion-employes\n');
    expect(kubesim(home, ['-q', 'get', 'deploy', '-o', 'name'], { env: { KUBESIM_CLUSTER: 'kubesim' } }).stdout).toBe('deployment.apps/gestion-employes\n');
  });

  it('refuses a context that names no kubesim cluster or no admin, in kubectl words, and config still works', () => {
    const home = freshHome();
    expect(kubesim(home, ['config', 'set-context', 'dev', '--namespace=dev']).stdout).toBe('Context "dev" created.\n');
    kubesim(home, ['config', 'use-context', 'dev']);
    const refused = kubesim(home, ['get', 'pods']);
    expect([refused.code, refused.stdout, refused.stderr]).toEqual([1, '', 'The connection to the server localhost:8080 was refused - did you specify the right host or port?\n']);
    const unknown = kubesim(home, ['get', 'pods', '--context', 'nope']);
    expect([unknown.code, unknown.stderr]).toEqual([1, 'Error in configuration: context was not found for specified context: nope\n']);
    kubesim(home, ['config', 'set-context', 'alice', '--cluster=kubesim-kubesim', '--user=alice']);
    const anonymous = kubesim(home, ['get', 'pods', '--context', 'alice']);
    expect([anonymous.code, anonymous.stderr]).toEqual([1, expect.stringContaining('no credentials for user "alice"')]);
    // the kubeconfig's own commands do not need a cluster: the way back
    expect(kubesim(home, ['config', 'use-context', 'kubesim-kubesim']).code).toBe(0);
    expect(kubesim(home, ['-q', 'get', 'pods']).code).toBe(0);
    const missing = kubesim(home, ['config', 'use-context', 'nope']);
    expect([missing.code, missing.stderr]).toEqual([1, expect.stringMatching(/^error: no context exists with the name: "nope"\n💥 Le kubeconfig de kubesim n'a pas de contexte « nope »/)]);
    // a kubeconfig broken by hand: client-go's words, no stack trace, and no heap-size probe tripping on it
    const broken = freshHome();
    kubesim(broken, ['config', 'set-context', '--current']);
    spawnSync('sh', ['-c', `printf '{oops' > ${join(broken, 'kubeconfig')}`]);
    const unreadable = kubesim(broken, ['get', 'pods']);
    expect(unreadable.code).toBe(1);
    expect(unreadable.stderr).toMatch(/^error: error loading config file ".*kubeconfig": /);
    expectNoStackTrace(unreadable.stderr);
    // config's own commands say the same, and why
    const view = kubesim(broken, ['config', 'view']);
    expect([view.code, view.stdout]).toEqual([1, '']);
    expect(view.stderr).toMatch(/^error: error loading config file ".*kubeconfig": .*\n💥 Le kubeconfig de kubesim \(.*\) est illisible/);
  });

  it.skipIf(!hasKubectl)('reads and changes contexts exactly as the real kubectl does, on the same kubeconfig', () => {
    const home = freshHome();
    // kubesim's kubeconfig is JSON, which kubectl reads as YAML: both start from the same file and change their own copy
    expect(kubesim(home, ['config', 'set-context', '--current']).code).toBe(0);
    const theirs = join(scratchDir('kubectl-config'), 'config');
    copyFileSync(join(home, 'kubeconfig'), theirs);
    const steps = [
      ['config', 'current-context'], ['config', 'get-contexts'], ['config', 'get-contexts', '-o', 'name'], ['config', 'get-contexts', '--no-headers'],
      ['config', 'get-contexts', '-o', 'wide'], ['config', 'get-contexts', 'nope'], ['config', 'get-clusters'], ['config', 'get-users'],
      ['config', 'use-context', 'nope'], ['config', 'set-context'], ['config', 'set-context', 'x', '--current'],
      ['config', 'set-context', '--current', '--namespace=dev'], ['config', 'set-context', 'dev', '--namespace=dev'], ['config', 'get-contexts'],
      ['config', 'view'], ['config', 'view', '-o', 'json'], ['config', 'view', '-o', 'wide'], ['config', 'view', '--minify', '-o', 'jsonpath={..namespace}'],
      ['config', 'use-context', 'dev'], ['config', 'view', '--minify'], ['config', 'view', '--minify', '-o', 'json'], ['config', 'use', 'kubesim-kubesim'],
      ['config', 'set-context', 'dev', '--cluster=kubesim-kubesim', '--user=kubesim-kubesim-admin'], ['config', 'get-contexts', 'dev', 'kubesim-kubesim'],
      ['config', 'set-context', '--current', '--namespace='], ['config', 'get-contexts'],
    ];
    for (const args of steps) {
      const real = spawnSync('kubectl', ['--kubeconfig', theirs, ...args], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '', HOME: home } });
      const ours = kubesim(home, ['-q', ...args]);
      expect({ args, out: ours.stdout, err: ours.stderr, code: ours.code }).toEqual({ args, out: real.stdout, err: real.stderr, code: real.status });
    }
    // only the file named differs
    const deleted = kubesim(home, ['config', 'delete-context', 'dev']);
    expect(deleted.stdout).toBe(`deleted context dev from ${join(home, 'kubeconfig')}\n`);
    expect(existsSync(join(home, 'kubeconfig')) && JSON.parse(readFileSync(join(home, 'kubeconfig'), 'utf8')).contexts).toHaveLength(1);
  });
});
