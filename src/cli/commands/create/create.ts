import { jsonBytes } from '../../../api/errors.js';
import type { KObject } from '../../../api/object.js';
import { byKind, kindPrefix, resolveResource } from '../../../api/resources.js';
import { missingTypeError } from '../../../manifest/decode.js';
import { readManifests } from '../../../manifest/read.js';
import { apiError, clientError, type CommandError } from '../../errors.js';
import type { Session } from '../../session.js';
import { configMapFrom, secretFrom, type SourceOptions } from './generators.js';

export interface CreateOptions extends SourceOptions {
  filenames: string[];
  recursive: boolean;
  namespace: string;
}

const USAGE = 'usage: kubesim create -f FILE | namespace NAME | configmap NAME --from-literal=K=V | secret generic NAME --from-literal=K=V';

/** The object a `create TYPE NAME` line describes, or why it cannot be made. */
function generate(args: string[], opts: CreateOptions): { object: KObject } | { error: string; usage?: boolean } {
  const [type, ...rest] = args;
  const kind = resolveResource(type ?? '')?.kind;
  if (kind === 'Secret') {
    if (rest[0] !== 'generic' || !rest[1]) return { error: USAGE, usage: true };
    return secretFrom(rest[1], opts);
  }
  if (!rest[0]) return { error: USAGE, usage: true };
  if (kind === 'Namespace') return { object: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: rest[0] } } as KObject };
  if (kind === 'ConfigMap') return configMapFrom(rest[0], opts);
  return { error: USAGE, usage: true };
}

function createObject(session: Session, obj: KObject, namespace: string, source: string | undefined, alone: boolean): CommandError | undefined {
  const r = byKind(obj.apiVersion, obj.kind);
  if (!r) {
    return clientError(`resource mapping not found for name: "${obj.metadata?.name ?? ''}" namespace: "" from "${source}": no matches for kind "${obj.kind}" in version "${obj.apiVersion}"\nensure CRDs are installed first`, 'unknown-kind', { kind: obj.kind, apiVersion: obj.apiVersion });
  }
  const ns = r.namespaced ? obj.metadata?.namespace || namespace : undefined;
  const result = session.request({ verb: 'create', resource: r, namespace: ns, body: obj, fieldManager: 'kubectl-create', bodyBytes: jsonBytes(obj) });
  if (!result.ok) return apiError(result.error, { source, verb: 'creating', alone, kind: obj.kind, name: obj.metadata?.name });
  session.out(`${kindPrefix(r)}/${result.object.metadata.name} created\n`);
  return undefined;
}

/** `kubectl create -f` (no last-applied annotation, AlreadyExists if present), and `create namespace|configmap|secret generic`. */
export async function runCreate(session: Session, args: string[], opts: CreateOptions): Promise<CommandError[]> {
  const errors: CommandError[] = [];
  if (opts.filenames.length) {
    const items = await readManifests(opts.filenames, { recursive: opts.recursive, stdin: session.env.stdin });
    for (const item of items) {
      if (item.error || !item.object) {
        if (item.error) errors.push(clientError(item.error.kubectl, item.error.code, { source: item.source, path: item.source, line: item.error.line, column: item.error.column, detail: item.error.detail }));
        continue;
      }
      const missing = missingTypeError(item.object, item.source);
      if (missing) {
        errors.push(clientError(missing.kubectl, 'missing-kind', { source: item.source, detail: missing.detail }));
        continue;
      }
      const err = createObject(session, item.object, opts.namespace, item.source, items.length === 1);
      if (err) errors.push(err);
    }
  } else {
    const obj = generate(args, opts);
    if ('error' in obj) return [clientError(obj.error, 'usage', { detail: obj.usage ? 'kubesim create configmap NOM --from-literal=cle=valeur' : '--from-literal=cle=valeur, --from-file=[cle=]chemin' })];
    const err = createObject(session, obj.object, opts.namespace, undefined, true);
    if (err) errors.push(err);
  }
  session.settle();
  return errors;
}
