import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CORPUS, freshHome, kubesim } from './cli.js';

const STORAGE = join(CORPUS, 'website/pods/storage');

describe('persistent storage', () => {
  it('has kind\'s default StorageClass', () => {
    expect(kubesim(freshHome(), ['get', 'storageclass']).stdout).toBe(
      'NAME                 PROVISIONER             RECLAIMPOLICY   VOLUMEBINDINGMODE      ALLOWVOLUMEEXPANSION   AGE\n' +
        'standard (default)   rancher.io/local-path   Delete          WaitForFirstConsumer   false                  0s\n',
    );
    expect(kubesim(freshHome(), ['describe', 'sc', 'standard']).stdout).toBe(
      'Name:                  standard\nIsDefaultClass:        Yes\nAnnotations:           storageclass.kubernetes.io/is-default-class=true\n' +
        'Provisioner:           rancher.io/local-path\nParameters:            <none>\nAllowVolumeExpansion:  <unset>\nMountOptions:          <none>\n' +
        'ReclaimPolicy:         Delete\nVolumeBindingMode:     WaitForFirstConsumer\nEvents:                <none>\n',
    );
  });

  // kubernetes.io, "Configure a Pod to Use a PersistentVolume for Storage", with the site's own manifests
  it('binds a claim to a matching static volume, runs the pod, and leaves a Retain volume Released', () => {
    const home = freshHome();
    kubesim(home, ['apply', '-f', join(STORAGE, 'pv-volume.yaml'), '-q']);
    expect(kubesim(home, ['get', 'pv', 'task-pv-volume', '--no-headers']).stdout).toMatch(/^task-pv-volume\s+10Gi\s+RWO\s+Retain\s+Available\s+manual\s+<unset>\s+0s\n$/);
    const claim = kubesim(home, ['apply', '-f', join(STORAGE, 'pv-claim.yaml')]);
    expect(claim.stdout).toBe('persistentvolumeclaim/task-pv-claim created\n');
    expect(claim.stderr).toContain('PersistentVolumeClaim « default/task-pv-claim » est liée (Bound) au volume task-pv-volume');
    expect(kubesim(home, ['get', 'pvc', '--no-headers']).stdout).toMatch(/^task-pv-claim\s+Bound\s+task-pv-volume\s+10Gi\s+RWO\s+manual\s+<unset>\s+0s\n$/);
    expect(kubesim(home, ['get', 'pv', '--no-headers']).stdout).toMatch(/Bound\s+default\/task-pv-claim\s+manual/);
    kubesim(home, ['apply', '-f', join(STORAGE, 'pv-pod.yaml'), '-q']);
    expect(kubesim(home, ['get', 'pod', 'task-pv-pod', '--no-headers']).stdout).toMatch(/1\/1\s+Running/);
    expect(kubesim(home, ['describe', 'pvc', 'task-pv-claim']).stdout).toMatch(/\nUsed By:\s+task-pv-pod\n/);
    // the claim's protection finalizer holds it while a pod uses it
    kubesim(home, ['delete', 'pod', 'task-pv-pod', '-q']);
    expect(kubesim(home, ['delete', 'pvc', 'task-pv-claim']).stdout).toBe('persistentvolumeclaim "task-pv-claim" deleted from default namespace\n');
    expect(kubesim(home, ['get', 'pvc']).stderr).toBe('No resources found in default namespace.\n');
    expect(kubesim(home, ['get', 'pv', '--no-headers']).stdout).toMatch(/Retain\s+Released\s+default\/task-pv-claim/);
  });

  it('keeps a pod whose claim is missing Pending, with the scheduler\'s own words', () => {
    const home = freshHome();
    const r = kubesim(home, ['apply', '-f', join(STORAGE, 'pv-pod.yaml')]);
    expect(r.stderr).toContain('persistentvolumeclaim "task-pv-claim" not found');
    expect(kubesim(home, ['describe', 'pod', 'task-pv-pod']).stdout).toContain(
      'FailedScheduling  0s    default-scheduler  0/4 nodes are available: persistentvolumeclaim "task-pv-claim" not found. preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling..',
    );
    // the claim arrives: the pod is tried again, without anyone touching it
    kubesim(home, ['apply', '-f', join(STORAGE, 'pv-volume.yaml'), '-f', join(STORAGE, 'pv-claim.yaml'), '-q']);
    expect(kubesim(home, ['get', 'pod', 'task-pv-pod', '--no-headers']).stdout).toMatch(/1\/1\s+Running/);
  });

  it('provisions the database volume on the node chosen for its pod, and deletes it with its claim', () => {
    const home = freshHome();
    const apply = kubesim(home, ['apply', '-f', 'manifests/postgres.yaml']);
    expect(apply.stderr).toMatch(/Scheduler : (kubesim-worker\d?) choisi pour postgres-\S+ ; la classe de stockage attend le premier consommateur \(WaitForFirstConsumer\)/);
    const node = /Scheduler : (kubesim-worker\d?) choisi/.exec(apply.stderr)![1];
    expect(apply.stderr).toContain(`sur le disque du nœud ${node} : les données resteront sur ce nœud`);
    expect(kubesim(home, ['get', 'pods', '-l', 'app=postgres', '-o', 'wide', '--no-headers']).stdout).toMatch(new RegExp(`1/1\\s+Running\\s+0\\s+\\S+\\s+\\S+\\s+${node}\\s`));
    const pv = kubesim(home, ['describe', 'pv']).stdout;
    expect(pv).toMatch(/\nClaim:\s+default\/postgres-data\n/);
    expect(pv).toMatch(new RegExp(`\\n    Term 0:\\s+kubernetes.io/hostname in \\[${node}\\]\\n`));
    expect(pv).toMatch(/\n    Path:\s+\/var\/local-path-provisioner\/pvc-[0-9a-f-]{36}_default_postgres-data\n/);
    const claim = JSON.parse(kubesim(home, ['get', 'pvc', 'postgres-data', '-o', 'json']).stdout);
    expect(claim.metadata.annotations['volume.kubernetes.io/selected-node']).toBe(node);
    kubesim(home, ['delete', '-f', 'manifests/postgres.yaml', '-q']);
    expect(kubesim(home, ['get', 'pv']).stderr).toBe('No resources found\n');
  });
});
