import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Lang } from '../narrator/narrate.js';
import { selectContext } from './kubeconfig.js';
import { UsageError } from './usage-error.js';

export type NarrationMode = 'tty' | 'plain' | 'json' | 'off';

/** Everything a command needs from its surroundings, decided once at the edge (flags, environment, terminal). */
export interface Env {
  home: string;
  cluster: string;
  /** The namespace of a command without -n: the kubeconfig context's, else default. */
  namespace: string;
  /** --store / KUBESIM_STORE: where the cluster lives (etcd://HOST:PORT), instead of files under home. */
  store?: string;
  narration: NarrationMode;
  lang: Lang;
  /** --analogies / KUBESIM_ANALOGIES=1: the classroom analogy of each component joins the narration. */
  analogies: boolean;
  speed: number;
  /** Wall clock, or KUBESIM_NOW when pinned for reproducible transcripts. */
  now: number;
  /** KUBESIM_SEED, used when a cluster is created. */
  seed?: string;
  /** --as / --as-group: the user (and groups) the API server is asked to act as. */
  impersonate?: { user: string; groups: string[] };
  stdin: () => string;
  /** The process's environment variables, as kubectl reads some (an env file's `KEY` line without a value). */
  variables: NodeJS.ProcessEnv;
  /** A person at a terminal (stdin and stdout are TTYs), or KUBESIM_INTERACTIVE=1: prompts may be shown. */
  interactive: boolean;
}

export interface GlobalFlags {
  quiet?: boolean;
  narration?: string;
  lang?: string;
  analogies?: boolean;
  speed?: string;
  cluster?: string;
  context?: string;
  store?: string;
  as?: string;
  asGroup?: string[];
}

export { UsageError } from './usage-error.js';

function parseNow(value: string | undefined): number | undefined {
  if (!value) return undefined;
  const n = /^\d+$/.test(value) ? Number(value) : Date.parse(value);
  if (Number.isNaN(n)) throw new UsageError(`KUBESIM_NOW: invalid time "${value}" (use an RFC 3339 date or epoch milliseconds)`);
  return n;
}

function narrationMode(flags: GlobalFlags, vars: NodeJS.ProcessEnv, stderrIsTTY: boolean): NarrationMode {
  if (flags.quiet) return 'off';
  const asked = flags.narration ?? vars.KUBESIM_NARRATION ?? 'auto';
  if (asked === 'auto') return stderrIsTTY && !vars.CI ? 'tty' : 'plain';
  if (!['tty', 'plain', 'json', 'off'].includes(asked)) throw new UsageError(`invalid --narration "${asked}": use auto, tty, plain, json or off`);
  return asked as NarrationMode;
}

/**
 * Where the cluster lives: its name under KUBESIM_HOME (default ~/.kubesim), or an etcd (--store, KUBESIM_STORE); and
 * the namespace of commands without -n. The cluster and the namespace come from kubesim's kubeconfig (see
 * kubeconfig.ts) unless --cluster or KUBESIM_CLUSTER name the cluster.
 */
export function clusterLocation(
  flags: Pick<GlobalFlags, 'cluster' | 'context' | 'store'>,
  vars: NodeJS.ProcessEnv,
  { byContext = true } = {},
): Pick<Env, 'home' | 'cluster' | 'namespace' | 'store'> {
  const store = flags.store ?? vars.KUBESIM_STORE;
  const home = vars.KUBESIM_HOME || join(homedir(), '.kubesim');
  // `config` reads and changes the kubeconfig itself, whatever its current context names
  const selected = byContext ? selectContext(home, flags, vars.KUBESIM_CLUSTER) : { cluster: flags.cluster ?? vars.KUBESIM_CLUSTER ?? 'kubesim', namespace: 'default' };
  return { home, ...selected, ...(store && { store }) };
}

export function resolveEnv(flags: GlobalFlags, vars: NodeJS.ProcessEnv, io: { stderrIsTTY: boolean; stdin: () => string; interactive?: boolean }, { byContext = true } = {}): Env {
  // client-go refuses groups without a user to impersonate (the kubeconfig user's name is in the message)
  if (flags.asGroup?.length && flags.as === undefined) throw new UsageError('Error: requesting uid, groups or user-extra for kubernetes-admin without impersonating a user');
  const lang = (flags.lang ?? vars.KUBESIM_LANG ?? 'fr').slice(0, 2);
  if (lang !== 'fr' && lang !== 'en') throw new UsageError(`invalid --lang "${lang}": use fr or en`);
  const speed = Number(flags.speed ?? vars.KUBESIM_SPEED ?? 1);
  if (!Number.isFinite(speed) || speed < 0) throw new UsageError(`invalid --speed "${flags.speed}": use a number ≥ 0 (0 = instant)`);
  return {
    ...clusterLocation(flags, vars, { byContext }),
    narration: narrationMode(flags, vars, io.stderrIsTTY),
    lang,
    analogies: !!flags.analogies || vars.KUBESIM_ANALOGIES === '1',
    speed,
    now: parseNow(vars.KUBESIM_NOW) ?? Date.now(),
    seed: vars.KUBESIM_SEED,
    ...(flags.as !== undefined && { impersonate: { user: flags.as, groups: flags.asGroup ?? [] } }),
    stdin: io.stdin,
    variables: vars,
    interactive: !!io.interactive || vars.KUBESIM_INTERACTIVE === '1',
  };
}
