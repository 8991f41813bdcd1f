import type { KObject } from '../../api/object.js';
import type { Client } from '../../client/client.js';
import type { World } from '../../sim/world.js';
import type { Reconciler, Result } from '../runtime.js';

const ROOT_CA = '-----BEGIN CERTIFICATE-----\nMIIDBTCCAe2gAwIBAgIIa3ViZXNpbS1jYTANBgkqhkiG9w0BAQsFADAVMRMwEQYD\n-----END CERTIFICATE-----\n';
const CA_DESCRIPTION =
  'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.';

/**
 * The serviceaccount-controller and root-ca-cert-publisher: every active namespace gets a `default`
 * ServiceAccount (pods need one) and the `kube-root-ca.crt` ConfigMap (mounted in every pod's token volume).
 */
export class ServiceAccountController implements Reconciler {
  readonly name = 'serviceaccount';

  constructor(
    private readonly w: World,
    private readonly client: Client,
  ) {}

  reconcile(namespace: string): Result {
    const ns = this.w.store.get(`/registry/namespaces/${namespace}`)?.value;
    if (!ns || ns.metadata.deletionTimestamp) return {};
    if (!this.w.store.get(`/registry/serviceaccounts/${namespace}/default`)) {
      this.client.create({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace } } as KObject);
    }
    if (!this.w.store.get(`/registry/configmaps/${namespace}/kube-root-ca.crt`)) {
      this.client.create({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'kube-root-ca.crt', namespace, annotations: { 'kubernetes.io/description': CA_DESCRIPTION } },
        data: { 'ca.crt': ROOT_CA },
      } as unknown as KObject);
    }
    return {};
  }
}
