import jsonpatch, { type Operation } from 'fast-json-patch';
import { ApiError } from '../../api/errors.js';

/**
 * JSON Patch (RFC 6902: `kubectl patch --type json`, `kubectl rollout undo`): the operations applied in order to a
 * copy of the live object, all or nothing. Refusals word it as kube-apiserver's json-patch library does: a patch
 * that is not a list of operations is a 400, one that does not apply to this object a 422.
 */
export function jsonPatch(live: unknown, patch: unknown): unknown {
  if (!Array.isArray(patch)) return new ApiError('BadRequest', 'json: cannot unmarshal object into Go value of type jsonpatch.Patch');
  const invalid = jsonpatch.validate(patch as Operation[]);
  if (invalid) return new ApiError('BadRequest', invalid.message.split('\n')[0]!);
  try {
    return jsonpatch.applyPatch(jsonpatch.deepClone(live), patch as Operation[], true, true).newDocument;
  } catch (e) {
    if (!(e instanceof jsonpatch.JsonPatchError)) throw e;
    const { op, path } = (e.operation ?? {}) as { op?: string; path?: string };
    const why = e.name === 'TEST_OPERATION_FAILED' ? `testing value ${path} failed: test failed` : `${op} operation does not apply: doc is missing path: "${path}": missing value`;
    return new ApiError('Invalid', why);
  }
}
