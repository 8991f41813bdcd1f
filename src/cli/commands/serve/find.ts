import { ApiError } from '../../../api/errors.js';
import { parseFieldSelector } from '../../../api/field-selector.js';
import { matches, parseSelector } from '../../../api/labels.js';
import type { KObject } from '../../../api/object.js';
import type { ResourcePath } from '../../../apiserver/routes.js';
import type { Streams } from '../../../narrator/render/renderer.js';
import type { Env } from '../../env.js';
import { Session } from '../../session.js';

/** What a GET names, read through the same API server pipeline as `kubesim get` (authn, RBAC, the store). */
export interface Found {
  objects: KObject[];
  resourceVersion: string;
  now: number;
}

/** One read as one read-only kubesim command: a session on the saved cluster, closed whatever the answer. */
export async function reading<T>(env: Env, streams: Streams, read: (session: Session) => T | Promise<T>): Promise<T> {
  const session = await Session.open(env, streams, { readOnly: true });
  try {
    return await read(session);
  } finally {
    await session.close();
  }
}

/**
 * The objects a GET or a watch asks for (one, or a list narrowed by label and field selectors), or the error. A watch
 * is authorized as one (RBAC's watch verb), of the object its path names if any.
 */
export async function find(env: Env, streams: Streams, target: ResourcePath, url: URL, { watch = false } = {}): Promise<Found | ApiError> {
  const selectorText = url.searchParams.get('labelSelector');
  const selector = selectorText ? parseSelector(selectorText) : undefined;
  if (selector && !Array.isArray(selector)) return new ApiError('BadRequest', selector.error);
  const fieldText = url.searchParams.get('fieldSelector');
  const fields = fieldText ? parseFieldSelector(fieldText) : undefined;
  if (fields && !Array.isArray(fields)) return new ApiError('BadRequest', fields.error);
  return reading(env, streams, (session) => {
    const { resource, namespace, name } = target;
    const fieldSelector = fields || undefined;
    const result = session.request(watch ? { verb: 'watch', resource, namespace, name, fieldSelector } : name ? { verb: 'get', resource, namespace, name } : { verb: 'list', resource, namespace, fieldSelector });
    if (!result.ok) return result.error;
    const objects = name && !watch ? [result.object] : (result.objects ?? []).filter((o) => !selector || matches(selector, o.metadata.labels));
    return { objects, resourceVersion: String(session.store.revision), now: session.now };
  });
}
