import type { Pod } from 'kubernetes-types/core/v1.js';
import { ApiError } from '../../../api/errors.js';
import { resolveResource } from '../../../api/resources.js';
import { apiError, clientError, type CommandError } from '../../errors.js';
import type { Session } from '../../session.js';
import { everyTick, type TickOptions } from '../ticks.js';
import { containerOf, namedPod, type LogsOptions } from './logs.js';
import { podLog } from './pod-log.js';

/** The container instance followed: a new one (a restart) ends the stream, as the old one's end does. */
const instanceOf = (pod: Pod, container: string | undefined) => pod.status?.containerStatuses?.find((s) => s.name === container)?.state?.running?.startedAt;

/**
 * `kubectl logs -f`: what the container wrote so far (--tail lines of it), then each new line as the app writes it
 * (a request it served: `kubesim curl` from another terminal), until the container ends, the pod goes, Ctrl-C, or
 * --request-timeout. Each look at the cluster is a short session of its own, as `get -w`'s.
 */
export async function followLogs(open: (elapsedMs: number) => Promise<Session>, args: string[], opts: LogsOptions & TickOptions, stopped: () => boolean): Promise<CommandError[]> {
  if (opts.selector !== undefined || opts.allContainers) {
    return [clientError('error: kubesim logs -f follows one container of one pod: name the pod (or deploy/NAME) and -c CONTAINER', 'usage', { detail: 'kubesim logs -f deploy/gestion-employes' })];
  }
  let pod: string | undefined;
  let container: string | undefined;
  let followed: string | undefined;
  let printed = 0;
  return everyTick(open, opts, stopped, async (session, first) => {
    let object: Pod;
    if (first) {
      const named = namedPod(session, args[0] ?? '', opts.namespace);
      if (!Array.isArray(named)) return [named];
      object = named[0]!;
      pod = object.metadata!.name;
    } else {
      const got = session.request({ verb: 'get', resource: resolveResource('pods')!, namespace: opts.namespace, name: pod! });
      // the pod went: so did its containers
      if (!got.ok) return 'done';
      object = got.object as unknown as Pod;
    }
    if (first) container = containerOf(session, object, opts.container);
    const lines = podLog(object, { ...opts, container, tail: undefined }, session);
    if (lines instanceof ApiError) return first ? [apiError(lines, { alone: true })] : 'done';
    const instance = instanceOf(object, container);
    if (first) followed = instance;
    else if (instance !== followed) return 'done';
    const fresh = first && opts.tail !== undefined && opts.tail >= 0 ? lines.slice(Math.max(0, lines.length - opts.tail)) : lines.slice(printed);
    const prefix = opts.prefix ? `[pod/${pod}/${container}] ` : '';
    for (const line of fresh) session.out(`${prefix}${line}\n`);
    printed = lines.length;
    // a container that is not running any more has written all it will
    return instance ? [] : 'done';
  });
}
