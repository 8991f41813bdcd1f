import { describe, expect, it } from 'vitest';
import { freshHome, kubesim, stateOf } from './cli.js';

/** The seed scenario, applied quietly: the HR app (3 replicas, container `app`) and its PostgreSQL. */
function seeded(): string {
  const home = freshHome();
  expect(kubesim(home, ['-q', 'apply', '-f', 'manifests/']).code).toBe(0);
  return home;
}

const template = (home: string, path: string) => kubesim(home, ['get', 'deploy/gestion-employes', '-o', `jsonpath={.spec.template.spec.containers[0].${path}}`]).stdout;

describe('kubectl set env', () => {
  it('sets and removes variables in the pod template: a rollout, whose new pods carry them', () => {
    const home = seeded();
    const set = kubesim(home, ['set', 'env', 'deployment/gestion-employes', 'LOG_LEVEL=debug']);
    expect([set.code, set.stdout]).toEqual([0, 'deployment.apps/gestion-employes env updated\n']);
    // the request is narrated as the PATCH it is, then the rollout the new template starts
    expect(set.stderr).toMatch(/PATCH/);
    expect(kubesim(home, ['rollout', 'history', 'deploy/gestion-employes']).stdout).toMatch(/^2 +<none>$/m);
    const pods = kubesim(home, ['get', 'pods', '-l', 'app=gestion-employes', '-o', 'jsonpath={range .items[*]}{.spec.containers[0].env[-1:].name}{" "}{.status.phase}{"\\n"}{end}']).stdout;
    expect(pods.trim().split('\n')).toEqual(['LOG_LEVEL Running', 'LOG_LEVEL Running', 'LOG_LEVEL Running']);
    // the same again changes nothing: kubectl then sends nothing and prints nothing
    const revision = stateOf(home).match(/"revision":(\d+)/)![1];
    expect(kubesim(home, ['-q', 'set', 'env', 'deployment/gestion-employes', 'LOG_LEVEL=debug'])).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(stateOf(home).match(/"revision":(\d+)/)![1]).toBe(revision);
    expect(kubesim(home, ['-q', 'set', 'env', 'deployment/gestion-employes', 'LOG_LEVEL-']).stdout).toBe('deployment.apps/gestion-employes env updated\n');
    expect(template(home, 'env[*].name')).toBe('DB_HOST DB_PORT DB_NAME DB_USER DB_PASSWORD');
  });

  it('lists the variables, resolves their references with --resolve, imports a ConfigMap or Secret with --from', () => {
    const home = seeded();
    expect(kubesim(home, ['set', 'env', 'deploy/gestion-employes', '--list']).stdout).toBe(
      '# Deployment gestion-employes, container app\nDB_HOST=postgres.default.svc.cluster.local\nDB_PORT=5432\nDB_NAME=employes\n' +
        '# DB_USER from secret postgres-credentials, key POSTGRES_USER\n# DB_PASSWORD from secret postgres-credentials, key POSTGRES_PASSWORD\n',
    );
    const resolved = kubesim(home, ['set', 'env', 'deploy/gestion-employes', '--list', '--resolve']).stdout;
    const user = Buffer.from(JSON.parse(kubesim(home, ['get', 'secret', 'postgres-credentials', '-o', 'json']).stdout).data.POSTGRES_USER, 'base64').toString();
    expect(resolved).toContain(`\nDB_USER=${user}\n`);
    // a key that is not a variable name is renamed, and kubectl says so
    const from = kubesim(home, ['-q', 'set', 'env', 'deploy/gestion-employes', '--from=configmap/gestion-employes-config', '--prefix=APP_']);
    expect([from.code, from.stdout, from.stderr]).toEqual([0, 'deployment.apps/gestion-employes env updated\n', 'Warning: key application.properties transferred to APPLICATION_PROPERTIES\n']);
    expect(kubesim(home, ['set', 'env', 'deploy/gestion-employes', '--list']).stdout).toContain('# APP_APPLICATION_PROPERTIES from configmap gestion-employes-config, key application.properties\n');
  });

  it('refuses as kubectl does, and writes nothing', () => {
    const home = seeded();
    const before = stateOf(home);
    const refusals: Array<[string[], string]> = [
      [['1A=b'], `error: "1A" is not a valid key name: a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit`],
      [['DB_PORT=1', '--overwrite=false'], "error: deployments/gestion-employes 'DB_PORT' already has a value (5432), and --overwrite is false"],
      [['A=1', 'A-'], 'error: can not both modify and remove the same environment variable in the same command'],
      [['A=1', 'deploy/postgres'], 'error: all resources must be specified before environment changes: deploy/gestion-employes A=1 deploy/postgres'],
    ];
    for (const [args, text] of refusals) {
      const r = kubesim(home, ['set', 'env', 'deploy/gestion-employes', ...args]);
      expect([r.code, r.stdout, r.stderr.startsWith(text)]).toEqual([1, '', true]);
      expect(r.stderr).toMatch(/\n💥 /);
    }
    const none = kubesim(home, ['-q', 'set', 'env', 'deploy/gestion-employes', '-c', 'nope', 'A=b']);
    expect(none).toEqual({ code: 0, stdout: '', stderr: 'Warning: Deployment/gestion-employes does not have any containers matching "nope"\n' });
    expect(stateOf(home)).toBe(before);
  });
});

describe('kubectl set resources', () => {
  it("changes requests and limits (in Kubernetes' canonical form): the new pods are scheduled on the new requests", () => {
    const home = seeded();
    const r = kubesim(home, ['set', 'resources', 'deployment/gestion-employes', '--requests=cpu=0.1,memory=0.25Gi', '--limits=cpu=1']);
    expect([r.code, r.stdout]).toEqual([0, 'deployment.apps/gestion-employes resource requirements updated\n']);
    expect(template(home, 'resources')).toBe('{"limits":{"cpu":"1","memory":"512Mi"},"requests":{"cpu":"100m","memory":"256Mi"}}');
    // every pod of the app now asks 100m: what the Scheduler counts per node (describe node's table)
    const requests = kubesim(home, ['get', 'pods', '-l', 'app=gestion-employes', '-o', 'jsonpath={.items[*].spec.containers[0].resources.requests.cpu}']).stdout;
    expect(requests).toBe('100m 100m 100m');
    const describe = kubesim(home, ['describe', 'nodes']).stdout;
    expect(describe).toMatch(/default +gestion-employes-\S+ +100m \(2%\) +1 \(25%\) +256Mi/);
  });

  it('refuses requests above limits with the API server\'s words, a missing container, a flag without value', () => {
    const home = seeded();
    const before = stateOf(home);
    const over = kubesim(home, ['set', 'resources', 'deploy/gestion-employes', '--limits=cpu=200m']);
    expect([over.code, over.stdout]).toEqual([1, '']);
    // the PATCH is narrated, then refused: kubectl's text, then why in French
    expect(over.stderr).toMatch(
      /\nerror: failed to patch resources update to pod template Deployment\.apps "gestion-employes" is invalid: spec\.template\.spec\.containers\[0\]\.resources\.requests: Invalid value: "250m": must be less than or equal to cpu limit of 200m\n💥 L'API Server a refusé Deployment « gestion-employes »/,
    );
    expect(kubesim(home, ['set', 'resources', 'deploy/gestion-employes', '-c', 'nope', '--limits=cpu=1']).stderr).toMatch(/^error: unable to find container named nope\n/);
    expect(kubesim(home, ['set', 'resources', 'deploy/gestion-employes']).stderr).toMatch(/^error: you must specify an update to requests or limits \(in the form of --requests\/--limits\)\n/);
    expect(kubesim(home, ['set', 'resources', 'deploy/gestion-employes', '--requests=cpu']).stderr).toMatch(/^error: Invalid argument syntax cpu, expected <resource>=<value>\n/);
    expect(stateOf(home)).toBe(before);
  });
});

describe('kubectl set image', () => {
  it('prints nothing when nothing changes, -o name when asked, and refuses what has no pod template', () => {
    const home = seeded();
    expect(kubesim(home, ['-q', 'set', 'image', 'deploy/gestion-employes', 'app=gestion-employes:1.0']).stdout).toBe('');
    expect(kubesim(home, ['-q', 'set', 'image', 'deploy', 'gestion-employes', 'postgres', '*=nginx:1.27', '-o', 'name']).stdout).toBe('deployment.apps/gestion-employes\ndeployment.apps/postgres\n');
    const svc = kubesim(home, ['-q', 'set', 'image', 'svc/gestion-employes', 'a=b']);
    expect([svc.code, svc.stderr]).toEqual([1, 'error: services/gestion-employes the object is not a pod or does not have a pod template: *v1.Service\n']);
  });
});
