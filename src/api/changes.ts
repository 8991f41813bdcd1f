import type { KObject } from './object.js';

export type ChangeType = 'ADDED' | 'MODIFIED' | 'DELETED';

/**
 * What a watch reports between two looks at a list (kubesim's watches poll the saved cluster): objects that are new
 * or have a new resourceVersion, in the list's order, then those that are gone, as they last were. `seen` becomes
 * the current list.
 */
export function listChanges(seen: Map<string, KObject>, current: KObject[], keyOf: (o: KObject) => string): Array<{ type: ChangeType; object: KObject }> {
  const changes: Array<{ type: ChangeType; object: KObject }> = [];
  const now = new Map(current.map((o) => [keyOf(o), o] as const));
  for (const [key, o] of now) {
    const before = seen.get(key);
    if (!before) changes.push({ type: 'ADDED', object: o });
    else if (before.metadata.resourceVersion !== o.metadata.resourceVersion) changes.push({ type: 'MODIFIED', object: o });
  }
  for (const [key, o] of seen) if (!now.has(key)) changes.push({ type: 'DELETED', object: o });
  seen.clear();
  for (const [key, o] of now) seen.set(key, o);
  return changes;
}
