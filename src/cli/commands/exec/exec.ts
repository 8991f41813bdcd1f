import type { ConfigMap, Container, Pod, Secret, Service } from 'kubernetes-types/core/v1.js';
import { ApiError } from '../../../api/errors.js';
import { resolveResource } from '../../../api/resources.js';
import { CLUSTER_DOMAIN, DNS_SERVICE_IP, resolve } from '../../../node/network/dns.js';
import { apiError, clientError, type CommandError } from '../../errors.js';
import type { Session } from '../../session.js';
import { curlFailure } from '../curl/curl.js';

function decode(value: string | undefined): string {
  return value === undefined ? '' : Buffer.from(value, 'base64').toString('utf8');
}

function lookup(session: Session, ns: string, kind: 'secrets' | 'configmaps', name: string): (Secret & ConfigMap) | undefined {
  return session.store.get(`/registry/${kind}/${ns}/${name}`)?.value as unknown as (Secret & ConfigMap) | undefined;
}

/** The environment a container sees: its variables (Secrets decoded), envFrom, and the Service links. */
function environment(session: Session, pod: Pod, c: Container): string[] {
  const ns = pod.metadata!.namespace!;
  const vars: Array<[string, string]> = [['PATH', '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'], ['HOSTNAME', pod.metadata!.name!]];
  for (const f of c.envFrom ?? []) {
    const src = f.secretRef ? lookup(session, ns, 'secrets', f.secretRef.name ?? '') : f.configMapRef ? lookup(session, ns, 'configmaps', f.configMapRef.name ?? '') : undefined;
    const data = f.secretRef ? Object.fromEntries(Object.entries(src?.data ?? {}).map(([k, v]) => [k, decode(v)])) : (src?.data ?? {});
    for (const [k, v] of Object.entries(data)) vars.push([`${f.prefix ?? ''}${k}`, v]);
  }
  for (const e of c.env ?? []) {
    const s = e.valueFrom?.secretKeyRef;
    const m = e.valueFrom?.configMapKeyRef;
    if (s) {
      const secret = lookup(session, ns, 'secrets', s.name ?? '');
      if (secret?.data?.[s.key] !== undefined) vars.push([e.name, decode(secret.data[s.key])]);
    } else if (m) {
      const cm = lookup(session, ns, 'configmaps', m.name ?? '');
      if (cm?.data?.[m.key] !== undefined) vars.push([e.name, cm.data[m.key]]);
    } else if (e.valueFrom?.fieldRef) {
      const path = e.valueFrom.fieldRef.fieldPath;
      const value = path === 'metadata.name' ? pod.metadata?.name : path === 'metadata.namespace' ? ns : path === 'status.podIP' ? pod.status?.podIP : path === 'spec.nodeName' ? pod.spec?.nodeName : '';
      vars.push([e.name, value ?? '']);
    } else vars.push([e.name, e.value ?? '']);
  }
  if (pod.spec?.enableServiceLinks !== false) {
    for (const o of session.store.list(`/registry/services/specs/${ns}/`)) {
      const svc = o as unknown as Service;
      const ip = svc.spec?.clusterIP;
      const first = svc.spec?.ports?.[0];
      if (!ip || ip === 'None' || !first) continue;
      const prefix = svc.metadata!.name!.toUpperCase().replace(/-/g, '_');
      const proto = (first.protocol ?? 'TCP').toLowerCase();
      vars.push([`${prefix}_SERVICE_HOST`, ip], [`${prefix}_SERVICE_PORT`, String(first.port)], [`${prefix}_PORT`, `${proto}://${ip}:${first.port}`]);
      for (const p of svc.spec?.ports ?? []) {
        const base = `${prefix}_PORT_${p.port}_${(p.protocol ?? 'TCP').toUpperCase()}`;
        vars.push([base, `${(p.protocol ?? 'TCP').toLowerCase()}://${ip}:${p.port}`], [`${base}_PROTO`, (p.protocol ?? 'TCP').toLowerCase()], [`${base}_PORT`, String(p.port)], [`${base}_ADDR`, ip]);
      }
    }
  }
  vars.push(['HOME', '/root']);
  return vars.map(([k, v]) => `${k}=${v}`);
}

/** busybox nslookup against CoreDNS. */
function nslookup(session: Session, pod: Pod, name: string): { out: string; code: number } {
  const header = `Server:\t\t${DNS_SERVICE_IP}\nAddress:\t${DNS_SERVICE_IP}:53\n\n`;
  const answer = resolve(session.store, name, pod.metadata!.namespace!);
  if (answer.kind === 'service' && answer.ips.length) return { out: `${header}${answer.ips.map((ip) => `Name:\t${answer.fqdn}\nAddress: ${ip}\n`).join('')}\n`, code: 0 };
  if (answer.kind === 'cname') return { out: `${header}${answer.fqdn}\tcanonical name = ${answer.target}\n\n`, code: 0 };
  return { out: `${header}** server can't find ${name}.${pod.metadata!.namespace}.svc.${CLUSTER_DOMAIN}: NXDOMAIN\n\n`, code: 1 };
}

/** Files a container can read: resolv.conf, hostname, and the keys of its Secret and ConfigMap volumes. */
function readFile(session: Session, pod: Pod, c: Container, path: string): string | undefined {
  const ns = pod.metadata!.namespace!;
  if (path === '/etc/resolv.conf') return `search ${ns}.svc.${CLUSTER_DOMAIN} svc.${CLUSTER_DOMAIN} ${CLUSTER_DOMAIN}\nnameserver ${DNS_SERVICE_IP}\noptions ndots:5\n`;
  if (path === '/etc/hostname') return `${pod.metadata!.name}\n`;
  for (const m of c.volumeMounts ?? []) {
    if (!path.startsWith(`${m.mountPath.replace(/\/$/, '')}/`)) continue;
    const key = path.slice(m.mountPath.replace(/\/$/, '').length + 1);
    const v = pod.spec?.volumes?.find((x) => x.name === m.name);
    if (v?.secret) return lookup(session, ns, 'secrets', v.secret.secretName ?? '')?.data?.[key] !== undefined ? decode(lookup(session, ns, 'secrets', v.secret.secretName ?? '')!.data![key]) : undefined;
    if (v?.configMap) return lookup(session, ns, 'configmaps', v.configMap.name ?? '')?.data?.[key];
  }
  return undefined;
}

/**
 * `kubectl exec POD [-c C] -- CMD`: a few commands the simulated containers know (env, hostname, nslookup, curl,
 * wget, cat). Anything else ends as a shell would: `not found`, exit code 127.
 */
export async function runExec(session: Session, args: string[], opts: { namespace: string; container?: string }): Promise<CommandError[]> {
  const [target, ...command] = args;
  const name = (target ?? '').replace(/^(pods?|po)\//, '');
  if (!name || !command.length) return [clientError('you must specify at least one command for the container', 'usage', { detail: 'kubesim exec POD -- env' })];
  const got = session.request({ verb: 'get', resource: resolveResource('pods')!, namespace: opts.namespace, name });
  if (!got.ok) return [apiError(got.error, { alone: true })];
  const pod = got.object as unknown as Pod;
  const c = opts.container ? pod.spec?.containers.find((x) => x.name === opts.container) : pod.spec?.containers[0];
  if (!c) return [apiError(new ApiError('BadRequest', `container ${opts.container} is not valid for pod ${name}`), { alone: true })];
  if (!pod.status?.containerStatuses?.find((s) => s.name === c.name)?.state?.running) {
    return [apiError(new ApiError('BadRequest', `container ${c.name} is not valid for pod ${name}`), { alone: true })];
  }
  const [cmd, ...rest] = command[0] === 'sh' && command[1] === '-c' ? (command[2] ?? '').split(/\s+/) : command;
  const fail = (code: number, stderr: string): CommandError[] => [{ kubectl: `${stderr}command terminated with exit code ${code}`, code: 'exec', args: { detail: code }, exitCode: code }];
  switch (cmd) {
    case 'env':
    case 'printenv':
      session.out(`${environment(session, pod, c).join('\n')}\n`);
      return [];
    case 'hostname':
      session.out(`${pod.metadata!.name}\n`);
      return [];
    case 'nslookup': {
      const r = nslookup(session, pod, rest[0] ?? '');
      session.out(r.out);
      return r.code ? fail(r.code, '') : [];
    }
    case 'cat': {
      const text = readFile(session, pod, c, rest[0] ?? '');
      if (text === undefined) return fail(1, `cat: can't open '${rest[0] ?? ''}': No such file or directory\n`);
      session.out(text);
      return [];
    }
    case 'curl':
    case 'wget': {
      const url = rest.filter((a) => !a.startsWith('-'))[0] ?? '';
      const r = session.cluster.httpGet(url, { namespace: pod.metadata!.namespace!, sourceIP: pod.status?.podIP ?? '', from: `pod ${pod.metadata!.name}` });
      const failure = curlFailure(r);
      if (failure) return fail(failure.exitCode ?? 1, `${failure.kubectl}\n`);
      session.out(r.body ?? '');
      return [];
    }
    default:
      return fail(127, `sh: ${cmd}: not found\n`);
  }
}
