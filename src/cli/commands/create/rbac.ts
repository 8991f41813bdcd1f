import type { PolicyRule, Subject } from 'kubernetes-types/rbac/v1.js';
import type { KObject } from '../../../api/object.js';
import { resolveResource, type ResourceType } from '../../../api/resources.js';
import type { CommandError } from '../../errors.js';
import type { Session } from '../../session.js';
import { createFromFlags, generatedMetadata as metadata, nameOf, usage, type GeneratedOptions } from './generated.js';

const RBAC = 'rbac.authorization.k8s.io';
const VALID_RESOURCE_VERBS = ['*', 'get', 'delete', 'list', 'create', 'update', 'patch', 'watch', 'proxy', 'deletecollection', 'use', 'bind', 'escalate', 'impersonate'];
const VALID_NON_RESOURCE_VERBS = ['*', 'get', 'post', 'put', 'delete', 'patch', 'head', 'options'];
/** The verbs that only mean something on some resources (create_role.go's specialVerbs). */
const SPECIAL_VERBS: Record<string, string[]> = {
  use: ['policy/podsecuritypolicies', 'extensions/podsecuritypolicies'],
  bind: [`${RBAC}/roles`, `${RBAC}/clusterroles`],
  escalate: [`${RBAC}/roles`, `${RBAC}/clusterroles`],
  impersonate: ['/users', '/serviceaccounts', '/groups', 'authentication.k8s.io/userextras', 'authentication.k8s.io/uids'],
};

export interface RoleOptions extends GeneratedOptions {
  verbs: string[];
  resources: string[];
  resourceNames: string[];
  nonResourceUrls: string[];
}

export interface BindingOptions extends GeneratedOptions {
  role?: string;
  clusterRole?: string;
  users: string[];
  groups: string[];
  serviceAccounts: string[];
}

/** A StringSlice flag: each value may hold several, comma-separated. */
const sliced = (values: string[]) => values.flatMap((v) => v.split(',')).filter(Boolean);
const unique = <T>(values: T[]) => [...new Set(values)];

interface ResourceArg {
  resource: string;
  group: string;
  subresource?: string;
}

/** `deployments.apps/scale` as create role reads it: the resource, its group after the first dot, the subresource. */
function parseResource(text: string): ResourceArg {
  const [main, subresource] = text.split(/\/(.*)/s);
  const dot = main!.indexOf('.');
  return { resource: dot < 0 ? main! : main!.slice(0, dot), group: dot < 0 ? '' : main!.slice(dot + 1), ...(subresource !== undefined ? { subresource } : {}) };
}

/** The RESTMapper's answer for a resource as typed (a short name, a kind, a plural), or undefined if none is served. */
const mapped = (r: ResourceArg): ResourceType | undefined => resolveResource(r.group ? `${r.resource}.${r.group}` : r.resource);

/** The group and plural a rule names: the server's when it serves the resource, else as typed. */
function groupResource(r: ResourceArg): [group: string, plural: string] {
  const found = mapped(r);
  return found ? [found.group, found.plural] : [r.group, r.resource];
}

/** generateResourcePolicyRules: one rule per API group (in name order), its resources as the mapper names them. */
function rulesOf(verbs: string[], resources: ResourceArg[], resourceNames: string[], nonResourceUrls: string[]): PolicyRule[] {
  const byGroup = new Map<string, string[]>();
  for (const r of resources) {
    const [group, plural] = groupResource(r);
    const resource = r.subresource !== undefined ? `${plural}/${r.subresource}` : plural;
    const list = byGroup.get(group) ?? [];
    if (!list.includes(resource)) byGroup.set(group, [...list, resource]);
  }
  const rules: PolicyRule[] = [...byGroup.keys()].sort().map((group) => ({ apiGroups: [group], resources: byGroup.get(group)!, verbs, ...(resourceNames.length ? { resourceNames } : {}) }));
  if (nonResourceUrls.length) rules.push({ nonResourceURLs: nonResourceUrls, verbs });
  return rules;
}

/** validateResource: a resource the server does not serve, a special verb on the wrong resource. */
function resourceRefusal(resources: ResourceArg[], verbs: string[]): string | undefined {
  for (const r of resources) {
    if (!r.resource) return 'error: resource must be specified if apiGroup/subresource specified';
    if (r.resource === '*') return undefined;
    const [group, plural] = groupResource(r);
    for (const verb of verbs) {
      const allowed = SPECIAL_VERBS[verb];
      if (allowed && !allowed.includes(`${group}/${plural}`)) return `error: can not perform '${verb}' on '${plural}' in group '${group}'`;
    }
    if (!mapped(r)) return `the server doesn't have a resource type "${r.resource}"`;
  }
  return undefined;
}

/** nonResourceURL rules: their own verbs, and paths from / with a wildcard only at the end. */
function nonResourceRefusal(urls: string[], verbs: string[]): string | undefined {
  const verb = verbs.find((v) => !VALID_NON_RESOURCE_VERBS.includes(v));
  if (verb) return `invalid verb: '${verb}' for nonResourceURL`;
  for (const url of urls) {
    if (url === '*') continue;
    if (!url.startsWith('/')) return 'nonResourceURL should start with /';
    if (url.slice(0, -1).includes('*')) return "nonResourceURL only supports wildcard matches when '*' is at the end";
  }
  return undefined;
}

/**
 * `kubectl create role|clusterrole NAME --verb=… --resource=…[/sub] [--resource-name=…] [--non-resource-url=…]`:
 * verbs and resources without repeats (a `*` stands for all), one rule per API group. A verb kubectl does not know
 * is only warned about.
 */
export async function runCreateRole(session: Session, kind: 'Role' | 'ClusterRole', names: string[], o: RoleOptions): Promise<CommandError[]> {
  const command = kind.toLowerCase();
  const name = nameOf(names, command, o);
  if (typeof name !== 'string') return name;
  const given = unique(sliced(o.verbs));
  const verbs = given.includes('*') ? ['*'] : given;
  const typed = sliced(o.resources).map(parseResource);
  const all = typed.find((r) => r.resource === '*' && !r.group && r.subresource === undefined);
  const resources = all ? [all] : typed;
  const resourceNames = unique(o.resourceNames);
  const urls = kind === 'ClusterRole' ? unique(sliced(o.nonResourceUrls)) : [];
  if (!verbs.length) return usage('at least one verb must be specified', command);
  if (!resources.length && !urls.length) return usage(kind === 'Role' ? 'at least one resource must be specified' : 'one of resource or nonResourceURL must be specified', command);
  if (resources.length) {
    for (const verb of verbs) if (!VALID_RESOURCE_VERBS.includes(verb)) session.renderer.stderr(`Warning: '${verb}' is not a standard resource verb\n`);
    const refused = resourceRefusal(resources, verbs);
    // the mapper's error goes out as kubectl's CheckErr words a NoResourceMatchError: without "error: "
    if (refused) return [{ kubectl: refused, code: refused.startsWith('the server') ? 'unknown-resource' : 'usage', args: { resource: resources[0]!.resource, detail: '--resource' } }];
  }
  const refusedUrl = urls.length ? nonResourceRefusal(urls, verbs) : undefined;
  if (refusedUrl) return usage(refusedUrl, command);
  const role = { apiVersion: `${RBAC}/v1`, kind, metadata: metadata(name, o, kind === 'Role'), rules: rulesOf(verbs, resources, resourceNames, urls) };
  return createFromFlags(session, role as unknown as KObject, o);
}

/**
 * `kubectl create rolebinding|clusterrolebinding NAME --role=…|--clusterrole=… --user=… --group=…
 * --serviceaccount=NAMESPACE:NAME`: the subjects in that order, users, groups, then service accounts.
 */
export async function runCreateBinding(session: Session, kind: 'RoleBinding' | 'ClusterRoleBinding', names: string[], o: BindingOptions): Promise<CommandError[]> {
  const command = kind.toLowerCase();
  const name = nameOf(names, command, o);
  if (typeof name !== 'string') return name;
  if (kind === 'ClusterRoleBinding' && !o.clusterRole) return usage('required flag(s) "clusterrole" not set', command);
  if (!o.role === !o.clusterRole) return usage('exactly one of clusterrole or role must be specified', command);
  const subjects: Subject[] = [...o.users.map((user) => ({ apiGroup: RBAC, kind: 'User', name: user })), ...o.groups.map((group) => ({ apiGroup: RBAC, kind: 'Group', name: group }))];
  for (const account of o.serviceAccounts) {
    const [namespace, sa, ...more] = account.split(':');
    if (!namespace || !sa || more.length) return usage('serviceaccount must be <namespace>:<name>', command);
    subjects.push({ kind: 'ServiceAccount', name: sa, namespace });
  }
  const roleRef = { apiGroup: RBAC, kind: o.role ? 'Role' : 'ClusterRole', name: o.role ?? o.clusterRole! };
  const binding = { apiVersion: `${RBAC}/v1`, kind, metadata: metadata(name, o, kind === 'RoleBinding'), roleRef, ...(subjects.length ? { subjects } : {}) };
  return createFromFlags(session, binding as unknown as KObject, o);
}

/** `kubectl create serviceaccount NAME` (or `sa`). */
export async function runCreateServiceAccount(session: Session, names: string[], o: GeneratedOptions): Promise<CommandError[]> {
  const name = nameOf(names, 'serviceaccount', o);
  if (typeof name !== 'string') return name;
  return createFromFlags(session, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: metadata(name, o, true) } as unknown as KObject, o);
}
