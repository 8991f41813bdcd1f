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

/** pkg/registry/rbac: cluster-wide bindings first, then the bindings of the request's namespace. */
export function authorize(store: Store, user: UserInfo, a: Attributes): Decision {
  const rolesOf = (kind: string, name: string, namespace?: string): PolicyRule[] => {
    const key = kind === 'ClusterRole' ? `/registry/clusterroles/${name}` : `/registry/roles/${namespace}/${name}`;
    return ((store.get(key)?.value as unknown as ClusterRole | undefined)?.rules ?? []) as PolicyRule[];
  };
  for (const obj of store.list('/registry/clusterrolebindings/')) {
    const b = obj as unknown as ClusterRoleBinding;
    if (!(b.subjects ?? []).some((s) => subjectMatches(s, user))) continue;
    if (rolesOf('ClusterRole', b.roleRef.name).some((r) => ruleAllows(r, a))) {
      return { allowed: true, via: `ClusterRoleBinding/${b.metadata?.name} → ClusterRole/${b.roleRef.name}` };
    }
  }
  if (!a.namespace) return { allowed: false };
  for (const obj of store.list(`/registry/rolebindings/${a.namespace}/`)) {
    const b = obj as unknown as RoleBinding;
    if (!(b.subjects ?? []).some((s) => subjectMatches(s, user, a.namespace))) continue;
    if (rolesOf(b.roleRef.kind, b.roleRef.name, a.namespace).some((r) => ruleAllows(r, a))) {
      return { allowed: true, via: `RoleBinding/${b.metadata?.name} → ${b.roleRef.kind}/${b.roleRef.name}` };
    }
  }
  return { allowed: false };
}

/** The Forbidden message kube-apiserver writes (responsewriters/errors.go). */
export function forbiddenMessage(user: UserInfo, a: Attributes, qualified: string): string {
  const resource = a.subresource ? `${a.resource}/${a.subresource}` : a.resource;
  const subject = a.name ? `${qualified} "${a.name}"` : qualified;
  const scope = a.namespace ? `in the namespace "${a.namespace}"` : 'at the cluster scope';
  return `${subject} is forbidden: User "${user.name}" cannot ${a.verb} resource "${resource}" in API group "${a.group}" ${scope}`;
}
