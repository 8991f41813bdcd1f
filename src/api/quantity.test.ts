import { describe, expect, it } from 'vitest';
import { canonicalQuantity } from './quantity.js';

describe('canonicalQuantity', () => {
  // what resource.MustParse(x).String() gives in Go (apimachinery's quantity_test.go cases among them)
  it.each([
    ['0.5', '500m'],
    ['1000m', '1'],
    ['1.5', '1500m'],
    ['1500', '1500'],
    ['2000', '2k'],
    ['200m', '200m'],
    ['0', '0'],
    ['0m', '0'],
    ['100Mi', '100Mi'],
    ['2048Mi', '2Gi'],
    ['1.5Gi', '1536Mi'],
    ['0.5Gi', '512Mi'],
    ['1024', '1024'],
    ['1Ki', '1Ki'],
    ['0.5Ki', '512'],
    ['1e3', '1e3'],
    ['1e4', '10e3'],
    ['1.5e3', '1500'],
    ['1n', '1n'],
    ['1.5n', '2n'],
    ['12M', '12M'],
    ['-1.5', '-1500m'],
    ['+2', '2'],
  ])('%s is %s', (text, canonical) => {
    expect(canonicalQuantity(text)).toBe(canonical);
  });

  it('says nothing of what is not a quantity', () => {
    expect(canonicalQuantity('abc')).toBeUndefined();
    expect(canonicalQuantity('1.5.5')).toBeUndefined();
  });
});
