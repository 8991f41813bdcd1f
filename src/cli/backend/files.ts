import type { ClusterState } from '../../sim/cluster.js';
import { ClusterLock, clusterDir, EVENTS, loadState, saveState, type LoadedState } from '../state.js';
import type { Backend } from './backend.js';

/** The default: one directory per cluster under KUBESIM_HOME, a lock directory, atomic renames (state.ts). */
export class FilesBackend implements Backend {
  readonly where: string;
  readonly replaysWrites = false;
  private readonly clusterLock: ClusterLock;
  /** What load() read: the events a save writes back unparsed come from it. */
  private loaded?: LoadedState;

  constructor(home: string, cluster: string) {
    this.where = clusterDir(home, cluster);
    this.clusterLock = new ClusterLock(this.where);
  }

  async read(): Promise<LoadedState | undefined> {
    return loadState(this.where);
  }

  async lock(): Promise<boolean> {
    return this.clusterLock.acquire();
  }

  async load(): Promise<LoadedState | undefined> {
    this.loaded = loadState(this.where, { deferKinds: false });
    return this.loaded;
  }

  async clear(): Promise<number> {
    // the new state replaces the old one when saved
    return 1;
  }

  async save(state: ClusterState): Promise<void> {
    saveState(this.where, state, this.loaded?.lazy[EVENTS]);
  }

  async unlock(): Promise<void> {
    this.clusterLock.release();
  }

  async close(): Promise<void> {}
}
