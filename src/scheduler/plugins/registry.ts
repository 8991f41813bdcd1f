import { balancedAllocation } from './balanced-allocation/balanced-allocation.js';
import { nodeAffinity } from './node-affinity/node-affinity.js';
import { nodeName } from './node-name/node-name.js';
import { nodeResourcesFit } from './node-resources-fit/node-resources-fit.js';
import { nodeUnschedulable } from './node-unschedulable/node-unschedulable.js';
import { taintToleration } from './taint-toleration/taint-toleration.js';
import { volumeBinding } from './volume-binding/volume-binding.js';
import type { FilterPlugin, PreFilterPlugin, ScorePlugin } from '../framework/interface.js';

/** The default profile's PreFilter plugins, in kube-scheduler's order: they read the pod once per cycle. */
export const PRE_FILTERS: readonly PreFilterPlugin[] = [nodeAffinity, volumeBinding];

/** The default profile's filters, in the order kube-scheduler runs them (default_plugins.go). */
export const FILTERS: readonly FilterPlugin[] = [nodeUnschedulable, nodeName, taintToleration, nodeAffinity, nodeResourcesFit, volumeBinding];

/** Score plugins with their default weights. */
export const SCORERS: ReadonlyArray<{ plugin: ScorePlugin; weight: number }> = [
  { plugin: taintToleration, weight: 3 },
  { plugin: nodeAffinity, weight: 2 },
  { plugin: nodeResourcesFit, weight: 1 },
  { plugin: balancedAllocation, weight: 1 },
];
