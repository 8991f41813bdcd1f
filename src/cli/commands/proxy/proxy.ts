import type { CommandError } from '../../errors.js';
import { clientError } from '../../errors.js';
import type { Session } from '../../session.js';

/** `kubesim proxy rules [--node NAME]`: what `iptables-save` shows on a node after kube-proxy's last sync. */
export async function runProxyRules(session: Session, args: string[], opts: { node?: string }): Promise<CommandError[]> {
  if (args[0] !== 'rules') return [clientError('usage: kubesim proxy rules [--node NAME]', 'usage', { detail: 'kubesim proxy rules' })];
  if (opts.node && !session.store.get(`/registry/minions/${opts.node}`)) return [clientError(`node "${opts.node}" not found`, 'NotFound')];
  session.out(session.cluster.iptablesSave());
  return [];
}
