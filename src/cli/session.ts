import type { KObject } from '../api/object.js';
import type { ResourceType } from '../api/resources.js';
import { ADMIN, impersonate, type UserInfo } from '../apiserver/authn.js';
import { read } from '../apiserver/reader.js';
import type { ApiRequest, ApiResult } from '../apiserver/server.js';
import { EventLog } from '../events/sink.js';
import { isBigState, loadingText, QuietRenderer, StatusLine, type Renderer, type Streams } from '../narrator/render/renderer.js';
import type { Messages } from '../narrator/types.js';
import type { ClusterSpec } from '../sim/bootstrap.js';
import type { Cluster, ClusterState } from '../sim/cluster.js';
import { Store } from '../store/store.js';
import type { Env } from './env.js';
import { openBackend, type Backend } from './backend/backend.js';
import type { LoadedState } from './state.js';

export class LockTimeout extends Error {}

/** The narration's renderer for the mode asked (-q, --narration, a terminal or not). */
export async function makeRenderer(env: Env, streams: Streams): Promise<Renderer> {
  if (env.narration === 'off') return new QuietRenderer(streams);
  if (env.narration === 'json') return new (await import('../narrator/render/json.js')).JsonRenderer(streams);
  const { CATALOGS, Narrator } = await import('../narrator/narrate.js');
  const { catalog, messages } = CATALOGS[env.lang];
  const narrator = new Narrator(catalog, messages.folded, env.analogies ? messages.analogies : undefined);
  if (env.narration === 'plain') return new (await import('../narrator/render/plain.js')).PlainRenderer(streams, narrator);
  return new (await import('../narrator/render/tty.js')).TtyRenderer(streams, narrator, env.speed, messages);
}

/**
 * A read of a big saved state takes seconds before the first line of output (4 s for `get pods` on 150,000 pods, 13 s
 * for their events): a terminal says so, on stderr, until the output comes. Only when that output goes to the terminal
 * too: a pager reading a pipe (`| less`) would have the line drawn over its screen.
 */
async function readingStatus(env: Env, streams: Streams, backend: Backend): Promise<StatusLine | undefined> {
  if (env.narration !== 'tty' || !(streams.out as { isTTY?: boolean }).isTTY) return undefined;
  const bytes = backend.savedBytes?.() ?? 0;
  // a small state reads in a blink: nothing to say, and the catalogs need not load
  if (!isBigState(bytes)) return undefined;
  const { CATALOGS } = await import('../narrator/narrate.js');
  const status = new StatusLine(streams.err);
  status.show(loadingText(bytes, CATALOGS[env.lang].messages.loading)!);
  return status;
}

function randomSeed(): string {
  return Math.random().toString(36).slice(2);
}

/** What a command may read: the store, the event log, the time. A read-only session has no more than this. */
interface View {
  store: Store;
  log: EventLog;
  now(): number;
  /** What the apps logged per request, per pod UID. */
  accessLog: Record<string, string[]>;
}

export interface OpenOptions {
  /** `cluster create|reset`: a new cluster instead of the saved one. */
  create?: Partial<ClusterSpec>;
  /** The command only reads: skip loading the simulated world when nothing is due. */
  readOnly?: boolean;
  /**
   * The server's warnings the command has printed, shared by its sessions (a watch opens one per tick): kubectl's
   * warning writer tells each once. None: nothing printed (`kubesim serve` sends them to its client in headers).
   */
  warned?: Set<string>;
}

/**
 * One command's hold on a cluster: lock, load (or create) the state, narrate what the world does, save
 * atomically, unlock. Everything a command prints goes through here, in order.
 *
 * A read-only command on a cluster with no timer due (the usual `get`) only needs the store: the simulated
 * control plane is not even loaded, which keeps `kubesim get` about as fast as Node itself starts.
 */
export class Session {
  private savedRevision: number;
  private savedTimers: string;
  /** The command stopped on an exception: whatever it did is not saved. */
  private abandoned = false;
  private readonly startedAt: number;
  /** The warnings told so far by the command (see OpenOptions.warned). */
  private warned?: Set<string>;

  private constructor(
    readonly env: Env,
    readonly renderer: Renderer,
    private readonly view: View,
    private readonly backend: Backend,
    private readonly locked: boolean,
    private readonly full?: Cluster,
    private readonly created = false,
  ) {
    if (renderer.event) view.log.subscribe((e) => renderer.event!(e), { summaries: renderer.summaries });
    if (full && renderer.progress) full.onProgress = (p) => renderer.progress!(p);
    this.savedRevision = created ? -1 : view.store.revision;
    this.savedTimers = JSON.stringify(full?.world.timers.all() ?? []);
    this.startedAt = full ? full.world.clock.now() : view.now();
  }

  static async open(env: Env, streams: Streams, opts: OpenOptions = {}): Promise<Session> {
    const backend = await openBackend(env);
    try {
      const session = await Session.openOn(backend, env, streams, opts);
      session.warned = opts.warned;
      return session;
    } catch (e) {
      await backend.close();
      throw e;
    }
  }

  private static async openOn(backend: Backend, env: Env, streams: Streams, opts: OpenOptions): Promise<Session> {
    if (opts.readOnly) {
      const status = await readingStatus(env, streams, backend);
      try {
        // saves are atomic, so a reader needs no lock as long as it changes nothing
        const loaded = await backend.read();
        if (loaded && !timerDue(loaded.state, env.now)) {
          const renderer = env.narration === 'json' ? await makeRenderer(env, streams) : new QuietRenderer(streams, env.narration !== 'off', status);
          return new Session(env, renderer, readView(loaded, env.now), backend, false);
        }
      } catch (e) {
        status?.clear();
        throw e;
      }
      // a timer is due: the world runs, and its renderer says what it reads
      status?.clear();
    }
    const renderer = await makeRenderer(env, streams);
    if (!(await backend.lock())) throw new LockTimeout(backend.where);
    try {
      if (!opts.create) renderer.loading?.(backend.savedBytes?.() ?? 0);
      const loaded = opts.create ? undefined : await backend.load();
      const recordWrites = backend.replaysWrites;
      const { Cluster } = await import('../sim/cluster.js');
      if (loaded) {
        const cluster = new Cluster(loaded.state.name, loaded.state, env.now, { recordWrites, lazy: loaded.lazy });
        return new Session(env, renderer, worldView(cluster), backend, true, cluster);
      }
      const startRevision = await backend.clear();
      const { bootstrapCluster, DEFAULT_SPEC, nodeSummary } = await import('../sim/bootstrap.js');
      const spec = { ...DEFAULT_SPEC, name: env.cluster, seed: env.seed ?? randomSeed(), ...opts.create };
      const cluster = bootstrapCluster(spec, env.now, { recordWrites, startRevision });
      const session = new Session(env, renderer, worldView(cluster), backend, true, cluster, true);
      cluster.world.log.emit('simulator', { kind: 'cluster.created', name: env.cluster, nodes: nodeSummary(cluster) });
      return session;
    } catch (e) {
      await backend.unlock();
      throw e;
    }
  }

  /** The simulated cluster; only commands that change it ask for it (they never open read-only). */
  get cluster(): Cluster {
    if (!this.full) throw new Error('kubesim bug: a read-only session has no simulated cluster');
    return this.full;
  }

  get store(): Store {
    return this.view.store;
  }

  get now(): number {
    return this.view.now();
  }

  get accessLog(): Record<string, string[]> {
    return this.view.accessLog;
  }

  /** The world catches up with what was due since the last command, before the user's request. */
  catchUp(): void {
    this.full?.catchUp();
  }

  /**
   * After the request: let controllers, scheduler and kubelets finish, jumping over idle waits; with `now`, only what
   * is due at this instant (a command that does not wait for the world, `delete --wait=false`).
   */
  settle({ now = false } = {}): void {
    this.full?.stabilize(now ? 0 : undefined);
  }

  /**
   * A request from the user, through the whole API server pipeline. Its writes' fields belong to `kubectl` unless
   * the command names its manager (kubectl-client-side-apply, kubectl-create…), as kube-apiserver names them after
   * the user agent.
   */
  request(req: Omit<ApiRequest, 'user' | 'client'>): ApiResult {
    const full: ApiRequest = { fieldManager: 'kubectl', ...req, user: requestUser(this.env), client: 'kubectl' };
    const result = this.full ? this.full.api.handle(full) : read(this.view, full);
    this.warnOf(req.resource, result);
    return result;
  }

  /**
   * A deprecated resource's warning, which kube-apiserver's handlers add to any answer past authentication and
   * authorization: "Warning: …" on stderr, once.
   */
  private warnOf(resource: ResourceType, result: ApiResult): void {
    const warning = resource.deprecation;
    if (!warning || !this.warned || this.warned.has(warning)) return;
    if (!result.ok && (result.error.reason === 'Forbidden' || result.error.reason === 'Unauthorized')) return;
    this.warned.add(warning);
    this.renderer.stderr(`Warning: ${warning}\n`);
  }

  get(resource: ResourceType, namespace: string | undefined, name: string): KObject | undefined {
    const r = this.request({ verb: 'get', resource, namespace, name });
    return r.ok ? r.object : undefined;
  }

  out(text: string): void {
    this.renderer.stdout(text);
  }

  note(text: string): void {
    this.renderer.note(text);
  }

  async messages(): Promise<Messages> {
    return (await import('../narrator/narrate.js')).CATALOGS[this.env.lang].messages;
  }

  /**
   * The command stopped halfway on an exception (a saved file that does not read, a bug): close() saves nothing, so the
   * cluster stays as it was before the command.
   */
  abandon(): void {
    this.abandoned = true;
  }

  /** Saves if the world changed, releases the lock, then lets the renderer finish (the TTY paces its story). */
  async close(): Promise<void> {
    try {
      if (this.full && !this.abandoned) {
        const { store, timers } = this.full.world;
        // `wait` may only move the clock: that too must be kept
        const changed =
          store.revision !== this.savedRevision ||
          JSON.stringify(timers.all()) !== this.savedTimers ||
          this.full.world.clock.now() !== this.startedAt ||
          this.full.servedRequests;
        if (this.created || changed) {
          this.renderer.saving?.();
          await this.backend.save(this.full.save(), this.full.writes);
        }
      }
    } finally {
      try {
        if (this.locked) await this.backend.unlock();
      } finally {
        await this.backend.close();
      }
    }
    await this.renderer.finish();
  }
}

/** Who the user's requests come from: the kubeconfig's admin, or whom --as asks the API server to act as. */
export function requestUser(env: Env): UserInfo {
  return env.impersonate ? impersonate(ADMIN, env.impersonate.user, env.impersonate.groups) : ADMIN;
}

function timerDue(state: ClusterState, now: number): boolean {
  return state.timers.some((t) => t.at <= Math.max(now + state.clock.offsetMs, state.clock.now));
}

function readView({ state, lazy }: LoadedState, base: number): View {
  const now = Math.max(base + state.clock.offsetMs, state.clock.now);
  return { store: new Store(state.store, lazy), log: new EventLog(() => now), now: () => now, accessLog: state.accessLog ?? {} };
}

function worldView(cluster: Cluster): View {
  return { store: cluster.world.store, log: cluster.world.log, now: () => cluster.world.clock.now(), accessLog: cluster.accessLog };
}
