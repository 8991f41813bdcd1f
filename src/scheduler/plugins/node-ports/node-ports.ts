import { NodePorts as NAME } from '../names.js';
import { skip, success, unschedulable, type FilterPlugin, type PreFilterPlugin } from '../../framework/interface.js';
import { hostPortsOf, portConflicts } from '../../framework/node-info.js';

export const REASON = "node(s) didn't have free ports for the requested pod ports";
const PRE_FILTER_KEY = 'PreFilterNodePorts';

/**
 * PreFilter: the host ports the pod's containers ask for, none to check without them (Skip). Filter: a node where
 * another pod holds one of them (same protocol and port, on the same address or a wildcard) cannot take the pod.
 */
export const nodePorts = {
  name: NAME,
  preFilter(state, pod) {
    const ports = hostPortsOf(pod);
    if (!ports.length) return skip();
    state.set(PRE_FILTER_KEY, ports);
    return success();
  },
  filter(state, _pod, node) {
    const ports = state.get(PRE_FILTER_KEY) as ReturnType<typeof hostPortsOf>;
    return ports.some((p) => portConflicts(node, p)) ? unschedulable(REASON) : success();
  },
} satisfies PreFilterPlugin & FilterPlugin;
