import type { Pod } from 'kubernetes-types/core/v1.js';
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
      session.out(`${startedEnvironment(session.store, session.cluster.world.containers, pod, c).map(([k, v]) => `${k}=${v}`).join('\n')}\n`);
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
      const text = readFile(session.store, pod, c, rest[0] ?? '');
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
