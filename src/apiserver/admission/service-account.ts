import type { Pod, Volume } from 'kubernetes-types/core/v1.js';
import { ApiError } from '../../api/errors.js';
import { generateName } from '../../sim/ids.js';
import type { AdmissionPlugin } from './plugin.js';

const TOKEN_PATH = '/var/run/secrets/kubernetes.io/serviceaccount';

/** The projected volume that gives every pod its API token, CA and namespace (plugin/pkg/admission/serviceaccount). */
function apiAccessVolume(name: string): Volume {
  return {
    name,
    projected: {
      defaultMode: 420,
      sources: [
        { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
        { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
        { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
      ],
    },
  };
}

/** ServiceAccount admission: default service account, its existence, and the token volume in every container. */
export const serviceAccount: AdmissionPlugin = {
  name: 'ServiceAccount',
  // mirror pods (static pods the kubelet reports) get no service account
  handles: (ctx, obj) => ctx.op === 'CREATE' && obj.kind === 'Pod' && !obj.metadata.annotations?.['kubernetes.io/config.mirror'],
  admit(obj, ctx) {
    const pod = obj as unknown as Pod;
    const spec = pod.spec!;
    const changes: string[] = [];
    if (!spec.serviceAccountName) {
      spec.serviceAccountName = spec.serviceAccount || 'default';
      changes.push(`spec.serviceAccountName=${spec.serviceAccountName}`);
    }
    spec.serviceAccount = spec.serviceAccountName;
    if (spec.automountServiceAccountToken === false) return changes;
    const mounted = (spec.containers ?? []).some((c) => c.volumeMounts?.some((m) => m.mountPath === TOKEN_PATH));
    if (mounted) return changes;
    const volumeName = generateName(ctx.rand, 'kube-api-access-');
    spec.volumes = [...(spec.volumes ?? []), apiAccessVolume(volumeName)];
    for (const c of [...(spec.initContainers ?? []), ...(spec.containers ?? [])]) {
      c.volumeMounts = [...(c.volumeMounts ?? []), { name: volumeName, readOnly: true, mountPath: TOKEN_PATH }];
    }
    changes.push(`volume ${volumeName} → ${TOKEN_PATH}`);
    return changes;
  },
  validate(obj, ctx) {
    const pod = obj as unknown as Pod;
    const ns = pod.metadata!.namespace!;
    const sa = pod.spec!.serviceAccountName!;
    if (ctx.store.get(`/registry/serviceaccounts/${ns}/${sa}`)) return undefined;
    return new ApiError(
      'Forbidden',
      `pods "${pod.metadata?.name ?? pod.metadata?.generateName}" is forbidden: error looking up service account ${ns}/${sa}: serviceaccount "${sa}" not found`,
    );
  },
};
