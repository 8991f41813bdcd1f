export type Env = Array<[string, string]>;

/** One container as saved: its own variables, then (by index) the variables it shares with others. */
export interface RememberedContainer {
  env: Env;
  shared?: number;
}

export interface ContainerMemoryState {
  containers?: Record<string, RememberedContainer>;
  sharedEnv?: Env[];
}

/**
 * What the container runtime remembers beyond the API: each running container's environment, by container ID. It is
 * fixed when a container starts, as on a real node: editing a ConfigMap later changes nothing for a running container
 * until it restarts (`rollout restart`).
 *
 * Most of an environment is the same for every container of a namespace (the Service links, HOME): that part is kept
 * once and referred to, or 150,000 pods would hold 2.7 million copies of the same pairs.
 */
export class ContainerMemory {
  private readonly byId: Map<string, RememberedContainer>;
  private readonly shared: Env[];
  /** Each shared part's index, by its JSON (built on first use). */
  private sharedIndex?: Map<string, number>;

  constructor(saved: ContainerMemoryState = {}) {
    this.byId = new Map(Object.entries(saved.containers ?? {}));
    this.shared = saved.sharedEnv ?? [];
  }

  get size(): number {
    return this.byId.size;
  }

  started(id: string, own: Env, shared: Env): void {
    this.byId.set(id, { env: own, shared: this.intern(shared) });
  }

  /** The environment a container started with (a container saved before shared parts existed has it whole). */
  environment(id: string): Env | undefined {
    const c = this.byId.get(id);
    if (!c) return undefined;
    return c.shared === undefined ? c.env : [...c.env, ...(this.shared[c.shared] ?? [])];
  }

  private intern(env: Env): number {
    const index = (this.sharedIndex ??= new Map(this.shared.map((e, i) => [JSON.stringify(e), i])));
    const key = JSON.stringify(env);
    let i = index.get(key);
    if (i === undefined) {
      i = this.shared.push(env) - 1;
      index.set(key, i);
    }
    return i;
  }

  /** What to save of the containers still running: only the shared parts they use, renumbered. */
  state(running: (id: string) => boolean): ContainerMemoryState {
    const containers: Record<string, RememberedContainer> = {};
    const sharedEnv: Env[] = [];
    const renumbered = new Map<number, number>();
    for (const [id, c] of this.byId) {
      if (!running(id)) continue;
      if (c.shared === undefined) {
        containers[id] = c;
        continue;
      }
      let n = renumbered.get(c.shared);
      if (n === undefined) renumbered.set(c.shared, (n = sharedEnv.push(this.shared[c.shared] ?? []) - 1));
      containers[id] = { env: c.env, shared: n };
    }
    return { ...(Object.keys(containers).length ? { containers } : {}), ...(sharedEnv.length ? { sharedEnv } : {}) };
  }
}
