/**
 * How many nodes a scheduler line names one by one. At 5,000 nodes a pod's cycle scores 500 of them: past this, a line
 * names the best scores and counts the rejected nodes by what rejected them. It is also how many of its best nodes a
 * cycle keeps when no listener reads every event in full (see scheduler.scored).
 */
export const NODES_NAMED = 5;

/** The indices of the `max` best totals of `count`, best first, ties to the lower index: one pass, no sort of all 500. */
export function bestIndices(count: number, total: (i: number) => number, max = NODES_NAMED): number[] {
  const best: number[] = [];
  for (let i = 0; i < count; i++) {
    let at = best.length;
    while (at > 0 && total(best[at - 1]!) < total(i)) at--;
    if (at >= max) continue;
    best.splice(at, 0, i);
    if (best.length > max) best.pop();
  }
  return best;
}
