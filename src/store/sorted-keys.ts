/**
 * One bucket's keys in etcd order. Writes only note what changed; the next read merges the changes in, so a burst
 * of creates costs one merge, not one array insertion each (what made 100,000-event buckets quadratic).
 */
export class SortedKeys {
  private sorted: string[];
  private readonly added = new Set<string>();
  private readonly removed = new Set<string>();

  constructor(keys: Iterable<string>) {
    this.sorted = [...keys].sort();
  }

  add(key: string): void {
    if (!this.removed.delete(key)) this.added.add(key);
  }

  remove(key: string): void {
    if (!this.added.delete(key)) this.removed.add(key);
  }

  /** Every key, sorted (the array is the cache itself: callers copy before changing it). */
  all(): readonly string[] {
    if (this.added.size || this.removed.size) {
      const kept = this.removed.size ? this.sorted.filter((k) => !this.removed.has(k)) : this.sorted;
      this.sorted = merge(kept, [...this.added].sort());
      this.added.clear();
      this.removed.clear();
    }
    return this.sorted;
  }

  /** The keys that start with `prefix`, by binary search. */
  withPrefix(prefix: string): string[] {
    const all = this.all();
    return all.slice(...prefixRange(all, prefix));
  }
}

function merge(a: readonly string[], b: readonly string[]): string[] {
  if (!b.length) return a.slice();
  const out = new Array<string>(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) out[k++] = a[i]! < b[j]! ? a[i++]! : b[j++]!;
  while (i < a.length) out[k++] = a[i++]!;
  while (j < b.length) out[k++] = b[j++]!;
  return out;
}

/** Where the keys that start with `prefix` are in sorted keys: from, and one past the last. */
export function prefixRange(sorted: readonly string[], prefix: string): [from: number, to: number] {
  return entryRange(sorted, prefix, (key) => key);
}

/** The same for items in key order, each with its key (`keyOf`): a store's entries, [key, value]. */
export function entryRange<T>(sorted: readonly T[], prefix: string, keyOf: (item: T) => string): [from: number, to: number] {
  return [lowerBound(sorted, prefix, keyOf), lowerBound(sorted, prefixEnd(prefix), keyOf)];
}

/** The first index whose key is not below `key`. */
function lowerBound<T>(sorted: readonly T[], key: string, keyOf: (item: T) => string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (keyOf(sorted[mid]!) < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The smallest string above every string that starts with `prefix` (etcd's range end for a prefix). */
function prefixEnd(prefix: string): string {
  return prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
}
