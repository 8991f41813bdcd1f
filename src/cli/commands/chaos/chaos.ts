import type { Pod } from 'kubernetes-types/core/v1.js';
import { resolveResource } from '../../../api/resources.js';
import { apiError, clientError, type CommandError } from '../../errors.js';
import type { Session } from '../../session.js';

/**
 * `kubesim chaos kill pod/NAME [-c CONTAINER]`: the container's main process dies (SIGKILL). The kubelet restarts
 * it in the same pod (RESTARTS goes up); nothing is rescheduled, unlike deleting the pod.
 */
export async function runChaosKill(session: Session, args: string[], opts: { namespace: string; container?: string }): Promise<CommandError[]> {
  const target = args[0] ?? '';
  const m = /^(?:pods?\/|po\/)?([a-z0-9][-a-z0-9.]*)$/.exec(target);
  if (!m || (args.length > 1 && args[0] !== 'pod')) {
    const name = args[0] === 'pod' ? args[1] : undefined;
    if (!name) return [clientError('usage: kubesim chaos kill pod/NAME [-c CONTAINER]', 'usage', { detail: 'kubesim chaos kill pod/NOM' })];
    return runChaosKill(session, [`pod/${name}`], opts);
  }
  const got = session.request({ verb: 'get', resource: resolveResource('pods')!, namespace: opts.namespace, name: m[1] });
  if (!got.ok) return [apiError(got.error, { alone: true })];
  const pod = got.object as unknown as Pod;
  const container = opts.container ? pod.spec?.containers.find((c) => c.name === opts.container) : pod.spec?.containers[0];
  if (!container) return [clientError(`container ${opts.container} is not valid for pod ${m[1]}`, 'usage', { detail: `-c ${opts.container}` })];
  const running = pod.status?.containerStatuses?.find((s) => s.name === container.name)?.state?.running;
  if (!running) return [clientError(`container "${container.name}" in pod "${m[1]}" is not running`, 'usage', { detail: 'le conteneur ne tourne pas' })];
  const node = pod.spec!.nodeName!;
  session.cluster.world.log.emit('simulator', { kind: 'chaos.killed', pod: { kind: 'Pod', namespace: opts.namespace, name: m[1] }, container: container.name, node });
  if (!session.cluster.processExited(got.object, container, 137, 'SIGKILL')) return [clientError(`the kubelet of node ${node} is down: nothing can be killed there`, 'usage', { detail: node })];
  session.out(`pod/${m[1]} container ${container.name} killed\n`);
  session.settle();
  return [];
}
