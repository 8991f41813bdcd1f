import { clientError, type CommandError } from '../../errors.js';
import type { Session } from '../../session.js';

export interface EtcdctlOptions {
  prefix: boolean;
  keysOnly: boolean;
}

/**
 * `etcdctl get KEY [--prefix] [--keys-only]`, to look inside the store: keys as kube-apiserver writes them.
 * Real etcd holds protobuf for built-in kinds; kubesim keeps JSON, readable in class.
 */
export async function runEtcdctl(session: Session, args: string[], opts: EtcdctlOptions): Promise<CommandError[]> {
  const [verb, key] = args;
  if (verb !== 'get' || !key) return [clientError('usage: kubesim etcdctl get KEY [--prefix] [--keys-only]', 'usage', { detail: 'etcdctl get /registry --prefix --keys-only' })];
  const store = session.store;
  const keys = opts.prefix ? store.keys(key) : store.get(key) ? [key] : [];
  for (const k of keys) {
    session.out(`${k}\n`);
    if (!opts.keysOnly) session.out(`${JSON.stringify(store.get(k)!.value)}\n`);
    else session.out('\n');
  }
  return [];
}
