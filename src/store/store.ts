import type { KObject } from '../api/object.js';
import { Fifo } from '../sim/fifo.js';
import { SortedKeys } from './sorted-keys.js';

/**
 * An etcd-like MVCC key-value store, in memory: one global revision that every write increments, create/mod revisions
 * per key (an object's resourceVersion is its mod revision), prefix watches, and leases (a key written with one goes
 * when it is revoked). Watch events are queued and delivered by the engine, never re-entrantly from inside a write.
 */
export interface StoredValue {
  value: KObject;
  createRevision: number;
  modRevision: number;
  version: number;
  /** The lease the key was last written with (etcd's kv.lease): it goes when the lease expires. */
  lease?: number;
}

export type WatchType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface WatchEvent {
  type: WatchType;
  key: string;
  object: KObject;
  previous?: KObject;
  revision: number;
}

export type WatchHandler = (event: WatchEvent) => void;

/** One write as it happened, with the value it wrote: what a backend replays into a real etcd, revision by revision. */
export interface Write {
  op: 'create' | 'update' | 'delete';
  key: string;
  revision: number;
  /** The value written (none for a delete). */
  value?: KObject;
  /** The key's mod revision before an update or delete: the compare of kube-apiserver's transaction. */
  previousModRevision?: number;
}

export interface StoreSnapshot {
  revision: number;
  /** In key order, as etcd ranges them (and the saved files keep them, to read a key range by binary search). */
  entries: Array<[string, Omit<StoredValue, 'value'> & { value: KObject }]>;
  /** Lazy buckets nobody read, left out of `entries`: whoever saved them keeps them as they are. */
  unread?: string[];
  /** The leases granted and not revoked, each with when it runs out, and the last lease ID granted. */
  leases?: { live: Array<[id: number, expiresAt: number]>; last: number };
  /** Leases revoked since the store was made: whoever saves lazy buckets leaves out their entries nobody read. */
  revoked?: number[];
}

const SPANNING = '*';

/**
 * A bucket of a saved store left unparsed until something reads under it: whole on the first read, or (a file kept one
 * entry per line) a key range at a time, so that the events of one object are read without the cluster's.
 */
export interface LazyBucket {
  /** Parses and hands over the entries under `prefix` (the bucket, or a prefix inside it) not handed over before. */
  take(prefix: string): StoreSnapshot['entries'];
  /** Whether some entries were never handed over. */
  readonly pending: boolean;
  /** Like take, but only the entries whose saved text contains `text` (a bucket that cannot search takes them all). */
  takeMentioning(prefix: string, text: string): StoreSnapshot['entries'];
}

/** Keys are grouped by resource (`/registry/pods/`) so a list only scans its own kind (and a load parses only the kinds read). */
export function bucketOf(key: string): string {
  const third = key.indexOf('/', '/registry/'.length);
  const bucket = third < 0 ? key : key.slice(0, third + 1);
  // services/specs and services/endpoints are two resources under one first segment
  if (bucket === '/registry/services/') return key.slice(0, key.indexOf('/', bucket.length) + 1);
  return bucket;
}

/** Whether keys under `prefix` may be in this bucket: the prefix is inside the bucket, or spans it. */
const reaches = (prefix: string, bucketKey: string) => bucketKey.startsWith(prefix) || prefix.startsWith(bucketKey);

/** The one bucket every key under `prefix` falls in, or SPANNING (`/registry/`, `/registry/services/`). */
function bucketOfPrefix(prefix: string): string {
  if (!prefix.startsWith('/registry/') || prefix.indexOf('/', '/registry/'.length) < 0) return SPANNING;
  const bucket = bucketOf(prefix);
  return bucket.length > '/registry/'.length && prefix.startsWith(bucket) ? bucket : SPANNING;
}

/**
 * A secondary index (client-go's Indexer): the index values of each object under a prefix. An object may have
 * several values, so one index can answer both "pods of this owner" and "ready pods of this owner" by counting.
 */
export type IndexFunc = (obj: KObject) => string[];

/**
 * The keys with one index value: the key itself while it is the only one (most values belong to one object: an
 * event's series), a set beyond: 150,000 pods' events made 900,000 one-element sets.
 */
type Keys = string | Set<string>;

function withKey(keys: Keys | undefined, key: string): Keys {
  if (keys === undefined || keys === key) return key;
  if (typeof keys === 'string') return new Set([keys, key]);
  return keys.add(key);
}

function withoutKey(keys: Keys, key: string): Keys | undefined {
  if (typeof keys === 'string') return keys === key ? undefined : keys;
  keys.delete(key);
  return keys.size === 1 ? keys.values().next().value : keys.size ? keys : undefined;
}

/**
 * Keys in etcd order, in place. Most index sets are small (an object's events, a node's pods), and for those
 * Array.prototype.sort's own copy of the array cost more than sorting: an insertion sort compares the same way.
 */
function inOrder(keys: string[]): string[] {
  if (keys.length > 16) return keys.sort();
  for (let i = 1; i < keys.length; i++) {
    const key = keys[i]!;
    let j = i;
    for (; j > 0 && keys[j - 1]! > key; j--) keys[j] = keys[j - 1]!;
    keys[j] = key;
  }
  return keys;
}

interface Index {
  prefix: string;
  valuesOf: IndexFunc;
  keys: Map<string, Keys>;
  /**
   * The property under which each stored value keeps what it was indexed under: removal never recomputes from an old
   * value someone may have changed. On the value, not in a map of keys: a write reads it from the value it replaces,
   * where a map of 900,000 keys (150,000 pods' events) cost a lookup per write. A symbol, which JSON leaves out of saves.
   */
  slot: symbol;
}

type Indexed = StoredValue & { [slot: symbol]: string[] | undefined };

export class Store {
  private revisionNow: number;
  private readonly indexes = new Map<string, Index>();
  /**
   * Every key, in its bucket. A read by key (the most frequent) finds the bucket first: one map of a million keys (the
   * events and pods of 150,000 pods) missed the cache on most lookups, where a kind's own map of 150,000 or of a few
   * keys does less, and a write sets one map, not two.
   */
  private readonly buckets = new Map<string, Map<string, StoredValue>>();
  /** Each bucket's keys in etcd order, built on the first list and kept in order by writes (lists are frequent). */
  private readonly sortedKeys = new Map<string, SortedKeys>();
  private readonly watchers: Array<{ prefix: string; handler: WatchHandler }> = [];
  private readonly pending = new Fifo<WatchEvent>();
  private journal?: Write[];
  /**
   * Lists answered since the last write under their prefix, by bucket: most lists repeat between two writes of their
   * kind (RBAC bindings on every request, a namespace's ReplicaSets on every Deployment sync). SPANNING holds
   * prefixes wider than one bucket.
   */
  private readonly listed = new Map<string, Map<string, KObject[]>>();
  /** The revision of the last write under each bucket (see lastWriteUnder). */
  private readonly lastWrites = new Map<string, number>();

  /** Buckets whose entries are read only when something looks under them (a read that never lists events). */
  private readonly lazy = new Map<string, LazyBucket>();

  /** etcd's lessor: the live leases and when each runs out (whoever keeps time revokes them: see revokeLease). */
  private readonly leases = new Map<number, number>();
  private lastLease: number;
  /** The keys read or written with each live lease. */
  private readonly leased = new Map<number, Set<string>>();
  private readonly revoked: number[] = [];

  constructor(snapshot?: StoreSnapshot, lazy: Record<string, LazyBucket> = {}) {
    this.revisionNow = snapshot?.revision ?? 1;
    for (const [id, expiresAt] of snapshot?.leases?.live ?? []) this.leases.set(id, expiresAt);
    this.lastLease = snapshot?.leases?.last ?? 0;
    for (const [key, stored] of snapshot?.entries ?? []) this.put(key, stored);
    for (const [bucket, source] of Object.entries(lazy)) this.lazy.set(bucket, source);
  }

  get revision(): number {
    return this.revisionNow;
  }

  /**
   * From now on, keeps every write in order with the value it wrote (and returns that list). Only a backend that
   * replays writes asks for it: it holds every intermediate value until the session ends.
   */
  recordWrites(): Write[] {
    return (this.journal ??= []);
  }

  get(key: string): StoredValue | undefined {
    this.load(key);
    return this.stored(key);
  }

  /** What is stored under a key, without reading lazy buckets first. */
  private stored(key: string): StoredValue | undefined {
    return this.buckets.get(bucketOf(key))?.get(key);
  }

  /** Stores a value, a new key's or (update) the one that replaces `current`'s value. */
  private put(key: string, stored: StoredValue, current?: StoredValue): void {
    if (current?.lease !== undefined && current.lease !== stored.lease) this.leased.get(current.lease)?.delete(key);
    if (stored.lease !== undefined) {
      let keys = this.leased.get(stored.lease);
      if (!keys) this.leased.set(stored.lease, (keys = new Set()));
      keys.add(key);
    }
    this.bucket(key).set(key, stored);
  }

  /** Whether a saved entry is still there: not written with a lease that was revoked since (etcd deleted it then). */
  private alive(stored: Pick<StoredValue, 'lease'>): boolean {
    return stored.lease === undefined || this.leases.has(stored.lease);
  }

  /**
   * Reads now what a lazy bucket holds under a key or prefix (all of it for a prefix wider than the bucket). Every read
   * does it first; a reader that then looks through an index over part of a bucket (see addIndex) does it itself.
   */
  load(prefix: string): void {
    this.loadFrom(prefix, (source, range) => source.take(range));
  }

  /** Hands over what `take` reads of each lazy bucket under `prefix` (given the range inside that bucket). */
  private loadFrom(prefix: string, take: (source: LazyBucket, range: string) => StoreSnapshot['entries']): void {
    if (!this.lazy.size) return;
    for (const [bucketKey, source] of this.lazy) {
      if (!reaches(prefix, bucketKey)) continue;
      for (const [key, stored] of take(source, prefix.startsWith(bucketKey) ? prefix : bucketKey)) {
        if (!this.alive(stored)) continue;
        this.put(key, stored);
        for (const index of this.indexes.values()) if (key.startsWith(index.prefix)) this.indexAdd(index, key, stored);
      }
      if (!source.pending) this.lazy.delete(bucketKey);
    }
  }

  /**
   * The values under `prefix` that `keep` accepts, in key order, where every value it accepts holds the string
   * `mentioned` (the events of one object: its uid): of a lazy bucket that can search its saved text, only the entries
   * that mention it are read (`describe` on 150,000 pods parses a pod's events, not 900,000).
   */
  find(prefix: string, mentioned: string, keep: (obj: KObject) => boolean): KObject[] {
    this.loadFrom(prefix, (source, range) => source.takeMentioning(range, mentioned));
    const found = [...this.entriesUnder(prefix, { read: false })].filter(([, stored]) => keep(stored.value));
    return found.sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([, stored]) => stored.value);
  }

  /** How many keys are stored, without counting them one by one (lazy buckets not read yet are left out). */
  get size(): number {
    let n = 0;
    for (const bucket of this.buckets.values()) n += bucket.size;
    return n;
  }

  /** Values under a prefix, sorted by key (etcd range order). */
  list(prefix: string): KObject[] {
    const bucket = bucketOfPrefix(prefix);
    let lists = this.listed.get(bucket);
    if (!lists) this.listed.set(bucket, (lists = new Map()));
    let values = lists.get(prefix);
    if (!values) lists.set(prefix, (values = this.keys(prefix).map((k) => this.get(k)!.value)));
    // a copy: callers sort and filter what they get
    return values.slice();
  }

  /** A write under these lists' prefixes: they are answered afresh next time. */
  private forgetLists(key: string, revision: number): void {
    const bucket = bucketOf(key);
    this.listed.delete(bucket);
    this.listed.delete(SPANNING);
    this.lastWrites.set(bucket, revision);
  }

  /**
   * The revision of this store's last write under a bucket (`/registry/roles/`), 0 if none: what a cache of something
   * derived from that kind compares to know it is still true.
   */
  lastWriteUnder(bucket: string): number {
    return this.lastWrites.get(bucket) ?? 0;
  }

  /** The entries under a prefix, in no particular order (read first from lazy buckets, unless `read` is false). */
  private *entriesUnder(prefix: string, { read = true } = {}): Generator<[string, StoredValue]> {
    if (read) this.load(prefix);
    for (const [bucketKey, bucket] of this.buckets) {
      if (!reaches(prefix, bucketKey)) continue;
      for (const entry of bucket) if (entry[0].startsWith(prefix)) yield entry;
    }
  }

  /** Number of keys under a prefix, without copying values. */
  count(prefix: string): number {
    let n = 0;
    for (const _ of this.entriesUnder(prefix)) n++;
    return n;
  }

  keys(prefix: string): string[] {
    this.load(prefix);
    const parts: string[][] = [];
    for (const [bucketKey, bucket] of this.buckets) {
      if (!reaches(prefix, bucketKey)) continue;
      const sorted = this.sorted(bucketKey, bucket);
      parts.push(prefix.startsWith(bucketKey) && prefix !== bucketKey ? sorted.withPrefix(prefix) : sorted.all().slice());
    }
    return parts.length === 1 ? parts[0]! : parts.flat().sort();
  }

  /** A bucket's keys in etcd order, sorted on the first list, then kept up to date by creates and deletes. */
  private sorted(bucketKey: string, bucket: Map<string, StoredValue>): SortedKeys {
    let sorted = this.sortedKeys.get(bucketKey);
    if (!sorted) this.sortedKeys.set(bucketKey, (sorted = new SortedKeys(bucket.keys())));
    return sorted;
  }

  /**
   * Adds an index over the objects under `prefix`, built from what is stored now and kept up to date by every write.
   * With `overRead`, it covers only what has been read of lazy buckets, and what is read later as it comes: its user
   * loads the range it looks up first (the events of one object, not the cluster's).
   */
  addIndex(name: string, prefix: string, valuesOf: IndexFunc, { overRead = false } = {}): void {
    const index: Index = { prefix, valuesOf, keys: new Map(), slot: Symbol(name) };
    this.indexes.set(name, index);
    if (!overRead) this.load(prefix);
    // in no particular order: sorting the keys would make a list's cache of a bucket nobody lists (events)
    for (const [key, stored] of this.entriesUnder(prefix, { read: false })) this.indexAdd(index, key, stored);
  }

  hasIndex(name: string): boolean {
    return this.indexes.has(name);
  }

  /** The objects whose index `name` has `value`, in key order. */
  byIndex(name: string, value: string): KObject[] {
    const keys = this.indexes.get(name)?.keys.get(value);
    if (keys === undefined) return [];
    if (typeof keys === 'string') return [this.get(keys)!.value];
    return inOrder([...keys]).map((k) => this.get(k)!.value);
  }

  /** How many objects have `value` in index `name`, without reading them. */
  indexCount(name: string, value: string): number {
    const keys = this.indexes.get(name)?.keys.get(value);
    return keys === undefined ? 0 : typeof keys === 'string' ? 1 : keys.size;
  }

  /** A key's value went from `current` (none: created) to `next` (none: deleted): its index values follow. */
  private reindex(key: string, current: StoredValue | undefined, next: StoredValue | undefined): void {
    for (const index of this.indexes.values()) {
      if (!key.startsWith(index.prefix)) continue;
      const before = (current as Indexed | undefined)?.[index.slot];
      const values = next ? index.valuesOf(next.value) : [];
      // most writes (a status, a count) leave an object's index values as they were
      if (before && values.length === before.length && values.every((v, i) => v === before[i])) {
        (next as Indexed)[index.slot] = before;
        continue;
      }
      for (const v of before ?? []) {
        const keys = index.keys.get(v);
        const left = keys === undefined ? undefined : withoutKey(keys, key);
        if (left === undefined) index.keys.delete(v);
        else if (left !== keys) index.keys.set(v, left);
      }
      if (next) this.indexValues(index, key, next, values);
    }
  }

  private indexAdd(index: Index, key: string, stored: StoredValue): void {
    this.indexValues(index, key, stored, index.valuesOf(stored.value));
  }

  private indexValues(index: Index, key: string, stored: StoredValue, values: string[]): void {
    if (values.length) (stored as Indexed)[index.slot] = values;
    for (const v of values) {
      const keys = index.keys.get(v);
      const more = withKey(keys, key);
      if (more !== keys) index.keys.set(v, more);
    }
  }

  /**
   * Creates a key (attached to `lease`, a live one, if given); returns undefined if it already exists (the caller turns
   * that into AlreadyExists).
   */
  create(key: string, value: KObject, lease?: number): number | undefined {
    if (this.get(key)) return undefined;
    const revision = ++this.revisionNow;
    value.metadata.resourceVersion = String(revision);
    const stored: StoredValue = { value, createRevision: revision, modRevision: revision, version: 1, ...this.withLease(lease) };
    this.put(key, stored);
    this.sortedKeys.get(bucketOf(key))?.add(key);
    this.reindex(key, undefined, stored);
    this.forgetLists(key, revision);
    this.journal?.push({ op: 'create', key, revision, value });
    this.emit({ type: 'ADDED', key, object: value, revision });
    return revision;
  }

  /**
   * Replaces a key's value. With expectedRevision, fails (undefined) unless the key's mod revision still
   * matches: the optimistic concurrency of GuaranteedUpdate. The key is attached to `lease` if given, else to none
   * (an etcd put without a lease detaches the key from its old one).
   */
  update(key: string, value: KObject, expectedRevision?: number, lease?: number): number | undefined {
    const current = this.get(key);
    if (!current) return undefined;
    if (expectedRevision !== undefined && current.modRevision !== expectedRevision) return undefined;
    const revision = ++this.revisionNow;
    value.metadata.resourceVersion = String(revision);
    const stored: StoredValue = { value, createRevision: current.createRevision, modRevision: revision, version: current.version + 1, ...this.withLease(lease) };
    this.put(key, stored, current);
    this.reindex(key, current, stored);
    this.forgetLists(key, revision);
    this.journal?.push({ op: 'update', key, revision, value, previousModRevision: current.modRevision });
    this.emit({ type: 'MODIFIED', key, object: value, previous: current.value, revision });
    return revision;
  }

  delete(key: string): number | undefined {
    const current = this.get(key);
    if (!current) return undefined;
    const revision = ++this.revisionNow;
    this.remove(key, current, revision);
    this.journal?.push({ op: 'delete', key, revision, previousModRevision: current.modRevision });
    return revision;
  }

  private remove(key: string, current: StoredValue, revision: number): void {
    if (current.lease !== undefined) this.leased.get(current.lease)?.delete(key);
    this.bucket(key).delete(key);
    this.sortedKeys.get(bucketOf(key))?.remove(key);
    this.reindex(key, current, undefined);
    this.forgetLists(key, revision);
    this.emit({ type: 'DELETED', key, object: current.value, revision });
  }

  /** etcd's LeaseGrant: a new lease ID, running out at `expiresAt` (the caller's time: the store keeps none). */
  grantLease(expiresAt: number): number {
    // a real etcd that replays the writes keeps its own leases, on its own clock
    if (this.journal) throw new Error('kubesim bug: a lease granted by a store whose writes a real etcd replays');
    const id = ++this.lastLease;
    this.leases.set(id, expiresAt);
    return id;
  }

  /** The live lease that runs out last, if any: the one a lease manager may reuse. */
  latestLease(): { id: number; expiresAt: number } | undefined {
    let latest: { id: number; expiresAt: number } | undefined;
    for (const [id, expiresAt] of this.leases) if (!latest || expiresAt >= latest.expiresAt) latest = { id, expiresAt };
    return latest;
  }

  /**
   * etcd's LeaseRevoke (a lease that ran out): its keys are deleted in one transaction, one revision. Keys of it not
   * read yet from a lazy bucket go with it: they are never handed over (see alive), and a save leaves them out.
   * Returns the keys deleted that had been read, or undefined if the lease was not live.
   */
  revokeLease(id: number): string[] | undefined {
    if (!this.leases.delete(id)) return undefined;
    this.revoked.push(id);
    const keys = [...(this.leased.get(id) ?? [])].sort();
    this.leased.delete(id);
    if (!keys.length) return keys;
    const revision = ++this.revisionNow;
    for (const key of keys) this.remove(key, this.stored(key)!, revision);
    return keys;
  }

  private withLease(lease: number | undefined): { lease?: number } {
    if (lease === undefined) return {};
    if (!this.leases.has(lease)) throw new Error(`kubesim bug: a write with lease ${lease}, which is not live`);
    return { lease };
  }

  watch(prefix: string, handler: WatchHandler): void {
    this.watchers.push({ prefix, handler });
  }

  /** Delivers queued watch events in revision order; returns how many were delivered. */
  deliver(): number {
    let n = 0;
    while (this.pending.length) {
      const event = this.pending.shift()!;
      for (const w of this.watchers) if (event.key.startsWith(w.prefix)) w.handler(event);
      n++;
    }
    return n;
  }

  hasPending(): boolean {
    return this.pending.length > 0;
  }

  /**
   * Every entry, sorted by key. With `leaveUnread`, what nobody read of the lazy buckets stays unread, left out of
   * `entries`, and those buckets are named in `unread` (no write can have touched it: a write reads its key first).
   */
  snapshot({ leaveUnread = false } = {}): StoreSnapshot {
    if (!leaveUnread) this.load('');
    const entries: StoreSnapshot['entries'] = [];
    for (const bucket of this.buckets.values()) for (const [k, v] of bucket) entries.push([k, v]);
    entries.sort((a, b) => (a[0] < b[0] ? -1 : 1));
    return {
      revision: this.revisionNow,
      entries,
      ...(this.lazy.size ? { unread: [...this.lazy.keys()] } : {}),
      ...(this.lastLease ? { leases: { live: [...this.leases], last: this.lastLease } } : {}),
      ...(this.revoked.length ? { revoked: [...this.revoked] } : {}),
    };
  }

  private bucket(key: string): Map<string, StoredValue> {
    const b = bucketOf(key);
    let m = this.buckets.get(b);
    if (!m) this.buckets.set(b, (m = new Map()));
    return m;
  }

  private emit(event: WatchEvent): void {
    if (this.watchers.length) this.pending.push(event);
  }
}
