import type { PersistentVolume, PersistentVolumeClaim } from 'kubernetes-types/core/v1.js';
import type { StorageClass } from 'kubernetes-types/storage/v1.js';
import { isDefaultClass, storageClassOf } from '../../api/storage.js';
import { age } from '../duration.js';
import type { Columns } from './types.js';

/** helper.GetAccessModesAsString: abbreviations in a fixed order, whatever order the spec lists them in. */
const MODES: Array<[string, string]> = [
  ['ReadWriteOnce', 'RWO'],
  ['ReadOnlyMany', 'ROX'],
  ['ReadWriteMany', 'RWX'],
  ['ReadWriteOncePod', 'RWOP'],
];
export const accessModes = (modes: string[] = []): string => MODES.filter(([m]) => modes.includes(m)).map(([, s]) => s).join(',');

export const persistentVolumeClaimColumns: Columns = {
  headers: ['NAME', 'STATUS', 'VOLUME', 'CAPACITY', 'ACCESS MODES', 'STORAGECLASS', 'VOLUMEATTRIBUTESCLASS', 'AGE'],
  wideHeaders: ['VOLUMEMODE'],
  row(o, now) {
    const c = o as unknown as PersistentVolumeClaim;
    const bound = !!c.spec?.volumeName;
    const phase = o.metadata.deletionTimestamp ? 'Terminating' : (c.status?.phase ?? '');
    return [
      o.metadata.name,
      phase,
      c.spec?.volumeName ?? '',
      bound ? String(c.status?.capacity?.storage ?? '') : '',
      bound ? accessModes(c.status?.accessModes) : '',
      storageClassOf(c.metadata, c.spec?.storageClassName),
      c.spec?.volumeAttributesClassName ?? '<unset>',
      age(o.metadata.creationTimestamp, now),
    ];
  },
  wideRow: (o) => [(o as unknown as PersistentVolumeClaim).spec?.volumeMode ?? '<unset>'],
};

export const persistentVolumeColumns: Columns = {
  headers: ['NAME', 'CAPACITY', 'ACCESS MODES', 'RECLAIM POLICY', 'STATUS', 'CLAIM', 'STORAGECLASS', 'VOLUMEATTRIBUTESCLASS', 'REASON', 'AGE'],
  wideHeaders: ['VOLUMEMODE'],
  row(o, now) {
    const v = o as unknown as PersistentVolume;
    const ref = v.spec?.claimRef;
    return [
      o.metadata.name,
      String(v.spec?.capacity?.storage ?? ''),
      accessModes(v.spec?.accessModes),
      v.spec?.persistentVolumeReclaimPolicy ?? '',
      o.metadata.deletionTimestamp ? 'Terminating' : (v.status?.phase ?? ''),
      ref ? `${ref.namespace ?? ''}/${ref.name ?? ''}` : '',
      storageClassOf(v.metadata, v.spec?.storageClassName),
      v.spec?.volumeAttributesClassName ?? '<unset>',
      v.status?.reason ?? '',
      age(o.metadata.creationTimestamp, now),
    ];
  },
  wideRow: (o) => [(o as unknown as PersistentVolume).spec?.volumeMode ?? '<unset>'],
};

export const storageClassColumns: Columns = {
  headers: ['NAME', 'PROVISIONER', 'RECLAIMPOLICY', 'VOLUMEBINDINGMODE', 'ALLOWVOLUMEEXPANSION', 'AGE'],
  wideHeaders: [],
  row(o, now) {
    const sc = o as unknown as StorageClass;
    return [
      isDefaultClass(o.metadata) ? `${o.metadata.name} (default)` : o.metadata.name,
      sc.provisioner,
      sc.reclaimPolicy ?? 'Delete',
      sc.volumeBindingMode ?? 'Immediate',
      String(sc.allowVolumeExpansion ?? false),
      age(o.metadata.creationTimestamp, now),
    ];
  },
  wideRow: () => [],
};
