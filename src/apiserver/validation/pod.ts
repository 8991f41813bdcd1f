import type { Container, PodSpec } from 'kubernetes-types/core/v1.js';
import { duplicate, forbidden, invalid, notSupported, required, type FieldError } from '../../api/field.js';
import { milliCpu, bytes, parseQuantity } from '../../api/quantity.js';
import { dns1123Label, portRange } from './names.js';
import { validatePodAffinity, validateTopologySpreadConstraints } from './scheduling.js';

const RESTART_POLICIES = ['Always', 'OnFailure', 'Never'];
const PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'];
const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
const DNS_POLICIES = ['ClusterFirst', 'ClusterFirstWithHostNet', 'Default', 'None'];

export interface PodSpecContext {
  /** `spec` for a Pod, `spec.template.spec` for a workload's template. */
  path: string;
  creating: boolean;
  /** Workload templates only accept restartPolicy Always (Deployment, ReplicaSet). */
  restartPolicies?: string[];
}

export function validatePodSpec(spec: PodSpec | undefined, ctx: PodSpecContext): FieldError[] {
  const p = ctx.path;
  if (!spec) return [required(p)];
  const errs: FieldError[] = [];
  const names = new Set<string>();
  if (!spec.containers || spec.containers.length === 0) errs.push(required(`${p}.containers`));
  spec.initContainers?.forEach((c, i) => errs.push(...validateContainer(c, `${p}.initContainers[${i}]`, names)));
  spec.containers?.forEach((c, i) => errs.push(...validateContainer(c, `${p}.containers[${i}]`, names)));
  if (ctx.creating && spec.ephemeralContainers?.length) {
    errs.push(forbidden(`${p}.ephemeralContainers`, 'cannot be set on create'));
  }
  const policies = ctx.restartPolicies ?? RESTART_POLICIES;
  if (spec.restartPolicy && !policies.includes(spec.restartPolicy)) {
    errs.push(notSupported(`${p}.restartPolicy`, spec.restartPolicy, policies));
  }
  if (spec.dnsPolicy && !DNS_POLICIES.includes(spec.dnsPolicy)) errs.push(notSupported(`${p}.dnsPolicy`, spec.dnsPolicy, DNS_POLICIES));
  if (spec.terminationGracePeriodSeconds !== undefined && spec.terminationGracePeriodSeconds < 0) {
    errs.push(invalid(`${p}.terminationGracePeriodSeconds`, spec.terminationGracePeriodSeconds, 'must be greater than or equal to 0'));
  }
  errs.push(...validatePodAffinity(spec.affinity, `${p}.affinity`));
  errs.push(...validateTopologySpreadConstraints(spec.topologySpreadConstraints, `${p}.topologySpreadConstraints`));
  const volumeNames = new Set<string>();
  spec.volumes?.forEach((v, i) => {
    if (!v.name) errs.push(required(`${p}.volumes[${i}].name`));
    else if (volumeNames.has(v.name)) errs.push(duplicate(`${p}.volumes[${i}].name`, v.name));
    else volumeNames.add(v.name);
  });
  return errs;
}

function validateContainer(c: Container, path: string, names: Set<string>): FieldError[] {
  const errs: FieldError[] = [];
  if (!c.name) errs.push(required(`${path}.name`));
  else {
    for (const msg of dns1123Label(c.name)) errs.push(invalid(`${path}.name`, c.name, msg));
    if (names.has(c.name)) errs.push(duplicate(`${path}.name`, c.name));
    names.add(c.name);
  }
  if (!c.image) errs.push(required(`${path}.image`));
  if (c.imagePullPolicy && !PULL_POLICIES.includes(c.imagePullPolicy)) {
    errs.push(notSupported(`${path}.imagePullPolicy`, c.imagePullPolicy, PULL_POLICIES));
  }
  c.ports?.forEach((port, i) => {
    const pp = `${path}.ports[${i}]`;
    if (port.containerPort === undefined || port.containerPort === null) errs.push(required(`${pp}.containerPort`));
    else for (const msg of portRange(port.containerPort)) errs.push(invalid(`${pp}.containerPort`, port.containerPort, msg));
    if (port.hostPort) for (const msg of portRange(port.hostPort)) errs.push(invalid(`${pp}.hostPort`, port.hostPort, msg));
    if (port.protocol && !PROTOCOLS.includes(port.protocol)) errs.push(notSupported(`${pp}.protocol`, port.protocol, PROTOCOLS));
  });
  errs.push(...validateResources(c, `${path}.resources`));
  return errs;
}

function validateResources(c: Container, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const { requests = {}, limits = {} } = c.resources ?? {};
  for (const [kind, values] of [['requests', requests], ['limits', limits]] as const) {
    for (const [res, q] of Object.entries(values)) {
      const v = parseQuantity(q);
      if (v !== undefined && v < 0) errs.push(invalid(`${path}.${kind}[${res}]`, q, 'must be greater than or equal to 0'));
    }
  }
  for (const res of ['cpu', 'memory'] as const) {
    if (requests[res] === undefined || limits[res] === undefined) continue;
    const req = res === 'cpu' ? milliCpu(requests[res]) : bytes(requests[res]);
    const lim = res === 'cpu' ? milliCpu(limits[res]) : bytes(limits[res]);
    if (req > lim) errs.push(invalid(`${path}.requests`, requests[res], `must be less than or equal to ${res} limit of ${limits[res]}`));
  }
  return errs;
}
