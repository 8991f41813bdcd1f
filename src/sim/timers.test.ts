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

  it('stays in order through thousands of firings (fired slots are dropped along the way), adds and cancels', () => {
    const t = new Timers();
    for (let i = 0; i < 5000; i++) t.add(i * 10, `kubelet/n${i % 7}`, `default/p${i}`, 'pulled/c', { patient: i % 3 === 0 });
    const fired: number[] = [];
    for (let i = 0; i < 3000; i++) fired.push(t.shift()!.at);
    expect(fired).toEqual(Array.from({ length: 3000 }, (_, i) => i * 10));
    t.add(30_005, 'kubelet/n0', 'default/late', 'pulled/c');
    t.cancel('kubelet/n1', 'default/p3004');
    const rest = t.all();
    expect(rest[0]!.key).toBe('default/p3000');
    expect(rest.some((x) => x.key === 'default/p3004')).toBe(false);
    expect(rest.findIndex((x) => x.key === 'default/late')).toBe(1);
    expect(rest.map((x) => x.at)).toEqual([...rest.map((x) => x.at)].sort((a, b) => a - b));
    // p3000 waits patiently (every third one does): the next to move the story is the late one
    expect(t.nextProgress()!.key).toBe('default/late');
    expect([...t.ofOwner('kubelet/n1')].every((x) => x.owner === 'kubelet/n1')).toBe(true);
  });

  it('drops cancelled timers, however many, and keeps the rest in order', () => {
    const t = new Timers();
    for (let i = 0; i < 10_000; i++) t.add(10_000 - i, `kubelet/n${i % 5}`, `default/p${i}`, 'pulled:c', { patient: i % 4 === 0 });
    for (let i = 0; i < 10_000; i++) if (i % 10 !== 0) t.cancel(`kubelet/n${i % 5}`, `default/p${i}`);
    expect(t.all()).toHaveLength(1000);
    const fired: number[] = [];
    for (let x = t.shift(); x; x = t.shift()) fired.push(x.at);
    expect(fired).toEqual(Array.from({ length: 1000 }, (_, i) => 10_000 - (999 - i) * 10));
    expect(t.next()).toBeUndefined();
  });
});
