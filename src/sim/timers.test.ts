import { describe, expect, it } from 'vitest';
import { Timers } from './timers.js';

describe('Timers', () => {
  it('keeps (time, order of adding) order through adds, cancels and shifts, with lookups by owner', () => {
    const t = new Timers();
    t.add(300, 'kubelet/a', 'default/p1', 'pulled:c');
    t.add(100, 'kubelet/a', 'default/p2', 'pulled:c');
    t.add(100, 'kubelet/b', 'default/p3', 'pulled:c');
    t.add(200, 'kubelet/a', 'default/p1', 'ready:c');
    expect(t.of('kubelet/a').map((x) => [x.at, x.key])).toEqual([[100, 'default/p2'], [200, 'default/p1'], [300, 'default/p1']]);
    expect(t.has('kubelet/a', 'default/p1', 'ready:c')).toBe(true);
    t.cancel('kubelet/a', 'default/p1');
    expect(t.has('kubelet/a', 'default/p1')).toBe(false);
    expect(t.all().map((x) => x.key)).toEqual(['default/p2', 'default/p3']);
    expect(t.shift()!.key).toBe('default/p2');
    expect(t.of('kubelet/a')).toEqual([]);
    // a saved list comes back indexed
    const again = new Timers(t.all());
    expect(again.has('kubelet/b', 'default/p3')).toBe(true);
  });
});
