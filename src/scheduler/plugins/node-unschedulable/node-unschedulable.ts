import { NodeUnschedulable as NAME } from '../names.js';
import { success, unresolvable, type FilterPlugin } from '../../framework/interface.js';
import { tolerates } from '../helper.js';

export const REASON = 'node(s) were unschedulable';
const TAINT = { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' };

/** A cordoned node (spec.unschedulable) takes no new pods, unless they tolerate its unschedulable taint. */
export const nodeUnschedulable = {
  name: NAME,
  filter(_state, pod, node) {
    if (!node.unschedulable) return success();
    if ((pod.spec?.tolerations ?? []).some((t) => tolerates(t, TAINT))) return success();
    return unresolvable(REASON);
  },
} satisfies FilterPlugin;
