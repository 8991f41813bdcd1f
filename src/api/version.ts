/** The Kubernetes version kubesim simulates: the API's schemas, the component images, what `version` reports. */
export const KUBERNETES_VERSION = 'v1.34.0';

/** The kustomize that kubectl 1.34 embeds (`kubectl version` names it). */
export const KUSTOMIZE_VERSION = 'v5.7.1';

/**
 * apimachinery's version.Info, in its struct's field order: what kube-apiserver answers on /version and what kubectl
 * reports of itself. kubesim is both, built by no Go toolchain from no Kubernetes commit: those fields say so
 * (empty, and `kubesim`) rather than borrow a real build's.
 */
export function versionInfo() {
  const [major, minor] = KUBERNETES_VERSION.slice(1).split('.');
  return { major, minor, gitVersion: KUBERNETES_VERSION, gitCommit: '', gitTreeState: 'clean', buildDate: '', goVersion: 'kubesim', compiler: 'gc', platform: 'linux/amd64' };
}
