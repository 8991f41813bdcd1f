import type { NodeInfo } from './node-info.js';

/**
 * Facts about the snapshot's node list that plugins would otherwise read off 5,000 nodes per pod: how many hold an
 * image, whether any has a zone label or a PreferNoSchedule taint. The scheduler makes a new list whenever a node
 * changes (a label, a taint, an image pulled is a Node write), so a fact stays true as long as its list.
 */
const facts = new WeakMap<readonly NodeInfo[], Map<string, unknown>>();

export function snapshotFact<T>(nodes: readonly NodeInfo[], name: string, compute: () => T): T {
  let known = facts.get(nodes);
  if (!known) facts.set(nodes, (known = new Map()));
  if (!known.has(name)) known.set(name, compute());
  return known.get(name) as T;
}
