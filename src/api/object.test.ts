import { describe, expect, it } from 'vitest';
import { clone, jsonEqual } from './object.js';

describe('clone and jsonEqual (JSON values, as the store holds them)', () => {
  it('copies deeply, so changing the copy leaves the original alone', () => {
    const original = { a: [1, { b: 'x' }], c: null, d: { e: true } };
    const copy = clone(original);
    expect(copy).toEqual(original);
    (copy.a[1] as { b: string }).b = 'y';
    expect((original.a[1] as { b: string }).b).toBe('x');
  });

  it.each([
    [{ a: 1, b: [1, 2] }, { b: [1, 2], a: 1 }, true],
    [{ a: 1, b: undefined }, { a: 1 }, true],
    [{ a: [1, 2] }, { a: [2, 1] }, false],
    [{ a: {} }, { a: [] }, false],
    [{ a: null }, { a: {} }, false],
    [{ a: 1 }, { a: 1, b: 0 }, false],
  ])('jsonEqual(%j, %j) is %s, as their canonical JSON would say', (a, b, same) => {
    expect(jsonEqual(a, b)).toBe(same);
  });
});
