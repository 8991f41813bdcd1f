import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from './usage-error.js';

/**
 * kubesim's kubeconfig, `$KUBESIM_HOME/kubeconfig`: what ~/.kube/config is to kubectl. Each kubesim cluster has its
 * cluster, its admin user and its context (`kubesim-NAME`, as kind names `kind-NAME`); `config set-context` and
 * `config use-context` add to them, and a context's namespace is every command's namespace without `-n`.
 *
 * Kept as JSON, which YAML (and so kubectl) reads too: every command reads it, and the yaml module is too heavy to
 * load for that. It is written only when a `config` command changes it; a cluster's own entries are added to what is
 * read whenever the file lacks them (a cluster created since).
 */
export interface ContextEntry {
  cluster?: string;
  user?: string;
  namespace?: string;
}

export interface Kubeconfig {
  apiVersion: 'v1';
  kind: 'Config';
  preferences: Record<string, never>;
  clusters: Array<{ name: string; cluster: { server: string } }>;
  users: Array<{ name: string; user: Record<string, never> }>;
  contexts: Array<{ name: string; context: ContextEntry }>;
  'current-context': string;
}

/** The address kubesim's embedded API server claims (`kubectl cluster-info` prints it too). */
export const SERVER = 'https://127.0.0.1:6443';
const PREFIX = 'kubesim-';

export const kubeconfigPath = (home: string) => join(home, 'kubeconfig');
/** The names of a kubesim cluster's entries: its cluster and context `kubesim-NAME`, its user `kubesim-NAME-admin`. */
export const contextOfCluster = (cluster: string) => `${PREFIX}${cluster}`;
export const adminOf = (cluster: string) => `${PREFIX}${cluster}-admin`;
/** The kubesim cluster a kubeconfig cluster entry stands for, if it is one (`kubesim-demo` → demo). */
const kubesimCluster = (entry: string | undefined) => (entry?.startsWith(PREFIX) && entry.length > PREFIX.length ? entry.slice(PREFIX.length) : undefined);

/** A kubeconfig file that cannot be read: every command refuses to guess. */
export class KubeconfigUnreadable extends UsageError {
  constructor(
    message: string,
    readonly path: string,
  ) {
    super(message);
  }
}

/** The file as written, or undefined if there is none (a home where `config` never changed anything). */
function readStored(home: string): Kubeconfig | undefined {
  const file = kubeconfigPath(home);
  if (!existsSync(file)) return undefined;
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<Kubeconfig>;
    if (!parsed || typeof parsed !== 'object') throw new Error('not a kubeconfig');
    for (const list of ['clusters', 'users', 'contexts'] as const) if (!Array.isArray(parsed[list] ?? [])) throw new Error(`${list} is not a list`);
    return { ...emptyConfig(), ...parsed } as Kubeconfig;
  } catch (e) {
    // client-go's words for a file it cannot load
    throw new KubeconfigUnreadable(`error loading config file "${file}": ${e instanceof Error ? e.message : String(e)}`, file);
  }
}

const emptyConfig = (): Kubeconfig => ({ apiVersion: 'v1', kind: 'Config', preferences: {}, clusters: [], users: [], contexts: [], 'current-context': '' });

/** The clusters saved under home, in name order. */
function clustersOnDisk(home: string): string[] {
  const dir = join(home, 'clusters');
  return existsSync(dir) ? readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort() : [];
}

/**
 * The kubeconfig as kubectl would load it: the file, plus the cluster, user and context of each kubesim cluster (those
 * under home and `current`, the one commands use by default) that the file lacks. Current context: the file's, or
 * `current`'s.
 */
export function loadKubeconfig(home: string, current: string): Kubeconfig {
  const config = readStored(home) ?? emptyConfig();
  for (const cluster of new Set([...clustersOnDisk(home), current])) {
    const name = contextOfCluster(cluster);
    if (!config.clusters.some((c) => c.name === name)) config.clusters.push({ name, cluster: { server: SERVER } });
    if (!config.users.some((u) => u.name === adminOf(cluster))) config.users.push({ name: adminOf(cluster), user: {} });
    if (!config.contexts.some((c) => c.name === name)) config.contexts.push({ name, context: { cluster: name, user: adminOf(cluster) } });
  }
  if (!config['current-context']) config['current-context'] = contextOfCluster(current);
  for (const list of [config.clusters, config.users, config.contexts]) list.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return config;
}

/** Writes the whole kubeconfig (a temporary file renamed over the old one: a crash leaves one or the other). */
export function saveKubeconfig(home: string, config: Kubeconfig): void {
  const file = kubeconfigPath(home);
  const tmp = `${file}.tmp-${process.pid}`;
  mkdirSync(home, { recursive: true });
  writeFileSync(tmp, `${JSON.stringify(config, null, 2)}\n`);
  renameSync(tmp, file);
}

export interface Selected {
  /** The kubesim cluster the command works on. */
  cluster: string;
  /** The namespace of a command without -n: its context's, else default. */
  namespace: string;
}

const ADMIN = /^kubesim-.+-admin$/;
const NO_SERVER = 'The connection to the server localhost:8080 was refused - did you specify the right host or port?';

/**
 * Which cluster and namespace a command uses. The cluster: --cluster, else --context's, else KUBESIM_CLUSTER, else the
 * current context's, else `kubesim`. The namespace: that of the context chosen (--context, or the current context if
 * it is the cluster's, or the cluster's own context). Reads nothing when there is no file and no --context.
 */
export function selectContext(home: string, flags: { cluster?: string; context?: string }, envCluster: string | undefined): Selected {
  if (flags.context === '') flags = { ...flags, context: undefined };
  const stored = flags.context !== undefined || existsSync(kubeconfigPath(home)) ? loadKubeconfig(home, flags.cluster ?? envCluster ?? 'kubesim') : undefined;
  const entry = (name: string) => stored?.contexts.find((c) => c.name === name)?.context;
  if (flags.context !== undefined && flags.cluster === undefined) {
    const context = entry(flags.context);
    if (!context) throw new UsageError(`Error in configuration: context was not found for specified context: ${flags.context}`, true);
    return fromContext(context);
  }
  const explicit = flags.cluster ?? envCluster;
  if (explicit !== undefined) return { cluster: explicit, namespace: entry(flags.context ?? contextOfCluster(explicit))?.namespace || 'default' };
  const current = stored && entry(stored['current-context']);
  return current ? fromContext(current) : { cluster: 'kubesim', namespace: 'default' };
}

/**
 * A context's cluster, if it names a kubesim cluster (elsewhere kubectl would find no server to talk to), with a
 * kubesim admin as its user (kubectl would have no credentials for another: --as acts as someone else).
 */
function fromContext(context: ContextEntry): Selected {
  const cluster = kubesimCluster(context.cluster);
  if (!cluster) throw new UsageError(NO_SERVER, true);
  if (!ADMIN.test(context.user ?? '')) {
    throw new UsageError(`kubesim's kubeconfig has no credentials for user "${context.user ?? ''}" (only kubesim-NAME-admin): to act as another user, --as USER`);
  }
  return { cluster, namespace: context.namespace || 'default' };
}
