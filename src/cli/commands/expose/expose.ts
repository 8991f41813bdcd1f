import type { KObject } from '../../../api/object.js';
import { resolveResource } from '../../../api/resources.js';
import { writtenOutputRefusal } from '../../../printers/output.js';
import { apiError, clientError, type CommandError } from '../../errors.js';
import type { Session } from '../../session.js';
import { createGenerated } from '../create/generated.js';
import { parseLabelSpec as parseLabels } from '../create/generators.js';
import { NO_NAME, NO_RESOURCES, resolveTargets } from '../targets.js';

export interface ExposeOptions {
  namespace: string;
  /** -n given: a --dry-run=client object names its namespace (kubectl's EnforceNamespace). */
  namespaceExplicit: boolean;
  port?: string;
  targetPort?: string;
  type?: string;
  name?: string;
  protocol?: string;
  selector?: string;
  labels?: string;
  clusterIp?: string;
  dryRun?: 'client' | 'server';
  output?: string;
}

const SERVICES = resolveResource('services')!;
/** polymorphichelpers.CanBeExposedFn */
const EXPOSABLE = ['Pod', 'Service', 'ReplicationController', 'Deployment', 'ReplicaSet'];

interface Container {
  ports?: Array<{ containerPort: number; protocol?: string }>;
}
interface Exposed {
  spec?: {
    selector?: { matchLabels?: Record<string, string>; matchExpressions?: unknown[] } | Record<string, string>;
    ports?: Array<{ port: number; protocol?: string }>;
    containers?: Container[];
    template?: { spec?: { containers?: Container[] } };
  };
}

/** polymorphichelpers.MapBasedSelectorForObjectFn: the pods the new Service selects, read off the exposed object. */
function selectorOf(obj: KObject): Record<string, string> | string {
  const spec = (obj as Exposed).spec;
  if (obj.kind === 'Pod') return obj.metadata.labels && Object.keys(obj.metadata.labels).length ? obj.metadata.labels : `the pod has no labels and cannot be exposed`;
  if (obj.kind === 'Service' || obj.kind === 'ReplicationController') {
    const selector = spec?.selector as Record<string, string> | undefined;
    return selector && Object.keys(selector).length ? selector : `the ${obj.kind === 'Service' ? 'service' : 'replication controller'} has no pod selector set`;
  }
  const selector = spec?.selector as { matchLabels?: Record<string, string>; matchExpressions?: unknown[] } | undefined;
  if (selector?.matchExpressions?.length) return `couldn't convert expressions - "${JSON.stringify(selector.matchExpressions)}" to map-based selector format`;
  return selector?.matchLabels ?? {};
}

/** PortsForObjectFn and MultiProtocolsForObjectFn: the object's ports, and each one's protocols (TCP when unsaid). */
function portsOf(obj: KObject): Array<{ port: string; protocol: string }> {
  const spec = (obj as Exposed).spec;
  if (obj.kind === 'Service') return (spec?.ports ?? []).map((p) => ({ port: String(p.port), protocol: p.protocol ?? 'TCP' }));
  const containers = obj.kind === 'Pod' ? spec?.containers : spec?.template?.spec?.containers;
  return (containers ?? []).flatMap((c) => (c.ports ?? []).map((p) => ({ port: String(p.containerPort), protocol: p.protocol ?? 'TCP' })));
}

/** intstr.Parse: a number, or a port's name. */
const intOrString = (s: string): number | string => (/^-?\d+$/.test(s) ? Number(s) : s);

/** expose.go createService: the Service kubectl builds for the exposed object. */
function serviceFor(obj: KObject, o: ExposeOptions): KObject | string {
  const selector = o.selector ? parseLabels(o.selector) : selectorOf(obj);
  if (typeof selector === 'string') return o.selector ? selector : `couldn't retrieve selectors via --selector flag or introspection: ${selector}`;
  if (!Object.keys(selector).length) return 'selector must be specified';
  const labels = o.labels ? parseLabels(o.labels) : obj.metadata.labels;
  if (typeof labels === 'string') return labels;
  const known = portsOf(obj);
  // kubectl does not merge a port declared twice (TCP and UDP): each gets its entries
  const asked = o.port ? [o.port] : known.map((p) => p.port);
  const headless = o.clusterIp === 'None';
  if (!asked.length && !headless) return "couldn't find port via --port flag or introspection";
  const ports: Array<Record<string, unknown>> = [];
  for (const [i, text] of asked.entries()) {
    const port = Number(text);
    if (!/^[+-]?\d+$/.test(text)) return `strconv.Atoi: parsing "${text}": invalid syntax`;
    const name = asked.length > 1 ? `port-${i + 1}` : undefined;
    const protocols = known.filter((p) => p.port === text).map((p) => p.protocol);
    if (!o.protocol && protocols.length > 1) {
      for (const protocol of protocols) ports.push({ name: `port-${i + 1}-${protocol.toLowerCase()}`, port, protocol });
      continue;
    }
    ports.push({ ...(name && { name }), port, protocol: o.protocol || (protocols.length === 1 ? protocols[0] : 'TCP') });
  }
  for (const p of ports) p.targetPort = o.targetPort ? intOrString(o.targetPort) : p.port;
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      name: o.name || obj.metadata.name.slice(0, 63),
      ...(o.namespaceExplicit && { namespace: o.namespace }),
      creationTimestamp: null,
      ...(labels && Object.keys(labels).length ? { labels } : {}),
    },
    spec: { ports, selector, ...(o.type && { type: o.type }), ...(o.clusterIp && { clusterIP: o.clusterIp }) },
    status: { loadBalancer: {} },
  } as unknown as KObject;
}

/**
 * `kubectl expose TYPE NAME --port=…`: a Service that selects the pods of a Deployment, ReplicaSet, pod or Service,
 * with the same selector, the ports it declares (or --port), targetPort = port unless --target-port.
 */
export async function runExpose(session: Session, args: string[], o: ExposeOptions): Promise<CommandError[]> {
  if (!args.length) {
    return [clientError(NO_RESOURCES, 'usage', { detail: 'kubesim expose deployment/NOM --port=80' })];
  }
  const refused = writtenOutputRefusal(o.output, 'expose');
  if (refused) return [clientError(refused, 'usage', { detail: '-o yaml' })];
  const targets = resolveTargets(args);
  if (!Array.isArray(targets)) return [targets];
  const errors: CommandError[] = [];
  for (const t of targets) {
    if (!t.names.length) return [clientError(NO_NAME, 'usage', { detail: 'kubesim expose deployment/NOM --port=80' })];
    for (const name of t.names) {
      const got = session.request({ verb: 'get', resource: t.resource, namespace: t.resource.namespaced ? o.namespace : undefined, name });
      if (!got.ok) {
        errors.push(apiError(got.error, { alone: true }));
        continue;
      }
      if (!EXPOSABLE.includes(got.object.kind)) {
        errors.push(clientError(`cannot expose a ${got.object.kind}${t.resource.group ? `.${t.resource.group}` : ''}`, 'usage', { detail: 'deployment, replicaset, pod, service' }));
        continue;
      }
      const service = serviceFor(got.object, o);
      if (typeof service === 'string') {
        errors.push(clientError(service, 'usage', { detail: 'kubesim expose deployment/NOM --port=80' }));
        continue;
      }
      const refused = await createGenerated(session, service, { resource: SERVICES, namespace: o.namespace, fieldManager: 'kubectl-expose', dryRun: o.dryRun, output: o.output, word: 'exposed' });
      if (refused) errors.push(apiError(refused, { alone: true }));
    }
  }
  if (!o.dryRun) session.settle();
  return errors;
}
