import type { Pod, Toleration } from 'kubernetes-types/core/v1.js';
import type { AdmissionPlugin } from './plugin.js';

const DEFAULT_SECONDS = 300;
const TAINTS = ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable'];

/** DefaultTolerationSeconds: pods stay 300 s on a NotReady or unreachable node before being evicted. */
export const defaultTolerationSeconds: AdmissionPlugin = {
  name: 'DefaultTolerationSeconds',
  handles: (ctx, obj) => ctx.op === 'CREATE' && obj.kind === 'Pod',
  admit(obj) {
    const spec = (obj as unknown as Pod).spec!;
    const tolerations: Toleration[] = spec.tolerations ?? [];
    const added: string[] = [];
    for (const key of TAINTS) {
      const tolerated = tolerations.some((t) => (t.key === key || (!t.key && t.operator === 'Exists')) && (!t.effect || t.effect === 'NoExecute'));
      if (tolerated) continue;
      tolerations.push({ key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: DEFAULT_SECONDS });
      added.push(`${key}:NoExecute ${DEFAULT_SECONDS}s`);
    }
    spec.tolerations = tolerations;
    return added.length ? [`tolerations += ${added.join(', ')}`] : [];
  },
};
