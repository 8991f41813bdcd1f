import { jsonBytes, type ApiError } from '../../../api/errors.js';
import type { KObject } from '../../../api/object.js';
import { byKind, type ResourceType } from '../../../api/resources.js';
import type { ErrorCode } from '../../../narrator/types.js';
import { apiError, clientError, type CommandError } from '../../errors.js';
import { withHelp } from '../../parse-errors.js';
import { writtenOutputRefusal, writtenText } from '../../../printers/output.js';
import type { Session } from '../../session.js';
import { dryRunSuffix } from '../dry-run.js';

/** What every `create` of an object built from flags is told: where, and whether and how it is only printed. */
export interface GeneratedOptions {
  namespace: string;
  /** -n given: the object names its namespace (kubectl's EnforceNamespace), as --dry-run=client shows. */
  namespaceExplicit: boolean;
  dryRun?: 'client' | 'server';
  output?: string;
}

/** A refusal of a `create` subcommand's arguments (`command`: `role`, `secret generic`), before anything is sent. */
export function usage(message: string, command: string): CommandError[] {
  return [clientError(message, 'usage', { detail: `kubesim create ${command} NOM` })];
}

/** The arguments every generated object checks first: one name, an output create can print. */
export function nameOf(names: string[], command: string, o: GeneratedOptions): string | CommandError[] {
  if (names.length !== 1) return usage(withHelp(`exactly one NAME is required, got ${names.length}`, `create ${command}`), command);
  const refused = writtenOutputRefusal(o.output, `create ${command}`);
  if (refused) return usage(refused, command);
  return names[0]!;
}

/** The metadata kubectl writes of an object it generates: the namespace only when -n was given (EnforceNamespace). */
export const generatedMetadata = (name: string, o: GeneratedOptions, namespaced: boolean) => ({ creationTimestamp: null, name, ...(namespaced && o.namespaceExplicit ? { namespace: o.namespace } : {}) });

/**
 * What kubectl sends of an object it built (create deployment, run, expose): the object as `--dry-run=client -o yaml`
 * shows it, without the empty status and the null creationTimestamps that Go's encoder writes.
 */
function sent(generated: KObject): KObject {
  const { status: _, ...body } = JSON.parse(JSON.stringify(generated, (key, value) => (key === 'creationTimestamp' && value === null ? undefined : value))) as KObject & { status?: unknown };
  return body as KObject;
}

/**
 * An object kubectl built from flags: only printed with --dry-run=client, else created through the API server and
 * printed (`-o yaml`, `-o name`, or `kind/name WORD`). The API's refusal is returned, for the command to word it.
 */
export async function createGenerated(
  session: Session,
  generated: KObject,
  o: { resource: ResourceType; namespace: string; fieldManager: string; dryRun?: 'client' | 'server'; output?: string; word: string },
): Promise<ApiError | undefined> {
  if (o.dryRun === 'client') {
    session.out(await writtenText(generated, o.output, `${o.word}${dryRunSuffix(o.dryRun)}`));
    return undefined;
  }
  const body = sent(generated);
  const r = session.request({ verb: 'create', resource: o.resource, namespace: o.namespace, body, dryRun: o.dryRun === 'server', fieldManager: o.fieldManager, bodyBytes: jsonBytes(body) });
  if (!r.ok) return r.error;
  session.out(await writtenText(r.object, o.output, `${o.word}${dryRunSuffix(o.dryRun)}`));
  return undefined;
}

/**
 * How each `create` subcommand words the API server's refusal: role and clusterrole pass it on as it is, the others
 * wrap it in their own error.
 */
const WRAPPED: Record<string, string> = {
  Deployment: 'failed to create deployment: ',
  Job: 'failed to create job: ',
  CronJob: 'failed to create cronjob: ',
  ConfigMap: 'failed to create configmap: ',
  // kubectl 1.32's words, without the colon the others have
  Secret: 'failed to create secret ',
  ServiceAccount: 'failed to create serviceaccount: ',
  RoleBinding: 'failed to create rolebinding: ',
  ClusterRoleBinding: 'failed to create clusterrolebinding: ',
};

/**
 * `kubectl create TYPE NAME …`: the object built from flags created (or only printed), a refusal as kubectl words it.
 * What it sets off then runs (a Deployment's pods, a namespace's service account), unless it was a dry run.
 */
export async function createFromFlags(session: Session, object: KObject, o: GeneratedOptions): Promise<CommandError[]> {
  const resource = byKind(object.apiVersion, object.kind)!;
  const refused = await createGenerated(session, object, { resource, namespace: o.namespace, fieldManager: 'kubectl-create', dryRun: o.dryRun, output: o.output, word: 'created' });
  if (!refused) {
    if (!o.dryRun) session.settle();
    return [];
  }
  const wrap = WRAPPED[object.kind];
  return [wrap ? clientError(`${wrap}${refused.message}`, refused.reason as ErrorCode, { kind: object.kind, name: object.metadata.name }) : apiError(refused, { alone: true })];
}
