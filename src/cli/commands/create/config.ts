import type { KObject } from '../../../api/object.js';
import { clientError, type CommandError } from '../../errors.js';
import type { Session } from '../../session.js';
import { createFromFlags, generatedMetadata, nameOf, usage, type GeneratedOptions } from './generated.js';
import { configMapContent, configMapHash, secretData, secretHash, type SourceOptions } from './generators.js';

export interface ConfigOptions extends GeneratedOptions, SourceOptions {
  /** --append-hash: the name gets a hash of the content, so that a change makes a new object (and a rollout). */
  appendHash: boolean;
  /** create secret generic --type (the API server makes it Opaque when none is given). */
  type?: string;
}

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
 * `kubectl create secret generic NAME [--type=TYPE] [--from-literal=…] [--from-file=…] [--from-env-file=…]`. The other
 * types, tls and docker-registry, are refused: kubesim does not build them.
 */
export async function runCreateSecret(session: Session, args: string[], o: ConfigOptions): Promise<CommandError[]> {
  const [type, ...names] = args;
  if (type === 'tls' || type === 'docker-registry') return usage(`kubesim does not create ${type} secrets: write the Secret in a manifest (type kubernetes.io/${type === 'tls' ? 'tls' : 'dockerconfigjson'})`, `secret ${type}`);
  if (type !== 'generic') return usage(type === undefined ? 'a secret type is required: generic' : `unknown command "${args.join(' ')}"\nSee 'kubectl create secret -h' for help and examples`, 'secret generic');
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
