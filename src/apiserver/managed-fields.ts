import type { ManagedFieldsEntry } from 'kubernetes-types/meta/v1.js';
import { ApiError } from '../api/errors.js';
import { jsonEqual, type KObject } from '../api/object.js';
import { listKind, type Json } from './patch/strategic.js';

/**
 * Field ownership (sigs.k8s.io/structured-merge-diff, what kube-apiserver keeps in metadata.managedFields): which
 * manager (kubectl-client-side-apply, kubectl-scale, a server-side applier…) set which field. A field is a path of
 * FieldsV1 segments: `f:spec` a map key, `k:{"name":"app"}` a list element by its merge key, `v:"x"` a set member,
 * and `.` the list element itself. Lists merge as strategic merge patch merges them; other lists are one field.
 */
type Path = string[];
const SEP = '\n';
const keyOf = (p: Path) => p.join(SEP);
const pathOf = (k: string): Path => k.split(SEP);

type JsonMap = { [k: string]: Json };
const isMap = (v: unknown): v is JsonMap => !!v && typeof v === 'object' && !Array.isArray(v);

/** The fields an object sets: what users write (spec, data, labels…), not what the server owns (status, uid…). */
export function fieldsOf(obj: KObject): Set<string> {
  const out = new Set<string>();
  const { apiVersion: _a, kind: _k, status: _s, metadata, ...rest } = obj as unknown as JsonMap & { metadata?: JsonMap };
  const meta: JsonMap = {};
  for (const k of ['labels', 'annotations', 'finalizers', 'ownerReferences']) if (metadata?.[k] !== undefined) meta[k] = metadata[k]!;
  walk(Object.keys(meta).length ? { ...rest, metadata: meta } : rest, [], out);
  return out;
}

function walk(map: JsonMap, at: Path, out: Set<string>): void {
  for (const [name, value] of Object.entries(map)) {
    if (value === undefined) continue;
    const path = [...at, `f:${name}`];
    if (isMap(value) && Object.keys(value).length) walk(value, path, out);
    else if (Array.isArray(value) && value.length) walkList(name, value, path, out);
    else out.add(keyOf(path));
  }
}

function walkList(name: string, items: Json[], at: Path, out: Set<string>): void {
  const kind = listKind(name, items);
  if (kind === 'atomic') return void out.add(keyOf(at));
  for (const item of items) {
    if (kind === 'set') out.add(keyOf([...at, `v:${JSON.stringify(item)}`]));
    else {
      const element = [...at, elementSegment(kind.key, item as JsonMap)];
      out.add(keyOf([...element, '.']));
      walk(item as JsonMap, element, out);
    }
  }
}

const elementSegment = (key: string, item: JsonMap) => `k:${JSON.stringify({ [key]: item[key] })}`;

/** The value a path reaches in an object (undefined if absent). */
function valueAt(obj: unknown, path: Path): unknown {
  let v: unknown = obj;
  for (const seg of path) {
    if (seg === '.') continue;
    if (seg.startsWith('f:')) v = isMap(v) ? v[seg.slice(2)] : undefined;
    else if (seg.startsWith('k:')) {
      const [[key, want]] = Object.entries(JSON.parse(seg.slice(2)) as JsonMap);
      v = Array.isArray(v) ? v.find((e) => isMap(e) && jsonEqual(e[key!], want)) : undefined;
    } else v = Array.isArray(v) && v.some((e) => jsonEqual(e, JSON.parse(seg.slice(2)))) ? JSON.parse(seg.slice(2)) : undefined;
    if (v === undefined) return undefined;
  }
  return v;
}

/** Removes what a path names (a field, a list element, a set member), leaving the rest. */
function removeAt(obj: unknown, path: Path): void {
  const last = path.at(-1) === '.' ? path.at(-2)! : path.at(-1)!;
  const parent = valueAt(obj, path.at(-1) === '.' ? path.slice(0, -2) : path.slice(0, -1));
  if (last.startsWith('f:')) {
    if (isMap(parent)) delete parent[last.slice(2)];
  } else if (Array.isArray(parent)) {
    const target = valueAt(obj, path.at(-1) === '.' ? path.slice(0, -1) : path);
    const at = parent.indexOf(target as Json);
    if (at >= 0) parent.splice(at, 1);
  }
}

/** `.spec.template.spec.containers[name="app"].image`: a path as kube-apiserver's conflict messages print it. */
function printPath(path: Path): string {
  return path
    .filter((s) => s !== '.')
    .map((s) => {
      if (s.startsWith('f:')) return `.${s.slice(2)}`;
      if (s.startsWith('k:')) return `[${Object.entries(JSON.parse(s.slice(2)) as JsonMap).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(',')}]`;
      return `[=${s.slice(2)}]`;
    })
    .join('');
}

/** FieldsV1: the paths as a tree of `{}`. */
function toFieldsV1(fields: Set<string>): JsonMap {
  const root: JsonMap = {};
  for (const key of [...fields].sort()) {
    let node = root;
    for (const seg of pathOf(key)) node = (node[seg] ??= {}) as JsonMap;
  }
  return root;
}

function fromFieldsV1(tree: unknown, at: Path = [], out = new Set<string>()): Set<string> {
  const entries = isMap(tree) ? Object.entries(tree) : [];
  if (!entries.length && at.length) out.add(keyOf(at));
  for (const [seg, child] of entries) fromFieldsV1(child, [...at, seg], out);
  return out;
}

interface Owner {
  entry: ManagedFieldsEntry;
  fields: Set<string>;
}

const ownersOf = (obj: KObject | undefined): Owner[] =>
  ((obj?.metadata.managedFields ?? []) as ManagedFieldsEntry[]).map((entry) => ({ entry, fields: fromFieldsV1(entry.fieldsV1) }));

function entriesOf(owners: Owner[]): ManagedFieldsEntry[] {
  return owners.filter((o) => o.fields.size).map((o) => ({ ...o.entry, fieldsType: 'FieldsV1', fieldsV1: toFieldsV1(o.fields) }));
}

/**
 * An update (create, PUT, patch) by `manager`: it now owns the fields it changed, which no one else owns any more;
 * fields the update removed belong to no one. Unchanged objects keep their entries as they were.
 */
export function recordUpdate(old: KObject | undefined, obj: KObject, manager: string, time: string, subresource?: string): ManagedFieldsEntry[] | undefined {
  const before = old ? fieldsOf(old) : new Set<string>();
  const after = fieldsOf(obj);
  const changed = [...after].filter((k) => !before.has(k) || !jsonEqual(valueAt(old, pathOf(k)), valueAt(obj, pathOf(k))));
  const removed = [...before].filter((k) => !after.has(k));
  const owners = ownersOf(old);
  if (!changed.length && !removed.length) return old?.metadata.managedFields as ManagedFieldsEntry[] | undefined;
  for (const o of owners) for (const k of [...changed, ...removed]) o.fields.delete(k);
  let mine = owners.find((o) => o.entry.manager === manager && o.entry.operation === 'Update' && o.entry.subresource === subresource);
  if (!mine) owners.push((mine = { entry: { manager, operation: 'Update', apiVersion: obj.apiVersion, ...(subresource && { subresource }) }, fields: new Set() }));
  if (changed.length) mine.entry = { ...mine.entry, time };
  for (const k of changed) mine.fields.add(k);
  return entriesOf(owners);
}

/**
 * Server-side apply by `manager`: the applied configuration merged into the live object, each field it sets now
 * owned by it. A field it sets to another value than the live one, owned by another manager, is a conflict (409)
 * unless forced, which takes the field from them. Fields it applied before and leaves out now are removed, unless
 * someone else owns them too.
 */
export function serverSideApply(live: KObject | undefined, applied: KObject, merged: KObject, manager: string, force: boolean, time: string): KObject | ApiError {
  const mine = fieldsOf(applied);
  const owners = ownersOf(live);
  const others = owners.filter((o) => !(o.entry.manager === manager && o.entry.operation === 'Apply'));
  const conflicts = [...mine].filter((k) => !k.endsWith(`${SEP}.`) && !jsonEqual(valueAt(applied, pathOf(k)), valueAt(live, pathOf(k))) && others.some((o) => o.fields.has(k)));
  if (conflicts.length && !force) return conflictError(conflicts, others, applied.apiVersion);
  for (const o of others) for (const k of conflicts) o.fields.delete(k);
  const previous = owners.find((o) => o.entry.manager === manager && o.entry.operation === 'Apply');
  for (const k of [...(previous?.fields ?? [])].filter((k) => !mine.has(k) && !others.some((o) => o.fields.has(k))).reverse()) removeAt(merged, pathOf(k));
  const entry: ManagedFieldsEntry = { manager, operation: 'Apply', apiVersion: applied.apiVersion, time };
  merged.metadata.managedFields = entriesOf([...others.filter((o) => o !== previous), { entry: previous ? { ...previous.entry, ...entry } : entry, fields: mine }]);
  return merged;
}

/**
 * kube-apiserver's 409 (structured-merge-diff's Conflicts, managers printed as apiserver's printManager does):
 * `Apply failed with 1 conflict: conflict with "kubectl-scale" using apps/v1 at 2026-…Z: .spec.replicas`.
 */
function conflictError(conflicts: string[], others: Owner[], apiVersion: string): ApiError {
  const byManager = new Map<string, string[]>();
  for (const k of conflicts) {
    const { manager, operation, apiVersion: version, time, subresource } = others.find((o) => o.fields.has(k))!.entry;
    const named = `"${manager}"${subresource ? ` with subresource "${subresource}"` : ''}`;
    const who = operation === 'Update' ? `${named} using ${version ?? apiVersion}${time ? ` at ${time}` : ''}` : named;
    byManager.set(who, [...(byManager.get(who) ?? []), printPath(pathOf(k))]);
  }
  const n = conflicts.length;
  const text =
    n === 1
      ? `conflict with ${[...byManager.keys()][0]}: ${[...byManager.values()][0]![0]}`
      : [...byManager].sort(([a], [b]) => (a < b ? -1 : 1)).flatMap(([who, fields]) => [`conflicts with ${who}:`, ...fields.map((f) => `- ${f}`)]).join('\n');
  return new ApiError('Conflict', `Apply failed with ${n} conflict${n > 1 ? 's' : ''}: ${text}`);
}
