/**
 * The completion indexes of an Indexed Job as its status writes them (indexed_job_utils.go): intervals in order,
 * `0-2` for three or more, `3,4` for two, joined by commas (`0-2,4,6,7`).
 */
export function parseIndexes(text: string | undefined, completions: number): Set<number> {
  const indexes = new Set<number>();
  for (const part of (text ?? '').split(',').filter(Boolean)) {
    const [first, last = first] = part.split('-').map(Number);
    if (Number.isNaN(first) || Number.isNaN(last)) continue;
    for (let i = first!; i <= Math.min(last!, completions - 1); i++) indexes.add(i);
  }
  return indexes;
}

export function formatIndexes(indexes: Iterable<number>): string {
  const sorted = [...indexes].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    if (j === i) parts.push(String(sorted[i]));
    else parts.push(`${sorted[i]}${j === i + 1 ? ',' : '-'}${sorted[j]}`);
    i = j + 1;
  }
  return parts.join(',');
}

/** firstPendingIndexes: the `count` lowest indexes below `completions` that are neither done nor running. */
export function firstPendingIndexes(taken: Set<number>, completions: number, count: number): number[] {
  const pending: number[] = [];
  for (let i = 0; i < completions && pending.length < count; i++) if (!taken.has(i)) pending.push(i);
  return pending;
}
