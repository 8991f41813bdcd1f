import { jsonBytes } from '../../../api/errors.js';
import type { KObject } from '../../../api/object.js';
import { byKind } from '../../../api/resources.js';
import { missingTypeError } from '../../../manifest/decode.js';
import { readManifests } from '../../../manifest/read.js';
import { writtenOutputRefusal, writtenText } from '../../../printers/output.js';
import { apiError, clientError, isCommandError, type CommandError } from '../../errors.js';
import type { Session } from '../../session.js';
import { dryRunSuffix } from '../dry-run.js';

export interface CreateOptions {
  filenames: string[];
  recursive: boolean;
  namespace: string;
  dryRun?: 'client' | 'server';
  output?: string;
}

/** The object created (with --dry-run=client, as read, in its namespace), or why not. */
function createObject(session: Session, obj: KObject, opts: CreateOptions, source: string | undefined, alone: boolean): KObject | CommandError {
  const r = byKind(obj.apiVersion, obj.kind);
  if (!r) {
    return clientError(`resource mapping not found for name: "${obj.metadata?.name ?? ''}" namespace: "" from "${source}": no matches for kind "${obj.kind}" in version "${obj.apiVersion}"\nensure CRDs are installed first`, 'unknown-kind', { kind: obj.kind, apiVersion: obj.apiVersion });
  }
  const ns = r.namespaced ? obj.metadata?.namespace || opts.namespace : undefined;
  if (opts.dryRun === 'client') return ns ? { ...obj, metadata: { ...obj.metadata, namespace: ns } } : obj;
  const result = session.request({ verb: 'create', resource: r, namespace: ns, body: obj, dryRun: opts.dryRun === 'server', fieldManager: 'kubectl-create', bodyBytes: jsonBytes(obj) });
  if (!result.ok) return apiError(result.error, { source, verb: 'creating', alone, kind: obj.kind, name: obj.metadata?.name });
  return result.object;
}

/** `kubectl create -f` (no last-applied annotation, AlreadyExists if present). */
export async function runCreate(session: Session, args: string[], opts: CreateOptions): Promise<CommandError[]> {
  const usage = (message: string) => [clientError(message, 'usage', { detail: 'kubesim create -f FICHIER, ou create deployment|namespace|configmap|secret generic|role|rolebinding|serviceaccount NOM' })];
  // a word that is not a subcommand: kubectl's create takes no argument of its own
  if (args.length) return usage(`Unexpected args: [${args.join(' ')}]\nSee 'kubectl create -h' for help and examples`);
  if (!opts.filenames.length) return usage('must specify one of -f and -k');
  const refused = writtenOutputRefusal(opts.output, 'create');
  if (refused) return usage(refused);
  const errors: CommandError[] = [];
  let printed = 0;
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
    const created = createObject(session, item.object, opts, item.source, items.length === 1);
    if (isCommandError(created)) {
      errors.push(created);
      continue;
    }
    // several objects in YAML: one document each
    session.out(`${printed++ && opts.output === 'yaml' ? '---\n' : ''}${await writtenText(created, opts.output, `created${dryRunSuffix(opts.dryRun)}`)}`);
  }
  if (!opts.dryRun) session.settle();
  return errors;
}
