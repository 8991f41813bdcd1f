import { listKind, strategicMerge, type Json as PatchJson } from '../../../apiserver/patch/strategic.js';

/**
 * kubectl apply's three-way strategic merge patch (strategicpatch.CreateThreeWayMergePatch), for what kubesim's own
 * apply sends: what the manifest sets must be what the cluster holds, and what an earlier apply set but this manifest
 * dropped is removed. Maps merge key by key; lists with a merge key (containers by name, env by name…) merge element
 * by element, with kubectl's `$setElementOrder` and `$patch: delete`; other lists are replaced whole. Fields the
 * server or controllers added are left alone (a container's service-account volume mount stays).
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

/** The merge key of a list both sides hold as maps (`name` for containers), if it merges element by element. */
function mergeKey(field: string, modified: Json[], live: Json[]): string | undefined {
  const kind = listKind(field, [...modified, ...live] as PatchJson[]);
  return typeof kind === 'object' ? kind.key : undefined;
}

/**
 * A merge-keyed list's patch: each element of the manifest the cluster lacks, or differs from, as its key and its own
 * patch; each one the last apply set and this manifest dropped, deleted.
 */
function listPatch(key: string, original: Json, modified: Record<string, Json>[], live: Json[]): Json[] {
  const find = (list: Json, value: Json) => (Array.isArray(list) ? list.find((e) => isMap(e) && e[key] === value) : undefined);
  const out: Json[] = [];
  for (const wanted of modified) {
    const current = find(live, wanted[key]);
    if (!current) {
      out.push(wanted);
      continue;
    }
    const sub = threeWayPatch(find(original, wanted[key]), wanted, current);
    if (sub && Object.keys(sub).length) out.push({ [key]: wanted[key], ...sub });
  }
  for (const dropped of Array.isArray(original) ? original : []) {
    if (!isMap(dropped) || modified.some((m) => m[key] === dropped[key]) || !find(live, dropped[key])) continue;
    out.push({ [key]: dropped[key], $patch: 'delete' });
  }
  return out;
}

/** The patch taking `live` to what `modified` says, deleting what `original` (the last apply) had and `modified` dropped. */
export function threeWayPatch(original: Json, modified: Json, live: Json): Record<string, Json> | undefined {
  if (!isMap(modified)) return undefined;
  const patch: Record<string, Json> = {};
  const orig = isMap(original) ? original : {};
  const cur = isMap(live) ? live : {};
  for (const [k, v] of Object.entries(modified)) {
    if (v === null || v === undefined) continue;
    const current = cur[k];
    const key = Array.isArray(v) && Array.isArray(current) && v.every(isMap) ? mergeKey(k, v, current) : undefined;
    if (isMap(v) && isMap(current)) {
      const sub = threeWayPatch(orig[k], v, current);
      if (sub && Object.keys(sub).length) patch[k] = sub;
    } else if (key) {
      const sub = listPatch(key, orig[k], v as Record<string, Json>[], current as Json[]);
      if (sub.length) {
        // kubectl sends the manifest's order of the list along with its changes
        patch[`$setElementOrder/${k}`] = (v as Record<string, Json>[]).map((e) => ({ [key]: e[key] }));
        patch[k] = sub;
      }
    } else if (!contains(current, v)) patch[k] = v;
  }
  for (const k of Object.keys(orig)) if (!(k in modified) && k in cur) patch[k] = null;
  return patch;
}

/** The object the API server makes of `target` and such a patch (strategic merge: lists merged on their key). */
export function applyPatch(target: Json, patch: Record<string, Json>): Record<string, Json> {
  return strategicMerge(target as PatchJson, patch as PatchJson) as Record<string, Json>;
}
