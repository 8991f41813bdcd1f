import { describe, expect, it } from 'vitest';
import { fieldsMatch, parseFieldSelector, requestedName, unsupportedField } from './field-selector.js';
import type { KObject } from './object.js';

const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: 'default' }, spec: { nodeName: 'w1' }, status: { phase: 'Running' } } as KObject;

describe('field selectors (what kubectl describe sends)', () => {
  it.each([
    ['spec.nodeName=w1,status.phase!=Succeeded,status.phase!=Failed', true],
    ['metadata.name==web', true],
    ['spec.nodeName=w2', false],
    ['status.nominatedNodeName=', true],
    // a boolean reads "false" when unset, as the server formats it; spec.host is spec.nodeName's old name
    ['spec.hostNetwork=false', true],
    ['spec.host=w1', true],
    ['metadata.namespace=default', true],
  ])('%s → %s', (text, want) => {
    const terms = parseFieldSelector(text);
    expect(Array.isArray(terms) && fieldsMatch(terms, pod)).toBe(want);
  });

  it("refuses the fields a kind is not selected by, as the API server's field label conversions do", () => {
    const terms = (text: string) => parseFieldSelector(text) as Exclude<ReturnType<typeof parseFieldSelector>, { error: string }>;
    expect(unsupportedField('Pod', terms('status.phase=Running,spec.foo=bar'))).toBe('field label not supported: spec.foo');
    expect(unsupportedField('Deployment', terms('status.phase=Running'))).toBe('field label not supported: status.phase');
    expect(unsupportedField('Deployment', terms('metadata.name=web,metadata.namespace=default'))).toBeUndefined();
    expect(unsupportedField('Node', terms('metadata.namespace=x'))).toBe('field label not supported: metadata.namespace');
    expect(unsupportedField('Event', terms('type=Warning,involvedObject.kind=Pod,reason=BackOff'))).toBeUndefined();
  });

  it.each([
    ['metadata.name=web', 'web'],
    ['status.phase=Running,metadata.name==web', 'web'],
    ['metadata.name!=web', undefined],
    ['status.phase=Running', undefined],
    ['metadata.name=a/b', undefined],
    ['metadata.name=..', undefined],
  ])('a list or watch of %s is authorized as a request for the name %s', (text, want) => {
    expect(requestedName(parseFieldSelector(text) as Exclude<ReturnType<typeof parseFieldSelector>, { error: string }>)).toBe(want);
  });

  it('rejects a term without an operator', () => {
    expect(parseFieldSelector('spec.nodeName')).toEqual({ error: "invalid selector: 'spec.nodeName'; can't understand 'spec.nodeName'" });
  });
});
