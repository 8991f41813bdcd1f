import type { KObject } from '../api/object.js';
import type { ResourceType } from '../api/resources.js';
import { userNamed } from '../apiserver/authn.js';
import type { ApiRequest, ApiResult } from '../apiserver/server.js';
import { CATALOGS, Narrator } from '../narrator/narrate.js';
import { JsonRenderer } from '../narrator/render/json.js';
import { PlainRenderer } from '../narrator/render/plain.js';
import { QuietRenderer, type Renderer, type Streams } from '../narrator/render/renderer.js';
import { TtyRenderer } from '../narrator/render/tty.js';
import type { Messages } from '../narrator/types.js';
import { bootstrapCluster, DEFAULT_SPEC, nodeSummary, type ClusterSpec } from '../sim/bootstrap.js';
import { Cluster } from '../sim/cluster.js';
import type { Env } from './env.js';
import { ClusterLock, clusterDir, loadState, saveState } from './state.js';

export class LockTimeout extends Error {}

function makeRenderer(env: Env, streams: Streams): Renderer {
  const { catalog, messages } = CATALOGS[env.lang];
  switch (env.narration) {
    case 'off':
      return new QuietRenderer(streams);
    case 'json':
      return new JsonRenderer(streams);
    case 'plain':
      return new PlainRenderer(streams, new Narrator(catalog));
    case 'tty':
      return new TtyRenderer(streams, new Narrator(catalog), env.speed, messages.stepTitles);
  }
}

function randomSeed(): string {
  return Math.random().toString(36).slice(2);
}

/**
 * One command's hold on a cluster: lock, load (or create) the state, narrate what the world does, save
 * atomically, unlock. Everything a command prints goes through here, in order.
 */
export class Session {
  readonly messages: Messages;
  private savedRevision: number;
  private savedTimers: string;

  private constructor(
    readonly env: Env,
    readonly cluster: Cluster,
    readonly renderer: Renderer,
    private readonly lock: ClusterLock,
    private readonly dir: string,
    created: boolean,
  ) {
    this.messages = CATALOGS[env.lang].messages;
    cluster.world.log.subscribe((e) => renderer.event(e));
    this.savedRevision = created ? -1 : cluster.world.store.revision;
    this.savedTimers = JSON.stringify(cluster.world.timers.all());
  }

  static open(env: Env, streams: Streams, spec?: Partial<ClusterSpec>): Session {
    const dir = clusterDir(env.home, env.cluster);
    const lock = new ClusterLock(dir);
    if (!lock.acquire()) throw new LockTimeout(dir);
    try {
      const renderer = makeRenderer(env, streams);
      const state = spec ? undefined : loadState(dir);
      if (state) return new Session(env, new Cluster(state.name, state, env.now), renderer, lock, dir, false);
      const cluster = bootstrapCluster({ ...DEFAULT_SPEC, name: env.cluster, seed: env.seed ?? randomSeed(), ...spec }, env.now);
      const session = new Session(env, cluster, renderer, lock, dir, true);
      cluster.world.log.emit('simulator', { kind: 'cluster.created', name: env.cluster, nodes: nodeSummary(cluster) });
      return session;
    } catch (e) {
      lock.release();
      throw e;
    }
  }

  /** The world catches up with what was due since the last command, before the user's request. */
  catchUp(): void {
    this.cluster.resync();
    this.cluster.stabilize(0);
  }

  /** After the request: let controllers, scheduler and kubelets finish, jumping over idle waits. */
  settle(): void {
    this.cluster.stabilize();
  }

  /** A request from the user, through the whole API server pipeline. */
  request(req: Omit<ApiRequest, 'user' | 'client'>): ApiResult {
    return this.cluster.api.handle({ ...req, user: userNamed(this.env.user), client: 'kubectl' });
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

  get now(): number {
    return this.cluster.world.clock.now();
  }

  /** Saves if the world changed, releases the lock, then lets the renderer finish (the TTY paces its story). */
  async close(): Promise<void> {
    try {
      const { store, timers } = this.cluster.world;
      if (store.revision !== this.savedRevision || JSON.stringify(timers.all()) !== this.savedTimers) saveState(this.dir, this.cluster.save());
    } finally {
      this.lock.release();
    }
    await this.renderer.finish();
  }
}
