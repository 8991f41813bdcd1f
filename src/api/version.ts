/** The Kubernetes version kubesim simulates: the API's schemas, the component images, what `version` reports. */
export const KUBERNETES_VERSION = 'v1.34.0';
