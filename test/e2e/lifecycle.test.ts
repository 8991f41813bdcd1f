import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { deploymentManifest, freshHome, kubesim, ROOT, scratchDir, stateOf } from './cli.js';

const runningPods = (home: string) =>
  kubesim(home, ['get', 'pods', '-l', 'app=gestion-employes', '--no-headers'])
    .stdout.split('\n')
    .filter((l) => l.includes('Running'));

describe('the cluster heals and updates', () => {
  it('replaces a deleted pod, and the narration shows the ReplicaSet controller doing it', () => {
    const home = freshHome();
    kubesim(home, ['apply', '-f', 'manifests/gestion-employes.yaml', '-q']);
    const victim = kubesim(home, ['get', 'pods', '-o', 'name']).stdout.split('\n')[0];
    const del = kubesim(home, ['delete', victim]);
    expect(del.code).toBe(0);
    expect(del.stdout).toBe(`pod "${victim.slice(4)}" deleted from default namespace\n`);
    expect(del.stderr).toContain(`marqué pour suppression (deletionTimestamp, délai de grâce 30 s)`);
    expect(del.stderr).toMatch(/👀 \[6\/6\] Contrôleur ReplicaSet : gestion-employes-\w+ a 2 pods pour 3 voulus → en crée 1/);
    expect(del.stderr).toContain('SIGTERM au conteneur « app »');
    const pods = runningPods(home);
    expect(pods).toHaveLength(3);
    expect(pods.join('\n')).not.toContain(victim.slice(4));
  });

  it('takes a pod labeled out of its ReplicaSet aside and replaces it; labeled back, adopts it and removes one', () => {
    const home = freshHome();
    kubesim(home, ['apply', '-f', 'manifests/gestion-employes.yaml', '-q']);
    const pod = kubesim(home, ['get', 'pods', '-o', 'name']).stdout.split('\n')[0]!;
    // a dry run, on either side, says what it would do and changes nothing
    for (const [mode, said] of [['client', 'dry run'], ['server', 'server dry run']]) {
      expect(kubesim(home, ['-q', 'label', pod, 'app=debug', '--overwrite', `--dry-run=${mode}`]).stdout).toBe(`${pod} labeled (${said})\n`);
    }
    expect(kubesim(home, ['get', pod, '-o', 'jsonpath={.metadata.labels.app}']).stdout).toBe('gestion-employes');
    const aside = kubesim(home, ['label', pod, 'app=debug', '--overwrite']);
    expect(aside.stdout).toBe(`${pod} labeled\n`);
    expect(aside.stderr).toMatch(new RegExp(`👀 \\[6/6\\] Contrôleur ReplicaSet : le pod ${pod.slice(4)} n'a plus les labels du sélecteur de gestion-employes-\\w+ → il le relâche`));
    expect(aside.stderr).toMatch(/Contrôleur ReplicaSet : gestion-employes-\w+ a 2 pods pour 3 voulus → en crée 1/);
    expect(runningPods(home)).toHaveLength(3);
    expect(kubesim(home, ['get', pod, '--no-headers']).stdout).toContain('Running');
    // several keys already set, without --overwrite: kubectl's aggregate, a line each, and nothing changed
    const refused = kubesim(home, ['label', pod, 'app=x', 'tier=y']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("'app' already has a value (debug), and --overwrite is false\n'tier' already has a value (web), and --overwrite is false\n");
    const back = kubesim(home, ['label', pod, 'app=gestion-employes', '--overwrite']);
    expect(back.stderr).toMatch(new RegExp(`le pod orphelin ${pod.slice(4)} a les labels du sélecteur de gestion-employes-\\w+ → il l'adopte`));
    expect(back.stderr).toMatch(/a 4 pods pour 3 voulus → en supprime 1/);
    expect(runningPods(home)).toHaveLength(3);
    expect(runningPods(home).join('\n')).toContain(pod.slice(4));
  });

  it('returns at once with delete --wait=false: the pod is still Terminating, its replacement starting; --now shortens the grace', () => {
    const home = freshHome();
    kubesim(home, ['apply', '-f', 'manifests/gestion-employes.yaml', '-q']);
    const pod = kubesim(home, ['get', 'pods', '-o', 'name']).stdout.split('\n')[0]!;
    expect(kubesim(home, ['delete', pod, '--wait=false', '-q']).stdout).toBe(`pod "${pod.slice(4)}" deleted from default namespace\n`);
    const meanwhile = kubesim(home, ['get', 'pods', '--no-headers']).stdout;
    expect(meanwhile).toMatch(new RegExp(`^${pod.slice(4)} +1/1 +Terminating `, 'm'));
    expect(meanwhile.trim().split('\n')).toHaveLength(4);
    kubesim(home, ['wait', '31s', '-q']);
    expect(kubesim(home, ['get', 'pods', '-o', 'name']).stdout).not.toContain(pod);
    expect(runningPods(home)).toHaveLength(3);
    const now = kubesim(home, ['delete', 'pods', '--all', '--now']);
    expect(now.stderr).toContain('délai de grâce 1 s');
    expect(kubesim(home, ['delete', 'pods', '--all', '--now', '--grace-period=5']).stderr).toContain('error: --now and --grace-period cannot be specified together');
  });

  it('says unchanged for the same manifest, configured and rolls out for a changed one', () => {
    const home = freshHome();
    kubesim(home, ['apply', '-f', 'manifests/gestion-employes.yaml', '-q']);
    const again = kubesim(home, ['apply', '-f', 'manifests/gestion-employes.yaml']);
    expect(again.stdout).toBe('configmap/gestion-employes-config unchanged\ndeployment.apps/gestion-employes unchanged\nservice/gestion-employes unchanged\n');
    const dir = scratchDir('manifests');
    const changed = join(dir, 'gestion-employes.yaml');
    writeFileSync(changed, readFileSync(join(ROOT, 'manifests/gestion-employes.yaml'), 'utf8').replace('gestion-employes:1.0', 'gestion-employes:1.1'));
    const update = kubesim(home, ['apply', '-f', changed]);
    expect(update.code).toBe(0);
    expect(update.stdout).toBe('configmap/gestion-employes-config unchanged\ndeployment.apps/gestion-employes configured\nservice/gestion-employes unchanged\n');
    expect(update.stderr).toMatch(/ReplicaSet gestion-employes-\w+ de 3 à 2 réplicas \(mise à jour progressive/);
    const rs = kubesim(home, ['get', 'rs']).stdout.trimEnd().split('\n').slice(1);
    expect(rs).toHaveLength(2);
    expect(rs.map((l) => l.split(/ +/).slice(1, 4).join(' ')).sort()).toEqual(['0 0 0', '3 3 3']);
    const images = JSON.parse(kubesim(home, ['get', 'pods', '-o', 'json']).stdout).items.map((p: { spec: { containers: Array<{ image: string }> } }) => p.spec.containers[0].image);
    expect(images).toEqual(['gestion-employes:1.1', 'gestion-employes:1.1', 'gestion-employes:1.1']);
  });

  it('deletes by manifest, and the garbage collector takes the ReplicaSets and pods', () => {
    const home = freshHome();
    kubesim(home, ['apply', '-f', 'manifests/', '-q']);
    // a dry run, on either side, says what would go and deletes nothing
    const before = stateOf(home);
    expect(kubesim(home, ['-q', 'delete', '-f', 'manifests/postgres.yaml', '--dry-run=server']).stdout).toBe(
      'secret "postgres-credentials" deleted (server dry run)\nconfigmap "postgres-init" deleted (server dry run)\npersistentvolumeclaim "postgres-data" deleted (server dry run)\ndeployment.apps "postgres" deleted (server dry run)\nservice "postgres" deleted (server dry run)\n',
    );
    expect(kubesim(home, ['-q', 'delete', 'pods', '--all', '--dry-run=client']).stdout).toMatch(/^(pod "\S+" deleted \(dry run\)\n){4}$/);
    expect(stateOf(home)).toBe(before);
    const del = kubesim(home, ['delete', '-f', 'manifests/postgres.yaml']);
    expect(del.stdout).toBe(
      'secret "postgres-credentials" deleted from default namespace\nconfigmap "postgres-init" deleted from default namespace\npersistentvolumeclaim "postgres-data" deleted from default namespace\ndeployment.apps "postgres" deleted from default namespace\nservice "postgres" deleted from default namespace\n',
    );
    expect(del.stderr).toContain('🧹');
    expect(kubesim(home, ['get', 'pods', '-l', 'app=postgres']).stderr).toBe('No resources found in default namespace.\n');
  });
});

describe('kubectl scale of several objects', () => {
  it('scales each object named, selected (-l) or of a type (--all); a missing one is told at the end, the others scaled', () => {
    const home = freshHome();
    expect(kubesim(home, ['-q', 'apply', '-f', 'manifests/']).code).toBe(0);
    const pods = () => kubesim(home, ['get', 'pods', '--no-headers']).stdout.split('\n').filter(Boolean).length;
    // the evening's shutdown of a class's cluster: every Deployment to zero
    const none = kubesim(home, ['-q', 'scale', 'deploy', '--all', '--replicas=0']);
    expect([none.code, none.stdout]).toEqual([0, 'deployment.apps/gestion-employes scaled\ndeployment.apps/postgres scaled\n']);
    expect(pods()).toBe(0);
    expect(kubesim(home, ['-q', 'scale', 'deploy', '-l', 'app=postgres', '--replicas=1']).stdout).toBe('deployment.apps/postgres scaled\n');
    const partly = kubesim(home, ['-q', 'scale', 'deploy', 'absent', 'gestion-employes', '--replicas=2']);
    expect(partly).toEqual({ code: 1, stdout: 'deployment.apps/gestion-employes scaled\n', stderr: 'Error from server (NotFound): deployments.apps "absent" not found\n' });
    expect(pods()).toBe(3);
  });
});

describe('deletion policies (kubectl delete --cascade)', () => {
  const deleted = (stderr: string) =>
    stderr
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { kind: string; op?: string; object?: { kind: string } })
      .filter((e) => e.kind === 'etcd.written' && e.op === 'delete')
      .map((e) => e.object!.kind);

  it('orphans: the ReplicaSet and its pods stay, without owner; the Deployment applied again adopts them', () => {
    const home = freshHome();
    kubesim(home, ['apply', '-f', 'manifests/gestion-employes.yaml', '-q']);
    const pods = kubesim(home, ['get', 'pods', '-o', 'name']).stdout;
    const del = kubesim(home, ['delete', 'deployment', 'gestion-employes', '--cascade=orphan']);
    expect(del.stdout).toBe('deployment.apps "gestion-employes" deleted from default namespace\n');
    expect(del.stderr).toMatch(/Garbage collector : Deployment « default\/gestion-employes » est supprimé sans ses dépendants \(orphan\) → ReplicaSet « default\/gestion-employes-\w+ » ne lui appartient plus, et reste/);
    expect(kubesim(home, ['get', 'deploy']).stderr).toBe('No resources found in default namespace.\n');
    expect(kubesim(home, ['get', 'rs', '-o', 'jsonpath={.items[*].metadata.ownerReferences}']).stdout).toBe('');
    expect(kubesim(home, ['get', 'pods', '-o', 'name']).stdout).toBe(pods);
    const again = kubesim(home, ['apply', '-f', 'manifests/gestion-employes.yaml']);
    expect(again.stderr).toMatch(/Contrôleur Deployment : le ReplicaSet orphelin gestion-employes-\w+ a les labels du sélecteur de gestion-employes → il l'adopte/);
    expect(again.stderr).not.toContain('FailedCreate');
    expect(kubesim(home, ['get', 'rs', '-o', 'jsonpath={.items[*].metadata.ownerReferences[*].kind}']).stdout).toBe('Deployment');
    expect(kubesim(home, ['get', 'pods', '-o', 'name']).stdout).toBe(pods);
  });

  it('deletes in the foreground: the pods first, then the ReplicaSet, then the Deployment', () => {
    const home = freshHome();
    kubesim(home, ['apply', '-f', 'manifests/gestion-employes.yaml', '-q']);
    const del = kubesim(home, ['delete', 'deployment', 'gestion-employes', '--cascade=foreground', '--narration=json']);
    expect(deleted(del.stderr)).toEqual(['Pod', 'Pod', 'Pod', 'ReplicaSet', 'Deployment']);
    expect(kubesim(home, ['get', 'deploy,rs,pods']).stderr).toBe('No resources found in default namespace.\n');
    // without waiting: the Deployment and its ReplicaSet stay until their pods have ended, in a later command
    kubesim(home, ['apply', '-f', 'manifests/gestion-employes.yaml', '-q']);
    kubesim(home, ['-q', 'delete', 'deployment', 'gestion-employes', '--cascade=foreground', '--wait=false']);
    expect(kubesim(home, ['get', 'deploy', '-o', 'jsonpath={.items[*].metadata.finalizers}']).stdout).toBe('["foregroundDeletion"]');
    expect(kubesim(home, ['get', 'pods', '--no-headers']).stdout).toContain('Terminating');
    kubesim(home, ['-q', 'wait', '1m']);
    expect(kubesim(home, ['get', 'deploy,rs,pods']).stderr).toBe('No resources found in default namespace.\n');
  });

  it("reads --cascade as kubectl does: alone it is background, the old booleans with kubectl's warning, anything else refused", () => {
    const home = freshHome();
    kubesim(home, ['apply', '-f', 'manifests/gestion-employes.yaml', '-q']);
    expect(kubesim(home, ['-q', 'delete', 'deploy', 'x', '--cascade=bogus']).stderr).toBe('error: invalid cascade value (bogus). Must be "background", "foreground", or "orphan"\n');
    expect(kubesim(home, ['-q', 'delete', 'deploy', 'x', '--cascade']).stderr).toBe('Error from server (NotFound): deployments.apps "x" not found\n');
    const old = kubesim(home, ['-q', 'delete', 'deploy', 'gestion-employes', '--cascade=false']);
    expect(old.stderr).toBe('warning: --cascade=false is deprecated (boolean value) and can be replaced with --cascade=orphan.\n');
    expect(kubesim(home, ['get', 'rs', '--no-headers']).stdout).toMatch(/^gestion-employes-\w+ +3 +3 +3 /);
  });
});

describe('events last an hour, as on a real cluster', () => {
  it('shows the events of an apply for an hour after their last write, then etcd deletes them (--event-ttl)', () => {
    const home = freshHome();
    kubesim(home, ['apply', '-f', 'manifests/gestion-employes.yaml', '-q']);
    const at = (time: string) => ({ env: { KUBESIM_NOW: `2026-11-23T${time}Z` } });
    const within = kubesim(home, ['get', 'events', '--no-headers'], at('10:59:00'));
    expect(within.stdout).toContain('Successfully assigned default/gestion-employes-');
    const pod = kubesim(home, ['get', 'pods', '-o', 'name'], at('10:59:00')).stdout.split('\n')[0]!.slice('pod/'.length);

    const after = kubesim(home, ['get', 'events'], at('12:00:00'));
    expect(after.code).toBe(0);
    expect(after.stdout).toBe('');
    expect(after.stderr).toContain('No resources found in default namespace.');
    expect(after.stderr).toMatch(/⌛ .*etcd : le bail \(lease\) \d+ arrive à échéance → les événements écrits avec lui sont supprimés \(kube-apiserver écrit chaque événement avec un bail d'une heure, --event-ttl=1h\)/);
    expect(kubesim(home, ['describe', 'pod', pod], at('12:00:00')).stdout).toMatch(/\nEvents:\s+<none>\n$/);
    // a command that writes saves the cluster without them
    expect(kubesim(home, ['create', 'namespace', 'essai', '-q'], at('12:00:00')).code).toBe(0);
    expect(readFileSync(join(home, 'clusters', 'kubesim', 'events.json'), 'utf8')).not.toContain('Successfully assigned');
  });
});

describe('kubesim apply --server-side', () => {
  it('keeps field ownership: a conflict refused as kubectl words it, --force-conflicts, what the manager stops applying removed', () => {
    const home = freshHome();
    const file = join(scratchDir('ssa'), 'web.yaml');
    const ssa = (labels: string, ...flags: string[]) => {
      writeFileSync(file, deploymentManifest('web', labels));
      return kubesim(home, ['apply', '--server-side', '-f', file, ...flags]);
    };
    expect(ssa('app: web, tier: front').stdout).toBe('deployment.apps/web serverside-applied\n');
    const owners = JSON.parse(kubesim(home, ['get', 'deploy', 'web', '-o', 'json', '--show-managed-fields']).stdout).metadata.managedFields;
    expect(owners.map((e: { manager: string; operation: string }) => `${e.manager} ${e.operation}`)).toEqual(['kubectl Apply']);
    expect(kubesim(home, ['get', 'deploy', 'web', '-o', 'json']).stdout).not.toContain('managedFields');
    kubesim(home, ['scale', 'deploy', 'web', '--replicas', '3', '-q']);
    const refused = ssa('app: web, tier: front');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^error: Apply failed with 1 conflict: conflict with "kubectl" with subresource "scale" using apps\/v1 at \S+Z: \.spec\.replicas\nPlease review the fields above--they currently have other managers\./);
    expect(refused.stderr).toContain('--force-conflicts le reprend');
    expect(kubesim(home, ['get', 'deploy', 'web', '--no-headers']).stdout).toMatch(/^web +3\/3 /);
    expect(ssa('app: web, tier: front', '--force-conflicts').code).toBe(0);
    expect(kubesim(home, ['get', 'deploy', 'web', '--no-headers']).stdout).toMatch(/^web +2\/2 /);
    expect(ssa('app: web').code).toBe(0);
    expect(kubesim(home, ['get', 'deploy', 'web', '-o', 'jsonpath={.metadata.labels}']).stdout).toBe('{"app":"web"}');
  });

  it('refuses --dry-run=client, as kubectl does, before any cluster exists', () => {
    const home = freshHome();
    const refused = kubesim(home, ['apply', '--server-side', '--dry-run=client', '-f', 'manifests/postgres.yaml']);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toBe("error: --dry-run=client doesn't work with --server-side (did you mean --dry-run=server instead?)\n");
    expect(existsSync(join(home, 'clusters'))).toBe(false);
  });

  it('replaces objects whole from a manifest (kubectl replace), refuses one that is not there, and --force makes them anew', () => {
    const home = freshHome();
    expect(kubesim(home, ['apply', '-f', 'manifests/gestion-employes.yaml', '-q']).code).toBe(0);
    const file = join(scratchDir('replace'), 'deux.yaml');
    writeFileSync(file, readFileSync(join(ROOT, 'manifests/gestion-employes.yaml'), 'utf8').replace('replicas: 3', 'replicas: 2'));
    const replaced = kubesim(home, ['replace', '-f', file, '-q']);
    expect(replaced.stdout).toBe('configmap/gestion-employes-config replaced\ndeployment.apps/gestion-employes replaced\nservice/gestion-employes replaced\n');
    expect(runningPods(home)).toHaveLength(2);
    // an object that is not there is not created: kubectl reads it first
    const before = stateOf(home);
    const missing = kubesim(home, ['replace', '-f', 'manifests/postgres.yaml', '-q']);
    expect(missing.code).toBe(1);
    expect(missing.stderr.split('\n')[0]).toBe('Error from server (NotFound): error when replacing "manifests/postgres.yaml": secrets "postgres-credentials" not found');
    expect(stateOf(home)).toBe(before);
    // --force: deleted, then created again, with a new uid
    const uid = () => JSON.parse(kubesim(home, ['get', 'cm', 'gestion-employes-config', '-o', 'json']).stdout).metadata.uid as string;
    const old = uid();
    expect(kubesim(home, ['replace', '--force', '-f', file, '-q']).stdout).toBe(
      'configmap "gestion-employes-config" deleted\ndeployment.apps "gestion-employes" deleted\nservice "gestion-employes" deleted\n' +
        'configmap/gestion-employes-config replaced\ndeployment.apps/gestion-employes replaced\nservice/gestion-employes replaced\n',
    );
    expect(uid()).not.toBe(old);
    expect(runningPods(home)).toHaveLength(2);
  });
});
