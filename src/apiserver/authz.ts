import type { ClusterRole, ClusterRoleBinding, PolicyRule, RoleBinding, Subject } from 'kubernetes-types/rbac/v1.js';
import type { Store } from '../store/store.js';
import type { UserInfo } from './authn.js';

/** What is being asked, as the RBAC authorizer sees it (authorizer.Attributes). */
export interface Attributes {
  verb: string;
  group: string;
  resource: string;
  subresource?: string;
  namespace?: string;
  name?: string;
}

export type Decision = { allowed: true; via: string } | { allowed: false };

function subjectMatches(s: Subject, user: UserInfo, bindingNamespace?: string): boolean {
  if (s.kind === 'User') return s.name === user.name;
  if (s.kind === 'Group') return user.groups.includes(s.name);
  if (s.kind === 'ServiceAccount') return user.name === `system:serviceaccount:${s.namespace ?? bindingNamespace}:${s.name}`;
  return false;
}

const has = (list: string[] | undefined, value: string) => !!list && (list.includes('*') || list.includes(value));

function ruleAllows(rule: PolicyRule, a: Attributes): boolean {
  const resource = a.subresource ? `${a.resource}/${a.subresource}` : a.resource;
  return (
    has(rule.verbs, a.verb) &&
    has(rule.apiGroups, a.group) &&
    (has(rule.resources, resource) || (!!a.subresource && (rule.resources ?? []).includes(`*/${a.subresource}`))) &&
    (!rule.resourceNames?.length || (!!a.name && rule.resourceNames.includes(a.name)))
  );
}

/**
 * A binding that names the user, with the rules of the role it grants, and the decision a request it allows gets (made
 * once: a big apply's millions of control-plane requests each built the same sentence).
 */
interface Grant {
  allows: Decision;
  rules: PolicyRule[];
}

const allowedVia = (binding: string, role: string): Decision => ({ allowed: true, via: `${binding} → ${role}` });

/** pkg/registry/rbac: cluster-wide bindings first, then the bindings of the namespace (none for a cluster-wide ask). */
function* findGrants(store: Store, user: UserInfo, namespace?: string): Generator<Grant> {
  const rulesOf = (kind: string, name: string, ns?: string): PolicyRule[] => {
    const key = kind === 'ClusterRole' ? `/registry/clusterroles/${name}` : `/registry/roles/${ns}/${name}`;
    return ((store.get(key)?.value as unknown as ClusterRole | undefined)?.rules ?? []) as PolicyRule[];
  };
  for (const obj of store.list('/registry/clusterrolebindings/')) {
    const b = obj as unknown as ClusterRoleBinding;
    if ((b.subjects ?? []).some((s) => subjectMatches(s, user))) {
      yield { allows: allowedVia(`ClusterRoleBinding/${b.metadata?.name}`, `ClusterRole/${b.roleRef.name}`), rules: rulesOf('ClusterRole', b.roleRef.name) };
    }
  }
  if (!namespace) return;
  for (const obj of store.list(`/registry/rolebindings/${namespace}/`)) {
    const b = obj as unknown as RoleBinding;
    if ((b.subjects ?? []).some((s) => subjectMatches(s, user, namespace))) {
      yield { allows: allowedVia(`RoleBinding/${b.metadata?.name}`, `${b.roleRef.kind}/${b.roleRef.name}`), rules: rulesOf(b.roleRef.kind, b.roleRef.name, namespace) };
    }
  }
}

const RBAC_BUCKETS = ['/registry/clusterrolebindings/', '/registry/clusterroles/', '/registry/rolebindings/', '/registry/roles/'];

/**
 * Each user's grants by namespace, kept while no RBAC object changes (kube-apiserver's authorizer reads them from its
 * informers' caches the same way): every request of a big rollout asks again, and the answer rarely changes.
 * Keyed by the UserInfo itself: a component keeps one for all its requests.
 */
interface GrantCache {
  /** The revision of the last RBAC write when the cache was filled. */
  stamp: number;
  byUser: WeakMap<UserInfo, Map<string, Grant[]>>;
}
const grantCaches = new WeakMap<Store, GrantCache>();

function grantsOf(store: Store, user: UserInfo, namespace?: string): Grant[] {
  let stamp = 0;
  for (const bucket of RBAC_BUCKETS) stamp = Math.max(stamp, store.lastWriteUnder(bucket));
  let cache = grantCaches.get(store);
  if (cache?.stamp !== stamp) grantCaches.set(store, (cache = { stamp, byUser: new WeakMap() }));
  let byNamespace = cache.byUser.get(user);
  if (!byNamespace) cache.byUser.set(user, (byNamespace = new Map()));
  let grants = byNamespace.get(namespace ?? '');
  if (!grants) byNamespace.set(namespace ?? '', (grants = [...findGrants(store, user, namespace)]));
  return grants;
}

export function authorize(store: Store, user: UserInfo, a: Attributes): Decision {
  for (const grant of grantsOf(store, user, a.namespace)) {
    if (grant.rules.some((r) => ruleAllows(r, a))) return grant.allows;
  }
  return { allowed: false };
}

/**
 * A request to a path that is not a resource (/healthz, /version, /api): only ClusterRoles grant those, by
 * nonResourceURLs, where a trailing * matches any rest of the path.
 */
export function authorizeNonResource(store: Store, user: UserInfo, verb: string, path: string): Decision {
  const pathMatches = (url: string) => url === path || (url.endsWith('*') && path.startsWith(url.slice(0, -1)));
  for (const grant of grantsOf(store, user)) {
    if (grant.rules.some((r) => has(r.verbs, verb) && (r.nonResourceURLs ?? []).some(pathMatches))) return grant.allows;
  }
  return { allowed: false };
}

/** Every rule granted to the user in a namespace (SelfSubjectRulesReview: `kubectl auth can-i --list`). */
export function rulesOf(store: Store, user: UserInfo, namespace: string): PolicyRule[] {
  return grantsOf(store, user, namespace).flatMap((g) => g.rules);
}

/** The Forbidden message kube-apiserver writes (responsewriters/errors.go). */
export function forbiddenMessage(user: UserInfo, a: Attributes, qualified: string): string {
  const resource = a.subresource ? `${a.resource}/${a.subresource}` : a.resource;
  const subject = a.name ? `${qualified} "${a.name}"` : qualified;
  const scope = a.namespace ? `in the namespace "${a.namespace}"` : 'at the cluster scope';
  return `${subject} is forbidden: User "${user.name}" cannot ${a.verb} resource "${resource}" in API group "${a.group}" ${scope}`;
}
