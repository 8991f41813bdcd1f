import type { PersistentVolume, PersistentVolumeClaim } from 'kubernetes-types/core/v1.js';
import type { StorageClass } from 'kubernetes-types/storage/v1.js';
import { forbidden, notSupported, required, type FieldError } from '../../api/field.js';
import { jsonEqual, type KObject } from '../../api/object.js';
import { parseQuantity } from '../../api/quantity.js';
import { PV_SOURCES } from '../../api/storage.js';
import { validateObjectMeta } from '../validation/meta.js';
import { dns1123Subdomain } from '../validation/names.js';
import type { Strategy } from './strategy.js';

const ACCESS_MODES = ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod'];
const RECLAIM = ['Delete', 'Recycle', 'Retain'];
const BINDING_MODES = ['Immediate', 'WaitForFirstConsumer'];

function accessModes(modes: string[] | undefined, path: string): FieldError[] {
  if (!modes?.length) return [required(path, 'at least 1 access mode is required')];
  return modes.filter((m) => !ACCESS_MODES.includes(m)).map((m) => notSupported(path, m, ACCESS_MODES));
}

export const pvcStrategy: Strategy = {
  nameValidator: dns1123Subdomain,
  hasStatus: true,
  validate(o: KObject) {
    const pvc = o as unknown as PersistentVolumeClaim;
    const errs = [...validateObjectMeta(pvc.metadata, true, dns1123Subdomain), ...accessModes(pvc.spec?.accessModes, 'spec.accessModes')];
    const storage = pvc.spec?.resources?.requests?.storage;
    if (storage === undefined && !pvc.spec?.dataSource) errs.push(required('spec.resources[storage]'));
    else if (storage !== undefined && (parseQuantity(storage) ?? 0) <= 0) errs.push({ type: 'Invalid value', field: 'spec.resources[storage]', value: storage, detail: 'must be greater than zero' });
    return errs;
  },
  // a claim's spec is immutable once created, except the requested size (which may only grow)
  validateUpdate(o, old) {
    const strip = (x: KObject) => {
      const spec = structuredClone((x as unknown as PersistentVolumeClaim).spec ?? {});
      delete spec.resources;
      delete spec.volumeName;
      return spec;
    };
    if (!(old as unknown as PersistentVolumeClaim).spec?.volumeName) return [];
    return jsonEqual(strip(o), strip(old)) ? [] : [forbidden('spec', 'spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims')];
  },
};

export const pvStrategy: Strategy = {
  nameValidator: dns1123Subdomain,
  hasStatus: true,
  // Pending until the volume controller has looked at it and made it Available
  prepareForCreate(o: KObject) {
    o.status = { phase: 'Pending' };
  },
  validate(o: KObject) {
    const pv = o as unknown as PersistentVolume;
    const errs = [...validateObjectMeta(pv.metadata, false, dns1123Subdomain), ...accessModes(pv.spec?.accessModes, 'spec.accessModes')];
    if (!pv.spec?.capacity?.storage) errs.push(required('spec.capacity', 'must specify a volume size'));
    const policy = pv.spec?.persistentVolumeReclaimPolicy;
    if (policy && !RECLAIM.includes(policy)) errs.push(notSupported('spec.persistentVolumeReclaimPolicy', policy, RECLAIM));
    if (!PV_SOURCES.some((k) => (pv.spec as Record<string, unknown> | undefined)?.[k])) errs.push(required('spec', 'must specify a volume type'));
    return errs;
  },
};

export const storageClassStrategy: Strategy = {
  nameValidator: dns1123Subdomain,
  hasStatus: false,
  validate(o: KObject) {
    const sc = o as unknown as StorageClass;
    const errs = validateObjectMeta(sc.metadata, false, dns1123Subdomain);
    if (!sc.provisioner) errs.push(required('provisioner'));
    if (sc.volumeBindingMode && !BINDING_MODES.includes(sc.volumeBindingMode)) errs.push(notSupported('volumeBindingMode', sc.volumeBindingMode, BINDING_MODES));
    return errs;
  },
};
