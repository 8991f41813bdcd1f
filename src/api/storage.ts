import type { ObjectMeta } from 'kubernetes-types/meta/v1.js';

/** The annotation that makes a StorageClass the one claims without a class get. */
export const DEFAULT_CLASS_ANNOTATION = 'storageclass.kubernetes.io/is-default-class';

export const isDefaultClass = (meta: ObjectMeta | undefined): boolean => meta?.annotations?.[DEFAULT_CLASS_ANNOTATION] === 'true';

/** StorageObjectInUseProtection's finalizers: a claim or volume in use is not removed under a pod. */
export const PVC_PROTECTION = 'kubernetes.io/pvc-protection';
export const PV_PROTECTION = 'kubernetes.io/pv-protection';

/** Where the scheduler tells a WaitForFirstConsumer provisioner to put a claim's volume. */
export const SELECTED_NODE = 'volume.kubernetes.io/selected-node';

/** GetPersistentVolume(Claim)Class: the beta annotation still wins over spec.storageClassName. */
export const storageClassOf = (meta: ObjectMeta | undefined, specClass: string | undefined): string =>
  meta?.annotations?.['volume.beta.kubernetes.io/storage-class'] ?? specClass ?? '';

/** The volume sources a PersistentVolume may be backed by (exactly one is set). */
export const PV_SOURCES = ['hostPath', 'local', 'nfs', 'csi', 'iscsi', 'gcePersistentDisk', 'awsElasticBlockStore', 'azureDisk', 'azureFile', 'cephfs', 'fc', 'rbd', 'cinder', 'flexVolume', 'glusterfs', 'portworxVolume', 'quobyte', 'scaleIO', 'storageos', 'vsphereVolume', 'photonPersistentDisk'];
