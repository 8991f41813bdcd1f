import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDirs } from '../../test/temp-dirs.js';
import { needsBigHeap } from './heap.js';

describe('which commands get a heap past the default', () => {
  const home = tempDirs('kubesim-heap');

  /** A saved cluster whose state.json weighs `bytes` (only its size is looked at). */
  const saved = (h: string, cluster: string, bytes: number) => {
    mkdirSync(join(h, 'clusters', cluster), { recursive: true });
    writeFileSync(join(h, 'clusters', cluster, 'state.json'), Buffer.alloc(bytes));
  };

  it('a command on a big saved cluster, or creating a big one; not on a small or absent one, nor in etcd', () => {
    const h = home();
    const vars = { KUBESIM_HOME: h };
    expect(needsBigHeap(['get', 'pods'], vars)).toBe(false);
    expect(needsBigHeap(['cluster', 'create', '--nodes', '5000'], vars)).toBe(true);
    expect(needsBigHeap(['cluster', 'create', '--nodes=999'], vars)).toBe(false);
    saved(h, 'kubesim', 1 << 20);
    // events do not count: a cluster of few nodes may have many
    writeFileSync(join(h, 'clusters', 'kubesim', 'events.json'), Buffer.alloc(16 << 20));
    expect(needsBigHeap(['get', 'pods'], vars)).toBe(false);
    saved(h, 'grand', 8 << 20);
    expect(needsBigHeap(['get', 'pods'], vars)).toBe(false);
    expect(needsBigHeap(['get', 'pods', '--cluster', 'grand'], vars)).toBe(true);
    expect(needsBigHeap(['get', 'pods'], { ...vars, KUBESIM_CLUSTER: 'grand' })).toBe(true);
    expect(needsBigHeap(['get', 'pods', '--cluster=grand', '--store', 'etcd://127.0.0.1:2379'], vars)).toBe(false);
  });
});
