import { RESOURCES, REVIEWS, apiVersionOf } from '../../../api/resources.js';
import { table } from '../../../printers/tabwriter.js';
import { KUBERNETES_VERSION } from '../../../api/version.js';
import { clientError, type CommandError } from '../../errors.js';
import { withHelp } from '../../parse-errors.js';
import type { Session } from '../../session.js';

/** `kubectl version`: the client, and the (simulated) server's version. */
export async function runVersion(session: Session): Promise<CommandError[]> {
  session.out(`Client Version: ${KUBERNETES_VERSION}\nKustomize Version: v5.7.1\nServer Version: ${KUBERNETES_VERSION}\n`);
  return [];
}

/** `kubectl api-resources`: what this API server serves. */
export async function runApiResources(session: Session): Promise<CommandError[]> {
  const rows = [...RESOURCES, ...REVIEWS]
    .sort((a, b) => a.group.localeCompare(b.group) || a.plural.localeCompare(b.plural))
    .map((r) => [r.plural, r.shortNames.join(','), apiVersionOf(r), String(r.namespaced), r.kind]);
  session.out(table([['NAME', 'SHORTNAMES', 'APIVERSION', 'NAMESPACED', 'KIND'], ...rows]));
  return [];
}

/** `kubectl api-versions`: the group/versions this API server serves, sorted as kubectl sorts them. */
export async function runApiVersions(session: Session, args: string[]): Promise<CommandError[]> {
  if (args.length) return [clientError(withHelp(`unexpected arguments: [${args.join(' ')}]`, 'api-versions'), 'usage', { detail: 'kubesim api-versions' })];
  const versions = [...new Set([...RESOURCES, ...REVIEWS].map(apiVersionOf))].sort();
  session.out(versions.map((v) => `${v}\n`).join(''));
  return [];
}

/** `kubectl cluster-info`. */
export async function runClusterInfo(session: Session): Promise<CommandError[]> {
  session.out(
    'Kubernetes control plane is running at https://127.0.0.1:6443\nCoreDNS is running at https://127.0.0.1:6443/api/v1/namespaces/kube-system/services/kube-dns:dns/proxy\n\nTo further debug and diagnose cluster problems, use \'kubectl cluster-info dump\'.\n',
  );
  return [];
}
