import { describe, expect, it } from 'vitest';
import { ContainerMemory, type Env } from './container-memory.js';

const links: Env = [['KUBERNETES_SERVICE_HOST', '10.96.0.1'], ['HOME', '/root']];

describe('the runtime memory of container environments', () => {
  it('gives back each environment whole, keeping the shared part once', () => {
    const m = new ContainerMemory();
    m.started('a', [['HOSTNAME', 'web-1']], links);
    m.started('b', [['HOSTNAME', 'web-2']], [...links]);
    m.started('c', [['HOSTNAME', 'db']], [['HOME', '/root']]);
    expect(m.environment('b')).toEqual([['HOSTNAME', 'web-2'], ...links]);
    expect(m.environment('missing')).toBeUndefined();
    const saved = m.state(() => true);
    expect(saved.sharedEnv).toEqual([links, [['HOME', '/root']]]);
    expect(saved.containers?.b).toEqual({ env: [['HOSTNAME', 'web-2']], shared: 0 });
  });

  it('saves only running containers and the shared parts they use, renumbered', () => {
    const m = new ContainerMemory();
    m.started('gone', [['HOSTNAME', 'old']], links);
    m.started('kept', [['HOSTNAME', 'new']], [['HOME', '/root']]);
    const saved = m.state((id) => id === 'kept');
    expect(saved).toEqual({ containers: { kept: { env: [['HOSTNAME', 'new']], shared: 0 } }, sharedEnv: [[['HOME', '/root']]] });
    const again = new ContainerMemory(saved);
    expect(again.environment('kept')).toEqual([['HOSTNAME', 'new'], ['HOME', '/root']]);
    // a new start with the same shared part reuses the saved one
    again.started('next', [['HOSTNAME', 'next']], [['HOME', '/root']]);
    expect(again.state(() => true).sharedEnv).toHaveLength(1);
    expect(new ContainerMemory().state(() => true)).toEqual({});
  });

  it('reads a state saved before shared parts: each environment whole', () => {
    const m = new ContainerMemory({ containers: { a: { env: [['HOSTNAME', 'web'], ...links] } } });
    expect(m.environment('a')).toEqual([['HOSTNAME', 'web'], ...links]);
    expect(m.state(() => true).containers?.a).toEqual({ env: [['HOSTNAME', 'web'], ...links] });
  });
});
