import type { Container, Pod } from 'kubernetes-types/core/v1.js';
import { ApiError } from '../../../api/errors.js';
import { resolveResource } from '../../../api/resources.js';
import { CLUSTER_DOMAIN, DNS_SERVICE_IP, resolve } from '../../../node/network/dns.js';
import { readFile, startedEnvironment } from '../../../node/runtime/container-view.js';
import { apiError, clientError, type CommandError } from '../../errors.js';
import type { Session } from '../../session.js';
import { curlFailure } from '../curl/curl.js';

/** busybox nslookup against CoreDNS. */
function nslookup(session: Session, pod: Pod, name: string): { out: string; code: number } {
  const header = `Server:\t\t${DNS_SERVICE_IP}\nAddress:\t${DNS_SERVICE_IP}:53\n\n`;
  const answer = resolve(session.store, name, pod.metadata!.namespace!);
  if (answer.kind === 'service' && answer.ips.length) return { out: `${header}${answer.ips.map((ip) => `Name:\t${answer.fqdn}\nAddress: ${ip}\n`).join('')}\n`, code: 0 };
  if (answer.kind === 'cname') return { out: `${header}${answer.fqdn}\tcanonical name = ${answer.target}\n\n`, code: 0 };
  return { out: `${header}** server can't find ${name}.${pod.metadata!.namespace}.svc.${CLUSTER_DOMAIN}: NXDOMAIN\n\n`, code: 1 };
}

/** What a command run in a container gives back. */
export interface ExecResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** The pod and container an exec goes to: the container must be running (kubelet refuses otherwise). */
export function execTarget(session: Session, namespace: string, name: string, container?: string): { pod: Pod; container: Container } | ApiError {
  const got = session.request({ verb: 'get', resource: resolveResource('pods')!, namespace, name });
  if (!got.ok) return got.error;
  const pod = got.object as unknown as Pod;
  const c = container ? pod.spec?.containers.find((x) => x.name === container) : pod.spec?.containers[0];
  if (!c) return new ApiError('BadRequest', `container ${container} is not valid for pod ${name}`);
  if (!pod.status?.containerStatuses?.find((s) => s.name === c.name)?.state?.running) return new ApiError('BadRequest', `container ${c.name} is not valid for pod ${name}`);
  return { pod, container: c };
}

/**
 * A command in a simulated container: the few it knows (env, hostname, nslookup, curl, wget, cat; `sh -c "…"` runs
 * its first). Anything else ends as a shell would: `not found`, exit code 127.
 */
export function execIn(session: Session, pod: Pod, c: Container, command: string[]): ExecResult {
  const [cmd, ...rest] = command[0] === 'sh' && command[1] === '-c' ? (command[2] ?? '').split(/\s+/) : command;
  const ok = (stdout: string): ExecResult => ({ stdout, stderr: '', exitCode: 0 });
  switch (cmd) {
    case 'env':
    case 'printenv':
      return ok(`${startedEnvironment(session.store, session.cluster.world.containers, pod, c).map(([k, v]) => `${k}=${v}`).join('\n')}\n`);
    case 'hostname':
      return ok(`${pod.metadata!.name}\n`);
    case 'nslookup': {
      const r = nslookup(session, pod, rest[0] ?? '');
      return { stdout: r.out, stderr: '', exitCode: r.code };
    }
    case 'cat': {
      const text = readFile(session.store, pod, c, rest[0] ?? '');
      return text === undefined ? { stdout: '', stderr: `cat: can't open '${rest[0] ?? ''}': No such file or directory\n`, exitCode: 1 } : ok(text);
    }
    case 'curl':
    case 'wget': {
      const url = rest.filter((a) => !a.startsWith('-'))[0] ?? '';
      const r = session.cluster.httpGet(url, { namespace: pod.metadata!.namespace!, sourceIP: pod.status?.podIP ?? '', from: `pod ${pod.metadata!.name}` });
      const failure = curlFailure(r);
      return failure ? { stdout: '', stderr: `${failure.kubectl}\n`, exitCode: failure.exitCode ?? 1 } : ok(r.body ?? '');
    }
    default:
      return { stdout: '', stderr: `sh: ${cmd}: not found\n`, exitCode: 127 };
  }
}

/** `kubectl exec POD [-c C] -- CMD`: the command's output on stdout; a failure ends as kubectl's does. */
export async function runExec(session: Session, args: string[], opts: { namespace: string; container?: string }): Promise<CommandError[]> {
  const [target, ...command] = args;
  const name = (target ?? '').replace(/^(pods?|po)\//, '');
  if (!name || !command.length) return [clientError('you must specify at least one command for the container', 'usage', { detail: 'kubesim exec POD -- env' })];
  const found = execTarget(session, opts.namespace, name, opts.container);
  if (found instanceof ApiError) return [apiError(found, { alone: true })];
  const r = execIn(session, found.pod, found.container, command);
  session.out(r.stdout);
  return r.exitCode ? [{ kubectl: `${r.stderr}command terminated with exit code ${r.exitCode}`, code: 'exec', args: { detail: r.exitCode }, exitCode: r.exitCode }] : [];
}
