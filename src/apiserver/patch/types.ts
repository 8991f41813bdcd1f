import type { ApiError } from '../../api/errors.js';
import type { KObject } from '../../api/object.js';
import { jsonPatch } from './json-patch.js';
import { jsonMerge, strategicMerge } from './strategic.js';

/** What a patch of the live object gives: the new object, or why the patch does not apply. */
type Patcher = (live: KObject, patch: never) => unknown | ApiError;

/**
 * The patch types that merge into the live object (the apply patch, server-side apply, is the other one), by the
 * content type a client sends and by kubectl patch's --type.
 */
export const PATCH_TYPES: Record<'strategic' | 'merge' | 'json', { contentType: string; patch: Patcher }> = {
  strategic: { contentType: 'application/strategic-merge-patch+json', patch: (live, p) => strategicMerge(live as never, p) },
  merge: { contentType: 'application/merge-patch+json', patch: (live, p) => jsonMerge(live as never, p) },
  json: { contentType: 'application/json-patch+json', patch: jsonPatch },
};
