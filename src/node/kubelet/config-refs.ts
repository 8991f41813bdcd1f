import type { ConfigMap, Container, PersistentVolumeClaim, Pod, Secret, Volume } from 'kubernetes-types/core/v1.js';
import type { Store } from '../../store/store.js';

type Source = { kind: 'secret' | 'configmap'; name: string; key?: string; optional: boolean };

/** A Secret or ConfigMap a container refers to, if it exists. */
export function lookup(store: Store, namespace: string, kind: Source['kind'], name: string): (Secret & ConfigMap) | undefined {
  const prefix = kind === 'secret' ? 'secrets' : 'configmaps';
  return store.get(`/registry/${prefix}/${namespace}/${name}`)?.value as unknown as (Secret & ConfigMap) | undefined;
}

function hasKey(obj: Secret & ConfigMap, key: string): boolean {
  return key in (obj.data ?? {}) || key in (obj.stringData ?? {}) || key in (obj.binaryData ?? {});
}

function sourcesOf(c: Container): Source[] {
  const out: Source[] = [];
  for (const e of c.env ?? []) {
    const s = e.valueFrom?.secretKeyRef;
    const m = e.valueFrom?.configMapKeyRef;
    if (s) out.push({ kind: 'secret', name: s.name ?? '', key: s.key, optional: !!s.optional });
    if (m) out.push({ kind: 'configmap', name: m.name ?? '', key: m.key, optional: !!m.optional });
  }
  for (const f of c.envFrom ?? []) {
    if (f.secretRef) out.push({ kind: 'secret', name: f.secretRef.name ?? '', optional: !!f.secretRef.optional });
    if (f.configMapRef) out.push({ kind: 'configmap', name: f.configMapRef.name ?? '', optional: !!f.configMapRef.optional });
  }
  return out;
}

/**
 * What the kubelet checks before creating a container (makeEnvironmentVariables): every Secret and ConfigMap
 * the environment refers to must exist, with the key, unless marked optional. The message is the runtime's.
 */
export function containerConfigError(store: Store, pod: Pod, c: Container): string | undefined {
  const ns = pod.metadata!.namespace!;
  for (const s of sourcesOf(c)) {
    if (s.optional) continue;
    const obj = lookup(store, ns, s.kind, s.name);
    if (!obj) return `${s.kind} "${s.name}" not found`;
    if (s.key !== undefined && !hasKey(obj, s.key)) return `couldn't find key ${s.key} in ${s.kind === 'secret' ? 'Secret' : 'ConfigMap'} ${ns}/${s.name}`;
  }
  return undefined;
}

/** The volume manager's populator: a claim must exist and be bound before its volume can be mounted. */
function claimError(store: Store, ns: string, name: string): string | undefined {
  const claim = store.get(`/registry/persistentvolumeclaims/${ns}/${name}`)?.value as PersistentVolumeClaim | undefined;
  if (!claim) return `error processing PVC ${ns}/${name}: failed to fetch PVC from API server: persistentvolumeclaims "${name}" not found`;
  if (!claim.spec?.volumeName || claim.status?.phase !== 'Bound') return `error processing PVC ${ns}/${name}: PVC is not bound`;
  return undefined;
}

/** Volumes the kubelet cannot mount yet: a missing, non-optional Secret or ConfigMap, an unbound claim (FailedMount). */
export function volumeMountError(store: Store, pod: Pod): { volume: Volume; message: string } | undefined {
  const ns = pod.metadata!.namespace!;
  for (const v of pod.spec?.volumes ?? []) {
    const claim = v.persistentVolumeClaim && claimError(store, ns, v.persistentVolumeClaim.claimName);
    if (claim) return { volume: v, message: `Unable to attach or mount volumes: unmounted volumes=[${v.name}], unattached volumes=[], failed to process volumes=[${v.name}]: ${claim}` };
    const ref: Source | undefined = v.secret
      ? { kind: 'secret', name: v.secret.secretName ?? '', optional: !!v.secret.optional }
      : v.configMap
        ? { kind: 'configmap', name: v.configMap.name ?? '', optional: !!v.configMap.optional }
        : undefined;
    if (!ref || ref.optional || lookup(store, ns, ref.kind, ref.name)) continue;
    return { volume: v, message: `MountVolume.SetUp failed for volume "${v.name}" : ${ref.kind} "${ref.name}" not found` };
  }
  return undefined;
}
