/**
 * A simplified client-side apply (kubectl's three-way merge): what the manifest sets must be what the cluster
 * holds, and what an earlier apply set but this manifest dropped is removed. Lists are compared item by item
 * and replaced whole, maps merge key by key; fields the server or controllers added are left alone.
 */
type Json = unknown;

const isMap = (v: Json): v is Record<string, Json> => !!v && typeof v === 'object' && !Array.isArray(v);

/** Does `live` already contain everything `wanted` says (server defaults may add more)? */
export function contains(live: Json, wanted: Json): boolean {
  if (wanted === null || wanted === undefined) return live === null || live === undefined || (isMap(live) && !Object.keys(live).length);
  if (Array.isArray(wanted)) return Array.isArray(live) && live.length === wanted.length && wanted.every((w, i) => contains(live[i], w));
  if (isMap(wanted)) return isMap(live) && Object.entries(wanted).every(([k, v]) => contains(live[k], v));
  return live === wanted || (typeof live !== 'object' && String(live) === String(wanted) && typeof wanted !== 'string');
}

/** The patch taking `live` to what `modified` says, deleting what `original` (the last apply) had and `modified` dropped. */
export function threeWayPatch(original: Json, modified: Json, live: Json): Record<string, Json> | undefined {
  if (!isMap(modified)) return undefined;
  const patch: Record<string, Json> = {};
  const orig = isMap(original) ? original : {};
  const cur = isMap(live) ? live : {};
  for (const [k, v] of Object.entries(modified)) {
    if (v === null || v === undefined) continue;
    if (isMap(v) && isMap(cur[k])) {
      const sub = threeWayPatch(orig[k], v, cur[k]);
      if (sub && Object.keys(sub).length) patch[k] = sub;
    } else if (!contains(cur[k], v)) patch[k] = v;
  }
  for (const k of Object.keys(orig)) if (!(k in modified) && k in cur) patch[k] = null;
  return patch;
}

/** JSON merge patch semantics: null deletes, maps merge, everything else replaces. */
export function applyPatch(target: Json, patch: Record<string, Json>): Record<string, Json> {
  const out: Record<string, Json> = isMap(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else if (isMap(v) && isMap(out[k])) out[k] = applyPatch(out[k], v);
    else out[k] = v;
  }
  return out;
}
