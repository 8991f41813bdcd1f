import { RESOURCES, REVIEWS, apiVersionOf, qualifiedResource } from '../../../api/resources.js';
import { table } from '../../../printers/tabwriter.js';
import { KUSTOMIZE_VERSION, versionInfo } from '../../../api/version.js';
import { goJson, toYaml } from '../../../printers/output.js';
import { clientError, type CommandError } from '../../errors.js';
import { withHelp } from '../../parse-errors.js';
import type { Session } from '../../session.js';

/**
 * `kubectl version`: the client's version and its kustomize's, then (without --client) the server's; or all of it as
 * YAML or JSON. kubesim is a client of the same version as the cluster it simulates: no version skew to warn about.
 * With --client it asks no server: `out` is then the terminal's, without a session.
 */
export async function runVersion(out: (text: string) => void, args: string[], o: { client: boolean; output?: string }): Promise<CommandError[]> {
  if (args.length) return [clientError(`extra arguments: [${args.join(' ')}]`, 'usage', { detail: 'kubesim version --client' })];
  if (o.output && o.output !== 'yaml' && o.output !== 'json') return [clientError("--output must be 'yaml' or 'json'", 'usage', { detail: 'kubesim version -o yaml' })];
  const info = versionInfo();
  const versions = { clientVersion: info, kustomizeVersion: KUSTOMIZE_VERSION, ...(o.client ? {} : { serverVersion: info }) };
  // kubectl prints the marshalled document with Println: a blank line after the YAML's own last newline
  if (o.output === 'json') out(`${goJson(versions, 2)}\n`);
  else if (o.output === 'yaml') out(`${await toYaml(versions)}\n`);
  else out(`Client Version: ${info.gitVersion}\nKustomize Version: ${KUSTOMIZE_VERSION}\n${o.client ? '' : `Server Version: ${info.gitVersion}\n`}`);
  return [];
}

export interface ApiResourcesOptions {
  output?: string;
  noHeaders: boolean;
  /** --api-group, when given (an empty one is the core group). */
  apiGroup?: string;
  /** --namespaced, when given. */
  namespaced?: boolean;
  verbs: string[];
  categories: string[];
  sortBy?: string;
}

/**
 * `kubectl api-resources`: what this API server serves, filtered as kubectl filters discovery (a resource must have
 * every verb and category asked), by group unless sorted by name or kind; `-o name` gives `plural.group`.
 */
export async function runApiResources(session: Session, o: ApiResourcesOptions): Promise<CommandError[]> {
  if (o.output && o.output !== 'wide' && o.output !== 'name') return [clientError(`--output ${o.output} is not available`, 'usage', { detail: 'kubesim api-resources -o wide' })];
  if (o.sortBy && o.sortBy !== 'name' && o.sortBy !== 'kind') return [clientError('--sort-by accepts only name or kind', 'usage', { detail: 'kubesim api-resources --sort-by=kind' })];
  const { SERVED, categoriesOf } = await import('../../../apiserver/discovery.js');
  const kept = SERVED.filter(
    ({ r, verbs }) =>
      (o.apiGroup === undefined || r.group === o.apiGroup) &&
      (o.namespaced === undefined || r.namespaced === o.namespaced) &&
      o.verbs.every((v) => verbs.includes(v)) &&
      o.categories.every((c) => categoriesOf(r).includes(c)),
  );
  const key = ({ r }: (typeof kept)[number]) => (o.sortBy === 'name' ? r.plural : o.sortBy === 'kind' ? r.kind : `${r.group}\u0000${r.plural}`);
  const sorted = kept.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  if (o.output === 'name') {
    session.out(sorted.map(({ r }) => `${qualifiedResource(r)}\n`).join(''));
    return [];
  }
  const wide = o.output === 'wide';
  const header = ['NAME', 'SHORTNAMES', 'APIVERSION', 'NAMESPACED', 'KIND', ...(wide ? ['VERBS', 'CATEGORIES'] : [])];
  const rows = sorted.map(({ r, verbs }) => [r.plural, r.shortNames.join(','), apiVersionOf(r), String(r.namespaced), r.kind, ...(wide ? [verbs.join(','), categoriesOf(r).join(',')] : [])]);
  session.out(table(o.noHeaders ? rows : [header, ...rows]));
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
