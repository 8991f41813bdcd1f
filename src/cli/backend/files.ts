import type { ClusterState } from '../../sim/cluster.js';
import { ClusterLock, clusterDir, EVENTS, loadState, savedBytes, saveState, type LoadedState } from '../state.js';
import { BackendUnavailable, type Backend } from './backend.js';

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
    return this.writing(() => this.clusterLock.acquire());
  }

  async load(): Promise<LoadedState | undefined> {
    this.loaded = loadState(this.where, { deferKinds: false });
    return this.loaded;
  }

  savedBytes(): number {
    return savedBytes(this.where);
  }

  async clear(): Promise<number> {
    // the new state replaces the old one when saved
    return 1;
  }

  async save(state: ClusterState): Promise<void> {
    await this.writing(() => saveState(this.where, state, this.loaded?.lazy[EVENTS]));
  }

  /** A write the file system refuses (ENOTDIR, EACCES, ENOSPC…) is the user's directory's doing, not kubesim's. */
  private async writing<T>(write: () => T | Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (e) {
      if (typeof (e as NodeJS.ErrnoException).code !== 'string') throw e;
      throw new BackendUnavailable('home-unwritable', `cannot write to ${this.where}: ${(e as Error).message}`);
    }
  }

  async unlock(): Promise<void> {
    this.clusterLock.release();
  }

  async close(): Promise<void> {}
}
