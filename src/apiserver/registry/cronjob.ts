import type { CronJob, CronJobSpec, JobSpec } from 'kubernetes-types/batch/v1.js';
import { parseSchedule } from '../../api/cron.js';
import { forbidden, invalid, notSupported, required, type FieldError } from '../../api/field.js';
import type { KObject } from '../../api/object.js';
import { nonNegative, validateObjectMeta } from '../validation/meta.js';
import { validateJobSpec } from '../validation/job.js';
import { dns1123Subdomain } from '../validation/names.js';
import type { Strategy } from './strategy.js';

const CONCURRENCY_POLICIES = ['Allow', 'Forbid', 'Replace'];
/** The Jobs of a CronJob are named NAME-<minutes since 1970>: 11 more characters within a label's 63. */
const MAX_NAME = 52;
/** The zone kube-controller-manager runs in on kind, the only one kubesim's controller reads schedules in. */
const UTC_ZONES = ['UTC', 'Etc/UTC'];

/** pkg/apis/batch/validation ValidateCronJobCreate: name, schedule, policies, limits and the Job template. */
function validateCronJob(cj: CronJob): FieldError[] {
  const errs = validateObjectMeta(cj.metadata, true, dns1123Subdomain);
  const name = cj.metadata?.name ?? '';
  if (name.length > MAX_NAME) errs.push(invalid('metadata.name', name, `must be no more than ${MAX_NAME} characters`));
  const spec: Partial<CronJobSpec> = cj.spec ?? {};
  if (!spec.schedule) errs.push(required('spec.schedule'));
  else {
    const parsed = parseSchedule(spec.schedule);
    if (typeof parsed === 'string') errs.push(invalid('spec.schedule', spec.schedule, parsed));
    if (spec.schedule.includes('TZ')) errs.push(invalid('spec.schedule', spec.schedule, 'cannot use TZ or CRON_TZ in schedule, use timeZone field instead'));
  }
  if (spec.timeZone != null && !UTC_ZONES.includes(spec.timeZone)) errs.push(forbidden('spec.timeZone', 'time zones other than UTC are not simulated by kubesim yet'));
  if (spec.concurrencyPolicy && !CONCURRENCY_POLICIES.includes(spec.concurrencyPolicy)) errs.push(notSupported('spec.concurrencyPolicy', spec.concurrencyPolicy, CONCURRENCY_POLICIES));
  errs.push(...nonNegative(spec.startingDeadlineSeconds, 'spec.startingDeadlineSeconds'));
  errs.push(...nonNegative(spec.successfulJobsHistoryLimit, 'spec.successfulJobsHistoryLimit'));
  errs.push(...nonNegative(spec.failedJobsHistoryLimit, 'spec.failedJobsHistoryLimit'));
  errs.push(...validateJobSpec((spec.jobTemplate?.spec ?? {}) as Partial<JobSpec>, 'spec.jobTemplate.spec'));
  return errs;
}

export const cronJobStrategy: Strategy = {
  nameValidator: dns1123Subdomain,
  hasStatus: true,
  tracksGeneration: true,
  validate: (o: KObject) => validateCronJob(o as unknown as CronJob),
};
