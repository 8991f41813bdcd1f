import type { Service } from 'kubernetes-types/core/v1.js';
import { duplicate, invalid, notSupported, required, type FieldError } from '../../api/field.js';
import type { KObject } from '../../api/object.js';
import { validateObjectMeta } from '../validation/meta.js';
import { dns1035Label, dns1123Label, portRange } from '../validation/names.js';
import type { Strategy } from './strategy.js';

const TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];
const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
const AFFINITIES = ['ClientIP', 'None'];

function validatePorts(svc: Service): FieldError[] {
  const spec = svc.spec ?? {};
  const ports = spec.ports ?? [];
  const headless = spec.clusterIP === 'None';
  const errs: FieldError[] = [];
  if (ports.length === 0 && !headless && spec.type !== 'ExternalName') errs.push(required('spec.ports'));
  const names = new Set<string>();
  ports.forEach((p, i) => {
    const path = `spec.ports[${i}]`;
    if (ports.length > 1 && !p.name) errs.push(required(`${path}.name`));
    if (p.name) {
      for (const msg of dns1123Label(p.name)) errs.push(invalid(`${path}.name`, p.name, msg));
      if (names.has(p.name)) errs.push(duplicate(`${path}.name`, p.name));
      names.add(p.name);
    }
    if (p.port === undefined || p.port === null) errs.push(required(`${path}.port`));
    else for (const msg of portRange(p.port)) errs.push(invalid(`${path}.port`, p.port, msg));
    if (p.protocol && !PROTOCOLS.includes(p.protocol)) errs.push(notSupported(`${path}.protocol`, p.protocol, PROTOCOLS));
    if (typeof p.targetPort === 'number') for (const msg of portRange(p.targetPort)) errs.push(invalid(`${path}.targetPort`, p.targetPort, msg));
    if (p.nodePort !== undefined && p.nodePort !== null && (p.nodePort < 30000 || p.nodePort > 32767) && p.nodePort !== 0) {
      errs.push(invalid(`${path}.nodePort`, p.nodePort, 'provided port is not in the valid range. The range of valid ports is 30000-32767'));
    }
  });
  return errs;
}

export const serviceStrategy: Strategy = {
  nameValidator: dns1035Label,
  hasStatus: true,
  validate(o: KObject) {
    const svc = o as unknown as Service;
    const errs = [...validateObjectMeta(svc.metadata, true, dns1035Label), ...validatePorts(svc)];
    const spec = svc.spec ?? {};
    if (spec.type && !TYPES.includes(spec.type)) errs.push(notSupported('spec.type', spec.type, TYPES));
    if (spec.sessionAffinity && !AFFINITIES.includes(spec.sessionAffinity)) errs.push(notSupported('spec.sessionAffinity', spec.sessionAffinity, AFFINITIES));
    if (spec.type === 'ExternalName' && !spec.externalName) errs.push(required('spec.externalName'));
    return errs;
  },
  validateUpdate(o, old) {
    const ip = (o as unknown as Service).spec?.clusterIP;
    const oldIp = (old as unknown as Service).spec?.clusterIP;
    return ip && oldIp && ip !== oldIp ? [invalid('spec.clusterIPs[0]', ip, 'may not change once set')] : [];
  },
};
