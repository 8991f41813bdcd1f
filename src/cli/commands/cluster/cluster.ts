import { clientError, type CommandError } from '../../errors.js';
import type { Session } from '../../session.js';

export interface ClusterCreateOptions {
  nodes?: string;
  cpu?: string;
  memory?: string;
}

/** Checks `cluster create` flags before any cluster is touched. */
export function clusterSpecFrom(opts: ClusterCreateOptions): { workers?: number; cpu?: string; memory?: string } | CommandError {
  const workers = opts.nodes === undefined ? undefined : Number(opts.nodes);
  if (workers !== undefined && (!Number.isInteger(workers) || workers < 1 || workers > 5000)) {
    return clientError(`invalid --nodes "${opts.nodes}": a whole number of worker nodes from 1 to 5000`, 'usage', { detail: `--nodes ${opts.nodes}` });
  }
  if (opts.cpu !== undefined && !/^\d+(m)?$/.test(opts.cpu)) return clientError(`invalid --cpu "${opts.cpu}"`, 'usage', { detail: `--cpu ${opts.cpu}` });
  if (opts.memory !== undefined && !/^\d+(Ki|Mi|Gi|Ti)?$/.test(opts.memory)) return clientError(`invalid --memory "${opts.memory}"`, 'usage', { detail: `--memory ${opts.memory}` });
  return { ...(workers ? { workers } : {}), ...(opts.cpu ? { cpu: opts.cpu } : {}), ...(opts.memory ? { memory: opts.memory } : {}) };
}

/** The summary `cluster create` and `cluster reset` print on stdout. */
export async function runClusterCreated(session: Session): Promise<CommandError[]> {
  const nodes = session.cluster.world.store.list('/registry/minions/');
  session.out(`cluster/${session.cluster.name} created (${nodes.length} nodes)\n`);
  return [];
}
