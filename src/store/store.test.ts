import { describe, expect, it } from 'vitest';
import type { KObject } from '../api/object.js';
import { Store, type LazyBucket, type StoreSnapshot, type WatchEvent } from './store.js';

const obj = (name: string): KObject => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default' } });

describe('etcd-like store', () => {
  it('increments one global revision per write and stamps resourceVersion', () => {
    const s = new Store();
    const r1 = s.create('/registry/pods/default/a', obj('a'))!;
    const r2 = s.create('/registry/pods/default/b', obj('b'))!;
    expect(r2).toBe(r1 + 1);
    expect(s.get('/registry/pods/default/b')!.value.metadata.resourceVersion).toBe(String(r2));
    expect(s.create('/registry/pods/default/a', obj('a'))).toBeUndefined();
  });

  it('refuses an update whose expected revision is stale (optimistic concurrency)', () => {
    const s = new Store();
    const r = s.create('/registry/pods/default/a', obj('a'))!;
    expect(s.update('/registry/pods/default/a', obj('a'), r)).toBe(r + 1);
    expect(s.update('/registry/pods/default/a', obj('a'), r)).toBeUndefined();
  });

  it('lists a prefix in key order, keeping services/specs and services/endpoints apart', () => {
    const s = new Store();
    s.create('/registry/services/specs/default/web', obj('web'));
    s.create('/registry/services/endpoints/default/web', obj('web'));
    s.create('/registry/pods/kube-system/z', obj('z'));
    s.create('/registry/pods/default/b', obj('b'));
    expect(s.keys('/registry/pods/')).toEqual(['/registry/pods/default/b', '/registry/pods/kube-system/z']);
    expect(s.list('/registry/services/specs/').length).toBe(1);
    expect(s.keys('/registry/').length).toBe(4);
  });

  it('keeps lists in key order across creates and deletes (the cached order is refreshed)', () => {
    const s = new Store();
    for (const n of ['c', 'a']) s.create(`/registry/pods/default/${n}`, obj(n));
    expect(s.keys('/registry/pods/')).toEqual(['/registry/pods/default/a', '/registry/pods/default/c']);
    s.create('/registry/pods/default/b', obj('b'));
    s.create('/registry/pods/other/a', obj('a'));
    expect(s.keys('/registry/pods/default/')).toEqual(['/registry/pods/default/a', '/registry/pods/default/b', '/registry/pods/default/c']);
    s.delete('/registry/pods/default/a');
    const listed = s.keys('/registry/pods/');
    listed.pop(); // a caller's copy: changing it does not change the store's order
    expect(s.keys('/registry/pods/')).toEqual(['/registry/pods/default/b', '/registry/pods/default/c', '/registry/pods/other/a']);
  });

  it('answers a repeated list from memory until a write under it: values, order and copies stay right', () => {
    const s = new Store();
    const names = (prefix: string) => s.list(prefix).map((o) => `${o.metadata.namespace ?? ''}/${o.metadata.name}`);
    s.create('/registry/services/specs/default/web', obj('web'));
    s.create('/registry/pods/default/b', obj('b'));
    for (const prefix of ['/registry/', '/registry/services/', '/registry/pods/', '/registry/pods/default/']) names(prefix);
    s.create('/registry/pods/default/a', obj('a'));
    s.create('/registry/services/endpoints/default/web', { ...obj('web'), kind: 'Endpoints' });
    expect(names('/registry/pods/default/')).toEqual(['default/a', 'default/b']);
    expect(names('/registry/pods/')).toEqual(['default/a', 'default/b']);
    expect(s.list('/registry/services/').map((o) => o.kind)).toEqual(['Endpoints', 'Pod']);
    expect(s.list('/registry/')).toHaveLength(4);
    const updated = { ...obj('b'), spec: { nodeName: 'n1' } };
    s.update('/registry/pods/default/b', updated);
    expect(s.list('/registry/pods/')[1]).toBe(updated);
    s.delete('/registry/pods/default/a');
    expect(names('/registry/pods/')).toEqual(['default/b']);
    // a caller's sort or push never reaches the store's answer
    s.list('/registry/pods/').push(obj('intruder'));
    expect(names('/registry/pods/')).toEqual(['default/b']);
  });

  it('queues watch events and delivers them in order, only when asked', () => {
    const s = new Store();
    const seen: WatchEvent[] = [];
    s.watch('/registry/pods/', (e) => seen.push(e));
    s.create('/registry/pods/default/a', obj('a'));
    s.delete('/registry/pods/default/a');
    expect(seen).toEqual([]);
    expect(s.deliver()).toBe(2);
    expect(seen.map((e) => e.type)).toEqual(['ADDED', 'DELETED']);
  });

  it('restores keys and revision from a snapshot', () => {
    const s = new Store();
    s.create('/registry/pods/default/a', obj('a'));
    const copy = new Store(JSON.parse(JSON.stringify(s.snapshot())));
    expect(copy.revision).toBe(s.revision);
    expect(copy.get('/registry/pods/default/a')!.value.metadata.name).toBe('a');
  });
});

describe('store lists and indexes after many writes', () => {
  it('lists a narrow prefix in key order however creates and deletes interleave with lists', () => {
    const s = new Store();
    const names = ['web-2', 'db-1', 'web-10', 'web-1', 'api', 'web-', 'webx'];
    const live = new Set<string>();
    names.forEach((n, i) => {
      s.create(`/registry/pods/default/${n}`, obj(n));
      live.add(n);
      if (i % 3 === 2) {
        s.delete(`/registry/pods/default/${names[i - 1]}`);
        live.delete(names[i - 1]!);
      }
      const want = [...live].filter((k) => k.startsWith('web-')).sort().map((k) => `/registry/pods/default/${k}`);
      expect(s.keys('/registry/pods/default/web-')).toEqual(want);
    });
    s.delete('/registry/pods/default/api');
    s.create('/registry/pods/default/api', obj('api'));
    expect(s.keys('/registry/pods/default/a')).toEqual(['/registry/pods/default/api']);
  });

  it('keeps an index up to date through create, update and delete, and counts without reading', () => {
    const s = new Store();
    s.create('/registry/pods/default/a', { ...obj('a'), spec: { nodeName: 'n1' } } as KObject);
    const nodeOf = (o: KObject) => (o.spec as { nodeName?: string } | undefined)?.nodeName;
    s.addIndex('node', '/registry/pods/', (o) => (nodeOf(o) ? [nodeOf(o)!] : []));
    s.create('/registry/pods/default/b', { ...obj('b'), spec: { nodeName: 'n1' } } as KObject);
    s.create('/registry/services/specs/default/n1', { ...obj('n1'), spec: { nodeName: 'n1' } } as KObject);
    expect(s.byIndex('node', 'n1').map((o) => o.metadata.name)).toEqual(['a', 'b']);
    s.update('/registry/pods/default/a', { ...obj('a'), spec: { nodeName: 'n2' } } as KObject);
    expect(s.indexCount('node', 'n1')).toBe(1);
    expect(s.byIndex('node', 'n2').map((o) => o.metadata.name)).toEqual(['a']);
    s.delete('/registry/pods/default/b');
    expect(s.indexCount('node', 'n1')).toBe(0);
    expect(s.byIndex('missing', 'n1')).toEqual([]);
  });

  it.each([3, 16, 17, 40])('answers %i objects of one index value in key order, whatever order they came in', (count) => {
    const s = new Store();
    s.addIndex('all', '/registry/pods/', () => ['same']);
    const names = Array.from({ length: count }, (_, i) => `web-${String.fromCharCode(97 + ((i * 7) % 26))}${i}`);
    for (const name of names) s.create(`/registry/pods/default/${name}`, obj(name));
    expect(s.byIndex('all', 'same').map((o) => o.metadata.name)).toEqual([...names].sort());
  });
});

describe('an index and objects changed in place', () => {
  it('forgets a key under what it was indexed with, even if the stored object was changed since', () => {
    const s = new Store();
    const pod = { ...obj('a'), spec: { nodeName: 'n1' } } as KObject;
    s.addIndex('node', '/registry/pods/', (o) => [(o.spec as { nodeName: string }).nodeName]);
    s.create('/registry/pods/default/a', pod);
    (pod.spec as { nodeName: string }).nodeName = 'n2'; // a careless caller
    s.update('/registry/pods/default/a', { ...obj('a'), spec: { nodeName: 'n3' } } as KObject);
    expect([s.indexCount('node', 'n1'), s.indexCount('node', 'n2'), s.indexCount('node', 'n3')]).toEqual([0, 0, 1]);
  });

  it('reads a lazy bucket a range at a time, and an index over what was read grows as more is', () => {
    const stored = (name: string, revision: number): StoreSnapshot['entries'][number] => [`/registry/events/default/${name}`, { value: obj(name), createRevision: revision, modRevision: revision, version: 1 }];
    const saved = [stored('db.1', 2), stored('web.1', 3), stored('web.2', 4)];
    const asked: string[] = [];
    const events: LazyBucket = {
      take(prefix) {
        asked.push(prefix);
        const taken = saved.filter(([k]) => k.startsWith(prefix));
        saved.splice(0, saved.length, ...saved.filter(([k]) => !k.startsWith(prefix)));
        return taken;
      },
      takeMentioning(prefix) {
        return this.take(prefix);
      },
      get pending() {
        return saved.length > 0;
      },
    };
    const s = new Store({ revision: 4, entries: [] }, { '/registry/events/': events });
    s.addIndex('by-name', '/registry/events/', (o) => [o.metadata.name.split('.')[0]!], { overRead: true });
    expect(asked).toEqual([]);
    s.load('/registry/events/default/web.');
    expect(s.byIndex('by-name', 'web').map((o) => o.metadata.name)).toEqual(['web.1', 'web.2']);
    expect(s.byIndex('by-name', 'db')).toEqual([]);
    expect(s.snapshot({ leaveUnread: true }).unread).toEqual(['/registry/events/']);
    // what was read: web's range, then each key the index returned (already read: nothing more)
    expect(asked.every((p) => p.startsWith('/registry/events/default/web.'))).toBe(true);
    expect(s.get('/registry/events/default/db.1')?.modRevision).toBe(2);
    expect(asked.at(-1)).toBe('/registry/events/default/db.1');
    expect(s.byIndex('by-name', 'db').map((o) => o.metadata.name)).toEqual(['db.1']);
    expect(s.snapshot({ leaveUnread: true }).unread).toBeUndefined();
  });

  it('finds the values that mention a text, reading of a lazy bucket only what it says mentions it', () => {
    const event = (name: string, uid: string): StoreSnapshot['entries'][number] => [
      `/registry/events/default/${name}`,
      { value: { ...obj(name), involvedObject: { uid } } as unknown as KObject, createRevision: 2, modRevision: 2, version: 1 },
    ];
    let saved = [event('web.1', 'u-web'), event('db.1', 'u-db')];
    const events: LazyBucket = {
      take(prefix) {
        return this.takeMentioning(prefix, '');
      },
      takeMentioning(prefix, text) {
        const wanted = ([k, v]: StoreSnapshot['entries'][number]) => k.startsWith(prefix) && JSON.stringify(v).includes(text);
        const taken = saved.filter(wanted);
        saved = saved.filter((e) => !wanted(e));
        return taken;
      },
      get pending() {
        return saved.length > 0;
      },
    };
    const s = new Store({ revision: 2, entries: [] }, { '/registry/events/': events });
    s.create('/registry/events/default/web.2', { ...obj('web.2'), involvedObject: { uid: 'u-web' } } as unknown as KObject);
    const about = (uid: string) => (o: KObject) => (o as unknown as { involvedObject: { uid: string } }).involvedObject.uid === uid;
    expect(s.find('/registry/events/default/', 'u-web', about('u-web')).map((o) => o.metadata.name)).toEqual(['web.1', 'web.2']);
    expect(saved.map(([k]) => k)).toEqual(['/registry/events/default/db.1']);
    expect(s.find('/registry/events/', 'u-db', about('u-db')).map((o) => o.metadata.name)).toEqual(['db.1']);
    expect(s.snapshot({ leaveUnread: true }).unread).toBeUndefined();
  });

  it('deletes the keys of a lease when it is revoked, in one revision, and never hands over unread ones of it', () => {
    const lazyEvent = (name: string, lease: number): StoreSnapshot['entries'][number] => [
      `/registry/events/default/${name}`,
      { value: obj(name), createRevision: 2, modRevision: 2, version: 1, lease },
    ];
    let saved = [lazyEvent('db.1', 1), lazyEvent('web.1', 2)];
    const events: LazyBucket = {
      take(prefix) {
        const taken = saved.filter(([k]) => k.startsWith(prefix));
        saved = saved.filter(([k]) => !k.startsWith(prefix));
        return taken;
      },
      takeMentioning(prefix) {
        return this.take(prefix);
      },
      get pending() {
        return saved.length > 0;
      },
    };
    const s = new Store({ revision: 5, entries: [], leases: { live: [[1, 1000], [2, 2000]], last: 2 } }, { '/registry/events/': events });
    const seen: WatchEvent[] = [];
    s.watch('/registry/events/', (e) => seen.push(e));
    const lease = s.grantLease(3000);
    expect(lease).toBe(3);
    s.create('/registry/events/default/a.1', obj('a.1'), lease);
    s.create('/registry/events/default/a.2', obj('a.2'), 1);
    // a write with another lease (or none) moves the key off the old one, as an etcd put does
    s.update('/registry/events/default/a.2', obj('a.2'), undefined, lease);
    expect(s.latestLease()).toEqual({ id: 3, expiresAt: 3000 });

    expect(s.revokeLease(1)).toEqual([]);
    expect(s.get('/registry/events/default/db.1')).toBeUndefined();
    expect(s.get('/registry/events/default/a.2')?.lease).toBe(lease);
    const before = s.revision;
    expect(s.revokeLease(lease)).toEqual(['/registry/events/default/a.1', '/registry/events/default/a.2']);
    expect(s.revision).toBe(before + 1);
    s.deliver();
    expect(seen.filter((e) => e.type === 'DELETED').map((e) => [e.key, e.revision])).toEqual([
      ['/registry/events/default/a.1', before + 1],
      ['/registry/events/default/a.2', before + 1],
    ]);
    expect(s.revokeLease(lease)).toBeUndefined();
    expect(() => s.create('/registry/events/default/b.1', obj('b.1'), lease)).toThrow(/not live/);
    expect(s.list('/registry/events/').map((o) => o.metadata.name)).toEqual(['web.1']);
    expect(s.snapshot().leases).toEqual({ live: [[2, 2000]], last: 3 });
    expect(s.snapshot().revoked).toEqual([1, 3]);
  });
});
