import type { KObject } from '../../../api/object.js';
import { resolveResource } from '../../../api/resources.js';
import { writtenOutputRefusal } from '../../../printers/output.js';
import { apiError, clientError, type CommandError } from '../../errors.js';
import { withHelp } from '../../parse-errors.js';
import type { Session } from '../../session.js';
import { createGenerated } from '../create/generated.js';
import { parseLabelSpec } from '../create/generators.js';

export interface RunOptions {
  namespace: string;
  /** -n given: a --dry-run=client pod names its namespace. */
  namespaceExplicit: boolean;
  image?: string;
  restart?: string;
  port?: string;
  labels?: string;
  env: string[];
  /** The words after the name are the command, not its arguments. */
  command: boolean;
  imagePullPolicy?: string;
  /** -i, -t, --attach: a terminal attached to the container. */
  attach: boolean;
  rm: boolean;
  dryRun?: 'client' | 'server';
  output?: string;
}

const PODS = resolveResource('pods')!;
const RESTART_POLICIES = ['Always', 'OnFailure', 'Never'];
/** validation.IsEnvVarName */
const ENV_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;

/** run.go parseEnvs: NAME=VALUE, a valid name. */
function parseEnv(specs: string[]): Array<{ name: string; value: string }> | string {
  const env: Array<{ name: string; value: string }> = [];
  for (const spec of specs) {
    const eq = spec.indexOf('=');
    if (eq <= 0 || !ENV_NAME.test(spec.slice(0, eq))) return `invalid env: ${spec}`;
    env.push({ name: spec.slice(0, eq), value: spec.slice(eq + 1) });
  }
  return env;
}

/** The pod kubectl run builds: one container named as the pod, labels run=NAME unless --labels. */
function podOf(name: string, words: string[], o: RunOptions): KObject | string {
  const restartPolicy = o.restart ?? 'Always';
  if (!RESTART_POLICIES.includes(restartPolicy)) return withHelp(`invalid restart policy: ${restartPolicy}`, 'run');
  const labels = o.labels ? parseLabelSpec(o.labels) : { run: name };
  if (typeof labels === 'string') return labels;
  const env = parseEnv(o.env);
  if (typeof env === 'string') return env;
  if (o.port !== undefined && !/^[+-]?\d+$/.test(o.port)) return `strconv.Atoi: parsing "${o.port}": invalid syntax`;
  const container = {
    name,
    image: o.image,
    ...(words.length ? { [o.command ? 'command' : 'args']: words } : {}),
    ...(env.length ? { env } : {}),
    ...(o.port !== undefined ? { ports: [{ containerPort: Number(o.port) }] } : {}),
    ...(o.imagePullPolicy ? { imagePullPolicy: o.imagePullPolicy } : {}),
    resources: {},
  };
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, ...(o.namespaceExplicit && { namespace: o.namespace }), creationTimestamp: null, labels },
    spec: { containers: [container], dnsPolicy: 'ClusterFirst', restartPolicy },
    status: {},
  } as unknown as KObject;
}

/**
 * `kubectl run NAME --image=IMAGE [-- ARGS…]`: one pod, no controller (nothing replaces it if it goes). The words
 * after the name are its container's arguments, or with --command its command. A terminal attached (-i, -t) is for
 * the real kubectl through `kubesim serve`.
 */
export async function runRun(session: Session, args: string[], o: RunOptions): Promise<CommandError[]> {
  const usage = (message: string) => [clientError(message, 'usage', { detail: 'kubesim run NOM --image=IMAGE' })];
  if (!o.image) return usage('required flag(s) "image" not set');
  const [name, ...words] = args;
  if (!name) return usage(withHelp('NAME is required for run', 'run'));
  if (o.rm && !o.attach) return usage(withHelp('--rm should only be used for attached containers', 'run'));
  if (o.attach && o.dryRun) return usage(withHelp(`--dry-run=[server|client] can't be used with attached containers options (--attach, --stdin, or --tty)`, 'run'));
  if (o.attach) return usage('kubesim run does not attach a terminal (-i, -t, --attach): the real kubectl does, through kubesim serve (kubectl run -it --rm … -- sh)');
  const outputRefused = writtenOutputRefusal(o.output, 'run');
  if (outputRefused) return usage(outputRefused);
  const pod = podOf(name, words, o);
  if (typeof pod === 'string') return usage(pod);
  const refused = await createGenerated(session, pod, { resource: PODS, namespace: o.namespace, fieldManager: 'kubectl-run', dryRun: o.dryRun, output: o.output, word: 'created' });
  if (refused) return [apiError(refused, { alone: true, kind: 'Pod', name })];
  if (!o.dryRun) session.settle();
  return [];
}
