import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDirs } from '../../test/temp-dirs.js';
import type { ClusterState } from '../sim/cluster.js';
import { Store } from '../store/store.js';
import { ClusterLock, EVENTS, loadState, savedBytes, saveState } from './state.js';

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

  it('writes events.json and a state.json without events, and reads them back whole', async () => {
    const d = dir();
    await saveState(d, state(3, [entry('/registry/events/default/web.1', 3), entry('/registry/pods/default/web', 2)]));
    expect(readFileSync(join(d, 'state.json'), 'utf8')).not.toContain('/registry/events/');
    expect(loadAll(d)).toEqual(['/registry/events/default/web.1', '/registry/pods/default/web']);
  });

  it('cuts the events out of the entries, whatever kinds come before and after them', async () => {
    const d = dir();
    const keys = ['/registry/configmaps/default/a', '/registry/events/default/web.1', '/registry/events/default/web.2', '/registry/eventsx/b', '/registry/pods/default/web'];
    await saveState(d, state(9, keys.map((k, i) => entry(k, i + 2))));
    const keysIn = (file: string) => [...readFileSync(join(d, file), 'utf8').matchAll(/^\["([^"]+)"/gm)].map((m) => m[1]);
    expect(keysIn('events.json')).toEqual(['/registry/events/default/web.1', '/registry/events/default/web.2']);
    expect(keysIn('state.json')).toEqual(['/registry/configmaps/default/a', '/registry/eventsx/b', '/registry/pods/default/web']);
    expect(loadAll(d)).toEqual(keys);
  });

  it('weighs the saved files, events included, before reading them', async () => {
    const d = dir();
    expect(savedBytes(d)).toBe(0);
    // a cluster directory that is a file: ENOTDIR, left for the load to tell
    writeFileSync(join(d, 'a-file'), '');
    expect(savedBytes(join(d, 'a-file'))).toBe(0);
    await saveState(d, state(3, [entry('/registry/events/default/web.1', 3), entry('/registry/pods/default/web', 2)]));
    expect(savedBytes(d)).toBe(readFileSync(join(d, 'state.json')).length + readFileSync(join(d, 'events.json')).length);
  });

  it('a read that lists no events never parses them', async () => {
    const d = dir();
    await saveState(d, state(3, [entry('/registry/events/default/web.1', 3), entry('/registry/pods/default/web', 2)]));
    writeFileSync(join(d, 'events.json'), 'not json'); // would throw if read
    const { state: s, lazy } = loadState(d)!;
    const store = new Store(s.store, lazy);
    expect(store.list('/registry/pods/').map((p) => p.metadata.name)).toEqual(['web']);
    expect(() => store.list('/registry/events/')).toThrow();
  });

  it('after a crash between the two renames, events newer than the state are dropped', async () => {
    const d = dir();
    await saveState(d, state(5, [entry('/registry/pods/default/web', 5)]));
    writeFileSync(join(d, 'events.json'), JSON.stringify([entry('/registry/events/default/web.1', 4), entry('/registry/events/default/web.2', 6)]));
    expect(loadAll(d)).toEqual(['/registry/events/default/web.1', '/registry/pods/default/web']);
  });

  it('reads a state saved before events had their own file', async () => {
    const d = dir();
    writeFileSync(join(d, 'state.json'), JSON.stringify(state(3, [entry('/registry/events/default/web.1', 3)])));
    const { state: s, lazy } = loadState(d)!;
    expect(new Store(s.store, lazy).list('/registry/events/')).toHaveLength(1);
  });

  it('a big state read only parses the kinds a read looks at, when it looks', async () => {
    const d = dir();
    const entries = [entry('/registry/deployments/default/web', 2), entry('/registry/pods/default/web-1', 3), entry('/registry/pods/default/web-2', 4)];
    await saveState(d, state(4, entries));
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

  it('a command that wrote but read no event leaves events.json as it was', async () => {
    const d = dir();
    await saveState(d, state(3, [entry('/registry/events/default/web.1', 3), entry('/registry/pods/default/web', 2)]));
    const before = readFileSync(join(d, 'events.json'), 'utf8');
    const { state: s, lazy } = loadState(d, { deferKinds: false })!;
    const store = new Store(s.store, lazy);
    store.create('/registry/pods/default/db', entry('/registry/pods/default/db', 0)[1].value);
    const snapshot = store.snapshot({ leaveUnread: true });
    expect(snapshot.unread).toEqual(['/registry/events/']);
    await saveState(d, { ...s, store: snapshot }, lazy[EVENTS]);
    expect(readFileSync(join(d, 'events.json'), 'utf8')).toBe(before);
    expect(loadAll(d)).toEqual(['/registry/events/default/web.1', '/registry/pods/default/db', '/registry/pods/default/web']);
  });

  it("an object's events are read alone; the save keeps the others' lines as they were, and drops those newer than the state", async () => {
    const d = dir();
    const events = ['/registry/events/default/db.1', '/registry/events/default/web.1', '/registry/events/default/web.2', '/registry/events/default/web2.1', '/registry/events/kube-system/dns.1'];
    await saveState(d, state(9, [...events.map((k, i) => entry(k, i + 2)), entry('/registry/pods/default/web', 1)]));
    const lines = readFileSync(join(d, 'events.json'), 'utf8').split('\n');
    // a line left by a crash after events.json was renamed and before state.json was: its revision is beyond the state's
    const future = JSON.stringify(entry('/registry/events/default/zz.1', 10));
    writeFileSync(join(d, 'events.json'), [lines[0], ...lines.slice(1, -2).map((l) => (l.endsWith(',') ? l : `${l},`)), future, ']', ''].join('\n'));
    const { state: s, lazy } = loadState(d, { deferKinds: false, eventRangesFrom: 0 })!;
    const store = new Store(s.store, lazy);
    store.load('/registry/events/default/web.');
    const read = store.snapshot({ leaveUnread: true });
    expect(read.entries.map(([k]) => k)).toEqual(['/registry/events/default/web.1', '/registry/events/default/web.2', '/registry/pods/default/web']);
    store.delete('/registry/events/default/web.1');
    store.create('/registry/events/default/new.1', entry('/registry/events/default/new.1', 0)[1].value);
    await saveState(d, { ...s, store: store.snapshot({ leaveUnread: true }) }, lazy[EVENTS]);
    const saved = readFileSync(join(d, 'events.json'), 'utf8').split('\n');
    expect(saved.map((l) => /^\["([^"]+)"/.exec(l)?.[1]).filter(Boolean)).toEqual([
      '/registry/events/default/db.1',
      '/registry/events/default/new.1',
      '/registry/events/default/web.2',
      '/registry/events/default/web2.1',
      '/registry/events/kube-system/dns.1',
    ]);
    // the lines never read are the same bytes
    expect(saved).toContain(lines.find((l) => l.includes('/registry/events/default/db.1')));
    expect(saved).toContain(lines.find((l) => l.includes('/registry/events/kube-system/dns.1')));
    expect(loadAll(d)).toHaveLength(6);
  });

  it('a save leaves out the unread events of a lease revoked since the load, and keeps the live leases', async () => {
    const d = dir();
    const leased = (key: string, revision: number, lease: number) => [key, { ...entry(key, revision)[1], lease }] as ClusterState['store']['entries'][number];
    const saved = state(6, [leased('/registry/events/default/db.1', 2, 1), leased('/registry/events/default/web.1', 3, 2), entry('/registry/events/default/web.2', 4), entry('/registry/pods/default/web', 1)]);
    await saveState(d, { ...saved, store: { ...saved.store, leases: { live: [[1, 1000], [2, 2000]], last: 2 } } });
    for (const eventRangesFrom of [0, Infinity]) {
      const { state: s, lazy } = loadState(d, { deferKinds: false, eventRangesFrom })!;
      const store = new Store(s.store, lazy);
      // nothing read of the events: the save still drops the lines of the lease that ran out
      store.revokeLease(2);
      const again = dir();
      await saveState(again, { ...s, store: store.snapshot({ leaveUnread: true }) }, lazy[EVENTS]);
      expect(readFileSync(join(again, 'events.json'), 'utf8')).not.toContain('web.1');
      expect(loadState(again)!.state.store.leases).toEqual({ live: [[1, 1000]], last: 2 });
      expect(loadAll(again)).toEqual(['/registry/events/default/db.1', '/registry/events/default/web.2', '/registry/pods/default/web']);
    }
  });

  it('a saved line that does not parse is told as the file it is in, when it is read (ranges or whole)', async () => {
    const d = dir();
    await saveState(d, state(4, [entry('/registry/events/default/db.1', 2), entry('/registry/events/default/web.1', 3), entry('/registry/pods/default/web', 1)]));
    const events = join(d, 'events.json');
    writeFileSync(events, readFileSync(events, 'utf8').replace(/^\["\/registry\/events\/default\/web\.1".*$/m, '["/registry/events/default/web.1",{"value":'));
    for (const eventRangesFrom of [0, Infinity]) {
      const { state: s, lazy } = loadState(d, { eventRangesFrom })!;
      const store = new Store(s.store, lazy);
      // by range, the line of db.1 still reads; whole, the file does not
      if (eventRangesFrom === 0) expect(store.list('/registry/events/default/db.').map((o) => o.metadata.name)).toEqual(['db.1']);
      expect(() => store.list('/registry/events/')).toThrow(expect.objectContaining({ code: 'state-unreadable', message: expect.stringContaining(`cannot read ${events}: `) }));
    }
  });

  it('a command that writes saves the entries it left as they were as the very lines it read', async () => {
    const d = dir();
    await saveState(d, state(3, [entry('/registry/pods/default/a', 2), entry('/registry/pods/default/b', 3)]));
    // spaces no encoder writes: only a line copied as it was read keeps them
    const spaced = readFileSync(join(d, 'state.json'), 'utf8').replace(/"version":1/g, '"version": 1');
    writeFileSync(join(d, 'state.json'), spaced);
    const { state: s, lazy } = loadState(d, { deferKinds: false, wholeUpTo: 0 })!;
    const store = new Store(s.store, lazy);
    store.update('/registry/pods/default/b', { ...store.get('/registry/pods/default/b')!.value, spec: { nodeName: 'n1' } });
    await saveState(d, { ...s, store: store.snapshot({ leaveUnread: true }) }, lazy[EVENTS]);
    const lines = readFileSync(join(d, 'state.json'), 'utf8').split('\n');
    expect(lines.find((l) => l.includes('/pods/default/a'))).toContain('"version": 1');
    expect(lines.find((l) => l.includes('/pods/default/b'))).toContain('"nodeName":"n1"');
    expect(loadAll(d)).toEqual(['/registry/pods/default/a', '/registry/pods/default/b']);
  });

  it('a state saved before events had their own file keeps its events when saved again', async () => {
    const d = dir();
    writeFileSync(join(d, 'state.json'), JSON.stringify(state(3, [entry('/registry/events/default/web.1', 3), entry('/registry/pods/default/web', 2)])));
    const { state: s, lazy } = loadState(d, { deferKinds: false })!;
    const snapshot = new Store(s.store, lazy).snapshot({ leaveUnread: true });
    expect(snapshot.unread).toBeUndefined();
    await saveState(d, { ...s, store: snapshot });
    expect(loadAll(d)).toEqual(['/registry/events/default/web.1', '/registry/pods/default/web']);
  });
});

describe('the cluster lock', () => {
  const dir = tempDirs('kubesim-lock');
  /** A lock left in `d` by `owner` (a pid, maybe with its start time; none: killed before it wrote it), last touched `ageMs` ago. */
  const leftLock = (d: string, owner: number | string | undefined, ageMs: number) => {
    mkdirSync(join(d, 'lock'), { recursive: true });
    if (owner !== undefined) writeFileSync(join(d, 'lock', 'pid'), String(owner));
    const then = new Date(Date.now() - ageMs);
    utimesSync(join(d, 'lock'), then, then);
  };
  const deadPid = () => spawnSync(process.execPath, ['-e', '0']).pid!;

  /** This process as a lock names it: its pid and (on Linux) its start time. */
  const ownPid = async () => {
    const d = dir();
    const lock = new ClusterLock(d, 100);
    await lock.acquire();
    const owner = readFileSync(join(d, 'lock', 'pid'), 'utf8');
    lock.release();
    return owner;
  };

  it('is not taken from a live owner, however long it has held it (a 150,000-pod apply takes minutes)', async () => {
    expect(await ownPid()).toMatch(new RegExp(`^${process.pid}( \\d+)?$`));
    for (const owner of [await ownPid(), process.pid]) {
      const d = dir();
      leftLock(d, owner, 600_000);
      expect(await new ClusterLock(d, 100).acquire()).toBe(false);
      expect(readFileSync(join(d, 'lock', 'pid'), 'utf8')).toBe(String(owner));
    }
  });

  it('is waited for without blocking the process, so that an owner in the same process (kubesim serve) can finish', async () => {
    const d = dir();
    const first = new ClusterLock(d, 5_000);
    expect(await first.acquire()).toBe(true);
    setTimeout(() => first.release(), 100);
    const start = Date.now();
    expect(await new ClusterLock(d, 5_000).acquire()).toBe(true);
    expect(Date.now() - start).toBeLessThan(2_000);
  });

  it.runIf(existsSync('/proc/self/stat'))('is taken when its pid now names another process (started at another time)', async () => {
    const d = dir();
    leftLock(d, `${process.pid} 1`, 0);
    expect(await new ClusterLock(d, 100).acquire()).toBe(true);
  });

  it('is taken from a dead owner at once, and from none after 30 s', async () => {
    for (const [pid, ageMs] of [[deadPid(), 0], [undefined, 31_000]] as const) {
      const d = dir();
      leftLock(d, pid, ageMs);
      const lock = new ClusterLock(d, 100);
      expect(await lock.acquire()).toBe(true);
      expect(readFileSync(join(d, 'lock', 'pid'), 'utf8')).toBe(await ownPid());
      lock.release();
      expect(existsSync(join(d, 'lock'))).toBe(false);
    }
    const d = dir();
    leftLock(d, undefined, 0);
    expect(await new ClusterLock(d, 100).acquire()).toBe(false);
  });
});

