import { createServer, type Server, type Socket } from 'node:net';
import type { Pod, Service, ServicePort } from 'kubernetes-types/core/v1.js';
import type { LabelSelector } from 'kubernetes-types/meta/v1.js';
import { selectorMatches } from '../../../api/labels.js';
import type { KObject } from '../../../api/object.js';
import { asPod } from '../../../api/pods.js';
import { resolveResource } from '../../../api/resources.js';
import type { Renderer, Streams } from '../../../narrator/render/renderer.js';
import type { Env } from '../../env.js';
import { apiError, clientError, type CommandError, unknownResourceType } from '../../errors.js';
import { withHelp } from '../../parse-errors.js';
import { Session } from '../../session.js';
import { mostActiveFirst } from '../logs/by-logging.js';
import { answerForwarded } from './forward.js';

export interface PortForwardOptions {
  namespace: string;
  /** --address: localhost (127.0.0.1 and ::1), or IP addresses. */
  address: string[];
}

interface PortPair {
  local: number;
  remote: number;
}

const usage = (message: string) => [clientError(message, 'usage', { detail: 'kubesim port-forward svc/NOM 8080:80' })];

/** The pod kubectl forwards to, with the ports translated to the pod's own, or kubectl's refusal. */
interface Target {
  pod: Pod;
  ports: PortPair[];
}

/** `8080:80`, `:80` (a free local port), `80` (the same both sides): the local side, and the remote as written. */
function splitPort(spec: string): { local: number | undefined; remote: string } {
  const colon = spec.indexOf(':');
  if (colon < 0) return { local: undefined, remote: spec };
  return { local: colon === 0 ? 0 : Number(spec.slice(0, colon)), remote: spec.slice(colon + 1) };
}

/** translateServicePortToTargetPort: a Service's port, by number or name, becomes its target port in the pod. */
function servicePort(svc: Service, pod: Pod, remote: string): number | string {
  const ports = svc.spec?.ports ?? [];
  const numeric = /^\d+$/.test(remote);
  const port: ServicePort | undefined = numeric ? ports.find((p) => p.port === Number(remote)) : ports.find((p) => p.name === remote);
  if (!port) return numeric ? `Service ${svc.metadata?.name} does not have a service port ${remote}` : `Service '${svc.metadata?.name}' does not have a named port '${remote}'`;
  const target = port.targetPort ?? port.port;
  return typeof target === 'number' ? target : containerPort(pod, String(target));
}

/** convertPodNamedPortToNumber: a named port of the pod's containers. */
function containerPort(pod: Pod, name: string): number | string {
  if (/^\d+$/.test(name)) return Number(name);
  for (const c of pod.spec?.containers ?? []) {
    const port = c.ports?.find((p) => p.name === name);
    if (port) return port.containerPort;
  }
  return `Pod '${pod.metadata?.name}' does not have a named port '${name}'`;
}

/**
 * AttachablePodForObjectFn: a pod itself, or the first of the pods a Deployment, ReplicaSet, Job or Service selects, the
 * most active first (podutils.ActivePods, reversed). The forward goes to that one pod, for as long as it runs.
 */
function targetOf(session: Session, arg: string, specs: string[], namespace: string): Target | CommandError[] {
  const slash = arg.indexOf('/');
  const type = resolveResource(slash < 0 ? 'pods' : arg.slice(0, slash));
  const name = slash < 0 ? arg : arg.slice(slash + 1);
  if (!type) return [unknownResourceType(arg.slice(0, slash))];
  const got = session.request({ verb: 'get', resource: type, namespace, name });
  if (!got.ok) return [apiError(got.error, { alone: true })];
  let pod: Pod;
  if (type.kind === 'Pod') pod = got.object as unknown as Pod;
  else {
    const goType = `*${type.version}.${type.kind}`;
    if (!['Deployment', 'ReplicaSet', 'Job', 'Service'].includes(type.kind)) return usage(`cannot attach to ${goType}: selector for ${goType} not implemented`);
    const selector = selectorOf(got.object);
    if (!selector) return usage(`cannot attach to ${goType}: invalid service '${name}': Service is defined without a selector`);
    const pods = session.store
      .list(`/registry/pods/${namespace}/`)
      .filter((p) => selectorMatches(selector, p.metadata.labels))
      .map(asPod)
      .sort(mostActiveFirst);
    if (!pods.length) return usage('timed out waiting for the condition');
    pod = pods[0]!;
  }
  const ports: PortPair[] = [];
  for (const spec of specs) {
    const { local, remote } = splitPort(spec);
    const translated = type.kind === 'Service' ? servicePort(got.object as unknown as Service, pod, remote) : containerPort(pod, remote);
    if (typeof translated === 'string') return usage(translated);
    // `80` forwards local 80 to what the Service's port 80 targets; `:80` takes a free local port
    ports.push({ local: local ?? Number(remote), remote: translated });
  }
  if (pod.status?.phase !== 'Running') return usage(`unable to forward port because pod is not running. Current status=${pod.status?.phase ?? ''}`);
  return { pod, ports };
}

/** A Service's selector as a label selector, or a workload's. */
function selectorOf(obj: KObject): LabelSelector | undefined {
  const spec = obj.spec as { selector?: LabelSelector | Record<string, string> } | undefined;
  if (!spec?.selector) return undefined;
  if (obj.kind === 'Service') return Object.keys(spec.selector).length ? { matchLabels: spec.selector as Record<string, string> } : undefined;
  return spec.selector as LabelSelector;
}

/** Go's words for a listener that could not be made (`bind: address already in use`). */
function listenFailure(e: NodeJS.ErrnoException, ip: string, port: number): string {
  const why = e.code === 'EADDRINUSE' ? 'bind: address already in use' : e.code === 'EACCES' ? 'bind: permission denied' : e.code === 'EADDRNOTAVAIL' ? 'bind: cannot assign requested address' : e.message;
  const tcp = ip.includes(':') ? 'tcp6' : 'tcp4';
  return `unable to create listener: Error listen ${tcp} ${ip.includes(':') ? `[${ip}]` : ip}:${port}: ${why}`;
}

const listen = (server: Server, port: number, ip: string) =>
  new Promise<NodeJS.ErrnoException | undefined>((done) => {
    server.once('error', done);
    server.listen({ port, host: ip, ipv6Only: ip.includes(':') }, () => done(undefined));
  });

/**
 * `kubectl port-forward TYPE/NAME [LOCAL:]REMOTE…`: each local port listens on localhost (127.0.0.1 and ::1), and each
 * connection's HTTP request reaches the pod's port through the API server and its kubelet, answered by the simulated
 * container (a browser shows the app). One pod, chosen at the start: no load balancing, unlike the Service. Until
 * Ctrl+C; every connection reads the cluster afresh, so other commands run meanwhile.
 */
export async function runPortForward(env: Env, streams: Streams, renderer: Renderer, args: string[], o: PortForwardOptions): Promise<CommandError[]> {
  if (args.length < 2) return usage(withHelp('TYPE/NAME and list of ports are required for port-forward', 'port-forward'));
  const session = await Session.open(env, streams, { readOnly: true });
  let target: Target | CommandError[];
  try {
    target = targetOf(session, args[0]!, args.slice(1), o.namespace);
  } finally {
    await session.close();
  }
  if (Array.isArray(target)) return target;
  const { pod, ports } = target;
  const ips = o.address.flatMap((a) => (a === 'localhost' ? ['127.0.0.1', '::1'] : [a]));
  const servers: Server[] = [];
  const forwarded = { namespace: pod.metadata!.namespace!, name: pod.metadata!.name! };
  for (const pair of ports) {
    const failures: string[] = [];
    for (const ip of ips) {
      const server = createServer((socket) => handle(env, streams, forwarded, pair, socket));
      const failed = await listen(server, pair.local, ip);
      if (failed) {
        failures.push(listenFailure(failed, ip, pair.local));
        continue;
      }
      // a free port taken by the first listener is the one the others take (kubectl's :REMOTE)
      pair.local ||= (server.address() as { port: number }).port;
      servers.push(server);
      streams.out.write(`Forwarding from ${ip.includes(':') ? `[${ip}]` : ip}:${pair.local} -> ${pair.remote}\n`);
    }
    if (failures.length === ips.length) streams.err.write(`Unable to listen on port ${pair.local}: Listeners failed to create with the following errors: [${failures.join(' ')}]\n`);
  }
  if (!servers.length) return usage(`unable to listen on any of the requested ports: [${ports.map((p) => `{${p.local} ${p.remote}}`).join(' ')}]`);
  const messages = (await import('../../../narrator/narrate.js')).CATALOGS[env.lang].messages;
  renderer.note(messages.portForward(`${pod.metadata!.namespace}/${pod.metadata!.name}`, pod.spec?.nodeName ?? '', ports.map((p) => `${p.local} → ${p.remote}`).join(', ')));
  await new Promise<void>((done) => {
    const stop = () => {
      for (const server of servers) server.close();
      done();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  return [];
}

/** One local connection: its HTTP request, answered by the pod's container, then closed (Connection: close). */
function handle(env: Env, streams: Streams, pod: { namespace: string; name: string }, pair: PortPair, socket: Socket): void {
  streams.out.write(`Handling connection for ${pair.local}\n`);
  let request = Buffer.alloc(0);
  let answered = false;
  const reply = () => {
    if (answered) return;
    answered = true;
    void answerForwarded(env, streams, pod, pair.remote, request)
      .catch((e: unknown) => ({ error: `kubesim internal error: ${e instanceof Error ? e.message : String(e)}` }))
      .then((r) => {
        if ('error' in r) {
          streams.err.write(`error: an error occurred forwarding ${pair.local} -> ${pair.remote}: ${r.error}\n`);
          socket.destroy();
        } else socket.end(r.response);
      });
  };
  socket.on('data', (data: Buffer) => {
    request = Buffer.concat([request, data]);
    if (request.includes('\r\n\r\n')) reply();
  });
  socket.on('end', reply);
  socket.on('error', () => socket.destroy());
}
