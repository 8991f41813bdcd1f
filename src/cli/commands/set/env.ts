import type { Container, EnvVar, EnvVarSource, PodSpec } from 'kubernetes-types/core/v1.js';
import type { KObject } from '../../../api/object.js';
import { bytes, milliCpu } from '../../../api/quantity.js';
import { byKindOnly } from '../../../api/resources.js';
import { envVarName } from '../../../apiserver/validation/names.js';
import { writtenOutputRefusal } from '../../../printers/output.js';
import { clientError, type CommandError } from '../../errors.js';
import type { Session } from '../../session.js';
import { containersOf, fetchObjects, objectName, patchPodTemplates } from './pod-template.js';

export interface SetEnvOptions {
  namespace: string;
  /** -c: which containers, `*` wildcards as kubectl reads them (all by default). */
  containers: string;
  /** -e, repeatable: KEY=VALUE, KEY- or `-` (an env file on stdin). */
  env: string[];
  from?: string;
  prefix?: string;
  keys: string[];
  list: boolean;
  resolve: boolean;
  overwrite: boolean;
  output?: string;
  dryRun?: 'client' | 'server';
  /** What was piped in, for `-e -`. */
  stdin: () => string;
}

/** envutil.SplitEnvironmentFromResources: resources first, then KEY=VALUE and KEY- (ok false if they are mixed). */
function splitEnvironment(args: string[]): { resources: string[]; envArgs: string[] } | undefined {
  const isEnv = (a: string) => /^.+=/s.test(a) || a.endsWith('-');
  const first = args.findIndex(isEnv);
  if (first < 0) return { resources: args, envArgs: [] };
  if (!args.slice(first).every(isEnv)) return undefined;
  return { resources: args.slice(0, first), envArgs: args.slice(first) };
}

/** envutil.readEnv: an env file's KEY=VALUE lines, `#` comments cut off. */
const readEnv = (text: string): EnvVar[] =>
  text
    .split('\n')
    .map((line) => (line.includes('#') ? line.slice(0, line.indexOf('#')) : line))
    .filter((line) => line.includes('='))
    .map((line) => ({ name: line.slice(0, line.indexOf('=')), value: line.slice(line.indexOf('=') + 1) }));

/** envutil.ParseEnv: the variables to set and the names to remove, or kubectl's refusal. */
function parseEnv(specs: string[], stdin: () => string): { env: EnvVar[]; remove: string[] } | string {
  const env: EnvVar[] = [];
  const remove: string[] = [];
  const set = new Set<string>();
  for (const spec of specs) {
    if (spec === '-') env.push(...readEnv(stdin()));
    else if (spec.includes('=')) {
      const name = spec.slice(0, spec.indexOf('='));
      const invalid = envVarName(name);
      if (invalid.length) return `"${name}" is not a valid key name: ${invalid.join(';')}`;
      set.add(name);
      env.push({ name, value: spec.slice(spec.indexOf('=') + 1) });
    } else if (spec.endsWith('-')) remove.push(spec.slice(0, -1));
    else return `unknown environment variable: ${spec}`;
  }
  if (remove.some((name) => set.has(name))) return 'can not both modify and remove the same environment variable in the same command';
  return { env, remove };
}

/** updateEnv: the variables changed where they are, the new ones after, the removed ones gone. */
function updateEnv(existing: EnvVar[], env: EnvVar[], remove: string[]): EnvVar[] {
  const covered = new Set(remove);
  const out: EnvVar[] = [];
  for (const e of existing) {
    if (covered.has(e.name)) continue;
    const newer = env.find((n) => n.name === e.name);
    if (newer) covered.add(e.name);
    out.push(newer ?? e);
  }
  for (const e of env) {
    if (covered.has(e.name)) continue;
    covered.add(e.name);
    out.push(e);
  }
  return out;
}

/** envutil.GetEnvVarRefString: where a variable's value comes from, as `--list` prints it. */
function refString(from: EnvVarSource): string {
  if (from.configMapKeyRef) return `configmap ${from.configMapKeyRef.name}, key ${from.configMapKeyRef.key}`;
  if (from.secretKeyRef) return `secret ${from.secretKeyRef.name}, key ${from.secretKeyRef.key}`;
  if (from.fieldRef) return `field path ${from.fieldRef.fieldPath}`;
  if (from.resourceFieldRef) return `resource field ${from.resourceFieldRef.containerName ? `${from.resourceFieldRef.containerName}/` : ''}${from.resourceFieldRef.resource}`;
  return 'invalid source';
}

/** `name`, `labels['app']`: fieldpath.ExtractFieldPathAsString on the object listed (a Deployment's own metadata). */
function fieldValue(obj: KObject, path: string): string {
  const m = /^metadata\.(labels|annotations)\['(.*)'\]$/.exec(path);
  if (m) return (obj.metadata[m[1] as 'labels' | 'annotations'] ?? {})[m[2]!] ?? '';
  const meta: Record<string, string | undefined> = { 'metadata.name': obj.metadata.name, 'metadata.namespace': obj.metadata.namespace, 'metadata.uid': obj.metadata.uid };
  if (path in meta) return meta[path] ?? '';
  throw new Error(`unsupported fieldPath: ${path}`);
}

/** resource.ExtractContainerResourceValue: a request or limit divided by the divisor, rounded up. */
function resourceValue(c: Container, ref: NonNullable<EnvVarSource['resourceFieldRef']>): string {
  const [kind, name] = ref.resource.split('.') as ['limits' | 'requests', string];
  const quantity = c.resources?.[kind]?.[name];
  if (name === 'cpu') return String(Math.ceil(milliCpu(quantity ?? 0) / milliCpu(ref.divisor ?? '1')));
  if (name === 'memory' || name === 'ephemeral-storage') return String(Math.ceil(bytes(quantity ?? 0) / bytes(ref.divisor ?? '1')));
  throw new Error(`unsupported container resource : ${ref.resource}`);
}

/** envutil.GetEnvVarRefValue: the value behind a reference, read from the API server (`--list --resolve`). */
function refValue(session: Session, namespace: string, obj: KObject, c: Container, from: EnvVarSource): string {
  const keyRef = from.secretKeyRef ?? from.configMapKeyRef;
  if (keyRef) {
    const kind = from.secretKeyRef ? 'Secret' : 'ConfigMap';
    const r = session.request({ verb: 'get', resource: byKindOnly(kind)!, namespace, name: keyRef.name! });
    if (!r.ok) throw new Error(r.error.message);
    const data = (r.object as { data?: Record<string, string> }).data ?? {};
    if (!(keyRef.key in data)) throw new Error(`key ${keyRef.key} not found in ${kind === 'Secret' ? 'secret' : 'config map'} ${keyRef.name}`);
    return kind === 'Secret' ? Buffer.from(data[keyRef.key]!, 'base64').toString() : data[keyRef.key]!;
  }
  if (from.fieldRef) return fieldValue(obj, from.fieldRef.fieldPath);
  if (from.resourceFieldRef) return resourceValue(c, from.resourceFieldRef);
  throw new Error('invalid valueFrom');
}

/**
 * `--list`: a container's variables as kubectl prints them, references resolved with --resolve. What could not be
 * resolved is said on stderr, and the command still succeeds (kubectl returns before looking at the failure).
 */
function listEnv(session: Session, o: SetEnvOptions, obj: KObject, c: Container): void {
  const unresolved = new Map<string, string[]>();
  let text = `# ${obj.kind} ${obj.metadata.name}, container ${c.name}\n`;
  for (const e of c.env ?? []) {
    if (!e.valueFrom) {
      text += `${e.name}=${e.value ?? ''}\n`;
      continue;
    }
    if (o.resolve) {
      try {
        text += `${e.name}=${refValue(session, o.namespace, obj, c, e.valueFrom)}\n`;
        continue;
      } catch (error) {
        const message = (error as Error).message;
        unresolved.set(message, [...(unresolved.get(message) ?? []), e.name]);
      }
    }
    text += `# ${e.name} from ${refString(e.valueFrom)}\n`;
  }
  session.out(text);
  const errors = [...unresolved].map(([message, names]) => `error retrieving reference for ${names.sort().join(', ')}: ${message}`).sort();
  for (const error of errors) session.renderer.stderr(`${error}\n`);
}

/** `--from=secret/NAME|configmap/NAME`: one variable per key, named from it, its value a reference (keys in order). */
function fromResource(session: Session, o: SetEnvOptions): EnvVar[] | CommandError {
  const found = fetchObjects(session, [o.from!], o.namespace);
  if (!Array.isArray(found)) return found;
  const env: EnvVar[] = [];
  for (const { object } of found) {
    if (object.kind !== 'Secret' && object.kind !== 'ConfigMap') return clientError('unsupported resource specified in --from', 'usage', { detail: '--from=secret/NOM ou --from=configmap/NOM' });
    const ref = object.kind === 'Secret' ? 'secretKeyRef' : 'configMapKeyRef';
    // kubectl ranges over a Go map, in no set order: kubesim takes the keys in order, so that a demo replays the same
    for (const key of Object.keys((object as { data?: Record<string, string> }).data ?? {}).sort()) {
      if (o.keys.length && !o.keys.includes(key)) continue;
      const name = key.replace(/[^a-zA-Z0-9_]/g, '_').toUpperCase();
      if (name !== key) session.renderer.stderr(`Warning: key ${key} transferred to ${name}\n`);
      env.push({ name, valueFrom: { [ref]: { name: object.metadata.name, key } } });
    }
  }
  return env;
}

/**
 * `kubectl set env TYPE/NAME KEY=VALUE KEY-… [-c C] [--from=secret/S] [--list [--resolve]]`: the pod template's
 * variables changed in each container selected (hence a rollout for a Deployment), or listed. Nothing is sent when
 * nothing changes.
 */
export async function runSetEnv(session: Session, args: string[], o: SetEnvOptions): Promise<CommandError[]> {
  const usage = (message: string, detail: string) => [clientError(message, 'usage', { detail })];
  const split = splitEnvironment(args);
  if (!split) return usage(`all resources must be specified before environment changes: ${args.join(' ')}`, 'TYPE/NOM CLÉ=VALEUR');
  const refused = writtenOutputRefusal(o.output, 'set env');
  if (refused) return usage(refused, '-o yaml');
  if (!split.resources.length) return usage('one or more resources must be specified as <resource> <name> or <resource>/<name>', 'deployment/NOM CLÉ=VALEUR');
  if (o.list && o.output) return usage('--list and --output may not be specified together', '--list');
  if (o.keys.length && !o.from) return usage('when specifying --keys, a configmap or secret must be provided with --from', '--from=configmap/NOM');
  const parsed = parseEnv([...o.env, ...split.envArgs], o.stdin);
  if (typeof parsed === 'string') return usage(parsed, 'CLÉ=VALEUR');
  const env = [...parsed.env];
  if (o.from) {
    const imported = fromResource(session, o);
    if (!Array.isArray(imported)) return [imported];
    env.push(...imported);
  }
  if (o.prefix) for (const e of env) e.name = `${o.prefix}${e.name}`;
  const objects = fetchObjects(session, split.resources, o.namespace);
  if (!Array.isArray(objects)) return [objects];
  return patchPodTemplates(session, objects, { output: o.output, dryRun: o.dryRun, patching: 'env update to pod template:', done: 'env updated' }, (spec, { resource, object }, fail) => {
    const containers = containersOf(spec, o.containers);
    if (!containers.length) {
      session.renderer.stderr(`Warning: ${object.kind}/${object.metadata.name} does not have any containers matching "${o.containers}"\n`);
      return false;
    }
    const overwritten = o.overwrite ? undefined : overwriteOf(containers, env);
    if (overwritten) {
      fail({ text: `error: ${objectName(resource, object)} ${overwritten}\n`, code: 'usage', args: { detail: '--overwrite' } });
      return false;
    }
    for (const c of containers) {
      const next = updateEnv(c.env ?? [], env, parsed.remove);
      if (next.length) c.env = next;
      else delete c.env;
      if (o.list) listEnv(session, o, object, c);
    }
    // --list shows the variables as they would be, and changes nothing
    return !o.list;
  });
}

/** validateNoOverwrites: with --overwrite=false, a variable that already has another value stops the object. */
function overwriteOf(containers: PodSpec['containers'], env: EnvVar[]): string | undefined {
  for (const c of containers) {
    for (const e of env) {
      const current = c.env?.find((x) => x.name === e.name);
      if (current && (current.value ?? '') !== (e.value ?? '')) return `'${current.name}' already has a value (${current.value ?? ''}), and --overwrite is false`;
    }
  }
  return undefined;
}
