import type { Container, Pod } from 'kubernetes-types/core/v1.js';
import { describe, expect, it } from 'vitest';
import { Store } from '../../store/store.js';
import { environment, readFile } from './container-view.js';

const pod: Pod = {
  metadata: { name: 'calcul-2-x7k2p', namespace: 'default', uid: 'u-1', labels: { 'batch.kubernetes.io/job-completion-index': '2' }, annotations: { note: 'bonjour' } },
  spec: {
    hostname: 'calcul-2',
    nodeName: 'kubesim-worker',
    enableServiceLinks: false,
    containers: [],
    volumes: [{ name: 'infos', downwardAPI: { items: [{ path: 'index', fieldRef: { fieldPath: "metadata.labels['batch.kubernetes.io/job-completion-index']" } }] } }],
  },
  status: { podIP: '10.244.1.7' },
};

const fieldRef = (name: string, fieldPath: string) => ({ name, valueFrom: { fieldRef: { fieldPath } } });

describe("the downward API: a pod's own fields, in its containers' environment and files", () => {
  it('gives names, labels, annotations, node and addresses; an unset field is empty', () => {
    const c: Container = {
      name: 'c',
      env: [
        fieldRef('INDEX', "metadata.labels['batch.kubernetes.io/job-completion-index']"), fieldRef('NOTE', "metadata.annotations['note']"),
        fieldRef('POD', 'metadata.name'), fieldRef('UID', 'metadata.uid'), fieldRef('NODE', 'spec.nodeName'), fieldRef('IP', 'status.podIP'),
        fieldRef('ABSENT', "metadata.labels['nope']"),
      ],
    };
    expect(environment(new Store(), pod, c).filter(([k]) => k !== 'HOME' && k !== 'PATH')).toEqual([
      ['HOSTNAME', 'calcul-2'], ['INDEX', '2'], ['NOTE', 'bonjour'], ['POD', 'calcul-2-x7k2p'], ['UID', 'u-1'], ['NODE', 'kubesim-worker'], ['IP', '10.244.1.7'], ['ABSENT', ''],
    ]);
  });

  it('writes the fields of a downwardAPI volume as files, and the hostname the pod was given', () => {
    const c: Container = { name: 'c', volumeMounts: [{ name: 'infos', mountPath: '/infos' }] };
    expect(readFile(new Store(), pod, c, '/infos/index')).toBe('2');
    expect(readFile(new Store(), pod, c, '/etc/hostname')).toBe('calcul-2\n');
  });
});
