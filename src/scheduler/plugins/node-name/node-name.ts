import { NodeName as NAME } from '../names.js';
import { success, unresolvable, type FilterPlugin } from '../../framework/interface.js';

export const REASON = "node(s) didn't match the requested node name";

/** A pod that names its node (spec.nodeName) fits only there. */
export const nodeName = {
  name: NAME,
  filter(_state, pod, node) {
    const wanted = pod.spec?.nodeName;
    return !wanted || wanted === node.name ? success() : unresolvable(REASON);
  },
} satisfies FilterPlugin;
