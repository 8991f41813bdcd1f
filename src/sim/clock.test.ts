import { describe, expect, it } from 'vitest';
import { rfc3339 } from './clock.js';

describe('rfc3339', () => {
  it('writes whole seconds, whatever the calls before', () => {
    const t = Date.parse('2026-11-23T10:00:00Z');
    expect([t, t + 999, t + 1000, t + 500, t - 1].map(rfc3339)).toEqual([
      '2026-11-23T10:00:00Z',
      '2026-11-23T10:00:00Z',
      '2026-11-23T10:00:01Z',
      '2026-11-23T10:00:00Z',
      '2026-11-23T09:59:59Z',
    ]);
  });
});
