import { describe, expect, it } from 'vitest';
import { Rand } from '../sim/rand.js';
import { goSort } from './go-sort.js';

/** The positions the sort leaves the elements of `keys` in (each element named by its index). */
function order(keys: number[]): number[] {
  const items = keys.map((key, i) => ({ key, i }));
  goSort(items, (a, b) => a.key < b.key);
  return items.map((x) => x.i);
}

describe("goSort: Go's sort.Sort, as kubectl 1.32 (Go 1.23) sorts", () => {
  it.each([
    // up to 12 elements, insertion sort: equal keys keep their order
    ['12 equal keys', Array(12).fill(0), Array.from({ length: 12 }, (_, i) => i)],
    ['a short run', [3, 1, 2, 1], [1, 3, 2, 0]],
    // kubectl get events --sort-by=.type on 32 events, 2 of them Warning (11 and 12): the order kubectl 1.32 printed
    // through kubesim serve, which its partitions and its xorshift (13, 17, 5) give
    [
      '32 keys, two of them greater',
      [...Array(11).fill(0), 1, 1, ...Array(19).fill(0)],
      [16, 29, 2, 3, 4, 5, 0, 7, 8, 9, 10, 14, 30, 13, 31, 1, 6, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 15, 12, 11],
    ],
  ])('%s', (_, keys, want) => {
    expect(order(keys)).toEqual(want);
  });

  it('sorts whatever it is given: random keys, few distinct ones, a reversed run, a zigzag', () => {
    const rand = Rand.fromSeed('go-sort');
    const inputs = [
      Array.from({ length: 1000 }, () => rand.int(1000)),
      Array.from({ length: 500 }, () => rand.int(3)),
      Array.from({ length: 300 }, (_, i) => 300 - i),
      Array.from({ length: 300 }, (_, i) => (i % 2 ? i : 300 - i)),
    ];
    for (const keys of inputs) {
      const sorted = order(keys).map((i) => keys[i]!);
      expect(sorted).toEqual([...keys].sort((a, b) => a - b));
    }
  });
});
