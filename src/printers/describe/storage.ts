import type { NodeSelectorTerm, PersistentVolume, PersistentVolumeClaim, Pod, Volume } from 'kubernetes-types/core/v1.js';
import type { StorageClass } from 'kubernetes-types/storage/v1.js';
import type { KObject } from '../../api/object.js';
import { isDefaultClass, PV_SOURCES, storageClassOf } from '../../api/storage.js';
import { accessModes } from '../columns/storage.js';
import { describeVolume } from './containers.js';
import type { DescribeContext } from './describers.js';
import { DescribeWriter } from './writer.js';

const finalizers = (o: KObject) => `[${(o.metadata.finalizers ?? []).join(' ')}]`;

/** describePersistentVolumeClaim: capacity and modes are the bound volume's, and the pods that mount it. */
export function describePersistentVolumeClaim(o: KObject, ctx: DescribeContext): string {
  const c = o as unknown as PersistentVolumeClaim;
  const bound = !!c.spec?.volumeName;
  const w = new DescribeWriter();
  w.write(0, `Name:\t${o.metadata.name}`);
  w.write(0, `Namespace:\t${o.metadata.namespace}`);
  w.write(0, `StorageClass:\t${storageClassOf(o.metadata, c.spec?.storageClassName)}`);
  w.write(0, `Status:\t${o.metadata.deletionTimestamp ? 'Terminating' : (c.status?.phase ?? '')}`);
  w.write(0, `Volume:\t${c.spec?.volumeName ?? ''}`);
  w.labels('Labels', o.metadata.labels);
  w.annotations('Annotations', o.metadata.annotations);
  w.write(0, `Finalizers:\t${finalizers(o)}`);
  w.write(0, `Capacity:\t${bound ? String(c.status?.capacity?.storage ?? '') : ''}`);
  w.write(0, `Access Modes:\t${bound ? accessModes(c.status?.accessModes) : ''}`);
  if (c.spec?.volumeMode) w.write(0, `VolumeMode:\t${c.spec.volumeMode}`);
  const users = ctx
    .list(`/registry/pods/${o.metadata.namespace}/`)
    .filter((p) => (p as unknown as Pod).spec?.volumes?.some((v) => v.persistentVolumeClaim?.claimName === o.metadata.name))
    .map((p) => p.metadata.name);
  w.multiline('Used By', users);
  w.events(ctx.events, ctx.now);
  return w.toString();
}

function nodeAffinity(w: DescribeWriter, terms: NodeSelectorTerm[] | undefined): void {
  if (!terms) return w.write(0, 'Node Affinity:\t<none>');
  w.write(0, 'Node Affinity:\t');
  w.write(1, `Required Terms:\t${terms.length ? '' : '<none>'}`);
  terms.forEach((t, i) => {
    const reqs = (t.matchExpressions ?? []).map((r) => `${r.key} ${r.operator.toLowerCase()} [${(r.values ?? []).join(', ')}]`);
    reqs.forEach((r, j) => w.write(j === 0 ? 2 : 0, j === 0 ? `Term ${i}:\t${r}` : `\t${r}`));
  });
}

/** describePersistentVolume: who holds it, where it can be mounted, and what backs it. */
export function describePersistentVolume(o: KObject, ctx: DescribeContext): string {
  const v = o as unknown as PersistentVolume;
  const ref = v.spec?.claimRef;
  const w = new DescribeWriter();
  w.write(0, `Name:\t${o.metadata.name}`);
  w.labels('Labels', o.metadata.labels);
  w.annotations('Annotations', o.metadata.annotations);
  w.write(0, `Finalizers:\t${finalizers(o)}`);
  w.write(0, `StorageClass:\t${storageClassOf(o.metadata, v.spec?.storageClassName)}`);
  w.write(0, `Status:\t${o.metadata.deletionTimestamp ? 'Terminating' : (v.status?.phase ?? '')}`);
  w.write(0, `Claim:\t${ref ? `${ref.namespace}/${ref.name}` : ''}`);
  w.write(0, `Reclaim Policy:\t${v.spec?.persistentVolumeReclaimPolicy ?? ''}`);
  w.write(0, `Access Modes:\t${accessModes(v.spec?.accessModes)}`);
  if (v.spec?.volumeMode) w.write(0, `VolumeMode:\t${v.spec.volumeMode}`);
  w.write(0, `Capacity:\t${String(v.spec?.capacity?.storage ?? '')}`);
  nodeAffinity(w, v.spec?.nodeAffinity?.required?.nodeSelectorTerms);
  w.write(0, `Message:\t${v.status?.message ?? ''}`);
  w.write(0, 'Source:');
  const key = PV_SOURCES.find((k) => (v.spec as Record<string, unknown>)?.[k]);
  if (key) describeVolume(w, { name: '', [key]: (v.spec as Record<string, unknown>)[key] } as Volume);
  w.events(ctx.events, ctx.now);
  return w.toString();
}

/** labels.FormatLabels: `k=v,k2=v2` sorted by key, `<none>` when empty. */
const formatPairs = (m: Record<string, string> | undefined): string =>
  Object.keys(m ?? {}).length ? Object.keys(m!).sort().map((k) => `${k}=${m![k]}`).join(',') : '<none>';

/** describeStorageClass: annotations and parameters on one line each, as kubectl prints them. */
export function describeStorageClass(o: KObject, ctx: DescribeContext): string {
  const sc = o as unknown as StorageClass;
  const w = new DescribeWriter();
  w.write(0, `Name:\t${o.metadata.name}`);
  w.write(0, `IsDefaultClass:\t${isDefaultClass(o.metadata) ? 'Yes' : 'No'}`);
  w.write(0, `Annotations:\t${formatPairs(o.metadata.annotations)}`);
  w.write(0, `Provisioner:\t${sc.provisioner}`);
  w.write(0, `Parameters:\t${formatPairs(sc.parameters)}`);
  w.write(0, `AllowVolumeExpansion:\t${sc.allowVolumeExpansion === undefined ? '<unset>' : sc.allowVolumeExpansion ? 'True' : 'False'}`);
  if (!sc.mountOptions?.length) w.write(0, 'MountOptions:\t<none>');
  else {
    w.write(0, 'MountOptions:');
    for (const m of sc.mountOptions) w.write(0, `\t${m}`);
  }
  if (sc.reclaimPolicy) w.write(0, `ReclaimPolicy:\t${sc.reclaimPolicy}`);
  if (sc.volumeBindingMode) w.write(0, `VolumeBindingMode:\t${sc.volumeBindingMode}`);
  w.events(ctx.events, ctx.now);
  return w.toString();
}
