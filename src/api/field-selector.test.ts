import { describe, expect, it } from 'vitest';
import { fieldsMatch, parseFieldSelector } from './field-selector.js';
import type { KObject } from './object.js';

const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: 'default' }, spec: { nodeName: 'w1' }, status: { phase: 'Running' } } as KObject;

describe('field selectors (what kubectl describe sends)', () => {
  it.each([
    ['spec.nodeName=w1,status.phase!=Succeeded,status.phase!=Failed', true],
    ['metadata.name==web', true],
    ['spec.nodeName=w2', false],
    ['status.nominatedNodeName=', true],
  ])('%s → %s', (text, want) => {
    const terms = parseFieldSelector(text);
    expect(Array.isArray(terms) && fieldsMatch(terms, pod)).toBe(want);
  });

  it('rejects a term without an operator', () => {
    expect(parseFieldSelector('spec.nodeName')).toEqual({ error: "invalid selector: 'spec.nodeName'; can't understand 'spec.nodeName'" });
  });
});
