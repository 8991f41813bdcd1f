import type { PersistentVolume, PersistentVolumeClaim, Pod } from 'kubernetes-types/core/v1.js';
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

/** Checks about the pod alone, once per cycle: a rejection here fails every node at once. */
export interface PreFilterPlugin extends Plugin {
  preFilter(state: CycleState, pod: Pod, claims: ClaimLister): Status;
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
  preScore?(state: CycleState, pod: Pod, nodes: NodeInfo[]): boolean;
  score(state: CycleState, pod: Pod, node: NodeInfo): number;
  normalizeScore?(state: CycleState, pod: Pod, scores: NodeScore[]): void;
}

export function isFilter(p: Plugin): p is FilterPlugin {
  return typeof (p as FilterPlugin).filter === 'function';
}

export function isScore(p: Plugin): p is ScorePlugin {
  return typeof (p as ScorePlugin).score === 'function';
}
