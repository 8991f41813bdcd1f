import type { KObject } from '../api/object.js';

/**
 * An etcd-like MVCC key-value store, in memory: one global revision that every write increments,
 * create/mod revisions per key (an object's resourceVersion is its mod revision), and prefix watches.
 * Watch events are queued and delivered by the engine, never re-entrantly from inside a write.
 */
export interface StoredValue {
  value: KObject;
  createRevision: number;
  modRevision: number;
  version: number;
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

export interface StoreSnapshot {
  revision: number;
  entries: Array<[string, Omit<StoredValue, 'value'> & { value: KObject }]>;
}

/** Keys are grouped by resource (`/registry/pods/`) so a list only scans its own kind. */
function bucketOf(key: string): string {
  const third = key.indexOf('/', '/registry/'.length);
  const bucket = third < 0 ? key : key.slice(0, third + 1);
  // services/specs and services/endpoints are two resources under one first segment
  if (bucket === '/registry/services/') return key.slice(0, key.indexOf('/', bucket.length) + 1);
  return bucket;
}

export class Store {
  private revisionNow: number;
  private readonly buckets = new Map<string, Map<string, StoredValue>>();
  /** Each bucket's keys in etcd order, kept until a key is created or deleted there (lists are frequent, sorts not). */
  private readonly sortedKeys = new Map<string, string[]>();
  private readonly watchers: Array<{ prefix: string; handler: WatchHandler }> = [];
  private readonly pending: WatchEvent[] = [];

  constructor(snapshot?: StoreSnapshot) {
    this.revisionNow = snapshot?.revision ?? 1;
    for (const [key, stored] of snapshot?.entries ?? []) this.bucket(key).set(key, stored);
  }

  get revision(): number {
    return this.revisionNow;
  }

  get(key: string): StoredValue | undefined {
    return this.buckets.get(bucketOf(key))?.get(key);
  }

  /** Values under a prefix, sorted by key (etcd range order). */
  list(prefix: string): KObject[] {
    return this.keys(prefix).map((k) => this.get(k)!.value);
  }

  /** Number of keys under a prefix, without copying values. */
  count(prefix: string): number {
    let n = 0;
    for (const [bucketKey, bucket] of this.buckets) {
      if (!bucketKey.startsWith(prefix) && !prefix.startsWith(bucketKey)) continue;
      for (const k of bucket.keys()) if (k.startsWith(prefix)) n++;
    }
    return n;
  }

  keys(prefix: string): string[] {
    const parts: string[][] = [];
    for (const [bucketKey, bucket] of this.buckets) {
      if (!bucketKey.startsWith(prefix) && !prefix.startsWith(bucketKey)) continue;
      let sorted = this.sortedKeys.get(bucketKey);
      if (!sorted) this.sortedKeys.set(bucketKey, (sorted = [...bucket.keys()].sort()));
      parts.push(prefix.startsWith(bucketKey) && prefix !== bucketKey ? sorted.filter((k) => k.startsWith(prefix)) : sorted.slice());
    }
    return parts.length === 1 ? parts[0] : parts.flat().sort();
  }

  /** Creates a key; returns undefined if it already exists (the caller turns that into AlreadyExists). */
  create(key: string, value: KObject): number | undefined {
    if (this.get(key)) return undefined;
    const revision = ++this.revisionNow;
    value.metadata.resourceVersion = String(revision);
    this.bucket(key).set(key, { value, createRevision: revision, modRevision: revision, version: 1 });
    this.sortedKeys.delete(bucketOf(key));
    this.emit({ type: 'ADDED', key, object: value, revision });
    return revision;
  }

  /**
   * Replaces a key's value. With expectedRevision, fails (undefined) unless the key's mod revision still
   * matches: the optimistic concurrency of GuaranteedUpdate.
   */
  update(key: string, value: KObject, expectedRevision?: number): number | undefined {
    const current = this.get(key);
    if (!current) return undefined;
    if (expectedRevision !== undefined && current.modRevision !== expectedRevision) return undefined;
    const revision = ++this.revisionNow;
    value.metadata.resourceVersion = String(revision);
    this.bucket(key).set(key, { value, createRevision: current.createRevision, modRevision: revision, version: current.version + 1 });
    this.emit({ type: 'MODIFIED', key, object: value, previous: current.value, revision });
    return revision;
  }

  delete(key: string): number | undefined {
    const current = this.get(key);
    if (!current) return undefined;
    const revision = ++this.revisionNow;
    this.bucket(key).delete(key);
    this.sortedKeys.delete(bucketOf(key));
    this.emit({ type: 'DELETED', key, object: current.value, revision });
    return revision;
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

  snapshot(): StoreSnapshot {
    const entries: StoreSnapshot['entries'] = [];
    for (const bucket of this.buckets.values()) for (const [k, v] of bucket) entries.push([k, v]);
    entries.sort((a, b) => (a[0] < b[0] ? -1 : 1));
    return { revision: this.revisionNow, entries };
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
