import type { Node, Pod } from 'kubernetes-types/core/v1.js';
import { clusterView, type Paint } from '../../../printers/view/cluster-view.js';
import type { CommandError } from '../../errors.js';
import type { Session } from '../../session.js';

/** chalk's colours when stdout is a terminal that shows them, plain text otherwise (pipes, tests, transcripts). */
async function paint(): Promise<Paint> {
  const { default: chalk } = await import('chalk');
  return { ok: chalk.green, warn: chalk.yellow, bad: chalk.red, dim: chalk.dim, bold: chalk.bold };
}

/** `kubesim cluster view`: the nodes as boxes, their requested CPU and memory as bars, and the pods on each. */
export async function runClusterView(session: Session): Promise<CommandError[]> {
  const nodes = session.store.list('/registry/minions/') as unknown as Node[];
  const pods = session.store.list('/registry/pods/') as unknown as Pod[];
  session.out(clusterView(nodes, pods, (await session.messages()).view, await paint()));
  return [];
}
