import { jsonBytes } from '../../../api/errors.js';
import type { KObject } from '../../../api/object.js';
import { apiError, clientError, isCommandError, type CommandError } from '../../errors.js';
import { withHelp } from '../../parse-errors.js';
import type { Session } from '../../session.js';
import { dryRunSuffix } from '../dry-run.js';
import { writtenPrinter } from '../get/output-format.js';
import { manifestObjects, type ManifestObject } from '../manifest-objects.js';

export interface CreateOptions {
  filenames: string[];
  recursive: boolean;
  namespace: string;
  dryRun?: 'client' | 'server';
  output?: string;
}

/** The object created (with --dry-run=client, as read, in its namespace), or why not. */
function createObject(session: Session, o: ManifestObject, opts: CreateOptions, alone: boolean): KObject | CommandError {
  const { object, resource, namespace, source } = o;
  if (opts.dryRun === 'client') return namespace ? { ...object, metadata: { ...object.metadata, namespace } } : object;
  const result = session.request({ verb: 'create', resource, namespace, body: object, dryRun: opts.dryRun === 'server', fieldManager: 'kubectl-create', bodyBytes: jsonBytes(object) });
  if (!result.ok) return apiError(result.error, { source, verb: 'creating', alone, kind: object.kind, name: object.metadata?.name });
  return result.object;
}

/** `kubectl create -f` (no last-applied annotation, AlreadyExists if present). */
export async function runCreate(session: Session, args: string[], opts: CreateOptions): Promise<CommandError[]> {
  const usage = (message: string) => [clientError(message, 'usage', { detail: 'kubesim create -f FICHIER, ou create deployment|namespace|configmap|secret generic|role|rolebinding|serviceaccount NOM' })];
  // a word that is not a subcommand: kubectl's create takes no argument of its own
  if (args.length) return usage(withHelp(`Unexpected args: [${args.join(' ')}]`, 'create'));
  if (!opts.filenames.length) return usage('must specify one of -f and -k');
  const text = writtenPrinter(opts.output, `created${dryRunSuffix(opts.dryRun)}`, 'create');
  if (typeof text === 'string') return usage(text);
  const errors: CommandError[] = [];
  const objects = await manifestObjects(session, opts, errors);
  const alone = objects.length + errors.length === 1;
  for (const o of objects) {
    const created = createObject(session, o, opts, alone);
    if (isCommandError(created)) {
      errors.push(created);
      continue;
    }
    await text(session, created, errors);
  }
  if (!opts.dryRun) session.settle();
  return errors;
}
