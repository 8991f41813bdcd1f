import { describe, expect, it } from 'vitest';
import { freshHome, kubesim } from './cli.js';

/** `kubesim get --field-selector` (serve.test.ts compares it with the real kubectl through kubesim serve). */
describe('get --field-selector', () => {
  const home = freshHome();
  expect(kubesim(home, ['-q', 'apply', '-f', 'manifests/']).code).toBe(0);
  const get = (...args: string[]) => kubesim(home, ['-q', 'get', ...args]);

  it('selects by the fields the API server knows of each kind', () => {
    const names = (r: { stdout: string }) => r.stdout.trim().split('\n').filter(Boolean);
    const running = names(get('pods', '--field-selector', 'status.phase=Running', '-o', 'name'));
    expect(running).toHaveLength(4);
    const onNode = names(get('pods', '--field-selector', 'spec.nodeName=kubesim-worker2', '-o', 'name'));
    expect(onNode.length).toBeGreaterThan(0);
    expect(onNode.length).toBeLessThan(running.length);
    expect(names(get('pods', '--field-selector', 'status.phase!=Running', '-o', 'name'))).toEqual([]);
    expect(get('events', '--field-selector', 'involvedObject.kind=Deployment,reason=ScalingReplicaSet', '--no-headers').stdout.trim().split('\n')).toHaveLength(2);
    expect(get('deploy', '-l', 'tier=web', '--field-selector', 'metadata.name=gestion-employes', '-o', 'name').stdout).toBe('deployment.apps/gestion-employes\n');
  });

  it('deletes what it selects: the pods of one node, and says so on stdout when nothing matches', () => {
    const home = freshHome();
    expect(kubesim(home, ['-q', 'apply', '-f', 'manifests/gestion-employes.yaml']).code).toBe(0);
    const onNode = (node: string) => kubesim(home, ['-q', 'get', 'pods', '--field-selector', `spec.nodeName=${node}`, '-o', 'name']).stdout.trim().split('\n').filter(Boolean);
    const doomed = onNode('kubesim-worker2');
    expect(doomed.length).toBeGreaterThan(0);
    const deleted = kubesim(home, ['-q', 'delete', 'pods', '--field-selector', 'spec.nodeName=kubesim-worker2', '--wait=false']);
    expect(deleted.stdout.trim().split('\n')).toEqual(doomed.map((p) => `pod "${p.slice('pod/'.length)}" deleted from default namespace`));
    expect(kubesim(home, ['-q', 'delete', 'pods', '--field-selector', 'status.phase=Failed'])).toMatchObject({ code: 0, stdout: 'No resources found\n', stderr: '' });
    expect(kubesim(home, ['-q', 'delete', 'deploy', '--field-selector', 'status.phase=Running']).stderr).toContain('field label not supported: status.phase');
  });

  it("refuses a field a kind is not selected by, in each list's own words, and still prints the others", () => {
    const r = get('pods,deploy', '--field-selector', 'status.phase=Running');
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('Error from server (BadRequest): Unable to find "apps/v1, Resource=deployments" that match label selector "", field selector "status.phase=Running": field label not supported: status.phase\n');
    // only pods came back: their names do not name their kind
    expect(r.stdout).toMatch(/^NAME +READY +STATUS +RESTARTS +AGE\ngestion-employes-/);
    const explained = kubesim(home, ['get', 'pods', '--field-selector', 'spec.foo=bar']);
    expect(explained.stderr).toContain("💥 L'API Server ne sélectionne les pods que par certains champs");
    // kubectl takes names or selectors, not both
    const pod = get('pods', '-o', 'name').stdout.split('\n')[0]!.slice('pod/'.length);
    expect(get('pod', pod, '-l', 'app=postgres').stderr).toBe('error: name cannot be provided when a selector is specified\n');
    expect(get('pod', pod, '--field-selector', 'status.phase=Running')).toMatchObject({ code: 1, stdout: '', stderr: 'error: name cannot be provided when a selector is specified\n' });
    expect(get('svc', '--field-selector', 'nope').stderr).toBe('Error from server (BadRequest): Unable to find "/v1, Resource=services" that match label selector "", field selector "nope": invalid selector: \'nope\'; can\'t understand \'nope\'\n');
  });
});
