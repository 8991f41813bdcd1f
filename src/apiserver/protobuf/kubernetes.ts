import type { ResourceType } from '../../api/resources.js';

/**
 * What the protobuf descriptors do not say and the JSON form of an object needs: Kubernetes' Go types decide it
 * (k8s.io/api's types.go, apimachinery's custom marshalers), and the API server reads protobuf into those Go types.
 */

/** A kind's message: k8s.io/api keeps group foo.example.io's types in package foo, the core group's in core. */
export function messageOf(resource: ResourceType): string {
  return `${resource.group ? resource.group.split('.')[0] : 'core'}.${resource.version}.${resource.kind}`;
}

/**
 * What clients send that is not a stored object, by `apiVersion kind`: the options of a DELETE (kubectl drain; a kind
 * of every group version, from meta/v1, hence no apiVersion) and the reviews `kubectl auth` asks for.
 */
export const REQUEST_KINDS: Record<string, string> = {
  DeleteOptions: 'meta.v1.DeleteOptions',
  'authorization.k8s.io/v1 SelfSubjectAccessReview': 'authorization.v1.SelfSubjectAccessReview',
  'authorization.k8s.io/v1 SelfSubjectRulesReview': 'authorization.v1.SelfSubjectRulesReview',
  'authentication.k8s.io/v1 SelfSubjectReview': 'authentication.v1.SelfSubjectReview',
};

/**
 * Messages that are one JSON value, not an object (apimachinery's own Marshal/UnmarshalJSON): Time is an RFC 3339
 * string, Quantity a string, IntOrString a number or a string, FieldsV1 the JSON it carries.
 */
export const SCALAR_MESSAGES = ['meta.v1.Time', 'meta.v1.MicroTime', 'api.resource.Quantity', 'util.intstr.IntOrString', 'meta.v1.FieldsV1'];

/** Go fields embedded with `json:",inline"`: a message of their own in protobuf, their fields one level up in JSON. */
export const INLINE_FIELDS = ['core.v1.Volume.volumeSource', 'core.v1.PersistentVolumeSpec.persistentVolumeSource', 'core.v1.EphemeralContainer.ephemeralContainerCommon'];

/**
 * Go's protobuf code writes every non-pointer scalar, zero or not, and a zero there means "not set" (the JSON form
 * omits it). A pointer field is written only when set, and then its zero means something: 0 replicas, run as root
 * (uid 0), no token automount, the empty storage class. These pointer fields keep their zero.
 */
export const KEEP_ZERO = [
  'apps.v1.DeploymentSpec.replicas',
  'apps.v1.DeploymentSpec.revisionHistoryLimit',
  'apps.v1.DeploymentSpec.progressDeadlineSeconds',
  'apps.v1.ReplicaSetSpec.replicas',
  'core.v1.PodSpec.terminationGracePeriodSeconds',
  'core.v1.PodSpec.activeDeadlineSeconds',
  'core.v1.PodSpec.automountServiceAccountToken',
  'core.v1.PodSpec.shareProcessNamespace',
  'core.v1.PodSpec.priority',
  'core.v1.PodSpec.enableServiceLinks',
  'core.v1.PodSpec.hostUsers',
  'core.v1.PodSpec.setHostnameAsFQDN',
  'core.v1.PodSecurityContext.runAsUser',
  'core.v1.PodSecurityContext.runAsGroup',
  'core.v1.PodSecurityContext.runAsNonRoot',
  'core.v1.PodSecurityContext.fsGroup',
  'core.v1.SecurityContext.runAsUser',
  'core.v1.SecurityContext.runAsGroup',
  'core.v1.SecurityContext.runAsNonRoot',
  'core.v1.SecurityContext.privileged',
  'core.v1.SecurityContext.readOnlyRootFilesystem',
  'core.v1.SecurityContext.allowPrivilegeEscalation',
  'core.v1.Probe.terminationGracePeriodSeconds',
  'core.v1.Toleration.tolerationSeconds',
  'core.v1.ServiceAccount.automountServiceAccountToken',
  'core.v1.ConfigMap.immutable',
  'core.v1.Secret.immutable',
  'core.v1.ConfigMapVolumeSource.defaultMode',
  'core.v1.ConfigMapVolumeSource.optional',
  'core.v1.SecretVolumeSource.defaultMode',
  'core.v1.SecretVolumeSource.optional',
  'core.v1.KeyToPath.mode',
  'core.v1.ConfigMapKeySelector.optional',
  'core.v1.SecretKeySelector.optional',
  'core.v1.ConfigMapEnvSource.optional',
  'core.v1.SecretEnvSource.optional',
  'core.v1.ServiceSpec.allocateLoadBalancerNodePorts',
  'core.v1.ClientIPConfig.timeoutSeconds',
  'core.v1.PersistentVolumeClaimSpec.storageClassName',
  'core.v1.TopologySpreadConstraint.minDomains',
  'storage.v1.StorageClass.allowVolumeExpansion',
  'discovery.v1.EndpointConditions.ready',
  'discovery.v1.EndpointConditions.serving',
  'discovery.v1.EndpointConditions.terminating',
  'discovery.v1.EndpointPort.port',
  'meta.v1.DeleteOptions.gracePeriodSeconds',
  'meta.v1.DeleteOptions.orphanDependents',
];
