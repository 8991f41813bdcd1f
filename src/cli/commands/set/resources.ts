import { canonicalQuantity } from '../../../api/quantity.js';
import { writtenOutputRefusal } from '../../../printers/output.js';
import { clientError, type CommandError } from '../../errors.js';
import type { Session } from '../../session.js';
import { containersOf, fetchObjects, patchPodTemplates } from './pod-template.js';

export interface SetResourcesOptions {
  namespace: string;
  /** -c: which containers, `*` wildcards as kubectl reads them (all by default). */
  containers: string;
  limits?: string;
  requests?: string;
  output?: string;
  dryRun?: 'client' | 'server';
}

const QUANTITY_SYNTAX = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

/** populateResourceListV1: `cpu=100m,memory=256Mi` as a resource list, each quantity in Kubernetes' canonical form. */
function resourceList(spec: string | undefined): Record<string, string> | string {
  const list: Record<string, string> = {};
  if (!spec) return list;
  for (const statement of spec.split(',')) {
    const parts = statement.split('=');
    if (parts.length !== 2) return `Invalid argument syntax ${statement}, expected <resource>=<value>`;
    const quantity = canonicalQuantity(parts[1]!);
    if (quantity === undefined) return QUANTITY_SYNTAX;
    list[parts[0]!] = quantity;
  }
  return list;
}

/**
 * `kubectl set resources TYPE/NAME… [-c C] --limits=cpu=200m,memory=512Mi --requests=…`: the requests and limits of
 * each container selected, in the pod template (a Deployment rolls out: its new pods are scheduled on the new
 * requests). The objects are read first, as kubectl reads them before it checks the flags.
 */
export async function runSetResources(session: Session, args: string[], o: SetResourcesOptions): Promise<CommandError[]> {
  const usage = (message: string) => [clientError(message, 'usage', { detail: '--requests=cpu=100m,memory=128Mi' })];
  const refused = writtenOutputRefusal(o.output, 'set resources');
  if (refused) return usage(refused);
  const objects = fetchObjects(session, args, o.namespace);
  if (!Array.isArray(objects)) return [objects];
  if (!o.limits && !o.requests) return usage('you must specify an update to requests or limits (in the form of --requests/--limits)');
  const limits = resourceList(o.limits);
  if (typeof limits === 'string') return usage(limits);
  const requests = resourceList(o.requests);
  if (typeof requests === 'string') return usage(requests);
  const patching = { output: o.output, dryRun: o.dryRun, patching: 'resources update to pod template', done: 'resource requirements updated' };
  return patchPodTemplates(session, objects, patching, (spec, _target, fail) => {
    const containers = containersOf(spec, o.containers);
    if (!containers.length) fail({ text: `error: unable to find container named ${o.containers}`, code: 'usage', args: { detail: `-c ${o.containers}` } });
    for (const c of containers) {
      const resources = (c.resources ??= {});
      if (o.limits) resources.limits = { ...resources.limits, ...limits };
      if (o.requests) resources.requests = { ...resources.requests, ...requests };
    }
    return containers.length > 0;
  });
}
