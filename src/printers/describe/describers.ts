import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1.js';
import type { CronJob, CronJobSpec, JobSpec } from 'kubernetes-types/batch/v1.js';
import { asJob } from '../../api/jobs.js';
import type { Endpoints, Event, Namespace, Node, Pod, PodTemplateSpec, Service } from 'kubernetes-types/core/v1.js';
import { formatLabelSelector } from '../../api/labels.js';
import type { KObject } from '../../api/object.js';
import { controllerOf } from '../../api/object.js';
import { bytes, formatBytes, formatMilliCpu, milliCpu } from '../../api/quantity.js';
import { age, humanDuration } from '../duration.js';
import { describeContainers, describeVolumes } from './containers.js';
import { describeConfigMap, describeSecret } from './config.js';
import { describeRole, describeRoleBinding, describeServiceAccount } from './rbac.js';
import { describePersistentVolume, describePersistentVolumeClaim, describeStorageClass } from './storage.js';
import { rfc1123z } from '../../sim/clock.js';
import { DescribeWriter } from './writer.js';
import { nodeLease } from '../../api/node-lease.js';

/** What a describer may read besides its object (the CLI passes the store in; printers never touch it). */
export interface DescribeContext {
  now: number;
  events: Event[];
  list(prefix: string): KObject[];
}

function describePodTemplate(w: DescribeWriter, t: PodTemplateSpec | undefined): void {
  w.write(0, 'Pod Template:');
  w.labels('  Labels', t?.metadata?.labels);
  if (t?.metadata?.annotations && Object.keys(t.metadata.annotations).length) w.annotations('  Annotations', t.metadata.annotations);
  if (t?.spec?.serviceAccountName) w.write(1, `Service Account:\t${t.spec.serviceAccountName}`);
  if (t?.spec?.initContainers?.length) describeContainers(w, 'Init Containers', t.spec.initContainers, undefined, '  ');
  describeContainers(w, 'Containers', t?.spec?.containers ?? [], undefined, '  ');
  describeVolumes(w, t?.spec?.volumes, '  ');
  w.labels('  Node-Selectors', t?.spec?.nodeSelector);
  w.tolerations('  Tolerations', t?.spec?.tolerations);
}

/** printTemplate of `rollout history --revision`: DescribePodTemplate through a PrefixWriter alone, tabs left as they are. */
export function podTemplateText(t: PodTemplateSpec | undefined): string {
  const w = new DescribeWriter();
  describePodTemplate(w, t);
  return w.untabbed();
}

function describePod(o: KObject, ctx: DescribeContext): string {
  const pod = o as unknown as Pod;
  const w = new DescribeWriter();
  const spec = pod.spec ?? { containers: [] };
  const status = pod.status ?? {};
  w.write(0, `Name:\t${o.metadata.name}`);
  w.write(0, `Namespace:\t${o.metadata.namespace}`);
  if (spec.priority !== undefined) w.write(0, `Priority:\t${spec.priority}`);
  if (spec.priorityClassName) w.write(0, `Priority Class Name:\t${spec.priorityClassName}`);
  w.write(0, `Service Account:\t${spec.serviceAccountName ?? ''}`);
  w.write(0, `Node:\t${spec.nodeName ? `${spec.nodeName}/${status.hostIP ?? ''}` : '<none>'}`);
  if (status.startTime) w.write(0, `Start Time:\t${rfc1123z(status.startTime)}`);
  w.labels('Labels', o.metadata.labels);
  w.annotations('Annotations', o.metadata.annotations);
  if (o.metadata.deletionTimestamp) {
    w.write(0, `Status:\tTerminating (lasts ${age(o.metadata.deletionTimestamp, ctx.now)})`);
    w.write(0, `Termination Grace Period:\t${o.metadata.deletionGracePeriodSeconds ?? 30}s`);
  } else w.write(0, `Status:\t${status.phase ?? 'Pending'}`);
  if (status.reason) w.write(0, `Reason:\t${status.reason}`);
  if (status.message) w.write(0, `Message:\t${status.message}`);
  w.write(0, `IP:\t${status.podIP ?? ''}`);
  if (!status.podIPs?.length) w.write(0, 'IPs:\t<none>');
  else {
    w.write(0, 'IPs:');
    for (const ip of status.podIPs) w.write(1, `IP:\t${ip.ip}`);
  }
  const owner = controllerOf(pod);
  if (owner) w.write(0, `Controlled By:\t${owner.kind}/${owner.name}`);
  if (spec.initContainers?.length) describeContainers(w, 'Init Containers', spec.initContainers, status.initContainerStatuses, '');
  describeContainers(w, 'Containers', spec.containers, status.containerStatuses ?? [], '');
  if (status.conditions?.length) {
    w.write(0, 'Conditions:');
    w.write(1, 'Type\tStatus');
    for (const c of status.conditions) w.write(1, `${c.type} \t${c.status} `);
  }
  describeVolumes(w, spec.volumes, '');
  w.write(0, `QoS Class:\t${status.qosClass ?? ''}`);
  w.labels('Node-Selectors', spec.nodeSelector);
  w.tolerations('Tolerations', spec.tolerations);
  w.events(ctx.events, ctx.now);
  return w.toString();
}

function replicaSetsSummary(list: KObject[]): string {
  if (!list.length) return '<none>';
  return list.map((rs) => `${rs.metadata.name} (${(rs as unknown as ReplicaSet).status?.replicas ?? 0}/${(rs as unknown as ReplicaSet).spec?.replicas ?? 0} replicas created)`).join(', ');
}

function describeDeployment(o: KObject, ctx: DescribeContext): string {
  const d = o as unknown as Deployment;
  const spec = d.spec!;
  const s = d.status ?? {};
  const w = new DescribeWriter();
  w.write(0, `Name:\t${o.metadata.name}`);
  w.write(0, `Namespace:\t${o.metadata.namespace}`);
  w.write(0, `CreationTimestamp:\t${rfc1123z(o.metadata.creationTimestamp)}`);
  w.labels('Labels', o.metadata.labels);
  w.annotations('Annotations', o.metadata.annotations);
  w.write(0, `Selector:\t${formatLabelSelector(spec.selector)}`);
  w.write(0, `Replicas:\t${spec.replicas ?? 1} desired | ${s.updatedReplicas ?? 0} updated | ${s.replicas ?? 0} total | ${s.availableReplicas ?? 0} available | ${s.unavailableReplicas ?? 0} unavailable`);
  w.write(0, `StrategyType:\t${spec.strategy?.type ?? 'RollingUpdate'}`);
  w.write(0, `MinReadySeconds:\t${spec.minReadySeconds ?? 0}`);
  const ru = spec.strategy?.rollingUpdate;
  if (ru) w.write(0, `RollingUpdateStrategy:\t${ru.maxUnavailable} max unavailable, ${ru.maxSurge} max surge`);
  describePodTemplate(w, spec.template);
  if (s.conditions?.length) {
    w.write(0, 'Conditions:');
    w.write(1, 'Type\tStatus\tReason');
    w.write(1, '----\t------\t------');
    for (const c of s.conditions) w.write(1, `${c.type} \t${c.status}\t${c.reason}`);
  }
  const owned = ctx.list(`/registry/replicasets/${o.metadata.namespace}/`).filter((rs) => controllerOf(rs)?.uid === o.metadata.uid);
  const revision = o.metadata.annotations?.['deployment.kubernetes.io/revision'];
  const newRS = owned.filter((rs) => rs.metadata.annotations?.['deployment.kubernetes.io/revision'] === revision);
  const oldRS = owned.filter((rs) => !newRS.includes(rs) && ((rs as unknown as ReplicaSet).spec?.replicas ?? 0) > 0);
  w.write(0, `OldReplicaSets:\t${replicaSetsSummary(oldRS)}`);
  w.write(0, `NewReplicaSet:\t${replicaSetsSummary(newRS)}`);
  w.events(ctx.events, ctx.now);
  return w.toString();
}

function describeReplicaSet(o: KObject, ctx: DescribeContext): string {
  const rs = o as unknown as ReplicaSet;
  const w = new DescribeWriter();
  const pods = ctx.list(`/registry/pods/${o.metadata.namespace}/`).filter((p) => controllerOf(p)?.uid === o.metadata.uid) as unknown as Pod[];
  const count = (phase: string) => pods.filter((p) => p.status?.phase === phase).length;
  w.write(0, `Name:\t${o.metadata.name}`);
  w.write(0, `Namespace:\t${o.metadata.namespace}`);
  w.write(0, `Selector:\t${formatLabelSelector(rs.spec?.selector)}`);
  w.labels('Labels', o.metadata.labels);
  w.annotations('Annotations', o.metadata.annotations);
  const owner = controllerOf(rs);
  if (owner) w.write(0, `Controlled By:\t${owner.kind}/${owner.name}`);
  w.write(0, `Replicas:\t${rs.status?.replicas ?? 0} current / ${rs.spec?.replicas ?? 0} desired`);
  w.write(0, `Pods Status:\t${count('Running')} Running / ${count('Pending')} Waiting / ${count('Succeeded')} Succeeded / ${count('Failed')} Failed`);
  describePodTemplate(w, rs.spec?.template);
  w.events(ctx.events, ctx.now);
  return w.toString();
}

/** capIndexesListOrNone: a long list of indexes cut at the first comma past `softLimit` characters, with `...`. */
function capIndexes(indexes: string, softLimit: number): string {
  if (!indexes) return '<none>';
  const comma = indexes.indexOf(',', softLimit);
  return comma < 0 ? indexes : `${indexes.slice(0, comma + 1)}...`;
}

/** describeJob: the Job's counts and times, then its pod template. */
function describeJob(o: KObject, ctx: DescribeContext): string {
  const job = asJob(o);
  const spec: Partial<JobSpec> = job.spec ?? {};
  const status = job.status ?? {};
  const w = new DescribeWriter();
  w.write(0, `Name:\t${o.metadata.name}`);
  w.write(0, `Namespace:\t${o.metadata.namespace}`);
  w.write(0, `Selector:\t${formatLabelSelector(spec.selector)}`);
  w.labels('Labels', o.metadata.labels);
  w.annotations('Annotations', o.metadata.annotations);
  const owner = controllerOf(o);
  if (owner) w.write(0, `Controlled By:\t${owner.kind}/${owner.name}`);
  if (spec.parallelism != null) w.write(0, `Parallelism:\t${spec.parallelism}`);
  w.write(0, `Completions:\t${spec.completions ?? '<unset>'}`);
  if (spec.completionMode != null) w.write(0, `Completion Mode:\t${spec.completionMode}`);
  if (spec.suspend != null) w.write(0, `Suspend:\t${spec.suspend}`);
  if (spec.backoffLimit != null) w.write(0, `Backoff Limit:\t${spec.backoffLimit}`);
  if (spec.ttlSecondsAfterFinished != null) w.write(0, `TTL Seconds After Finished:\t${spec.ttlSecondsAfterFinished}`);
  if (status.startTime) w.write(0, `Start Time:\t${rfc1123z(status.startTime)}`);
  if (status.completionTime) w.write(0, `Completed At:\t${rfc1123z(status.completionTime)}`);
  if (status.startTime && status.completionTime) w.write(0, `Duration:\t${humanDuration(Date.parse(status.completionTime) - Date.parse(status.startTime))}`);
  if (spec.activeDeadlineSeconds != null) w.write(0, `Active Deadline Seconds:\t${spec.activeDeadlineSeconds}s`);
  const ready = status.ready == null ? '' : ` (${status.ready} Ready)`;
  w.write(0, `Pods Statuses:\t${status.active ?? 0} Active${ready} / ${status.succeeded ?? 0} Succeeded / ${status.failed ?? 0} Failed`);
  if (spec.completionMode === 'Indexed') w.write(0, `Completed Indexes:\t${capIndexes(status.completedIndexes ?? '', 50)}`);
  describePodTemplate(w, spec.template);
  w.events(ctx.events, ctx.now);
  return w.toString();
}

/** describeCronJob: its schedule and policies, its Job template, when it last ran and which Jobs run. */
function describeCronJob(o: KObject, ctx: DescribeContext): string {
  const cj = o as unknown as CronJob;
  const spec: Partial<CronJobSpec> = cj.spec ?? {};
  const job: Partial<JobSpec> = spec.jobTemplate?.spec ?? {};
  const unset = (v: number | undefined | null, unit = '') => (v == null ? '<unset>' : `${v}${unit}`);
  const w = new DescribeWriter();
  w.write(0, `Name:\t${o.metadata.name}`);
  w.write(0, `Namespace:\t${o.metadata.namespace}`);
  w.labels('Labels', o.metadata.labels);
  w.annotations('Annotations', o.metadata.annotations);
  w.write(0, `Schedule:\t${spec.schedule ?? ''}`);
  w.write(0, `Concurrency Policy:\t${spec.concurrencyPolicy ?? ''}`);
  w.write(0, `Suspend:\t${spec.suspend == null ? '<unset>' : spec.suspend ? 'True' : 'False'}`);
  w.write(0, `Successful Job History Limit:\t${unset(spec.successfulJobsHistoryLimit)}`);
  w.write(0, `Failed Job History Limit:\t${unset(spec.failedJobsHistoryLimit)}`);
  w.write(0, `Starting Deadline Seconds:\t${unset(spec.startingDeadlineSeconds, 's')}`);
  w.write(0, `Selector:\t${job.selector ? formatLabelSelector(job.selector) : '<unset>'}`);
  w.write(0, `Parallelism:\t${unset(job.parallelism)}`);
  w.write(0, `Completions:\t${unset(job.completions)}`);
  if (job.activeDeadlineSeconds != null) w.write(0, `Active Deadline Seconds:\t${job.activeDeadlineSeconds}s`);
  describePodTemplate(w, job.template);
  w.write(0, `Last Schedule Time:\t${rfc1123z(cj.status?.lastScheduleTime)}`);
  w.write(0, `Active Jobs:\t${cj.status?.active?.length ? cj.status.active.map((r) => r.name).join(', ') : '<none>'}`);
  w.events(ctx.events, ctx.now);
  return w.toString();
}

function endpointsFor(ep: Endpoints | undefined, portName: string): string {
  const items: string[] = [];
  for (const s of ep?.subsets ?? []) {
    const port = (s.ports ?? []).find((p) => (p.name ?? '') === portName);
    for (const a of s.addresses ?? []) items.push(port ? `${a.ip}:${port.port}` : a.ip);
  }
  if (!items.length) return '';
  return items.length > 3 ? `${items.slice(0, 3).join(',')} + ${items.length - 3} more...` : items.join(',');
}

function describeService(o: KObject, ctx: DescribeContext): string {
  const svc = o as unknown as Service;
  const spec = svc.spec ?? {};
  const w = new DescribeWriter();
  const ep = ctx.list(`/registry/services/endpoints/${o.metadata.namespace}/`).find((e) => e.metadata.name === o.metadata.name) as unknown as Endpoints | undefined;
  w.write(0, `Name:\t${o.metadata.name}`);
  w.write(0, `Namespace:\t${o.metadata.namespace}`);
  w.labels('Labels', o.metadata.labels);
  w.annotations('Annotations', o.metadata.annotations);
  const sel = spec.selector ?? {};
  w.write(0, `Selector:\t${Object.keys(sel).sort().map((k) => `${k}=${sel[k]}`).join(',')}`);
  w.write(0, `Type:\t${spec.type ?? 'ClusterIP'}`);
  if (spec.ipFamilyPolicy) w.write(0, `IP Family Policy:\t${spec.ipFamilyPolicy}`);
  w.write(0, `IP Families:\t${spec.ipFamilies?.length ? spec.ipFamilies.join(',') : '<none>'}`);
  w.write(0, `IP:\t${spec.clusterIP ?? ''}`);
  w.write(0, `IPs:\t${spec.clusterIPs?.length ? spec.clusterIPs.join(',') : '<none>'}`);
  if (spec.externalIPs?.length) w.write(0, `External IPs:\t${spec.externalIPs.join(',')}`);
  if (spec.externalName) w.write(0, `External Name:\t${spec.externalName}`);
  const ingress = svc.status?.loadBalancer?.ingress ?? [];
  if (ingress.length) w.write(0, `LoadBalancer Ingress:\t${ingress.map((i) => i.ip ?? i.hostname).join(', ')}`);
  for (const p of spec.ports ?? []) {
    const name = p.name || '<unset>';
    w.write(0, `Port:\t${name}\t${p.port}/${p.protocol ?? 'TCP'}`);
    w.write(0, `TargetPort:\t${p.targetPort ?? p.port}/${p.protocol ?? 'TCP'}`);
    if (p.nodePort) w.write(0, `NodePort:\t${name}\t${p.nodePort}/${p.protocol ?? 'TCP'}`);
    w.write(0, `Endpoints:\t${endpointsFor(ep, p.name ?? '')}`);
  }
  w.write(0, `Session Affinity:\t${spec.sessionAffinity ?? 'None'}`);
  if (spec.externalTrafficPolicy) w.write(0, `External Traffic Policy:\t${spec.externalTrafficPolicy}`);
  if (spec.internalTrafficPolicy) w.write(0, `Internal Traffic Policy:\t${spec.internalTrafficPolicy}`);
  w.events(ctx.events, ctx.now);
  return w.toString();
}

const pct = (part: number, whole: number) => (whole ? Math.floor((part / whole) * 100) : 0);

function describeNodeResources(w: DescribeWriter, node: Node, ctx: DescribeContext): void {
  const pods = (ctx.list('/registry/pods/') as unknown as Pod[]).filter(
    (p) => p.spec?.nodeName === node.metadata?.name && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed',
  );
  const alloc = node.status?.allocatable ?? node.status?.capacity ?? {};
  const cpuAlloc = milliCpu(alloc.cpu);
  const memAlloc = bytes(alloc.memory);
  const sum = (p: Pod, kind: 'requests' | 'limits', res: 'cpu' | 'memory') =>
    (p.spec?.containers ?? []).reduce((n, c) => n + (res === 'cpu' ? milliCpu(c.resources?.[kind]?.cpu) : bytes(c.resources?.[kind]?.memory)), 0);
  const cpu = (m: number) => `${formatMilliCpu(m)} (${pct(m, cpuAlloc)}%)`;
  const mem = (b: number) => `${formatBytes(b)} (${pct(b, memAlloc)}%)`;
  w.write(0, `Non-terminated Pods:\t(${pods.length} in total)`);
  w.write(1, 'Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge');
  w.write(1, '---------\t----\t\t------------\t----------\t---------------\t-------------\t---');
  for (const p of pods) {
    w.write(1, `${p.metadata?.namespace}\t${p.metadata?.name}\t\t${cpu(sum(p, 'requests', 'cpu'))}\t${cpu(sum(p, 'limits', 'cpu'))}\t${mem(sum(p, 'requests', 'memory'))}\t${mem(sum(p, 'limits', 'memory'))}\t${age(p.metadata?.creationTimestamp, ctx.now)}`);
  }
  const total = (kind: 'requests' | 'limits', res: 'cpu' | 'memory') => pods.reduce((n, p) => n + sum(p, kind, res), 0);
  w.write(0, 'Allocated resources:');
  w.write(0, '  (Total limits may be over 100 percent, i.e., overcommitted.)');
  w.write(1, 'Resource\tRequests\tLimits');
  w.write(1, '--------\t--------\t------');
  w.write(1, `cpu\t${cpu(total('requests', 'cpu'))}\t${cpu(total('limits', 'cpu'))}`);
  w.write(1, `memory\t${mem(total('requests', 'memory'))}\t${mem(total('limits', 'memory'))}`);
  w.write(1, 'ephemeral-storage\t0 (0%)\t0 (0%)');
  w.write(1, 'hugepages-1Gi\t0 (0%)\t0 (0%)');
  w.write(1, 'hugepages-2Mi\t0 (0%)\t0 (0%)');
}

function describeNode(o: KObject, ctx: DescribeContext): string {
  const node = o as unknown as Node;
  const w = new DescribeWriter();
  const labels = o.metadata.labels ?? {};
  const roles = Object.keys(labels).filter((k) => k.startsWith('node-role.kubernetes.io/')).map((k) => k.slice(24)).sort();
  w.write(0, `Name:\t${o.metadata.name}`);
  w.write(0, `Roles:\t${roles.length ? roles.join(',') : '<none>'}`);
  w.labels('Labels', labels);
  w.annotations('Annotations', o.metadata.annotations);
  w.write(0, `CreationTimestamp:\t${rfc1123z(o.metadata.creationTimestamp)}`);
  w.multiline('Taints', (node.spec?.taints ?? []).map((t) => `${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}`));
  w.write(0, `Unschedulable:\t${!!node.spec?.unschedulable}`);
  const lease = nodeLease(o, ctx.now).spec as { holderIdentity: string; renewTime: string };
  w.write(0, 'Lease:');
  w.write(1, `HolderIdentity:\t${lease.holderIdentity}`);
  w.write(1, 'AcquireTime:\t<unset>');
  w.write(1, `RenewTime:\t${rfc1123z(lease.renewTime)}`);
  const conditions = node.status?.conditions ?? [];
  if (conditions.length) {
    w.write(0, 'Conditions:');
    w.write(1, 'Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage');
    w.write(1, '----\t------\t-----------------\t------------------\t------\t-------');
    for (const c of conditions) {
      w.write(1, `${c.type} \t${c.status} \t${rfc1123z(c.lastHeartbeatTime ?? o.metadata.creationTimestamp)} \t${rfc1123z(c.lastTransitionTime ?? o.metadata.creationTimestamp)} \t${c.reason} \t${c.message}`);
    }
  }
  w.write(0, 'Addresses:');
  for (const a of node.status?.addresses ?? []) w.write(1, `${a.type}:\t${a.address}`);
  for (const [title, list] of [['Capacity', node.status?.capacity], ['Allocatable', node.status?.allocatable]] as const) {
    if (!list) continue;
    w.write(0, `${title}:`);
    for (const k of Object.keys(list).sort()) w.write(0, `  ${k}:\t${list[k]}`);
  }
  const info = node.status?.nodeInfo;
  w.write(0, 'System Info:');
  const rows: Array<[string, string | undefined]> = [
    ['Machine ID', info?.machineID],
    ['System UUID', info?.systemUUID],
    ['Boot ID', info?.bootID],
    ['Kernel Version', info?.kernelVersion],
    ['OS Image', info?.osImage],
    ['Operating System', info?.operatingSystem],
    ['Architecture', info?.architecture],
    ['Container Runtime Version', info?.containerRuntimeVersion],
    ['Kubelet Version', info?.kubeletVersion],
    ['Kube-Proxy Version', info?.kubeProxyVersion],
  ];
  for (const [k, v] of rows) w.write(0, `  ${k}:\t${v ?? ''}`);
  if (node.spec?.podCIDR) w.write(0, `PodCIDR:\t${node.spec.podCIDR}`);
  if (node.spec?.podCIDRs?.length) w.write(0, `PodCIDRs:\t${node.spec.podCIDRs.join(',')}`);
  if (node.spec?.providerID) w.write(0, `ProviderID:\t${node.spec.providerID}`);
  describeNodeResources(w, node, ctx);
  w.events(ctx.events, ctx.now);
  return w.toString();
}

/** describeEndpoints: each subset's ready and not-ready addresses and its ports, a blank line after each. */
function describeEndpoints(o: KObject, ctx: DescribeContext): string {
  const ep = o as unknown as Endpoints;
  const w = new DescribeWriter();
  w.identity(o);
  w.write(0, 'Subsets:');
  const ips = (addresses: Array<{ ip: string }> | undefined) => (addresses ?? []).map((a) => a.ip).join(',') || '<none>';
  for (const subset of ep.subsets ?? []) {
    w.write(1, `Addresses:\t${ips(subset.addresses)}`);
    w.write(1, `NotReadyAddresses:\t${ips(subset.notReadyAddresses)}`);
    if (subset.ports?.length) {
      w.write(1, 'Ports:');
      w.write(2, 'Name\tPort\tProtocol');
      w.write(2, '----\t----\t--------');
      for (const port of subset.ports) w.write(2, `${port.name || '<unset>'}\t${port.port}\t${port.protocol ?? ''}`);
    }
    w.write(0, '');
  }
  w.events(ctx.events, ctx.now);
  return w.toString();
}

function describeNamespace(o: KObject): string {
  const w = new DescribeWriter();
  w.write(0, `Name:\t${o.metadata.name}`);
  w.labels('Labels', o.metadata.labels);
  w.annotations('Annotations', o.metadata.annotations);
  w.write(0, `Status:\t${(o as unknown as Namespace).status?.phase ?? 'Active'}`);
  w.write(0, '');
  w.write(0, 'No resource quota.');
  w.write(0, '');
  w.write(0, 'No LimitRange resource.');
  return w.toString();
}

/** Kinds without a dedicated describer: identity, labels, annotations and events. */
function describeGeneric(o: KObject, ctx: DescribeContext): string {
  const w = new DescribeWriter();
  w.identity(o);
  w.events(ctx.events, ctx.now);
  return w.toString();
}

const DESCRIBERS: Record<string, (o: KObject, ctx: DescribeContext) => string> = {
  Pod: describePod,
  Deployment: describeDeployment,
  ReplicaSet: describeReplicaSet,
  Job: describeJob,
  CronJob: describeCronJob,
  Service: describeService,
  Endpoints: describeEndpoints,
  Node: describeNode,
  Namespace: describeNamespace,
  PersistentVolumeClaim: describePersistentVolumeClaim,
  PersistentVolume: describePersistentVolume,
  StorageClass: describeStorageClass,
  ConfigMap: describeConfigMap,
  Secret: describeSecret,
  ServiceAccount: describeServiceAccount,
  Role: describeRole,
  ClusterRole: describeRole,
  RoleBinding: describeRoleBinding,
  ClusterRoleBinding: describeRoleBinding,
};

export function describe(o: KObject, ctx: DescribeContext): string {
  return (DESCRIBERS[o.kind] ?? describeGeneric)(o, ctx);
}
