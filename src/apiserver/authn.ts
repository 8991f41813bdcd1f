/** Who is calling. kubesim's clients authenticate the way a kubeadm cluster's do. */
export interface UserInfo {
  name: string;
  groups: string[];
  /** How the API server recognised the user (narrated in step 2). */
  method: string;
  /** The user who authenticated and asked to act as this one (kubectl --as). */
  impersonatedBy?: string;
}

/** The kubeconfig user of a kubeadm/kind cluster: a client certificate in the kubeadm:cluster-admins group. */
export const ADMIN: UserInfo = {
  name: 'kubernetes-admin',
  groups: ['kubeadm:cluster-admins', 'system:authenticated'],
  method: 'x509',
};

export const SCHEDULER: UserInfo = { name: 'system:kube-scheduler', groups: ['system:authenticated'], method: 'x509' };
export const CONTROLLER_MANAGER: UserInfo = { name: 'system:kube-controller-manager', groups: ['system:authenticated'], method: 'x509' };
export const KUBE_PROXY: UserInfo = { name: 'system:kube-proxy', groups: ['system:authenticated'], method: 'x509' };

export function nodeUser(node: string): UserInfo {
  return { name: `system:node:${node}`, groups: ['system:nodes', 'system:authenticated'], method: 'x509' };
}

/**
 * `--as NAME [--as-group G...]`: the impersonation filter (apiserver/pkg/endpoints/filters/impersonation.go). The
 * request is served as NAME with exactly the groups asked; a service account name without groups gets its fixed
 * ones (system:serviceaccounts and system:serviceaccounts:NAMESPACE); everyone is system:authenticated.
 */
export function impersonate(by: UserInfo, name: string, groups: string[]): UserInfo {
  const sa = /^system:serviceaccount:([^:]+):([^:]+)$/.exec(name);
  const as = groups.length ? [...groups] : sa ? ['system:serviceaccounts', `system:serviceaccounts:${sa[1]}`] : [];
  if (!as.includes('system:authenticated')) as.push('system:authenticated');
  return { name, groups: as, method: by.method, impersonatedBy: by.name };
}
