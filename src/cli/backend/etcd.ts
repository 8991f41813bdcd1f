import { Etcd3, type IKeyValue, type Lease } from 'etcd3';
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
  private lease?: Lease;

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
    const state = JSON.parse(world![0]!.value.toString()) as ClusterState;
    // the store resumes at etcd's revision: its next write is etcd's next one
    state.store = { revision: Number(txn.header.revision), entries: objects!.map(storedEntry) };
    return { state, lazy: {} };
  }

  async lock(): Promise<boolean> {
    const deadline = Date.now() + LOCK_WAIT_MS;
    const lease = this.client.lease(LOCK_TTL_SECONDS, { autoKeepAlive: true });
    const id = await lease.grant();
    for (let attempt = 0; ; attempt++) {
      const taken = await this.client.if(LOCK_KEY, 'Create', '==', 0).then(this.client.put(LOCK_KEY).value(String(process.pid)).lease(id)).commit();
      if (taken.succeeded) {
        this.lease = lease;
        return true;
      }
      if (Date.now() > deadline) {
        await lease.revoke();
        return false;
      }
      await new Promise((r) => setTimeout(r, Math.min(5 + attempt * 2, 50)));
    }
  }

  /** Deletes a previous kubesim cluster; never objects kubesim did not write (the etcd of a real cluster). */
  async clear(): Promise<number> {
    const ours = (await this.client.get(WORLD_KEY).exists()) || (await this.client.getAll().prefix(REGISTRY).count()) === 0;
    if (!ours) throw new BackendUnavailable('store-foreign', `etcd at ${this.where} holds Kubernetes objects kubesim did not write (a real cluster's?): kubesim leaves them alone`);
    await this.client.delete().prefix(REGISTRY);
    const cleared = await this.client.delete().key(WORLD_KEY);
    return Number(cleared.header.revision);
  }

  async save(state: ClusterState, writes: Write[]): Promise<void> {
    let eventLease: Promise<string> | undefined;
    for (const w of writes) {
      // kube-apiserver writes events on a lease of --event-ttl (1 h): etcd deletes them when it runs out. (It shares
      // one lease among the writes of a minute; here, among the writes of a command.)
      const lease = w.op !== 'delete' && w.key.startsWith(EVENTS) ? await (eventLease ??= this.client.lease(EVENT_TTL_SECONDS, { autoKeepAlive: false }).grant()) : undefined;
      const put = () => this.client.put(w.key).value(storageValue(w.value!));
      const op = w.op === 'delete' ? this.client.delete().key(w.key) : lease ? put().lease(lease) : put();
      const txn = await (w.op === 'create' ? this.client.if(w.key, 'Create', '==', 0) : this.client.if(w.key, 'Mod', '==', w.previousModRevision!)).then(op).commit();
      if (!txn.succeeded || Number(txn.header.revision) !== w.revision) {
        throw new Error(`etcd changed under kubesim's lock: ${w.op} of ${w.key} at revision ${txn.header.revision}, expected ${w.revision}`);
      }
    }
    const { store, ...world } = state;
    await this.client.put(WORLD_KEY).value(JSON.stringify({ ...world, store: { revision: store.revision, entries: [] } }));
  }

  async unlock(): Promise<void> {
    await this.lease?.revoke();
    this.lease = undefined;
  }

  async close(): Promise<void> {
    this.client.close();
  }
}
