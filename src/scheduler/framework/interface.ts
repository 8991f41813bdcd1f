import type { PersistentVolume, PersistentVolumeClaim, Pod, Service } from 'kubernetes-types/core/v1.js';
import type { LabelSelector, OwnerReference } from 'kubernetes-types/meta/v1.js';
import type { NodeInfo } from './node-info.js';

/**
 * framework.Code: what a plugin's verdict means for this pod on this node. Skip, from a PreFilter, means the plugin has
 * nothing to check for this pod: the cycle does not call its Filter (framework.Skip).
 */
export type Code = 'Success' | 'Unschedulable' | 'UnschedulableAndUnresolvable' | 'Error' | 'Skip';

export interface Status {
  code: Code;
  reasons: string[];
}

// one shared verdict: Filter runs for thousands of nodes per pod, and success allocates nothing
const SUCCESS: Status = Object.freeze({ code: 'Success', reasons: Object.freeze([]) as unknown as string[] });
const SKIP: Status = Object.freeze({ code: 'Skip', reasons: Object.freeze([]) as unknown as string[] });
export const success = (): Status => SUCCESS;
export const skip = (): Status => SKIP;
export const unschedulable = (...reasons: string[]): Status => ({ code: 'Unschedulable', reasons });
export const unresolvable = (...reasons: string[]): Status => ({ code: 'UnschedulableAndUnresolvable', reasons });

/** Per-cycle scratch data shared between a plugin's PreScore and Score (framework.CycleState). */
export type CycleState = Map<string, unknown>;

export interface Plugin {
  readonly name: string;
}

/** What PreFilter plugins may look up in the cluster beyond the nodes (the informers' listers). */
export interface ClaimLister {
  claim(namespace: string, name: string): PersistentVolumeClaim | undefined;
  volume(name: string): PersistentVolume | undefined;
  /** The claim's StorageClass binds on first consumer (volumeBindingMode: WaitForFirstConsumer). */
  delayedBinding(claim: PersistentVolumeClaim): boolean;
}

/** The claim lister's own error for a claim that does not exist, which the volume plugins pass on unchanged. */
export const claimNotFound = (name: string) => `persistentvolumeclaim "${name}" not found`;

/** What PodTopologySpread and InterPodAffinity look up besides the nodes: the scheduler's informers' listers. */
export interface Listers extends ClaimLister {
  /** The Services of a namespace (whose selectors make a pod's default spreading selector). */
  services(namespace: string): Service[];
  /** A pod's controller, when it is a ReplicaSet, ReplicationController or StatefulSet (helper.DefaultSelector). */
  controllerSelector(namespace: string, owner: OwnerReference): LabelSelector | undefined;
  /** A namespace's labels, which a term's namespaceSelector matches. */
  namespaceLabels(name: string): Record<string, string> | undefined;
  /**
   * The nodes (of `nodes`, the snapshot's) with pods that have pod (anti-)affinity, or required anti-affinity: the
   * snapshot's HavePodsWithAffinityList, which spares reading 5,000 nodes per pod when no pod has any.
   */
  withAffinityPods(nodes: readonly NodeInfo[], required: boolean): readonly NodeInfo[];
}

/** Listers of an empty cluster: what a cycle without informers (a plugin's unit test) sees. */
export const NO_LISTERS: Listers = {
  claim: () => undefined,
  volume: () => undefined,
  delayedBinding: () => false,
  services: () => [],
  controllerSelector: () => undefined,
  namespaceLabels: () => undefined,
  withAffinityPods: (nodes, required) => nodes.filter((n) => (required ? n.podsWithRequiredAntiAffinity : n.podsWithAffinity).length),
};

/**
 * Checks about the pod alone, once per cycle: a rejection here fails every node at once. `nodes` are all the
 * snapshot's nodes, as NodeInfos().List() gives them to the plugins that count pods across the cluster.
 */
export interface PreFilterPlugin extends Plugin {
  preFilter(state: CycleState, pod: Pod, listers: Listers, nodes: readonly NodeInfo[]): Status;
}

export interface FilterPlugin extends Plugin {
  filter(state: CycleState, pod: Pod, node: NodeInfo): Status;
}

export interface NodeScore {
  node: string;
  score: number;
}

/** MaxNodeScore: every score plugin answers 0..100 per node (after normalization). */
export const MAX_NODE_SCORE = 100;

export interface ScorePlugin extends Plugin {
  /** Once per cycle before Score; false skips the plugin's Score for this pod (PreScore returning framework.Skip). */
  preScore?(state: CycleState, pod: Pod, feasible: NodeInfo[], listers: Listers, nodes: readonly NodeInfo[]): boolean;
  /** A node's raw score; `index` is the node's place among the feasible nodes PreScore was given. */
  score(state: CycleState, pod: Pod, node: NodeInfo, index: number): number;
  /**
   * After PreScore: the score every feasible node ends with (normalized), when the plugin knows it is the same for all
   * (no node with a PreferNoSchedule taint, no node holding the pod's images). The cycle then fills it in rather than
   * asking 500 nodes per pod one by one; undefined asks them.
   */
  uniformScore?(state: CycleState, pod: Pod, nodes: readonly NodeInfo[]): number | undefined;
  normalizeScore?(state: CycleState, pod: Pod, scores: NodeScore[]): void;
}

export function isFilter(p: Plugin): p is FilterPlugin {
  return typeof (p as FilterPlugin).filter === 'function';
}

export function isScore(p: Plugin): p is ScorePlugin {
  return typeof (p as ScorePlugin).score === 'function';
}
