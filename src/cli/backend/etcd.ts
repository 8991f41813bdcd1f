import { Etcd3, EtcdLeaseInvalidError, type IKeyValue, type Lease } from 'etcd3';
import type { KObject } from '../../api/object.js';
import type { ClusterState } from '../../sim/cluster.js';
import type { StoreSnapshot, Write } from '../../store/store.js';
import type { LoadedState } from '../state.js';
import { BackendUnavailable, type Backend } from './backend.js';

/** Everything kube-apiserver keeps is under its default --etcd-prefix. */
const REGISTRY = '/registry/';
/** What a simulated cluster needs beyond its objects (virtual clock, random source, timers, IP allocations). */
const WORLD_KEY = '/kubesim/world';
const LOCK_KEY = '/kubesim/lock';
const LOCK_TTL_SECONDS = 30;
const LOCK_WAIT_MS = 20_000;
const CALL_DEADLINE_MS = 5_000;
const EVENTS = '/registry/events/';
const EVENT_TTL_SECONDS = 3600;

/** `etcd://host:port[,host:port…]` → the client URLs etcd listens on. */
export function etcdHosts(url: string): string[] {
  const m = /^etcd:\/\/([^/?#]+)\/?$/.exec(url);
  if (!m) throw new BackendUnavailable('store-invalid', `invalid --store "${url}": use etcd://HOST:PORT (e.g. etcd://127.0.0.1:2379)`);
  return m[1]!.split(',').map((host) => `http://${host}`);
}

/**
 * What kube-apiserver writes: the object without its resourceVersion (storage.PrepareObjectForStorage; the mod
 * revision is the version), as JSON (kube-apiserver's --storage-media-type=application/json; its default is protobuf).
 */
export function storageValue(obj: KObject): string {
  const { resourceVersion: _, ...metadata } = obj.metadata;
  return JSON.stringify({ ...obj, metadata });
}

/** An etcd key-value as the store holds it: the resourceVersion read back from the mod revision, as the API server does. */
export function storedEntry(kv: IKeyValue): StoreSnapshot['entries'][number] {
  const value = JSON.parse(kv.value.toString()) as KObject;
  value.metadata.resourceVersion = kv.mod_revision;
  return [kv.key.toString(), { value, createRevision: Number(kv.create_revision), modRevision: Number(kv.mod_revision), version: Number(kv.version) }];
}

/**
 * The cluster in a real etcd: objects under /registry/ with kube-apiserver's keys, and each write of a command
 * replayed as its own transaction, with kube-apiserver's compare (the key absent for a create, its mod revision
 * unchanged for an update or delete). Under the lock nobody else writes, so etcd's revisions are the ones the
 * narration told: `etcdctl get /registry/deployments/default/web -w json` shows the same mod_revision.
 */
export class EtcdBackend implements Backend {
  readonly replaysWrites = true;
  private held?: { lease: Lease; id: string };
  /** The world key's mod revision when this command loaded: another kubesim's save since then moves it. */
  private loadedWorld = '0';
  /** etcd's revision when this command loaded (or cleared): its store's writes come after it. */
  private loadedRevision = 0;

  private constructor(
    readonly where: string,
    private readonly client: Etcd3,
  ) {}

  static async connect(url: string): Promise<EtcdBackend> {
    const client = new Etcd3({ hosts: etcdHosts(url), dialTimeout: 2_000, defaultCallOptions: (ctx) => (ctx.isStream ? {} : { deadline: Date.now() + CALL_DEADLINE_MS }) });
    const backend = new EtcdBackend(url, client);
    try {
      await client.maintenance.status();
    } catch (e) {
      client.close();
      // grpc's message, without its empty "Resolution note"
      throw new BackendUnavailable('store-unreachable', `cannot reach etcd at ${url}: ${(e as Error).message.replace(/\s*Resolution note:\s*$/, '')}`);
    }
    return backend;
  }

  async read(): Promise<LoadedState | undefined> {
    return this.load();
  }

  async load(): Promise<LoadedState | undefined> {
    // one read transaction: the objects and the world at the same revision
    const txn = await this.client.if(WORLD_KEY, 'Create', '>', 0).then(this.client.get(WORLD_KEY), this.client.getAll().prefix(REGISTRY)).commit();
    if (!txn.succeeded) return undefined;
    const [world, objects] = txn.responses.map((r) => r.response_range!.kvs);
    this.loadedWorld = world![0]!.mod_revision;
    this.loadedRevision = Number(txn.header.revision);
    const state = JSON.parse(world![0]!.value.toString()) as ClusterState;
    // the store resumes at etcd's revision: its next write is etcd's next one
    state.store = { revision: Number(txn.header.revision), entries: objects!.map(storedEntry) };
    return { state, lazy: {} };
  }

  async lock(): Promise<boolean> {
    const deadline = Date.now() + LOCK_WAIT_MS;
    for (let attempt = 0; ; attempt++) {
      if ((await this.takeLock()) !== undefined) return true;
      if (Date.now() > deadline) return false;
      await new Promise((r) => setTimeout(r, Math.min(5 + attempt * 2, 50)));
    }
  }

  /**
   * Puts the lock key on a lease of our own if nobody holds it (and `unless`, a further compare, holds): the revision
   * of that write, or undefined.
   */
  private async takeLock(unless?: { key: string; mod: string }): Promise<number | undefined> {
    const lease = this.client.lease(LOCK_TTL_SECONDS, { autoKeepAlive: true });
    const id = await lease.grant();
    let txn = this.client.if(LOCK_KEY, 'Create', '==', 0);
    if (unless) txn = txn.and(unless.key, 'Mod', '==', unless.mod);
    const taken = await txn.then(this.client.put(LOCK_KEY).value(String(process.pid)).lease(id)).commit();
    if (!taken.succeeded) {
      await lease.revoke();
      return undefined;
    }
    this.held = { lease, id };
    return Number(taken.header.revision);
  }

  /**
   * The lock this command took, still held, or taken back: its lease lives on keep-alives sent from the event loop,
   * and a command that keeps the loop busy past the lease's TTL (a 150,000-pod apply simulates for a minute without
   * yielding) lets it run out. Taking it back is safe if nobody took it since and no kubesim saved in the meantime (the
   * world key, written last by every save, is where this command loaded it); otherwise saving would erase what another
   * command did, and nothing is saved.
   * @returns by how many revisions etcd moved since the load: the lease's expiry and the lock taken back are writes too
   */
  private async holdLock(): Promise<number> {
    const held = this.held!;
    if ((await this.client.if(LOCK_KEY, 'Lease', '==', held.id).commit()).succeeded) return 0;
    held.lease.release();
    this.held = undefined;
    const retaken = await this.takeLock({ key: WORLD_KEY, mod: this.loadedWorld });
    if (retaken === undefined) throw this.lockLost();
    return retaken - this.loadedRevision;
  }

  /** @param saved how many of the command's writes made it before (none when the lock was found lost first) */
  private lockLost(saved = 0): BackendUnavailable {
    const what = saved ? `only its first ${saved} writes were saved` : 'nothing was saved';
    return new BackendUnavailable('lock-lost', `the lock on ${this.where} ran out during this command (over ${LOCK_TTL_SECONDS} s without renewal) and another kubesim has taken it or saved since: ${what}`);
  }

  /** Deletes a previous kubesim cluster; never objects kubesim did not write (the etcd of a real cluster). */
  async clear(): Promise<number> {
    const ours = (await this.client.get(WORLD_KEY).exists()) || (await this.client.getAll().prefix(REGISTRY).count()) === 0;
    if (!ours) throw new BackendUnavailable('store-foreign', `etcd at ${this.where} holds Kubernetes objects kubesim did not write (a real cluster's?): kubesim leaves them alone`);
    await this.client.delete().prefix(REGISTRY);
    const cleared = await this.client.delete().key(WORLD_KEY);
    this.loadedWorld = '0';
    this.loadedRevision = Number(cleared.header.revision);
    return this.loadedRevision;
  }

  async save(state: ClusterState, writes: Write[]): Promise<void> {
    const shift = await this.holdLock();
    const lockId = this.held!.id;
    const underLock = () => this.client.if(LOCK_KEY, 'Lease', '==', lockId);
    let eventLease: Promise<string> | undefined;
    for (const [i, w] of writes.entries()) {
      // kube-apiserver writes events on a lease of --event-ttl (1 h): etcd deletes them when it runs out. (It shares
      // one lease among the writes of a minute; here, among the writes of a command.)
      const lease = w.op !== 'delete' && w.key.startsWith(EVENTS) ? await (eventLease ??= this.client.lease(EVENT_TTL_SECONDS, { autoKeepAlive: false }).grant()) : undefined;
      const put = () => this.client.put(w.key).value(storageValue(w.value!));
      const op = w.op === 'delete' ? this.client.delete().key(w.key) : lease ? put().lease(lease) : put();
      const txn = await (w.op === 'create' ? underLock().and(w.key, 'Create', '==', 0) : underLock().and(w.key, 'Mod', '==', w.previousModRevision!)).then(op).commit();
      if (!txn.succeeded && !(await underLock().commit()).succeeded) throw this.lockLost(i);
      if (!txn.succeeded || Number(txn.header.revision) !== w.revision + shift) {
        throw new Error(`etcd changed under kubesim's lock: ${w.op} of ${w.key} at revision ${txn.header.revision}, expected ${w.revision + shift}`);
      }
    }
    const { store, ...world } = state;
    const saved = await underLock().then(this.client.put(WORLD_KEY).value(JSON.stringify({ ...world, store: { revision: store.revision, entries: [] } }))).commit();
    if (!saved.succeeded) throw this.lockLost(writes.length);
  }

  async unlock(): Promise<void> {
    try {
      await this.held?.lease.revoke();
    } catch (e) {
      // a lease that ran out (holdLock) has nothing left to release
      if (!(e instanceof EtcdLeaseInvalidError)) throw e;
    }
    this.held = undefined;
  }

  async close(): Promise<void> {
    this.client.close();
  }
}
