import type { ClusterState } from '../../sim/cluster.js';
import type { Write } from '../../store/store.js';
import type { Env } from '../env.js';
import type { LoadedState } from '../state.js';

/**
 * Where a cluster's state lives between two commands: files under KUBESIM_HOME (the default), or a real etcd
 * (`--store etcd://127.0.0.1:2379`). A command reads without a lock, or locks, loads, saves and unlocks.
 */
export interface Backend {
  /** What the user named, for messages (a directory, or the etcd URL). */
  readonly where: string;
  /** The backend replays each write into its store (etcd): the session's store must record them (Store.recordWrites). */
  readonly replaysWrites: boolean;
  /** The saved state, for a command that only reads (no lock: saves are atomic). */
  read(): Promise<LoadedState | undefined>;
  /** Waits for this cluster's lock (false: still held by another kubesim after 20 s). */
  lock(): Promise<boolean>;
  /** The saved state under the lock, for a command that writes: every kind parsed, the events maybe on first use. */
  load(): Promise<LoadedState | undefined>;
  /** How many bytes the saved state weighs, where that is known without reading it (files: what load will parse). */
  savedBytes?(): number;
  /** For a new cluster (create, reset): clears what was saved, and answers the revision its store starts from. */
  clear(): Promise<number>;
  /** Saves the state; `writes` are the store's writes since load, in order, when replaysWrites. */
  save(state: ClusterState, writes: Write[]): Promise<void>;
  unlock(): Promise<void>;
  /** Lets go of connections (a read-only command holds no lock). */
  close(): Promise<void>;
}

/**
 * Why the store cannot be used: not an etcd:// URL, no etcd answering there, an etcd holding another cluster, saved
 * files that do not parse (changed by hand, a full disk: kubesim's own saves are atomic), or a KUBESIM_HOME that takes
 * no writes (not a directory, no permission, no space left), or an etcd lock that ran out while another kubesim went on.
 */
export type Unavailability = 'store-invalid' | 'store-unreachable' | 'store-foreign' | 'state-unreadable' | 'home-unwritable' | 'lock-lost';

/** The store named by --store cannot be used (the message is the English line printed, the code the explanation). */
export class BackendUnavailable extends Error {
  constructor(
    readonly code: Unavailability,
    message: string,
  ) {
    super(message);
  }
}

/** The backend `--store` (or KUBESIM_STORE) names; etcd's client is loaded only when asked for. */
export async function openBackend(env: Env): Promise<Backend> {
  if (env.store) return (await import('./etcd.js')).EtcdBackend.connect(env.store);
  return new (await import('./files.js')).FilesBackend(env.home, env.cluster);
}
