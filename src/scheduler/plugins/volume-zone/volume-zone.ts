import { VolumeZone as NAME } from '../names.js';
import { skip, success, unresolvable, type FilterPlugin, type PreFilterPlugin } from '../../framework/interface.js';

export const REASON = 'node(s) had no available volume zone';
const PRE_FILTER_KEY = 'PreFilterVolumeZone';

/** The zone and region labels a PersistentVolume may carry, beta ones first (topologyLabels). */
const TOPOLOGY_LABELS = ['failure-domain.beta.kubernetes.io/zone', 'failure-domain.beta.kubernetes.io/region', 'topology.kubernetes.io/zone', 'topology.kubernetes.io/region'];
/** A PV's beta label is matched against a node's GA one when the node has no beta label (translateToGALabel). */
const GA_LABEL: Record<string, string> = {
  'failure-domain.beta.kubernetes.io/zone': 'topology.kubernetes.io/zone',
  'failure-domain.beta.kubernetes.io/region': 'topology.kubernetes.io/region',
};

/** One label of a bound volume: the node must have it, with one of its values (`a__b`: zone a or zone b). */
interface VolumeTopology {
  key: string;
  values: string[];
}

/**
 * PreFilter: the zone and region labels of the volumes the pod's claims are bound to (claims not bound yet are
 * VolumeBinding's); none, nothing to check (Skip). Filter: a node with any zone or region label must match each of
 * them; a node without any is fine.
 */
export const volumeZone = {
  name: NAME,
  preFilter(state, pod, listers) {
    const topologies: VolumeTopology[] = [];
    for (const v of pod.spec?.volumes ?? []) {
      if (!v.persistentVolumeClaim) continue;
      const claim = listers.claim(pod.metadata?.namespace ?? 'default', v.persistentVolumeClaim.claimName);
      const volume = claim?.spec?.volumeName ? listers.volume(claim.spec.volumeName) : undefined;
      const labels = volume?.metadata?.labels ?? {};
      for (const key of TOPOLOGY_LABELS) if (key in labels) topologies.push({ key, values: labels[key]!.split('__') });
    }
    if (!topologies.length) return skip();
    state.set(PRE_FILTER_KEY, topologies);
    return success();
  },
  filter(state, _pod, node) {
    if (!TOPOLOGY_LABELS.some((key) => key in node.labels)) return success();
    for (const t of state.get(PRE_FILTER_KEY) as VolumeTopology[]) {
      const value = node.labels[t.key] ?? (GA_LABEL[t.key] ? node.labels[GA_LABEL[t.key]!] : undefined);
      if (value === undefined || !t.values.includes(value)) return unresolvable(REASON);
    }
    return success();
  },
} satisfies PreFilterPlugin & FilterPlugin;
