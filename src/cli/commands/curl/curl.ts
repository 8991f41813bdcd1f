import type { HttpResult } from '../../../node/network/http.js';
import type { CommandError } from '../../errors.js';
import type { Session } from '../../session.js';

/** curl's own messages and exit codes for what went wrong. */
export function curlFailure(r: HttpResult): CommandError | undefined {
  const fail = (exitCode: number, text: string, detail: string): CommandError => ({ kubectl: text, code: 'network', args: { detail }, exitCode });
  switch (r.outcome) {
    case 'ok':
      return undefined;
    case 'bad-url':
      return fail(3, `curl: (3) URL rejected: Malformed input to a URL function`, 'URL invalide');
    case 'nxdomain':
      return fail(6, `curl: (6) Could not resolve host: ${r.host}`, `le nom ${r.host} est inconnu du DNS du cluster`);
    case 'empty':
      return fail(52, 'curl: (52) Empty reply from server', `${r.pod} ne parle pas HTTP`);
    case 'timeout':
      return fail(28, `curl: (28) Failed to connect to ${r.host} port ${r.port} after 3000 ms: Timeout was reached`, `aucune machine ne répond en ${r.ip ?? r.host}`);
    default:
      return fail(7, `curl: (7) Failed to connect to ${r.host} port ${r.port} after 0 ms: Couldn't connect to server`, r.outcome === 'no-endpoints' ? 'aucun pod prêt derrière ce Service' : 'rien n\'écoute à cette adresse');
  }
}

type NodeView = { metadata: { name: string; labels?: Record<string, string> }; status?: { conditions?: Array<{ type: string; status: string }> } };

/** The first worker that is Ready (a request from a failed node would tell nothing about the Service). */
function defaultNode(session: Session): string {
  const workers = (session.store.list('/registry/minions/') as unknown as NodeView[])
    .filter((n) => !('node-role.kubernetes.io/control-plane' in (n.metadata.labels ?? {})))
    .sort((a, b) => a.metadata.name.localeCompare(b.metadata.name));
  const ready = workers.find((n) => n.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'));
  return (ready ?? workers[0])?.metadata.name ?? '';
}

/**
 * `kubesim curl URL`: a request from a node of the cluster (a debug pod's view: cluster DNS works), routed by
 * kube-proxy's rules to one pod. The answer's body goes to stdout, as curl prints it.
 */
export async function runCurl(session: Session, args: string[], opts: { node?: string }): Promise<CommandError[]> {
  const url = args[0];
  if (!url) return [{ kubectl: 'curl: no URL specified!', code: 'usage', args: { detail: 'kubesim curl http://gestion-employes/employes' }, exitCode: 2 }];
  const nodeName = opts.node ?? defaultNode(session);
  const node = session.store.get(`/registry/minions/${nodeName}`)?.value as { status?: { addresses?: Array<{ type: string; address: string }> } } | undefined;
  const sourceIP = node?.status?.addresses?.find((a) => a.type === 'InternalIP')?.address;
  if (!sourceIP) return [{ kubectl: `error: node "${nodeName}" not found`, code: 'NotFound', args: {} }];
  const r = session.cluster.httpGet(url, { namespace: 'default', sourceIP, from: nodeName });
  const failure = curlFailure(r);
  if (failure) return [failure];
  session.out(r.body ?? '');
  return [];
}
