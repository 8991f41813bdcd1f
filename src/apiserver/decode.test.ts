import { describe, expect, it } from 'vitest';
import { strictDecode } from './decode.js';

const deployment = (spec: object) => ({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec });

describe('strict decoding (fieldValidation=Strict)', () => {
  it('accepts a well-typed object, numbers as quantities included', () => {
    const body = deployment({ replicas: 2, selector: {}, template: { spec: { containers: [{ name: 'c', image: 'nginx', resources: { requests: { cpu: 1, memory: '64Mi' } } }] } } });
    expect(strictDecode({ apiVersion: 'apps/v1', kind: 'Deployment', body })).toBeUndefined();
  });

  it('lists every unknown field with its full path, in document order', () => {
    const body = deployment({ replica: 3, template: { spec: { containers: [{ name: 'c', imagee: 'nginx' }] } } });
    expect(strictDecode({ apiVersion: 'apps/v1', kind: 'Deployment', body })).toBe(
      'Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.replica", unknown field "spec.template.spec.containers[0].imagee"',
    );
  });

  it('stops at the first wrong type, as Go\'s JSON decoder does', () => {
    const body = deployment({ replicas: 'three' });
    expect(strictDecode({ apiVersion: 'apps/v1', kind: 'Deployment', body })).toBe(
      'Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32',
    );
  });

  it('reports env values that YAML read as numbers', () => {
    const body = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'i', env: [{ name: 'PORT', value: 5432 }] }] } };
    expect(strictDecode({ apiVersion: 'v1', kind: 'Pod', body })).toContain('cannot unmarshal number into Go struct field EnvVar.spec.containers.env.value of type string');
  });

  it('checks base64 in Secret data', () => {
    const body = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, data: { key: 'not base64!' } };
    expect(strictDecode({ apiVersion: 'v1', kind: 'Secret', body })).toBe('Secret in version "v1" cannot be handled as a Secret: illegal base64 data at input byte 3');
  });
});
