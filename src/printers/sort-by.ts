import { parseQuantity } from '../api/quantity.js';
import { goSort } from './go-sort.js';
import { parseJsonPath, relaxedPath, valuesOf } from './jsonpath.js';

/**
 * `kubectl get --sort-by=PATH` (kubectl/pkg/cmd/get/sorter.go): objects ordered by the first value the path finds in
 * each, with kubectl's Less and its sort (Go's sort.Sort, which is not stable: equal keys come out in the order it
 * leaves them, see goSort). The path is relaxed as kubectl relaxes it (`.spec.x`, `{.spec.x}`). Returns undefined when
 * no object has the field, where kubectl prints nothing but "No resources found".
 */
export function sortBy<T>(objects: T[], path: string): T[] | undefined {
  const template = parseJsonPath(relaxedPath(path));
  const keyed = objects.map((o) => sortKey(o, valuesOf(template, o)[0]));
  if (objects.length && keyed.every((k) => k.key === undefined)) return undefined;
  goSort(keyed, less);
  return keyed.map((k) => k.o);
}

/** An object's key, and its amount when the key is a quantity: parsed once, not at each of the sort's comparisons. */
interface SortKey<T> {
  o: T;
  key: unknown;
  amount?: number;
}

const sortKey = <T>(o: T, key: unknown): SortKey<T> => ({ o, key, amount: typeof key === 'string' ? parseQuantity(key) : undefined });

/**
 * kubectl 1.32's TableSorter.Less and isLess: an object without the field comes before any other (Less is true even
 * between two without it, so a run of them comes out reversed), null before any value, numbers by value, two
 * quantities by amount (100m, 250m, 1, 16), other strings byte by byte (web-10 before web-2, 10.244.2.13 before
 * 10.244.2.8). kubectl stops on other types ("unsortable type"); kubesim orders them as text.
 */
function less<T>({ key: a, amount: x }: SortKey<T>, { key: b, amount: y }: SortKey<T>): boolean {
  if (a === undefined) return true;
  if (b === undefined) return false;
  if (a === null || b === null) return a === null && b !== null;
  if (typeof a === 'number' && typeof b === 'number') return a < b;
  if (typeof a === 'string' && typeof b === 'string') return x !== undefined && y !== undefined ? x < y : a < b;
  return String(a) < String(b);
}
