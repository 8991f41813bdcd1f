import type { Pod } from 'kubernetes-types/core/v1.js';
import type { ContainerMemory } from '../../sim/container-memory.js';
import { readFile, startedEnvironment } from '../runtime/container-view.js';
import type { EventLog } from '../../events/sink.js';
import { MONTHS, type VirtualClock } from '../../sim/clock.js';
import type { Rand } from '../../sim/rand.js';
import type { Store } from '../../store/store.js';
import type { ServicePortRules } from '../kube-proxy/rules.js';
import { answer, listener } from '../runtime/apps.js';
import { resolve } from './dns.js';
import type { NetHop } from '../../events/types.js';
import { route } from './route.js';

export interface Client {
  /** Namespace whose search path short names use (a pod's, or default). */
  namespace: string;
  sourceIP: string;
  /** Node or pod the request leaves from, for the narration. */
  from: string;
}

export type Outcome = 'ok' | 'nxdomain' | 'refused' | 'no-endpoints' | 'timeout' | 'empty' | 'bad-url';

export interface HttpResult {
  outcome: Outcome;
  host: string;
  port: number;
  ip?: string;
  status?: number;
  body?: string;
  pod?: string;
  node?: string;
  hops: NetHop[];
}

export interface NetworkDeps {
  store: Store;
  rand: Rand;
  clock: VirtualClock;
  log: EventLog;
  rules(): ServicePortRules[];
  /** Access logs the apps write, per pod UID (kubectl logs shows them after the start-up lines). */
  accessLog: Record<string, string[]>;
  containers: ContainerMemory;
}

const MAX_LOG_LINES = 200;

function nodeIPs(store: Store): Set<string> {
  return new Set(
    store
      .list('/registry/minions/')
      .flatMap((n) => ((n as { status?: { addresses?: Array<{ type: string; address: string }> } }).status?.addresses ?? []).filter((a) => a.type === 'InternalIP').map((a) => a.address)),
  );
}

/** Common Log Format, as nginx and the RH app write it. */
function accessLine(sourceIP: string, at: number, path: string, status: number, bytes: number): string {
  const d = new Date(at);
  const p = (n: number) => String(n).padStart(2, '0');
  const stamp = `${p(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
  return `${new Date(at).toISOString()} ${sourceIP} - - [${stamp}] "GET ${path} HTTP/1.1" ${status} ${bytes} "-" "curl/8.5.0"`;
}

/**
 * A simulated `curl http://HOST[:PORT]/PATH`: cluster DNS, then kube-proxy's rules pick a pod, and the app in it
 * answers (the RH app asks its database through the postgres Service first). Every step is narrated.
 */
export function httpGet(deps: NetworkDeps, url: string, client: Client): HttpResult {
  const m = /^(?:http:\/\/)?([^/:\s]+)(?::(\d+))?(\/[^\s]*)?$/.exec(url);
  if (!m) return { outcome: 'bad-url', host: url, port: 0, hops: [] };
  const [, host, portText, pathText] = m;
  const port = Number(portText ?? 80);
  const path = pathText ?? '/';
  const result = request(deps, host, port, path, client);
  deps.log.emit('simulator', { kind: 'net.request', from: client.from, url: `http://${host}${portText ? `:${portText}` : ''}${path}`, ...result });
  return result;
}

function request(deps: NetworkDeps, host: string, port: number, path: string, client: Client): HttpResult {
  let ip = host;
  if (!/^\d+\.\d+\.\d+\.\d+$/.test(host)) {
    const dns = resolve(deps.store, host, client.namespace);
    if (dns.kind !== 'service' || !dns.ips.length) return { outcome: 'nxdomain', host, port, hops: [] };
    ip = dns.ips[deps.rand.int(dns.ips.length)];
  }
  const r = route(deps.store, deps.rules(), nodeIPs(deps.store), ip, port, deps.rand);
  if (!r.ok) return { outcome: r.reason, host, port, ip, hops: r.hops };
  const pod: Pod = r.pod;
  const base = { host, port, ip, hops: r.hops, pod: pod.metadata?.name, node: r.node };
  const ready = pod.status?.containerStatuses?.every((s) => s.state?.running);
  const c = ready ? listener(pod, r.port) : undefined;
  if (!c) return { ...base, outcome: 'refused' };
  const reply = answer(pod, c, path, {
    reach: (h, p) => reachable(deps, h, p, pod),
    env: Object.fromEntries(startedEnvironment(deps.store, deps.containers, pod, c)),
    file: (f) => readFile(deps.store, pod, c, f),
  });
  if (reply.kind !== 'http') return { ...base, outcome: reply.kind };
  const lines = (deps.accessLog[pod.metadata!.uid!] ??= []);
  lines.push(accessLine(client.sourceIP, deps.clock.now(), path, reply.answer.status, Buffer.byteLength(reply.answer.body)));
  if (lines.length > MAX_LOG_LINES) lines.splice(0, lines.length - MAX_LOG_LINES);
  return { ...base, outcome: 'ok', status: reply.answer.status, body: reply.answer.body };
}

/** Whether a TCP connection from `pod` to host:port would reach a running listener (the app's database check). */
function reachable(deps: NetworkDeps, host: string, port: number, from: Pod): boolean {
  const dns = resolve(deps.store, host, from.metadata?.namespace ?? 'default');
  if (dns.kind !== 'service' || !dns.ips.length) return false;
  const r = route(deps.store, deps.rules(), nodeIPs(deps.store), dns.ips[0], port, deps.rand);
  return r.ok && !!r.pod.status?.containerStatuses?.every((s) => s.state?.running) && !!listener(r.pod, r.port);
}
