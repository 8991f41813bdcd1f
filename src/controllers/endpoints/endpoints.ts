import type { Service } from 'kubernetes-types/core/v1.js';
import { mapSelectorMatches } from '../../api/labels.js';
import { jsonEqual, type KObject } from '../../api/object.js';
import { asPod } from '../../api/pods.js';
import type { Client } from '../../client/client.js';
import type { World } from '../../sim/world.js';
import { controllerRef, isControlledBy, splitKey } from '../owners.js';
import type { Reconciler, Result } from '../runtime.js';
import { endpointAddresses, endpointPorts, OVER_CAPACITY, truncated, type EndpointAddress } from './plan.js';
import { planSlices, type ExistingSlice, type SliceEndpoint } from './slices.js';

const targetRef = (a: EndpointAddress) => ({
  kind: 'Pod',
  namespace: a.pod.metadata!.namespace,
  name: a.pod.metadata!.name,
  uid: a.pod.metadata!.uid,
});

/** An Endpoints' annotations with OVER_CAPACITY set when its addresses were truncated, removed otherwise (none: undefined). */
function capacityAnnotations(current: Record<string, string> | undefined, wasTruncated: boolean): Record<string, string> | undefined {
  const { [OVER_CAPACITY]: _, ...others } = current ?? {};
  const annotations = wasTruncated ? { ...others, [OVER_CAPACITY]: 'truncated' } : others;
  return Object.keys(annotations).length ? annotations : undefined;
}

/**
 * Each address's EndpointSlice endpoint, kept as long as the address (hence its pod object) lives: a slice written with
 * it holds the very object, and the next sync finds it unchanged without comparing it field by field.
 */
const ENDPOINTS = new WeakMap<EndpointAddress, SliceEndpoint>();

function sliceEndpointOf(a: EndpointAddress): SliceEndpoint {
  let endpoint = ENDPOINTS.get(a);
  if (!endpoint) {
    endpoint = {
      addresses: [a.ip],
      conditions: { ready: a.ready, serving: a.ready || (a.terminating && a.pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True')), terminating: a.terminating },
      nodeName: a.nodeName,
      targetRef: targetRef(a),
    } as SliceEndpoint;
    ENDPOINTS.set(a, endpoint);
  }
  return endpoint;
}

function withoutAnnotations(metadata: KObject['metadata']): Omit<KObject['metadata'], 'annotations'> {
  const { annotations: _, ...rest } = metadata;
  return rest;
}

/**
 * The endpoints and endpointslice controllers in one: for each Service with a selector, the addresses of the
 * matching pods, ready ones first in line for traffic. kube-proxy programs its rules from these.
 */
export class EndpointsController implements Reconciler {
  readonly name = 'endpoints';

  constructor(
    private readonly w: World,
    private readonly client: Client,
  ) {}

  reconcile(key: string): Result {
    const [namespace, name] = splitKey(key);
    const svcObj = this.w.store.get(`/registry/services/specs/${namespace}/${name}`)?.value;
    const existing = this.w.store.get(`/registry/services/endpoints/${namespace}/${name}`)?.value;
    if (!svcObj) {
      if (existing) this.client.delete('Endpoints', namespace, name);
      return {};
    }
    const svc = svcObj as unknown as Service;
    if (!svc.spec?.selector || Object.keys(svc.spec.selector).length === 0) return {};
    const pods = this.w.store
      .list(`/registry/pods/${namespace}/`)
      .map(asPod)
      .filter((p) => mapSelectorMatches(svc.spec!.selector, p.metadata?.labels));
    const addresses = endpointAddresses(svc, pods);
    this.syncEndpoints(svcObj, svc, addresses, existing);
    this.syncSlices(svcObj, svc, addresses);
    return {};
  }

  private syncEndpoints(svcObj: KObject, svc: Service, addresses: EndpointAddress[], existing: KObject | undefined): void {
    const live = addresses.filter((a) => !a.terminating);
    const ready = live.filter((a) => a.ready);
    const notReady = live.filter((a) => !a.ready);
    const ports = endpointPorts(svc, live[0]?.pod).map((p) => ({ ...(p.name ? { name: p.name } : {}), port: p.port, protocol: p.protocol }));
    const address = (a: EndpointAddress) => ({ ip: a.ip, nodeName: a.nodeName, targetRef: targetRef(a) });
    const kept = truncated(ready, notReady);
    const subsets = live.length
      ? [{ ...(kept.ready.length ? { addresses: kept.ready.map(address) } : {}), ...(kept.notReady.length ? { notReadyAddresses: kept.notReady.map(address) } : {}), ports }]
      : undefined;
    const annotations = capacityAnnotations(existing?.metadata.annotations, kept.truncated);
    const desired = {
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: { name: svcObj.metadata.name, namespace: svcObj.metadata.namespace, labels: svcObj.metadata.labels, ...(annotations && { annotations }) },
      ...(subsets ? { subsets } : {}),
    } as unknown as KObject;
    if (existing && jsonEqual(existing.subsets, desired.subsets) && jsonEqual(existing.metadata.annotations, annotations)) return;
    // built for this write (a copy of thousands of addresses per pod getting ready was most of a big Service's cost)
    const result = existing
      ? this.client.update({ ...desired, metadata: { ...withoutAnnotations(existing.metadata), ...desired.metadata } }, { owned: true })
      : this.client.create(desired, { owned: true });
    if (!result.ok || !this.w.log.listening) return;
    const port = ports[0]?.port;
    this.w.log.emit('controller-manager', {
      kind: 'endpoints.updated',
      service: { kind: 'Service', namespace: svcObj.metadata.namespace, name: svcObj.metadata.name },
      ready: ready.map((a) => (port ? `${a.ip}:${port}` : a.ip)),
      notReady: notReady.length,
      before: (existing?.subsets as Array<{ addresses?: unknown[] }> | undefined)?.reduce((n, s) => n + (s.addresses?.length ?? 0), 0) ?? 0,
    });
  }

  private syncSlices(svcObj: KObject, svc: Service, addresses: EndpointAddress[]): void {
    const namespace = svcObj.metadata.namespace!;
    const slices = this.w.store.list(`/registry/endpointslices/${namespace}/`).filter((s) => isControlledBy(s, svcObj)) as Array<KObject & ExistingSlice>;
    const wanted = addresses.map(sliceEndpointOf);
    const ports = endpointPorts(svc, addresses[0]?.pod);
    const plan = planSlices(slices, wanted, ports);
    const body = (endpoints: SliceEndpoint[]) => ({ addressType: 'IPv4', endpoints, ports });
    // built for this write: the server may keep them as they are
    for (const { slice, endpoints } of plan.update) this.client.update({ ...slice, metadata: { ...slice.metadata }, ...body(endpoints) } as KObject, { owned: true });
    for (const endpoints of plan.create) {
      const metadata = {
        generateName: `${svcObj.metadata.name}-`,
        namespace,
        labels: {
          ...(svcObj.metadata.labels ?? {}),
          'kubernetes.io/service-name': svcObj.metadata.name,
          'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io',
        },
        ownerReferences: [controllerRef(svcObj)],
      };
      this.client.create({ apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', metadata, ...body(endpoints) } as unknown as KObject, { owned: true });
    }
    for (const slice of plan.remove) this.client.delete('EndpointSlice', namespace, slice.metadata.name);
  }
}
