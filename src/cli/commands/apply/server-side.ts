import { ApiError } from '../../../api/errors.js';
import { clone, type KObject } from '../../../api/object.js';
import type { ResourceType } from '../../../api/resources.js';
import { serverSideApply as applyOwnership } from '../../../apiserver/managed-fields.js';
import { strategicMerge } from '../../../apiserver/patch/strategic.js';
import type { ApiResult } from '../../../apiserver/server.js';
import { rfc3339 } from '../../../sim/clock.js';
import type { Session } from '../../session.js';

export interface ServerSideApply {
  fieldManager: string;
  /** --force-conflicts (?force=true): take the fields another manager set to another value. */
  force: boolean;
  dryRun: boolean;
  /** The size of the configuration as the client sent it (kubectl's PATCH body), for the API server's limit. */
  bodyBytes?: number;
}

/**
 * Server-side apply (`kubectl apply --server-side`, and its PATCH through kubesim serve): the applied configuration
 * creates the object, or is merged into the live one with the lists' merge keys (containers by name…), with field
 * ownership as kube-apiserver keeps it (apiserver/managed-fields.ts): a conflict with another manager is a 409 unless
 * forced, and fields this manager applied before and leaves out now are removed.
 */
export function serverSideApply(s: Session, target: { resource: ResourceType; namespace?: string; name: string }, applied: KObject, how: ServerSideApply): ApiResult {
  const { resource, namespace, name } = target;
  if (applied.metadata?.name !== undefined && applied.metadata.name !== name) {
    return { ok: false, error: new ApiError('BadRequest', `the name of the object (${applied.metadata.name}) does not match the name on the URL (${name})`) };
  }
  if (!how.fieldManager) return { ok: false, error: new ApiError('BadRequest', 'PATCH, application/apply-patch+yaml requires fieldManager parameter') };
  const got = s.request({ verb: 'get', resource, namespace, name });
  if (!got.ok && got.error.reason !== 'NotFound') return got;
  const live = got.ok ? got.object : undefined;
  // a copy: the merge shares the parts the configuration does not touch with the stored object, and fields this
  // manager no longer applies are removed from it in place
  const merged = clone((live ? strategicMerge(live as never, applied as never) : applied) as unknown as KObject);
  merged.metadata ??= { name };
  const owned = applyOwnership(live, applied, merged, how.fieldManager, how.force, rfc3339(s.now));
  if (owned instanceof ApiError) return { ok: false, error: owned };
  // the ownership is written above: the request itself records none
  const request = { resource, namespace, body: owned, dryRun: how.dryRun, fieldManager: '', bodyBytes: how.bodyBytes };
  return live ? s.request({ verb: 'patch', name, ...request }) : s.request({ verb: 'create', ...request });
}

/** What kubectl adds under a server-side apply conflict (apply.go), word for word. */
export const CONFLICT_HELP = `Please review the fields above--they currently have other managers. Here
are the ways you can resolve this warning:
* If you intend to manage all of these fields, please re-run the apply
  command with the \`--force-conflicts\` flag.
* If you do not intend to manage all of the fields, please edit your
  manifest to remove references to the fields that should keep their
  current managers.
* You may co-own fields by updating your manifest to match the existing
  value; in this case, you'll become the manager if the other manager(s)
  stop managing the field (remove it from their configuration).
See https://kubernetes.io/docs/reference/using-api/server-side-apply/#conflicts`;
