import { jsonBytes, type ApiError } from '../../../api/errors.js';
import type { KObject } from '../../../api/object.js';
import { kindPrefix } from '../../../api/resources.js';
import { apiError, clientError, isCommandError, type CommandError } from '../../errors.js';
import type { Session } from '../../session.js';
import { dryRunSuffix } from '../dry-run.js';
import { writtenPrinter } from '../get/output-format.js';
import { manifestObjects, type ManifestObject } from '../manifest-objects.js';

export interface ReplaceOptions {
  filenames: string[];
  recursive: boolean;
  namespace: string;
  dryRun?: 'client' | 'server';
  output?: string;
  /** Delete each object, then create it again (fields that cannot change, a new uid). */
  force: boolean;
}

/**
 * One object's whole new state (a PUT), at the version it has now: kubectl's helper reads it first when the
 * manifest names none, so a missing object is NotFound ("error when replacing"), never created. A client dry run
 * asks the server nothing: it prints the object as read, in its namespace.
 */
function replaceOne(session: Session, o: ManifestObject, opts: ReplaceOptions, alone: boolean): KObject | CommandError {
  const { object, resource, namespace, source } = o;
  if (opts.dryRun === 'client') return namespace ? { ...object, metadata: { ...object.metadata, namespace } } : object;
  const refused = (error: ApiError) => apiError(error, { source, verb: 'replacing', alone, kind: object.kind, name: object.metadata.name });
  const live = session.request({ verb: 'get', resource, namespace, name: object.metadata.name });
  if (!live.ok) return refused(live.error);
  const body = { ...object, metadata: { ...object.metadata, resourceVersion: object.metadata.resourceVersion ?? live.object.metadata.resourceVersion } };
  const r = session.request({ verb: 'update', resource, namespace, name: object.metadata.name, body, dryRun: opts.dryRun === 'server', fieldManager: 'kubectl-replace', bodyBytes: jsonBytes(body) });
  return r.ok ? r.object : refused(r.error);
}

/** --force: every object deleted (one already gone is not an error), the cluster let finish, then each created. */
function forceReplace(session: Session, objects: ManifestObject[], opts: ReplaceOptions, alone: boolean, errors: CommandError[]): KObject[] {
  for (const { object, resource, namespace } of objects) {
    const r = session.request({ verb: 'delete', resource, namespace, name: object.metadata.name });
    // the delete's own printer: a name with -o name, its sentence otherwise
    if (r.ok) session.out(opts.output === 'name' ? `${kindPrefix(resource)}/${object.metadata.name}\n` : `${kindPrefix(resource)} "${object.metadata.name}" deleted\n`);
    else if (!r.ok && r.error.reason !== 'NotFound') errors.push(apiError(r.error, { alone }));
  }
  // kubectl waits for each object to be gone before it creates it again
  session.settle();
  const created: KObject[] = [];
  for (const { object, resource, namespace, source } of objects) {
    const r = session.request({ verb: 'create', resource, namespace, body: object, fieldManager: 'kubectl-replace', bodyBytes: jsonBytes(object) });
    if (r.ok) created.push(r.object);
    else errors.push(apiError(r.error, { source, verb: 'creating', alone, kind: object.kind, name: object.metadata.name }));
  }
  return created;
}

/** `kubectl replace -f FILE`: each object's whole new state; `--force` deletes and creates it again. */
export async function runReplace(session: Session, opts: ReplaceOptions): Promise<CommandError[]> {
  const usage = (message: string) => [clientError(message, 'usage', { detail: 'kubesim replace -f FICHIER' })];
  if (!opts.filenames.length) return usage('must specify one of -f and -k');
  if (opts.force && opts.dryRun) return usage('--dry-run can not be used when --force is set');
  const text = writtenPrinter(opts.output, `replaced${dryRunSuffix(opts.dryRun)}`, 'replace');
  if (typeof text === 'string') return usage(text);
  const errors: CommandError[] = [];
  const objects = await manifestObjects(session, opts, errors);
  const alone = objects.length + errors.length === 1;
  if (opts.force) {
    for (const object of forceReplace(session, objects, opts, alone, errors)) await text(session, object, errors);
  } else {
    for (const o of objects) {
      const replaced = replaceOne(session, o, opts, alone);
      if (isCommandError(replaced)) errors.push(replaced);
      else await text(session, replaced, errors);
    }
  }
  if (!opts.dryRun) session.settle();
  return errors;
}
