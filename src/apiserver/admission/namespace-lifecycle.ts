import type { Namespace } from 'kubernetes-types/core/v1.js';
import { ApiError, notFound } from '../../api/errors.js';
import { byKindOnly } from '../../api/resources.js';
import type { AdmissionPlugin } from './plugin.js';

/** NamespaceLifecycle: no new content in a namespace that does not exist or is being deleted. */
export const namespaceLifecycle: AdmissionPlugin = {
  name: 'NamespaceLifecycle',
  handles: (ctx, obj) => ctx.op === 'CREATE' && !!byKindOnly(obj.kind)?.namespaced,
  validate(obj, ctx) {
    const ns = obj.metadata.namespace!;
    const stored = ctx.store.get(`/registry/namespaces/${ns}`)?.value as unknown as Namespace | undefined;
    if (!stored) return notFound('namespaces', ns);
    if (stored.status?.phase === 'Terminating') {
      return new ApiError('Forbidden', `unable to create new content in namespace ${ns} because it is being terminated`);
    }
    return undefined;
  },
};
