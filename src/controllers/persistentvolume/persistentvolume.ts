import type { PersistentVolume, PersistentVolumeClaim, Pod } from 'kubernetes-types/core/v1.js';
import type { StorageClass } from 'kubernetes-types/storage/v1.js';
import type { KObject } from '../../api/object.js';
import { parseQuantity } from '../../api/quantity.js';
import { PV_PROTECTION, PVC_PROTECTION, SELECTED_NODE } from '../../api/storage.js';
import type { Client } from '../../client/client.js';
import type { Recorder } from '../../client/recorder.js';
import type { World } from '../../sim/world.js';
import { splitKey } from '../owners.js';
import type { Reconciler, Result } from '../runtime.js';


const asPvc = (o: KObject) => o as unknown as PersistentVolumeClaim;
const asPv = (o: KObject) => o as unknown as PersistentVolume;

/** A volume fits a claim: same class, enough room, every access mode the claim asks for. */
function fits(pv: PersistentVolume, pvc: PersistentVolumeClaim): boolean {
  const want = parseQuantity(pvc.spec?.resources?.requests?.storage) ?? 0;
  return (
    (pv.spec?.storageClassName ?? '') === (pvc.spec?.storageClassName ?? '') &&
    (parseQuantity(pv.spec?.capacity?.storage) ?? 0) >= want &&
    (pvc.spec?.accessModes ?? []).every((m) => pv.spec?.accessModes?.includes(m))
  );
}

/**
 * The persistent volume controller with a dynamic provisioner, as kind ships it (local-path, WaitForFirstConsumer):
 * a claim binds to an Available volume that fits, or gets a new `pvc-<uid>` volume from its StorageClass, on the node
 * the scheduler chose for its first pod. When a
 * claim goes, a Delete-policy volume goes too; protection finalizers are lifted once nothing uses them.
 */
export class PersistentVolumeController implements Reconciler {
  readonly name = 'persistentvolume';

  constructor(
    private readonly w: World,
    private readonly client: Client,
    private readonly recorder: Recorder,
  ) {}

  reconcile(key: string): Result {
    const [namespace, name] = splitKey(key);
    const pvc = this.w.store.get(`/registry/persistentvolumeclaims/${namespace}/${name}`)?.value;
    if (!pvc) return this.syncVolumes();
    if (pvc.metadata.deletionTimestamp) return this.unprotectClaim(pvc);
    if (asPvc(pvc).spec?.volumeName) return this.syncVolumes();
    const volumes = this.w.store.list('/registry/persistentvolumes/').map(asPv);
    const free = volumes.find((pv) => pv.status?.phase === 'Available' && !pv.spec?.claimRef && fits(pv, asPvc(pvc)));
    if (free) return this.bind(pvc, free as unknown as KObject, false);
    const className = asPvc(pvc).spec?.storageClassName;
    const sc = className ? (this.w.store.get(`/registry/storageclasses/${className}`)?.value as unknown as StorageClass | undefined) : undefined;
    if (!sc) {
      const message = className ? `storageclass.storage.k8s.io "${className}" not found` : 'no persistent volumes available for this claim and no storage class is set';
      this.recorder.warning(pvc, className ? 'ProvisioningFailed' : 'FailedBinding', message);
      this.setPhase(pvc, 'Pending');
      return {};
    }
    const node = pvc.metadata.annotations?.[SELECTED_NODE];
    if (sc.volumeBindingMode === 'WaitForFirstConsumer' && !node) {
      this.recorder.normal(pvc, 'WaitForFirstConsumer', 'waiting for first consumer to be created before binding');
      this.setPhase(pvc, 'Pending');
      return {};
    }
    return this.provision(pvc, sc, node);
  }

  private consumers(pvc: KObject): Pod[] {
    return this.w.store
      .list(`/registry/pods/${pvc.metadata.namespace}/`)
      .map((p) => p as unknown as Pod)
      .filter((p) => p.spec?.volumes?.some((v) => v.persistentVolumeClaim?.claimName === pvc.metadata.name));
  }

  /** local-path-provisioner's volume: a directory on the chosen node, which only that node can mount. */
  private provision(pvc: KObject, sc: StorageClass, node: string | undefined): Result {
    const claim = asPvc(pvc);
    const name = `pvc-${pvc.metadata.uid}`;
    const onNode = node
      ? { nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: [node] }] }] } } }
      : {};
    this.recorder.normal(pvc, 'Provisioning', `External provisioner is provisioning volume for claim "${pvc.metadata.namespace}/${pvc.metadata.name}"`);
    const pv = {
      apiVersion: 'v1',
      kind: 'PersistentVolume',
      metadata: { name, annotations: { 'pv.kubernetes.io/provisioned-by': sc.provisioner, ...(node ? { 'local.path.provisioner/selected-node': node } : {}) } },
      spec: {
        accessModes: claim.spec?.accessModes,
        capacity: { storage: claim.spec?.resources?.requests?.storage },
        hostPath: { path: `/var/local-path-provisioner/${name}_${pvc.metadata.namespace}_${pvc.metadata.name}`, type: 'DirectoryOrCreate' },
        ...onNode,
        persistentVolumeReclaimPolicy: sc.reclaimPolicy ?? 'Delete',
        storageClassName: sc.metadata?.name,
        volumeMode: claim.spec?.volumeMode ?? 'Filesystem',
      },
    } as unknown as KObject;
    const created = this.client.create(pv);
    if (!created.ok) return { requeueAfterMs: 1000 };
    this.recorder.normal(pvc, 'ProvisioningSucceeded', `Successfully provisioned volume ${name}`);
    this.w.log.emit('controller-manager', { kind: 'volume.provisioned', claim: { kind: 'PersistentVolumeClaim', namespace: pvc.metadata.namespace, name: pvc.metadata.name }, volume: name, storageClass: sc.metadata?.name ?? '', size: String(claim.spec?.resources?.requests?.storage), node });
    return this.bind(pvc, created.object, true);
  }

  /** Both halves of the bind: the volume's claimRef, then the claim's volumeName and Bound phases. */
  private bind(pvc: KObject, pvObj: KObject, provisioned: boolean): Result {
    const pv = structuredClone(pvObj) as KObject & PersistentVolume;
    pv.spec = { ...pv.spec, claimRef: { kind: 'PersistentVolumeClaim', namespace: pvc.metadata.namespace, name: pvc.metadata.name, uid: pvc.metadata.uid, apiVersion: 'v1', resourceVersion: pvc.metadata.resourceVersion } };
    pv.metadata.annotations = { ...pv.metadata.annotations, 'pv.kubernetes.io/bound-by-controller': 'yes' };
    const boundPv = this.client.update(pv);
    if (!boundPv.ok) return { requeueAfterMs: 1000 };
    this.client.updateStatus({ ...boundPv.object, status: { phase: 'Bound' } } as KObject);
    const claim = structuredClone(this.w.store.get(`/registry/persistentvolumeclaims/${pvc.metadata.namespace}/${pvc.metadata.name}`)!.value) as KObject & PersistentVolumeClaim;
    claim.spec = { ...claim.spec, volumeName: pvObj.metadata.name };
    claim.metadata.annotations = {
      ...claim.metadata.annotations,
      'pv.kubernetes.io/bind-completed': 'yes',
      'pv.kubernetes.io/bound-by-controller': 'yes',
      ...(provisioned ? { 'volume.beta.kubernetes.io/storage-provisioner': String(pvObj.metadata.annotations?.['pv.kubernetes.io/provisioned-by']), 'volume.kubernetes.io/storage-provisioner': String(pvObj.metadata.annotations?.['pv.kubernetes.io/provisioned-by']) } : {}),
    };
    const bound = this.client.update(claim);
    if (!bound.ok) return { requeueAfterMs: 1000 };
    const spec = asPv(pvObj).spec;
    this.client.updateStatus({ ...bound.object, status: { phase: 'Bound', accessModes: spec?.accessModes, capacity: spec?.capacity } } as KObject);
    this.w.log.emit('controller-manager', { kind: 'volume.bound', claim: { kind: 'PersistentVolumeClaim', namespace: pvc.metadata.namespace, name: pvc.metadata.name }, volume: pvObj.metadata.name });
    return {};
  }

  private setPhase(pvc: KObject, phase: string): void {
    if (asPvc(pvc).status?.phase === phase) return;
    this.client.updateStatus({ ...pvc, status: { phase } } as KObject);
  }

  /** A claim being deleted keeps its finalizer while a pod still uses it. */
  private unprotectClaim(pvc: KObject): Result {
    if (this.consumers(pvc).length || !pvc.metadata.finalizers?.includes(PVC_PROTECTION)) return {};
    const updated = structuredClone(pvc);
    updated.metadata.finalizers = updated.metadata.finalizers!.filter((f) => f !== PVC_PROTECTION);
    this.client.update(updated);
    return {};
  }

  /** New volumes become Available; volumes whose claim is gone: Delete policy removes them, Retain leaves them Released. */
  private syncVolumes(): Result {
    for (const obj of this.w.store.list('/registry/persistentvolumes/')) {
      const pv = asPv(obj);
      const ref = pv.spec?.claimRef;
      if (obj.metadata.deletionTimestamp) {
        if (obj.metadata.finalizers?.includes(PV_PROTECTION) && !ref) {
          const updated = structuredClone(obj);
          updated.metadata.finalizers = updated.metadata.finalizers!.filter((f) => f !== PV_PROTECTION);
          this.client.update(updated);
        }
        continue;
      }
      if (!ref) {
        if (pv.status?.phase !== 'Available') this.client.updateStatus({ ...obj, status: { phase: 'Available' } } as KObject);
        continue;
      }
      if (pv.status?.phase === 'Released') continue;
      const claim = this.w.store.get(`/registry/persistentvolumeclaims/${ref.namespace}/${ref.name}`)?.value;
      if (claim && claim.metadata.uid === ref.uid) continue;
      if (pv.spec?.persistentVolumeReclaimPolicy === 'Delete') {
        const unref = structuredClone(obj) as KObject & PersistentVolume;
        delete (unref.spec as { claimRef?: unknown }).claimRef;
        const r = this.client.update(unref);
        if (r.ok) this.client.delete('PersistentVolume', undefined, obj.metadata.name);
        this.w.log.emit('controller-manager', { kind: 'volume.deleted', volume: obj.metadata.name });
      } else this.client.updateStatus({ ...obj, status: { phase: 'Released' } } as KObject);
    }
    return {};
  }
}
