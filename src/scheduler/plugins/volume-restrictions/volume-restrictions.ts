import type { Pod, Volume } from 'kubernetes-types/core/v1.js';
import { VolumeRestrictions as NAME } from '../names.js';
import { claimNotFound, skip, success, unresolvable, unschedulable, type FilterPlugin, type PreFilterPlugin } from '../../framework/interface.js';
import type { NodeInfo } from '../../framework/node-info.js';

export const REASON_DISK_CONFLICT = 'node(s) had no available disk';
export const REASON_READ_WRITE_ONCE_POD = 'node has pod using PersistentVolumeClaim with the same name and ReadWriteOncePod access mode';
const PRE_FILTER_KEY = 'PreFilterVolumeRestrictions';

/** The in-tree disks that one node cannot mount twice for writing (GCE PD, AWS EBS, iSCSI, Ceph RBD). */
const needsCheck = (v: Volume) => !!(v.gcePersistentDisk || v.awsElasticBlockStore || v.rbd || v.iscsi);

/** isVolumeConflict: the same disk, mounted read-write by one of the two pods at least. */
function conflicts(v: Volume, pod: Pod): boolean {
  return (pod.spec?.volumes ?? []).some((e) => {
    if (v.gcePersistentDisk && e.gcePersistentDisk) return v.gcePersistentDisk.pdName === e.gcePersistentDisk.pdName && !(v.gcePersistentDisk.readOnly && e.gcePersistentDisk.readOnly);
    if (v.awsElasticBlockStore && e.awsElasticBlockStore) return v.awsElasticBlockStore.volumeID === e.awsElasticBlockStore.volumeID;
    if (v.iscsi && e.iscsi) return v.iscsi.iqn === e.iscsi.iqn && !(v.iscsi.readOnly && e.iscsi.readOnly);
    if (v.rbd && e.rbd) {
      const [a, b] = [v.rbd, e.rbd];
      return (a.monitors ?? []).some((m) => (b.monitors ?? []).includes(m)) && (a.pool ?? 'rbd') === (b.pool ?? 'rbd') && a.image === b.image && !(a.readOnly && b.readOnly);
    }
    return false;
  });
}

/**
 * PreFilter: the pod's claims must exist; those with the ReadWriteOncePod access mode must not be used by a pod
 * already placed (on any node). Nothing to check without such claims nor in-tree disks (Skip). Filter: a node whose
 * pods mount one of the pod's disks for writing cannot take it.
 */
export const volumeRestrictions = {
  name: NAME,
  preFilter(state, pod, listers, nodes) {
    const namespace = pod.metadata?.namespace ?? 'default';
    let conflictingClaims = 0;
    for (const v of pod.spec?.volumes ?? []) {
      if (!v.persistentVolumeClaim) continue;
      const name = v.persistentVolumeClaim.claimName;
      const claim = listers.claim(namespace, name);
      if (!claim) return unresolvable(claimNotFound(name));
      if (!claim.spec?.accessModes?.includes('ReadWriteOncePod')) continue;
      // StorageInfos().IsPVCUsedByPods: some pod on some node uses it
      if (nodes.some((n) => n.pvcRefCounts.has(`${namespace}/${name}`))) conflictingClaims++;
    }
    const disks = (pod.spec?.volumes ?? []).some(needsCheck);
    if (!disks && !conflictingClaims) return skip();
    state.set(PRE_FILTER_KEY, conflictingClaims);
    return success();
  },
  filter(state, pod, node: NodeInfo) {
    for (const v of pod.spec?.volumes ?? []) if (needsCheck(v) && node.pods.some((p) => conflicts(v, p))) return unschedulable(REASON_DISK_CONFLICT);
    return (state.get(PRE_FILTER_KEY) as number) > 0 ? unschedulable(REASON_READ_WRITE_ONCE_POD) : success();
  },
} satisfies PreFilterPlugin & FilterPlugin;
