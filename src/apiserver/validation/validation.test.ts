import { describe, expect, it } from 'vitest';
import { errorBody } from '../../api/field.js';
import type { KObject } from '../../api/object.js';
import { STRATEGIES } from '../registry/index.js';

const errors = (obj: object) => STRATEGIES[(obj as KObject).kind].validate(obj as KObject).map(errorBody);

const deployment = (over: Record<string, unknown> = {}) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'default' },
  spec: {
    replicas: 3,
    selector: { matchLabels: { app: 'web' } },
    template: { metadata: { labels: { app: 'web' } }, spec: { restartPolicy: 'Always', containers: [{ name: 'nginx', image: 'nginx' }] } },
    ...over,
  },
});

describe('validation messages (kube-apiserver wording)', () => {
  it('accepts a valid deployment', () => {
    expect(errors(deployment())).toEqual([]);
  });

  it('rejects negative replicas', () => {
    expect(errors(deployment({ replicas: -1 }))).toEqual(['spec.replicas: Invalid value: -1: must be greater than or equal to 0']);
  });

  it('requires the selector to match the template labels', () => {
    expect(errors(deployment({ selector: { matchLabels: { app: 'api' } } }))).toEqual([
      'spec.template.metadata.labels: Invalid value: {"app":"web"}: `selector` does not match template `labels`',
    ]);
  });

  it('rejects names that are not DNS subdomains', () => {
    const d = deployment();
    d.metadata.name = 'My_App';
    expect(errors(d)[0]).toMatch(/^metadata\.name: Invalid value: "My_App": a lowercase RFC 1123 subdomain must consist of/);
  });

  it('requires container names and images', () => {
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default' }, spec: { containers: [{ image: '' }] } };
    expect(errors(pod)).toEqual(['spec.containers[0].name: Required value', 'spec.containers[0].image: Required value']);
  });

  it('only allows restartPolicy Always in a Deployment template', () => {
    const d = deployment();
    d.spec.template.spec.restartPolicy = 'Never';
    expect(errors(d)).toEqual(['spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"']);
  });

  it('names Service ports when there are several, and checks their range', () => {
    const svc = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'db', namespace: 'default' }, spec: { ports: [{ port: 5432 }, { port: 70000, name: 'x' }] } };
    expect(errors(svc)).toEqual(['spec.ports[0].name: Required value', 'spec.ports[1].port: Invalid value: 70000: must be between 1 and 65535, inclusive']);
  });

  it('uses DNS-1035 labels for Service names', () => {
    const svc = { apiVersion: 'v1', kind: 'Service', metadata: { name: '1db', namespace: 'default' }, spec: { ports: [{ port: 80 }] } };
    expect(errors(svc)[0]).toMatch(/^metadata\.name: Invalid value: "1db": a DNS-1035 label must/);
  });

  it('checks what the scheduler reads: host ports, pod (anti-)affinity terms, topology spread constraints', () => {
    const pod = (spec: Record<string, unknown>) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default' }, spec: { containers: [{ name: 'c', image: 'nginx' }], ...spec } });
    const term = { labelSelector: { matchExpressions: [{ key: 'app', operator: 'Exists', values: ['x'] }] }, topologyKey: 'kubernetes.io/hostname' };
    expect(errors(pod({ containers: [{ name: 'c', image: 'nginx', ports: [{ containerPort: 80, hostPort: 70000 }] }] }))).toEqual([
      'spec.containers[0].ports[0].hostPort: Invalid value: 70000: must be between 1 and 65535, inclusive',
    ]);
    expect(errors(pod({ affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term], preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 101, podAffinityTerm: { ...term, labelSelector: {}, topologyKey: '' } }] } } }))).toEqual([
      "spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].labelSelector.matchExpressions[0].values: Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
      'spec.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight: Invalid value: 101: must be in the range 1-100',
      'spec.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].podAffinityTerm.topologyKey: Required value: can not be empty',
      'spec.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].podAffinityTerm.topologyKey: Invalid value: "": name part must be non-empty',
    ]);
    const spread = { maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchExpressions: [{ key: 'app', operator: 'Near' }] } };
    expect(errors(pod({ topologySpreadConstraints: [spread, { ...spread, labelSelector: undefined, whenUnsatisfiable: 'ScheduleAnyway', minDomains: 2 }, { ...spread, labelSelector: undefined }] }))).toEqual([
      'spec.topologySpreadConstraints[0].{topologyKey, whenUnsatisfiable}: Duplicate value: "{zone, DoNotSchedule}"',
      'spec.topologySpreadConstraints[0].labelSelector.matchExpressions[0].operator: Invalid value: "Near": not a valid selector operator',
      'spec.topologySpreadConstraints[1].minDomains: Invalid value: 2: can only use minDomains if whenUnsatisfiable=DoNotSchedule, not ScheduleAnyway',
    ]);
  });
});
