import type { KObject } from '../../../api/object.js';
import { goJson } from '../../../printers/output.js';
import { clientError, type CommandError } from '../../errors.js';
import { withHelp } from '../../parse-errors.js';
import type { Session } from '../../session.js';
import { createFromFlags, generatedMetadata, nameOf, usage, type GeneratedOptions } from './generated.js';
import { configMapContent, configMapHash, secretData, secretHash, type SourceOptions } from './generators.js';

export interface ConfigOptions extends GeneratedOptions, SourceOptions {
  /** --append-hash: the name gets a hash of the content, so that a change makes a new object (and a rollout). */
  appendHash: boolean;
  /** create secret generic --type (the API server makes it Opaque when none is given). */
  type?: string;
  /** create secret docker-registry's --docker-server, --docker-username, --docker-password, --docker-email. */
  registry: { server?: string; username?: string; password?: string; email?: string };
}

const DOCKER_HUB = 'https://index.docker.io/v1/';

/** A source kubectl refuses (a literal without `=`, a key twice, a missing file): in its words, then why in ours. */
const refusedSource = (message: string, kind: string): CommandError[] => [clientError(message, 'source', { kind })];

/** `kubectl create namespace NAME` (or `ns`). */
export async function runCreateNamespace(session: Session, names: string[], o: GeneratedOptions): Promise<CommandError[]> {
  const name = nameOf(names, 'namespace', o);
  if (typeof name !== 'string') return name;
  return createFromFlags(session, { apiVersion: 'v1', kind: 'Namespace', metadata: generatedMetadata(name, o, false), spec: {}, status: {} } as unknown as KObject, o);
}

/** `kubectl create configmap NAME [--from-file=[KEY=]PATH] [--from-literal=KEY=VALUE] [--from-env-file=PATH]` (or `cm`). */
export async function runCreateConfigMap(session: Session, names: string[], o: ConfigOptions): Promise<CommandError[]> {
  const name = nameOf(names, 'configmap', o);
  if (typeof name !== 'string') return name;
  const content = configMapContent(name, o, session.env.variables);
  if (typeof content === 'string') return refusedSource(content, 'ConfigMap');
  const { data, binaryData } = content;
  const configMap = {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: generatedMetadata(o.appendHash ? `${name}-${configMapHash(name, content)}` : name, o, true),
    ...(Object.keys(data).length ? { data } : {}),
    ...(Object.keys(binaryData).length ? { binaryData } : {}),
  };
  return createFromFlags(session, configMap as unknown as KObject, o);
}

/**
 * `kubectl create secret docker-registry NAME --docker-username=… --docker-password=… [--docker-server=…]
 * [--docker-email=…]`: what a pod's imagePullSecrets give the kubelet to pull from a private registry, a
 * .dockerconfigjson of one registry (or files given with --from-file).
 */
function dockerRegistrySecret(name: string, o: ConfigOptions): KObject | CommandError[] {
  const { server = DOCKER_HUB, username, password, email } = o.registry;
  if (!o.fromFile.length && (!username || !password || !server)) return usage('either --from-file or the combination of --docker-username, --docker-password and --docker-server is required', 'secret docker-registry');
  let data: Record<string, string>;
  if (o.fromFile.length) {
    const files = secretData({ fromLiteral: [], fromFile: o.fromFile, fromEnvFile: [] }, {});
    if (typeof files === 'string') return refusedSource(files, 'Secret');
    data = files;
  } else {
    // the order of kubectl's DockerConfigEntry fields, with Go's JSON escapes
    const entry = { username, password, ...(email ? { email } : {}), auth: Buffer.from(`${username}:${password}`).toString('base64') };
    data = { '.dockerconfigjson': Buffer.from(goJson({ auths: { [server]: entry } })).toString('base64') };
  }
  const type = 'kubernetes.io/dockerconfigjson';
  return { apiVersion: 'v1', kind: 'Secret', metadata: generatedMetadata(o.appendHash ? `${name}-${secretHash(name, type, data)}` : name, o, true), data, type } as unknown as KObject;
}

/**
 * `kubectl create secret generic NAME [--type=TYPE] [--from-literal=…] [--from-file=…] [--from-env-file=…]`, and
 * docker-registry. tls is refused: kubesim does not read certificates.
 */
export async function runCreateSecret(session: Session, args: string[], o: ConfigOptions): Promise<CommandError[]> {
  const [type, ...names] = args;
  if (type === 'tls') return usage('kubesim does not create tls secrets: write the Secret in a manifest (type kubernetes.io/tls)', 'secret tls');
  if (type === 'docker-registry') {
    const name = nameOf(names, 'secret docker-registry', o);
    if (typeof name !== 'string') return name;
    const secret = dockerRegistrySecret(name, o);
    return Array.isArray(secret) ? secret : createFromFlags(session, secret, o);
  }
  if (type !== 'generic') return usage(type === undefined ? 'a secret type is required: generic' : withHelp(`unknown command "${args.join(' ')}"`, 'create secret'), 'secret generic');
  const name = nameOf(names, 'secret generic', o);
  if (typeof name !== 'string') return name;
  const data = secretData(o, session.env.variables);
  if (typeof data === 'string') return refusedSource(data, 'Secret');
  const secret = {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: generatedMetadata(o.appendHash ? `${name}-${secretHash(name, o.type ?? '', data)}` : name, o, true),
    ...(o.type ? { type: o.type } : {}),
    ...(Object.keys(data).length ? { data } : {}),
  };
  return createFromFlags(session, secret as unknown as KObject, o);
}
