import type { Container, PodSpec, PodTemplateSpec, ServicePort } from 'kubernetes-types/core/v1.js';
import type { KObject } from '../api/object.js';

/**
 * Scheme defaulting (pkg/apis/{core,apps,batch}/v1/defaults.go): the values the API server fills in before validation.
 * Each function returns the list of fields it set, so the narration can show what "par défaut" means.
 */
type Obj = Record<string, any>;

function setDefault(target: Obj, field: string, value: unknown, changes: string[], path: string): void {
  if (target[field] === undefined || target[field] === null) {
    target[field] = value;
    changes.push(`${path}${field}=${typeof value === 'object' ? JSON.stringify(value) : value}`);
  }
}

/** `Always` for `:latest` or untagged images, `IfNotPresent` otherwise (digests included). */
export function defaultPullPolicy(image: string | undefined): string {
  if (!image) return 'IfNotPresent';
  if (image.includes('@')) return 'IfNotPresent';
  const lastSegment = image.slice(image.lastIndexOf('/') + 1);
  const tag = lastSegment.includes(':') ? lastSegment.slice(lastSegment.lastIndexOf(':') + 1) : '';
  return tag === '' || tag === 'latest' ? 'Always' : 'IfNotPresent';
}

function defaultContainer(c: Container, changes: string[], path: string): void {
  const o = c as Obj;
  setDefault(o, 'imagePullPolicy', defaultPullPolicy(c.image), changes, path);
  setDefault(o, 'terminationMessagePath', '/dev/termination-log', [], path);
  setDefault(o, 'terminationMessagePolicy', 'File', [], path);
  setDefault(o, 'resources', {}, [], path);
  for (const p of c.ports ?? []) setDefault(p as Obj, 'protocol', 'TCP', [], path);
  for (const probe of [c.livenessProbe, c.readinessProbe, c.startupProbe]) {
    if (!probe) continue;
    const p = probe as Obj;
    for (const [k, v] of [['timeoutSeconds', 1], ['periodSeconds', 10], ['successThreshold', 1], ['failureThreshold', 3]] as const) {
      setDefault(p, k, v, [], path);
    }
    if (p.httpGet) setDefault(p.httpGet as Obj, 'scheme', 'HTTP', [], path);
  }
}

export function defaultPodSpec(spec: PodSpec | undefined, changes: string[], path = 'spec.'): void {
  if (!spec) return;
  const s = spec as Obj;
  setDefault(s, 'restartPolicy', 'Always', changes, path);
  setDefault(s, 'terminationGracePeriodSeconds', 30, changes, path);
  setDefault(s, 'dnsPolicy', 'ClusterFirst', changes, path);
  setDefault(s, 'schedulerName', 'default-scheduler', changes, path);
  setDefault(s, 'securityContext', {}, [], path);
  for (const c of [...(spec.initContainers ?? []), ...(spec.containers ?? [])]) {
    if (c && typeof c === 'object') defaultContainer(c, changes, `${path}containers[${c.name}].`);
  }
}

/** A workload's pod template, at `path` (a CronJob's is inside its Job template). */
function defaultTemplate(t: PodTemplateSpec | undefined, changes: string[], path = 'spec.template.'): void {
  if (!t) return;
  t.metadata ??= {};
  defaultPodSpec(t.spec, changes, `${path}spec.`);
}

function defaultServicePort(p: ServicePort): void {
  const o = p as Obj;
  o.protocol ??= 'TCP';
  o.targetPort ??= p.port;
}

const BY_KIND: Record<string, (o: Obj, changes: string[]) => void> = {
  Pod(o, changes) {
    defaultPodSpec(o.spec, changes);
    // SetDefaults_Pod and the Priority admission plugin: pods only, not the templates of workloads
    setDefault(o.spec, 'enableServiceLinks', true, [], 'spec.');
    setDefault(o.spec, 'preemptionPolicy', 'PreemptLowerPriority', [], 'spec.');
    setDefault(o.spec, 'priority', 0, [], 'spec.');
  },
  Deployment(o, changes) {
    const s = (o.spec ??= {});
    setDefault(s, 'replicas', 1, changes, 'spec.');
    setDefault(s, 'strategy', {}, [], 'spec.');
    setDefault(s.strategy, 'type', 'RollingUpdate', changes, 'spec.strategy.');
    if (s.strategy.type === 'RollingUpdate') {
      setDefault(s.strategy, 'rollingUpdate', {}, [], '');
      setDefault(s.strategy.rollingUpdate, 'maxUnavailable', '25%', changes, 'spec.strategy.rollingUpdate.');
      setDefault(s.strategy.rollingUpdate, 'maxSurge', '25%', changes, 'spec.strategy.rollingUpdate.');
    }
    setDefault(s, 'revisionHistoryLimit', 10, changes, 'spec.');
    setDefault(s, 'progressDeadlineSeconds', 600, changes, 'spec.');
    defaultTemplate(s.template, changes);
  },
  ReplicaSet(o, changes) {
    const s = (o.spec ??= {});
    setDefault(s, 'replicas', 1, changes, 'spec.');
    defaultTemplate(s.template, changes);
  },
  Job(o, changes) {
    const s = (o.spec ??= {});
    // a Job that says neither runs one pod once; one that sets parallelism alone has no completion count
    if (s.completions == null && s.parallelism == null) setDefault(s, 'completions', 1, changes, 'spec.');
    setDefault(s, 'parallelism', 1, changes, 'spec.');
    setDefault(s, 'backoffLimit', s.backoffLimitPerIndex == null ? 6 : 2 ** 31 - 1, changes, 'spec.');
    setDefault(s, 'completionMode', 'NonIndexed', changes, 'spec.');
    setDefault(s, 'suspend', false, [], 'spec.');
    setDefault(s, 'podReplacementPolicy', s.podFailurePolicy == null ? 'TerminatingOrFailed' : 'Failed', [], 'spec.');
    setDefault(s, 'manualSelector', false, [], 'spec.');
    defaultTemplate(s.template, changes);
  },
  CronJob(o, changes) {
    const s = (o.spec ??= {});
    setDefault(s, 'concurrencyPolicy', 'Allow', changes, 'spec.');
    setDefault(s, 'suspend', false, [], 'spec.');
    setDefault(s, 'successfulJobsHistoryLimit', 3, changes, 'spec.');
    setDefault(s, 'failedJobsHistoryLimit', 1, changes, 'spec.');
    // the Job's own defaults come when the controller creates it; its pod template's, now
    s.jobTemplate ??= {};
    s.jobTemplate.spec ??= {};
    defaultTemplate(s.jobTemplate.spec.template, changes, 'spec.jobTemplate.spec.template.');
  },
  Service(o, changes) {
    const s = (o.spec ??= {});
    setDefault(s, 'type', 'ClusterIP', changes, 'spec.');
    setDefault(s, 'sessionAffinity', 'None', changes, 'spec.');
    if (s.type !== 'ExternalName') {
      setDefault(s, 'ipFamilies', ['IPv4'], [], 'spec.');
      setDefault(s, 'ipFamilyPolicy', 'SingleStack', [], 'spec.');
      setDefault(s, 'internalTrafficPolicy', 'Cluster', [], 'spec.');
    }
    if (s.type === 'NodePort' || s.type === 'LoadBalancer') setDefault(s, 'externalTrafficPolicy', 'Cluster', [], 'spec.');
    for (const p of s.ports ?? []) if (p && typeof p === 'object') defaultServicePort(p);
  },
  PersistentVolumeClaim(o, changes) {
    setDefault((o.spec ??= {}), 'volumeMode', 'Filesystem', changes, 'spec.');
  },
  PersistentVolume(o, changes) {
    const s = (o.spec ??= {});
    setDefault(s, 'persistentVolumeReclaimPolicy', 'Retain', changes, 'spec.');
    setDefault(s, 'volumeMode', 'Filesystem', changes, 'spec.');
  },
  StorageClass(o, changes) {
    setDefault(o, 'reclaimPolicy', 'Delete', changes, '');
    setDefault(o, 'volumeBindingMode', 'Immediate', changes, '');
  },
  Secret(o, changes) {
    setDefault(o, 'type', 'Opaque', changes, '');
  },
  Namespace(o) {
    o.spec ??= {};
    o.spec.finalizers ??= ['kubernetes'];
    o.metadata.labels = { ...(o.metadata.labels ?? {}), 'kubernetes.io/metadata.name': o.metadata.name };
  },
};

/** Applies the defaults of the object's kind in place; returns the notable fields that were set. */
export function applyDefaults(obj: KObject): string[] {
  const changes: string[] = [];
  BY_KIND[obj.kind]?.(obj as Obj, changes);
  return changes;
}
