import type { Pod, TopologySpreadConstraint } from 'kubernetes-types/core/v1.js';
import { fromLabelSelector, matches, type Requirement } from '../../../api/labels.js';
import type { Listers } from '../../framework/interface.js';
import { HOSTNAME_LABEL, type NodeInfo, type PodSelector } from '../../framework/node-info.js';
import { snapshotFact } from '../../framework/snapshot-facts.js';
import { matchesRequired, type RequiredNodeAffinity } from '../node-affinity/node-affinity.js';
import { ownLabelRequirements, untolerated } from '../helper.js';


/** A constraint with its selector parsed (topologySpreadConstraint), for the pod's namespace. */
export interface Constraint {
  maxSkew: number;
  topologyKey: string;
  selector: PodSelector;
  minDomains: number;
  nodeAffinityPolicy: string;
  nodeTaintsPolicy: string;
}

/**
 * kube-scheduler's system defaults, for pods that state no constraint of their own: spread over nodes (skew 3) and
 * zones (skew 5), without ever refusing a node. Nodes without a zone label score no zone term.
 */
const SYSTEM_DEFAULTS: TopologySpreadConstraint[] = [
  { topologyKey: HOSTNAME_LABEL, whenUnsatisfiable: 'ScheduleAnyway', maxSkew: 3 },
  { topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'ScheduleAnyway', maxSkew: 5 },
];

const NOTHING: PodSelector = { key: 'nothing', namespace: '', matches: () => false };

/**
 * One selector object per namespace and requirements, whatever cycle builds it: nodes remember their counts by
 * selector object (countMatching), which a lookup finds without comparing long keys, 500 nodes per pod.
 */
const interned = new Map<string, PodSelector>();

export function podSelector(namespace: string, requirements: Requirement[]): PodSelector {
  const key = `${namespace} ${JSON.stringify(requirements)}`;
  let selector = interned.get(key);
  if (!selector) interned.set(key, (selector = { key, namespace, matches: (labels) => matches(requirements, labels) }));
  return selector;
}

/** filterTopologySpreadConstraints: those of one action, matchLabelKeys merged in from the pod's own labels. */
function parse(constraints: TopologySpreadConstraint[], pod: Pod, action: string, selectorOf: (c: TopologySpreadConstraint) => Requirement[] | null): Constraint[] {
  const result: Constraint[] = [];
  for (const c of constraints) {
    if (c.whenUnsatisfiable !== action) continue;
    const labels = pod.metadata?.labels ?? {};
    const merged = ownLabelRequirements(labels, c.matchLabelKeys, 'In');
    // a constraint without labelSelector selects no pod (LabelSelectorAsSelector(nil) is Nothing), unless matchLabelKeys add some
    const requirements = selectorOf(c) ?? (merged.length ? [] : null);
    const selector = requirements ? podSelector(pod.metadata?.namespace ?? 'default', [...merged, ...requirements]) : NOTHING;
    result.push({
      maxSkew: c.maxSkew,
      topologyKey: c.topologyKey,
      selector,
      minDomains: c.minDomains ?? 1,
      nodeAffinityPolicy: c.nodeAffinityPolicy ?? 'Honor',
      nodeTaintsPolicy: c.nodeTaintsPolicy ?? 'Ignore',
    });
  }
  return result;
}

/**
 * helper.DefaultSelector: the selectors of the Services that select the pod, with its ReplicaSet's (or StatefulSet's)
 * requirements added. Empty when nothing selects the pod: then no default spreading applies.
 */
function defaultSelector(pod: Pod, listers: Listers): Requirement[] {
  const namespace = pod.metadata?.namespace ?? 'default';
  const merged: Record<string, string> = {};
  for (const service of listers.services(namespace)) {
    const selector = service.spec?.selector;
    // a Service without selector selects nothing; an empty one selects every pod
    if (!selector || !Object.entries(selector).every(([k, v]) => pod.metadata?.labels?.[k] === v)) continue;
    Object.assign(merged, selector);
  }
  const requirements: Requirement[] = Object.keys(merged)
    .sort()
    .map((key) => ({ key, op: '=', values: [merged[key]!] }));
  const owner = pod.metadata?.ownerReferences?.find((o) => o.controller);
  const controller = owner && fromLabelSelector(listers.controllerSelector(namespace, owner));
  return controller ? [...requirements, ...controller] : requirements;
}

/** The pod's constraints of one action: its own if it states any, else the system defaults (getConstraints). */
export function constraintsOf(pod: Pod, action: 'DoNotSchedule' | 'ScheduleAnyway', listers: Listers): Constraint[] {
  const own = pod.spec?.topologySpreadConstraints ?? [];
  if (own.length) return parse(own, pod, action, (c) => fromLabelSelector(c.labelSelector));
  const defaults = SYSTEM_DEFAULTS.filter((c) => c.whenUnsatisfiable === action);
  if (!defaults.length) return [];
  const selector = defaultSelector(pod, listers);
  return selector.length ? parse(defaults, pod, action, () => selector) : [];
}

/** nodeLabelsMatchSpreadConstraints: the node has every constraint's topology label. */
export function hasAllTopologies(node: NodeInfo, constraints: Constraint[]): boolean {
  const labels = node.labels;
  return constraints.every((c) => c.topologyKey in labels);
}

/**
 * matchNodeInclusionPolicies: whether the node's pods count for the constraint (the pod's required node affinity,
 * read once per cycle, honoured; its taints ignored; unless told otherwise).
 */
export function includes(c: Constraint, pod: Pod, required: RequiredNodeAffinity, node: NodeInfo): boolean {
  if (c.nodeAffinityPolicy === 'Honor' && !matchesRequired(required, node)) return false;
  if (c.nodeTaintsPolicy === 'Honor' && untolerated(node.taints, pod.spec?.tolerations ?? [], ['NoSchedule', 'NoExecute'])) return false;
  return true;
}

/** Whether any node of the snapshot has a label (a zone, say). */
export const anyNodeLabelled = (nodes: readonly NodeInfo[], key: string) =>
  snapshotFact(nodes, `labelled ${key}`, () => nodes.some((n) => n.labels[key] !== undefined));
