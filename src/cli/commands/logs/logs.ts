import type { Pod } from 'kubernetes-types/core/v1.js';
import { ApiError } from '../../../api/errors.js';
import type { LabelSelector } from 'kubernetes-types/meta/v1.js';
import { matches, parseSelector, selectorMatches } from '../../../api/labels.js';
import { asPod } from '../../../api/pods.js';
import { resolveResource } from '../../../api/resources.js';
import { apiError, clientError, type CommandError, unknownResourceType } from '../../errors.js';
import { withHelp } from '../../parse-errors.js';
import { selectorRefused } from '../targets.js';
import type { Session } from '../../session.js';
import { byLogging } from './by-logging.js';
import { podLog, type LogQuery } from './pod-log.js';

export interface LogsOptions extends LogQuery {
  namespace: string;
  /** -l: every pod it selects, in name order (their last 10 lines each, unless --tail). */
  selector?: string;
  /** --all-containers: each container of each pod, in turn. */
  allContainers: boolean;
  /** --prefix: each line led by `[pod/NAME/CONTAINER] `. */
  prefix: boolean;
}

const DEFAULT_CONTAINER = 'kubectl.kubernetes.io/default-container';

/**
 * The container kubectl reads without -c (podcmd.FindOrDefaultContainerByName): the pod's default-container
 * annotation, else its first, said on stderr when there was a choice.
 */
export function containerOf(session: Session, pod: Pod, asked: string | undefined): string | undefined {
  if (asked) return asked;
  const containers = pod.spec?.containers ?? [];
  const annotated = pod.metadata?.annotations?.[DEFAULT_CONTAINER];
  if (annotated && containers.some((c) => c.name === annotated)) return annotated;
  const first = containers[0]?.name;
  const others = [...(pod.spec?.ephemeralContainers ?? []).map((c) => `${c.name} (ephem)`), ...(pod.spec?.initContainers ?? []).map((c) => `${c.name} (init)`)];
  if (first !== undefined && (containers.length > 1 || others.length)) {
    session.renderer.stderr(`Defaulted container "${first}" out of: ${[...containers.map((c) => c.name), ...others].join(', ')}\n`);
  }
  return first;
}

/**
 * `kubectl logs POD|TYPE/NAME|-l SELECTOR [-c C|--all-containers] [--previous] [--tail N] [--timestamps] [--prefix]`:
 * what the containers' processes wrote.
 */
export async function runLogs(session: Session, args: string[], opts: LogsOptions): Promise<CommandError[]> {
  if (opts.selector !== undefined && args.length) return [clientError(withHelp('error: only a selector (-l) or a POD name is allowed', 'logs'), 'usage', { detail: 'kubesim logs -l app=gestion-employes' })];
  if (opts.allContainers && opts.container) return [clientError(`error: --all-containers=true should not be specified with container name ${opts.container}`, 'usage', { detail: 'kubesim logs POD --all-containers' })];
  const pods = opts.selector !== undefined ? selectedPods(session, opts.selector, opts.namespace) : namedPod(session, args[0] ?? '', opts.namespace);
  if (!Array.isArray(pods)) return [pods];
  if (!pods.length) session.renderer.stderr(`No resources found in ${opts.namespace} namespace.\n`);
  const tail = opts.tail ?? (opts.selector !== undefined ? 10 : undefined);
  for (const pod of pods) {
    const containers = opts.allContainers ? (pod.spec?.containers ?? []).map((c) => c.name) : [containerOf(session, pod, opts.container)];
    for (const container of containers) {
      const lines = podLog(pod, { ...opts, tail, container }, session);
      if (lines instanceof ApiError) return [apiError(lines, { alone: true })];
      const prefix = opts.prefix ? `[pod/${pod.metadata?.name}/${container}] ` : '';
      for (const l of lines) session.out(`${prefix}${l}\n`);
    }
  }
  return [];
}

/** kubectl's refusal of `logs` with neither a pod nor a selector. */
const noPod = () =>
  clientError(withHelp("error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command", 'logs'), 'usage', { detail: 'kubesim logs NOM_DU_POD' });

/** The pod named (or picked from a Deployment, ReplicaSet or Job), as the API server returns it. */
export function namedPod(session: Session, arg: string, namespace: string): Pod[] | CommandError {
  const picked = pickPod(session, arg, namespace);
  if (typeof picked !== 'string') return picked;
  if (!picked) return noPod();
  const got = session.request({ verb: 'get', resource: resolveResource('pods')!, namespace, name: picked });
  return got.ok ? [got.object as unknown as Pod] : apiError(got.error, { alone: true });
}

/** The pods a label selector lists, in name order, or the API server's refusal of the selector. */
function selectedPods(session: Session, selector: string, namespace: string): Pod[] | CommandError {
  const resource = resolveResource('pods')!;
  const labels = parseSelector(selector);
  if (!Array.isArray(labels)) return selectorRefused([{ resource, names: [], pairs: false }], selector, labels.error);
  const listed = session.request({ verb: 'list', resource, namespace });
  if (!listed.ok) return apiError(listed.error, { alone: true });
  return (listed.objects ?? []).filter((o) => matches(labels, o.metadata.labels)) as unknown as Pod[];
}

/** `deployment/web`, `rs/web-abc`, `job/pi`: the pod kubectl logs picks among its pods (and says so when there are several). */
export function pickPod(session: Session, arg: string, namespace: string): string | CommandError {
  const slash = arg.indexOf('/');
  if (slash < 0) return arg;
  const type = resolveResource(arg.slice(0, slash));
  const name = arg.slice(slash + 1);
  if (!type) return unknownResourceType(arg.slice(0, slash));
  if (type.kind === 'Pod') return name;
  if (!['Deployment', 'ReplicaSet', 'Job'].includes(type.kind)) return clientError(`cannot get the logs from ${type.kind.toLowerCase()}`, 'usage', { detail: arg });
  const got = session.request({ verb: 'get', resource: type, namespace, name });
  if (!got.ok) return apiError(got.error, { alone: true });
  const selector = (got.object.spec as { selector?: LabelSelector }).selector;
  // GetFirstPod: every pod the selector lists, terminating ones too, in ByLogging's order (Go's sort of so few is stable)
  const pods = session.store
    .list(`/registry/pods/${namespace}/`)
    .filter((p) => selectorMatches(selector, p.metadata.labels))
    .sort((a, b) => byLogging(asPod(a), asPod(b)));
  if (!pods.length) return apiError(new ApiError('NotFound', `pods "${name}" not found`), { alone: true });
  if (pods.length > 1) session.renderer.stderr(`Found ${pods.length} pods, using pod/${pods[0].metadata.name}\n`);
  return pods[0].metadata.name;
}
