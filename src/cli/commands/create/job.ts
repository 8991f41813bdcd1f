import type { KObject } from '../../../api/object.js';
import { writtenOutputRefusal } from '../../../printers/output.js';
import { clientError, type CommandError } from '../../errors.js';
import { withHelp } from '../../parse-errors.js';
import type { Session } from '../../session.js';
import { createFromFlags, type GeneratedOptions } from './generated.js';

export interface JobOptions extends GeneratedOptions {
  image?: string;
  /** --from=cronjob/NAME: a Job made from a CronJob's template. */
  from?: string;
  /** What follows `--`: the container's command. */
  command: string[];
}

/** The Job kubectl builds (create_job.go createJob): one container named like the Job, restartPolicy Never. */
function jobOf(name: string, namespace: string | undefined, image: string, command: string[]): KObject {
  const container = { name, image, ...(command.length ? { command } : {}), resources: {} };
  return {
    kind: 'Job',
    apiVersion: 'batch/v1',
    metadata: { name, ...(namespace && { namespace }), creationTimestamp: null },
    spec: { template: { metadata: { creationTimestamp: null }, spec: { containers: [container], restartPolicy: 'Never' } } },
    status: {},
  } as unknown as KObject;
}

/**
 * `kubectl create job NAME --image=IMAGE [-- COMMAND…]`: a Job of one pod that runs the command once, created through
 * the API server (the Job controller then makes its pod), or only printed with --dry-run=client.
 */
export async function runCreateJob(session: Session, names: string[], o: JobOptions): Promise<CommandError[]> {
  const usage = (message: string) => [clientError(message, 'usage', { detail: 'kubesim create job NOM --image=IMAGE -- COMMANDE' })];
  if (names.length !== 1) return usage(withHelp(`exactly one NAME is required, got ${names.length}`, 'create job'));
  if (!o.image === !o.from) return usage('either --image or --from must be specified');
  if (o.from && o.command.length) return usage('cannot specify --from and command');
  // CronJobs are not simulated: there is none to take a template from
  if (o.from) return [clientError(`kubesim does not simulate CronJob yet: no Job can be made --from=${o.from}`, 'not-simulated', { kind: 'CronJob', apiVersion: 'batch/v1' })];
  const outputRefused = writtenOutputRefusal(o.output, 'create job');
  if (outputRefused) return usage(outputRefused);
  return createFromFlags(session, jobOf(names[0]!, o.namespaceExplicit ? o.namespace : undefined, o.image!, o.command), o);
}
