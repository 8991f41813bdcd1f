/** Who is calling. kubesim's clients authenticate the way a kubeadm cluster's do. */
export interface UserInfo {
  name: string;
  groups: string[];
  /** How the API server recognised the user (narrated in step 2). */
  method: string;
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

/** `--as NAME`: impersonation of another user (issue #6 widens this to groups and service accounts). */
export function userNamed(name: string): UserInfo {
  return name === ADMIN.name ? ADMIN : { name, groups: ['system:authenticated'], method: 'x509' };
}
