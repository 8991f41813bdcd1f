import { parseJsonPath, relaxedPath, valuesOf } from './jsonpath.js';

/**
 * `kubectl get --sort-by=PATH` (kubectl/pkg/cmd/get/sorter.go): objects ordered by the first value the path finds
 * in each, numbers by value, strings byte by byte (10.244.2.13 before 10.244.2.8, as kubectl orders them), an object
 * without the field first. The path is relaxed as kubectl relaxes it (`.spec.x`, `{.spec.x}`). Ties keep the
 * server's order (kubectl's sort is not stable: among equal keys its order may differ). Returns undefined when no
 * object has the field, where kubectl prints nothing but "No resources found".
 */
export function sortBy<T>(objects: T[], path: string): T[] | undefined {
  const template = parseJsonPath(relaxedPath(path));
  const keyed = objects.map((o) => ({ o, key: valuesOf(template, o)[0] }));
  if (objects.length && keyed.every((k) => k.key === undefined)) return undefined;
  return keyed.sort((a, b) => compare(a.key, b.key)).map((k) => k.o);
}

function compare(a: unknown, b: unknown): number {
  if (a === undefined || b === undefined) return a === b ? 0 : a === undefined ? -1 : 1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  const [x, y] = [String(a), String(b)];
  return x < y ? -1 : x > y ? 1 : 0;
}
