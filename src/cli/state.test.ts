import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDirs } from '../../test/temp-dirs.js';
import type { ClusterState } from '../sim/cluster.js';
import { Store } from '../store/store.js';
import { loadState, saveState } from './state.js';

const entry = (key: string, revision: number): ClusterState['store']['entries'][number] => [
  key,
  { value: { apiVersion: 'v1', kind: key.includes('events') ? 'Event' : 'Pod', metadata: { name: key.split('/').pop()! } }, createRevision: revision, modRevision: revision, version: 1 },
];

/** What a command that writes gets: every entry, the events read when asked for. */
const loadAll = (d: string) => {
  const { state: s, lazy } = loadState(d, { deferKinds: false })!;
  return new Store(s.store, lazy).snapshot().entries.map(([k]) => k);
};

const state = (revision: number, entries: ClusterState['store']['entries']) =>
  ({ format: 1, name: 'kubesim', store: { revision, entries }, clock: { now: 0, offsetMs: 0 }, rand: [1, 2, 3, 4], timers: [], ipam: {} }) as unknown as ClusterState;

describe('the saved state: events apart, read only when needed', () => {
  const dir = tempDirs('kubesim-state');

  it('writes events.json and a state.json without events, and reads them back whole', () => {
    const d = dir();
    saveState(d, state(3, [entry('/registry/events/default/web.1', 3), entry('/registry/pods/default/web', 2)]));
    expect(readFileSync(join(d, 'state.json'), 'utf8')).not.toContain('/registry/events/');
    expect(loadAll(d)).toEqual(['/registry/events/default/web.1', '/registry/pods/default/web']);
  });

  it('a read that lists no events never parses them', () => {
    const d = dir();
    saveState(d, state(3, [entry('/registry/events/default/web.1', 3), entry('/registry/pods/default/web', 2)]));
    writeFileSync(join(d, 'events.json'), 'not json'); // would throw if read
    const { state: s, lazy } = loadState(d)!;
    const store = new Store(s.store, lazy);
    expect(store.list('/registry/pods/').map((p) => p.metadata.name)).toEqual(['web']);
    expect(() => store.list('/registry/events/')).toThrow();
  });

  it('after a crash between the two renames, events newer than the state are dropped', () => {
    const d = dir();
    saveState(d, state(5, [entry('/registry/pods/default/web', 5)]));
    writeFileSync(join(d, 'events.json'), JSON.stringify([entry('/registry/events/default/web.1', 4), entry('/registry/events/default/web.2', 6)]));
    expect(loadAll(d)).toEqual(['/registry/events/default/web.1', '/registry/pods/default/web']);
  });

  it('reads a state saved before events had their own file', () => {
    const d = dir();
    writeFileSync(join(d, 'state.json'), JSON.stringify(state(3, [entry('/registry/events/default/web.1', 3)])));
    const { state: s, lazy } = loadState(d)!;
    expect(new Store(s.store, lazy).list('/registry/events/')).toHaveLength(1);
  });

  it('a big state read only parses the kinds a read looks at, when it looks', () => {
    const d = dir();
    const entries = [entry('/registry/deployments/default/web', 2), entry('/registry/pods/default/web-1', 3), entry('/registry/pods/default/web-2', 4)];
    saveState(d, state(4, entries));
    const text = readFileSync(join(d, 'state.json'), 'utf8');
    // a pod line that is not JSON: only a read of pods may fail on it
    writeFileSync(join(d, 'state.json'), text.replace(/\["\/registry\/pods\/default\/web-2".*\]/, '["/registry/pods/default/web-2",not json]'));
    const { state: s, lazy } = loadState(d, { wholeUpTo: 0 })!;
    const store = new Store(s.store, lazy);
    expect(store.list('/registry/deployments/').map((o) => o.metadata.name)).toEqual(['web']);
    expect(store.get('/registry/deployments/default/web')?.modRevision).toBe(2);
    expect(() => store.list('/registry/pods/')).toThrow();
    writeFileSync(join(d, 'state.json'), text);
    const again = loadState(d, { wholeUpTo: 0 })!;
    expect(new Store(again.state.store, again.lazy).list('/registry/pods/').map((o) => o.metadata.name)).toEqual(['web-1', 'web-2']);
    expect(again.state.store.revision).toBe(4);
  });

  it('a command that wrote but read no event leaves events.json as it was', () => {
    const d = dir();
    saveState(d, state(3, [entry('/registry/events/default/web.1', 3), entry('/registry/pods/default/web', 2)]));
    const before = readFileSync(join(d, 'events.json'), 'utf8');
    const { state: s, lazy } = loadState(d, { deferKinds: false })!;
    const store = new Store(s.store, lazy);
    store.create('/registry/pods/default/db', entry('/registry/pods/default/db', 0)[1].value);
    const snapshot = store.snapshot({ leaveUnread: true });
    expect(snapshot.unread).toEqual(['/registry/events/']);
    saveState(d, { ...s, store: snapshot });
    expect(readFileSync(join(d, 'events.json'), 'utf8')).toBe(before);
    expect(loadAll(d)).toEqual(['/registry/events/default/web.1', '/registry/pods/default/db', '/registry/pods/default/web']);
  });

  it('a state saved before events had their own file keeps its events when saved again', () => {
    const d = dir();
    writeFileSync(join(d, 'state.json'), JSON.stringify(state(3, [entry('/registry/events/default/web.1', 3), entry('/registry/pods/default/web', 2)])));
    const { state: s, lazy } = loadState(d, { deferKinds: false })!;
    const snapshot = new Store(s.store, lazy).snapshot({ leaveUnread: true });
    expect(snapshot.unread).toBeUndefined();
    saveState(d, { ...s, store: snapshot });
    expect(loadAll(d)).toEqual(['/registry/events/default/web.1', '/registry/pods/default/web']);
  });
});
