import { jsonBytes } from '../../../api/errors.js';
import type { KObject } from '../../../api/object.js';
import { byKind, kindPrefix } from '../../../api/resources.js';
import { missingTypeError } from '../../../manifest/decode.js';
import { readManifests } from '../../../manifest/read.js';
import { apiError, clientError, type CommandError } from '../../errors.js';
import type { Session } from '../../session.js';

export interface CreateOptions {
  filenames: string[];
  recursive: boolean;
  namespace: string;
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

/** `kubectl create -f` (no last-applied annotation, AlreadyExists if present). */
export async function runCreate(session: Session, args: string[], opts: CreateOptions): Promise<CommandError[]> {
  const usage = (message: string) => [clientError(message, 'usage', { detail: 'kubesim create -f FICHIER, ou create deployment|namespace|configmap|secret generic|role|rolebinding|serviceaccount NOM' })];
  // a word that is not a subcommand: kubectl's create takes no argument of its own
  if (args.length) return usage(`Unexpected args: [${args.join(' ')}]\nSee 'kubectl create -h' for help and examples`);
  if (!opts.filenames.length) return usage('must specify one of -f and -k');
  const errors: CommandError[] = [];
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
  session.settle();
  return errors;
}
