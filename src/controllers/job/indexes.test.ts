import { describe, expect, it } from 'vitest';
import { firstPendingIndexes, formatIndexes, parseIndexes } from './indexes.js';

describe("an Indexed Job's completed indexes, as its status writes them", () => {
  it.each([
    [[], ''],
    [[0], '0'],
    [[0, 1], '0,1'],
    [[0, 1, 2], '0-2'],
    [[4, 0, 2, 1, 6, 7], '0-2,4,6,7'],
    [[1, 3, 4, 5, 9], '1,3-5,9'],
  ])('%j is %s, and back', (indexes, text) => {
    expect(formatIndexes(indexes)).toBe(text);
    expect([...parseIndexes(text, 10)].sort((a, b) => a - b)).toEqual([...indexes].sort((a, b) => a - b));
  });

  it('reads no index past completions, and picks the lowest pending ones', () => {
    expect([...parseIndexes('0-2,8-12', 10)]).toEqual([0, 1, 2, 8, 9]);
    expect(firstPendingIndexes(new Set([0, 2, 3]), 6, 2)).toEqual([1, 4]);
    expect(firstPendingIndexes(new Set([0, 1]), 2, 3)).toEqual([]);
  });
});
