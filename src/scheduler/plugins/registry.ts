import { balancedAllocation } from './balanced-allocation/balanced-allocation.js';
import { imageLocality } from './image-locality/image-locality.js';
import { interPodAffinity } from './inter-pod-affinity/inter-pod-affinity.js';
import { nodeAffinity } from './node-affinity/node-affinity.js';
import { nodeName } from './node-name/node-name.js';
import { nodePorts } from './node-ports/node-ports.js';
import { nodeResourcesFit } from './node-resources-fit/node-resources-fit.js';
import { nodeUnschedulable } from './node-unschedulable/node-unschedulable.js';
import { podTopologySpread } from './pod-topology-spread/pod-topology-spread.js';
import { taintToleration } from './taint-toleration/taint-toleration.js';
import { volumeBinding } from './volume-binding/volume-binding.js';
import { volumeRestrictions } from './volume-restrictions/volume-restrictions.js';
import { volumeZone } from './volume-zone/volume-zone.js';
import type { FilterPlugin, PreFilterPlugin, ScorePlugin } from '../framework/interface.js';

/*
 * The default profile (default_plugins.go), in its order. Left out: NodeVolumeLimits (kubesim has no CSI drivers, whose
 * CSINode objects give the attach limits) and DefaultPreemption (no PriorityClass: no pod outranks another).
 */

/** The default profile's PreFilter plugins, in kube-scheduler's order: they read the pod once per cycle. */
export const PRE_FILTERS: readonly PreFilterPlugin[] = [nodeAffinity, nodePorts, volumeRestrictions, volumeBinding, volumeZone, podTopologySpread, interPodAffinity];

/** The default profile's filters, in the order kube-scheduler runs them: a node's first failure is its reason. */
export const FILTERS: readonly FilterPlugin[] = [nodeUnschedulable, nodeName, taintToleration, nodeAffinity, nodePorts, nodeResourcesFit, volumeRestrictions, volumeBinding, volumeZone, podTopologySpread, interPodAffinity];

/** Score plugins with their default weights, in the profile's order. */
export const SCORERS: ReadonlyArray<{ plugin: ScorePlugin; weight: number }> = [
  { plugin: taintToleration, weight: 3 },
  { plugin: nodeAffinity, weight: 2 },
  { plugin: nodeResourcesFit, weight: 1 },
  { plugin: podTopologySpread, weight: 2 },
  { plugin: interPodAffinity, weight: 2 },
  { plugin: balancedAllocation, weight: 1 },
  { plugin: imageLocality, weight: 1 },
];
