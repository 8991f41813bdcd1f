import { RESOURCES, REVIEWS, apiVersionOf } from '../../../api/resources.js';
import { table } from '../../../printers/tabwriter.js';
import { KUSTOMIZE_VERSION, versionInfo } from '../../../api/version.js';
import { goJson, toYaml } from '../../../printers/output.js';
import { clientError, type CommandError } from '../../errors.js';
import { withHelp } from '../../parse-errors.js';
import type { Session } from '../../session.js';

/**
 * `kubectl version`: the client's version and its kustomize's, then (without --client) the server's; or all of it as
 * YAML or JSON. kubesim is a client of the same version as the cluster it simulates: no version skew to warn about.
 */
export async function runVersion(session: Session, args: string[], o: { client: boolean; output?: string }): Promise<CommandError[]> {
  if (args.length) return [clientError(`extra arguments: [${args.join(' ')}]`, 'usage', { detail: 'kubesim version --client' })];
  if (o.output && o.output !== 'yaml' && o.output !== 'json') return [clientError("--output must be 'yaml' or 'json'", 'usage', { detail: 'kubesim version -o yaml' })];
  const info = versionInfo();
  const versions = { clientVersion: info, kustomizeVersion: KUSTOMIZE_VERSION, ...(o.client ? {} : { serverVersion: info }) };
  // kubectl prints the marshalled document with Println: a blank line after the YAML's own last newline
  if (o.output === 'json') session.out(`${goJson(versions, 2)}\n`);
  else if (o.output === 'yaml') session.out(`${await toYaml(versions)}\n`);
  else session.out(`Client Version: ${info.gitVersion}\nKustomize Version: ${KUSTOMIZE_VERSION}\n${o.client ? '' : `Server Version: ${info.gitVersion}\n`}`);
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
