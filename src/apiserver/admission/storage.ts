import type { PersistentVolumeClaim } from 'kubernetes-types/core/v1.js';
import { isDefaultClass, PV_PROTECTION, PVC_PROTECTION } from '../../api/storage.js';
import type { AdmissionPlugin } from './plugin.js';

/** DefaultStorageClass: a claim that names no class gets the cluster's default one. */
export const defaultStorageClass: AdmissionPlugin = {
  name: 'DefaultStorageClass',
  handles: (ctx, obj) => ctx.op === 'CREATE' && obj.kind === 'PersistentVolumeClaim',
  admit(obj, ctx) {
    const spec = (obj as unknown as PersistentVolumeClaim).spec!;
    // an explicit "" means "no class" (static binding only)
    if (spec.storageClassName !== undefined && spec.storageClassName !== null) return [];
    const def = ctx.store.list('/registry/storageclasses/').find((sc) => isDefaultClass(sc.metadata));
    if (!def) return [];
    spec.storageClassName = def.metadata.name;
    return [`spec.storageClassName=${def.metadata.name}`];
  },
};

/** StorageObjectInUseProtection: claims and volumes get a finalizer, so one in use is not deleted under a pod. */
export const storageProtection: AdmissionPlugin = {
  name: 'StorageObjectInUseProtection',
  handles: (ctx, obj) => ctx.op === 'CREATE' && (obj.kind === 'PersistentVolumeClaim' || obj.kind === 'PersistentVolume'),
  admit(obj) {
    const finalizer = obj.kind === 'PersistentVolumeClaim' ? PVC_PROTECTION : PV_PROTECTION;
    const finalizers = obj.metadata.finalizers ?? [];
    if (finalizers.includes(finalizer)) return [];
    obj.metadata.finalizers = [...finalizers, finalizer];
    return [`finalizer ${finalizer}`];
  },
};
