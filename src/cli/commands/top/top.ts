import { clientError, type CommandError } from '../../errors.js';

/**
 * `kubectl top pod|node`: CPU and memory use come from metrics-server, through the metrics.k8s.io API. kubesim does
 * not simulate it, so it answers as a cluster without it answers (a new kind cluster, until metrics-server is
 * installed): after checking the flags, before looking anything up.
 */
export async function runTop(o: { sortBy?: string }): Promise<CommandError[]> {
  if (o.sortBy !== undefined && o.sortBy !== 'cpu' && o.sortBy !== 'memory') return [clientError('error: --sort-by accepts only cpu or memory', 'usage', { detail: 'kubesim top pods --sort-by=memory' })];
  return [clientError('error: Metrics API not available', 'metrics')];
}
