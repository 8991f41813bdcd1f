import type { Env } from '../../env.js';
import { clientError, type CommandError } from '../../errors.js';
import { kubeconfigPath, loadKubeconfig, saveKubeconfig, type ContextEntry, type Kubeconfig } from '../../kubeconfig.js';
import type { Renderer, Streams } from '../../../narrator/render/renderer.js';
import { table } from '../../../printers/tabwriter.js';

/**
 * `kubectl config`: kubesim's kubeconfig (see kubeconfig.ts), read and changed as kubectl reads and changes
 * ~/.kube/config. These commands never open the cluster: they work even when the current context names none.
 */
export interface ConfigCall {
  env: Env;
  streams: Streams;
  renderer: Renderer;
}

const load = (env: Env) => loadKubeconfig(env.home, env.cluster);

/**
 * Reads, changes and writes the kubeconfig holding a lock (`$KUBESIM_HOME/lock`), as client-go's ModifyConfig holds
 * `config.lock`: two commands changing it at once both land. `change` saves what it returns true for.
 */
async function changing(env: Env, change: (config: Kubeconfig) => boolean): Promise<CommandError[]> {
  const { ClusterLock } = await import('../../state.js');
  const lock = new ClusterLock(env.home);
  if (!(await lock.acquire())) return [clientError(`error: the kubeconfig is locked by another kubesim (${env.home}/lock)`, 'locked', { path: `${env.home}/lock` })];
  try {
    const config = load(env);
    if (change(config)) saveKubeconfig(env.home, config);
    return [];
  } finally {
    lock.release();
  }
}

const contextNamed = (config: Kubeconfig, name: string) => config.contexts.find((c) => c.name === name);
const messages = async (env: Env) => (await import('../../../narrator/narrate.js')).CATALOGS[env.lang].messages.kubeconfig;

/** What kubectl prints after a command's help when its arguments are wrong (the help itself is left out). */
const unexpectedArgs = (args: string[], example: string) => clientError(`error: Unexpected args: [${args.join(' ')}]`, 'usage', { detail: example });

export async function runCurrentContext({ env, streams }: ConfigCall): Promise<CommandError[]> {
  streams.out.write(`${load(env)['current-context']}\n`);
  return [];
}

export async function runGetContexts({ env, streams }: ConfigCall, names: string[], o: { output?: string; noHeaders: boolean }): Promise<CommandError[]> {
  if (o.output && o.output !== 'name') return [clientError(`error: --output ${o.output} is not available in kubectl config get-contexts; resetting to default output format`, 'usage', { detail: 'kubesim config get-contexts -o name' })];
  const config = load(env);
  const shown = names.length ? config.contexts.filter((c) => names.includes(c.name)) : config.contexts;
  const missing = names.filter((n) => !contextNamed(config, n));
  if (o.output === 'name') streams.out.write(shown.map((c) => `${c.name}\n`).join(''));
  else {
    const rows = shown.map(({ name, context }) => [name === config['current-context'] ? '*' : '', name, context.cluster ?? '', context.user ?? '', context.namespace ?? '']);
    streams.out.write(table([...(o.noHeaders ? [] : [['CURRENT', 'NAME', 'CLUSTER', 'AUTHINFO', 'NAMESPACE']]), ...rows]));
  }
  return missing.map((name) => clientError(`error: context ${name} not found`, 'context', { name }));
}

/** `config get-clusters` and `config get-users`: the names, under NAME. */
export async function runGetNames({ env, streams }: ConfigCall, list: 'clusters' | 'users'): Promise<CommandError[]> {
  streams.out.write(`NAME\n${load(env)[list].map((entry) => `${entry.name}\n`).join('')}`);
  return [];
}

export async function runUseContext({ env, streams, renderer }: ConfigCall, args: string[]): Promise<CommandError[]> {
  if (args.length !== 1) return [unexpectedArgs(args, 'kubesim config use-context kubesim-kubesim')];
  const name = args[0]!;
  let entry: Kubeconfig['contexts'][number] | undefined;
  const errors = await changing(env, (config) => {
    entry = contextNamed(config, name);
    if (entry) config['current-context'] = name;
    return !!entry;
  });
  if (errors.length) return errors;
  if (!entry) return [clientError(`error: no context exists with the name: "${name}"`, 'context', { name })];
  streams.out.write(`Switched to context "${name}".\n`);
  renderer.note((await messages(env)).switched(name, entry.context.cluster ?? '', entry.context.namespace ?? ''));
  return [];
}

/** The fields `config set-context` was given: only those change (an empty value empties the field). */
export type ContextFields = Partial<Record<keyof ContextEntry, string>>;

export async function runSetContext({ env, streams, renderer }: ConfigCall, args: string[], o: { current: boolean; fields: ContextFields }): Promise<CommandError[]> {
  if (args.length > 1) return [unexpectedArgs(args, 'kubesim config set-context --current --namespace=dev')];
  if (args.length && o.current) return [clientError('error: you cannot specify both a context name and --current', 'usage', { detail: 'kubesim config set-context --current --namespace=dev' })];
  let said = '';
  let named = '';
  let namespace = '';
  const errors = await changing(env, (config) => {
    const name = o.current ? config['current-context'] : args[0];
    if (!name) return false;
    const existing = contextNamed(config, name);
    const entry = existing ?? { name, context: { cluster: '', user: '' } };
    for (const [field, value] of Object.entries(o.fields) as Array<[keyof ContextEntry, string | undefined]>) {
      if (value === undefined) continue;
      if (field === 'namespace' && !value) delete entry.context.namespace;
      else entry.context[field] = value;
    }
    if (!existing) config.contexts.push(entry);
    said = `Context "${name}" ${existing ? 'modified' : 'created'}.\n`;
    named = name;
    namespace = entry.context.namespace ?? '';
    return true;
  });
  if (errors.length) return errors;
  if (!said) return [clientError('error: you must specify a non-empty context name or --current', 'usage', { detail: 'kubesim config set-context --current --namespace=dev' })];
  streams.out.write(said);
  if (o.fields.namespace !== undefined) renderer.note((await messages(env)).namespace(named, namespace));
  return [];
}

export async function runDeleteContext({ env, streams }: ConfigCall, args: string[]): Promise<CommandError[]> {
  if (args.length !== 1) return [unexpectedArgs(args, 'kubesim config delete-context dev')];
  const name = args[0]!;
  const file = kubeconfigPath(env.home);
  let found = false;
  let active = false;
  const errors = await changing(env, (config) => {
    found = !!contextNamed(config, name);
    active = config['current-context'] === name;
    config.contexts = config.contexts.filter((c) => c.name !== name);
    // a kubesim cluster's own context comes back as long as the cluster does: the current context then is the default
    if (active) config['current-context'] = '';
    return found;
  });
  if (errors.length) return errors;
  if (!found) return [clientError(`error: cannot delete context ${name}, not in ${file}`, 'context', { name })];
  if (active) streams.err.write('warning: this removed your active context, use "kubectl config use-context" to select a different one\n');
  streams.out.write(`deleted context ${name} from ${file}\n`);
  return [];
}

const FORMATS = 'go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml';

/**
 * `config view`: the kubeconfig as YAML (or -o json, -o jsonpath=…), each list in name order; --minify keeps only the
 * current context (or --context's), its cluster and its user. There are no credentials to hide, so --raw changes nothing.
 */
export async function runView({ env, streams, renderer }: ConfigCall, o: { minify: boolean; output?: string; context?: string }): Promise<CommandError[]> {
  const output = o.output ?? 'yaml';
  const [format, ...rest] = output.split('=');
  if (!['yaml', 'json', 'jsonpath'].includes(format!)) {
    return [clientError(`error: unable to match a printer suitable for the output format "${output}", allowed formats are: ${FORMATS}`, 'usage', { detail: 'kubesim config view -o yaml' })];
  }
  let config = load(env);
  if (o.minify) {
    const current = o.context ?? config['current-context'];
    const entry = contextNamed(config, current);
    if (!entry) return [clientError(`error: cannot locate context ${current}`, 'context', { name: current })];
    config = {
      ...config,
      'current-context': current,
      contexts: [entry],
      clusters: config.clusters.filter((c) => c.name === entry.context.cluster),
      users: config.users.filter((u) => u.name === entry.context.user),
    };
  }
  // clientcmd's v1.Config, its struct's field order; an empty list is a nil slice (null), a context's cluster and user
  // are always there
  const document = {
    kind: 'Config',
    apiVersion: 'v1',
    preferences: {},
    clusters: config.clusters.length ? config.clusters : null,
    users: config.users.length ? config.users : null,
    contexts: config.contexts.length ? config.contexts.map(({ name, context }) => ({ name, context: { cluster: context.cluster ?? '', user: context.user ?? '', ...(context.namespace ? { namespace: context.namespace } : {}) } })) : null,
    'current-context': config['current-context'],
  };
  const { goJson, toYaml } = await import('../../../printers/output.js');
  if (format === 'json') streams.out.write(`${goJson(document, 4)}\n`);
  else if (format === 'yaml') streams.out.write(await toYaml(document));
  else {
    const { JsonPathError, parseJsonPath, printJsonPath } = await import('../../../printers/jsonpath.js');
    const { jsonPathFailure } = await import('../get/output-format.js');
    const template = rest.join('=');
    if (!template) return [clientError('error: template format specified but no template given', 'usage', { detail: "kubesim config view --minify -o jsonpath='{..namespace}'" })];
    try {
      streams.out.write(printJsonPath(parseJsonPath(template), document));
    } catch (e) {
      if (!(e instanceof JsonPathError)) throw e;
      return [clientError(`error: ${jsonPathFailure(template, e)}`, 'usage', { detail: "kubesim config view --minify -o jsonpath='{..namespace}'" })];
    }
  }
  if (format === 'yaml') renderer.note((await messages(env)).view);
  return [];
}
