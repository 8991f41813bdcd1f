import { describe, expect, it } from 'vitest';
import { listChanges } from './changes.js';
import type { KObject } from './object.js';

const pod = (name: string, rv: string) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, resourceVersion: rv } }) as KObject;

describe('listChanges (a watch by polling)', () => {
  it('reports new and changed objects in list order, then the gone ones as they last were, and remembers the list', () => {
    const seen = new Map<string, KObject>();
    const keyOf = (o: KObject) => o.metadata.name;
    expect(listChanges(seen, [pod('a', '1'), pod('b', '1')], keyOf).map((c) => `${c.type} ${c.object.metadata.name}`)).toEqual(['ADDED a', 'ADDED b']);
    const next = listChanges(seen, [pod('c', '3'), pod('b', '2')], keyOf);
    expect(next.map((c) => `${c.type} ${c.object.metadata.name}@${c.object.metadata.resourceVersion}`)).toEqual(['ADDED c@3', 'MODIFIED b@2', 'DELETED a@1']);
    expect(listChanges(seen, [pod('c', '3'), pod('b', '2')], keyOf)).toEqual([]);
  });
});
