/**
 * Strategic merge patch (apimachinery/pkg/util/strategicpatch) for the built-in kinds kubesim serves: what
 * `kubectl apply`, `label`, `annotate` and `set image` send. Maps merge, null deletes, lists with a merge key merge
 * element by element (containers by name…), other lists are replaced; the directives kubectl writes ($patch,
 * $retainKeys, $setElementOrder/…, $deleteFromPrimitiveList/…) are honoured.
 */
export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type JsonMap = { [k: string]: Json };

const isMap = (v: Json | undefined): v is JsonMap => !!v && typeof v === 'object' && !Array.isArray(v);

/** The patchMergeKey of the built-in types' lists, by field name (Go's struct tags). */
const MERGE_KEYS: Record<string, string | ((items: Json[]) => string)> = {
  containers: 'name',
  initContainers: 'name',
  ephemeralContainers: 'name',
  env: 'name',
  volumes: 'name',
  volumeMounts: 'mountPath',
  volumeDevices: 'devicePath',
  imagePullSecrets: 'name',
  hostAliases: 'ip',
  topologySpreadConstraints: 'topologyKey',
  ownerReferences: 'uid',
  conditions: 'type',
  // a container's ports merge by containerPort, a Service's by port
  ports: (items) => (items.some((i) => isMap(i) && 'containerPort' in i) ? 'containerPort' : 'port'),
};

/** Lists of scalars merged as sets rather than replaced (patchStrategy:"merge" on a []string). */
const MERGED_SCALAR_LISTS = new Set(['finalizers']);

/**
 * How a list field merges: element by element on a key (containers by name), as a set of scalars (finalizers), or
 * whole (atomic). Server-side apply tracks field ownership with the same rules.
 */
export function listKind(field: string, items: Json[]): { key: string } | 'set' | 'atomic' {
  if (MERGED_SCALAR_LISTS.has(field)) return 'set';
  const rule = MERGE_KEYS[field];
  if (!rule || !items.every(isMap)) return 'atomic';
  return { key: typeof rule === 'string' ? rule : rule(items) };
}

export function strategicMerge(target: Json | undefined, patch: Json): Json {
  if (!isMap(patch)) return patch;
  if (patch.$patch === 'replace') return withoutDirectives(patch);
  if (patch.$patch === 'delete') return null;
  const out: JsonMap = isMap(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (key.startsWith('$')) continue;
    if (value === null) delete out[key];
    else if (Array.isArray(value)) out[key] = mergeList(key, out[key], value);
    else if (isMap(value)) {
      const merged = strategicMerge(out[key], value);
      if (merged === null) delete out[key];
      else out[key] = merged;
    } else out[key] = value;
  }
  for (const [key, value] of Object.entries(patch)) {
    const field = /^\$deleteFromPrimitiveList\/(.+)$/.exec(key)?.[1];
    if (field && Array.isArray(out[field]) && Array.isArray(value)) out[field] = (out[field] as Json[]).filter((v) => !value.includes(v));
    const ordered = /^\$setElementOrder\/(.+)$/.exec(key)?.[1];
    if (ordered && Array.isArray(out[ordered]) && Array.isArray(value)) out[ordered] = reorder(ordered, out[ordered] as Json[], value);
  }
  if (Array.isArray(patch.$retainKeys)) {
    for (const key of Object.keys(out)) if (!patch.$retainKeys.includes(key)) delete out[key];
  }
  return out;
}

function mergeList(field: string, target: Json | undefined, patch: Json[]): Json[] {
  const current = Array.isArray(target) ? target : [];
  const kind = listKind(field, [...current.filter(isMap), ...patch]);
  if (kind === 'set') return [...current, ...patch.filter((v) => !current.includes(v))];
  if (kind === 'atomic') return patch.map((item) => (isMap(item) ? withoutDirectives(item) : item));
  const { key } = kind;
  let out = [...current];
  for (const item of patch as JsonMap[]) {
    const at = out.findIndex((e) => isMap(e) && e[key] === item[key]);
    if (item.$patch === 'delete') {
      if (at >= 0) out = out.filter((_, i) => i !== at);
    } else if (at >= 0) out[at] = strategicMerge(out[at], item);
    else out.push(withoutDirectives(item));
  }
  return out;
}

/** $setElementOrder: the patch's order for the elements it names, the others after them as they were. */
function reorder(field: string, items: Json[], order: Json[]): Json[] {
  const rule = MERGE_KEYS[field];
  if (!rule) return items;
  const key = typeof rule === 'string' ? rule : rule(items);
  const rank = (e: Json) => {
    const i = order.findIndex((o) => isMap(o) && isMap(e) && o[key] === e[key]);
    return i < 0 ? order.length : i;
  };
  return [...items].sort((a, b) => rank(a) - rank(b));
}

function withoutDirectives(map: JsonMap): JsonMap {
  return Object.fromEntries(Object.entries(map).filter(([k]) => !k.startsWith('$')).map(([k, v]) => [k, isMap(v) ? withoutDirectives(v) : v]));
}

/** RFC 7386 JSON merge patch (`kubectl patch --type merge`): maps merge, null deletes, everything else replaces. */
export function jsonMerge(target: Json | undefined, patch: Json): Json {
  if (!isMap(patch)) return patch;
  const out: JsonMap = isMap(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key];
    else out[key] = jsonMerge(out[key], value);
  }
  return out;
}
