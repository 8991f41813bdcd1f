import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CORPUS, expectNoStackTrace, freshHome, kubesim, stateOf } from './cli.js';

const job = (name: string, spec: string, command: string) => `apiVersion: batch/v1
kind: Job
metadata:
  name: ${name}
spec:
${spec}
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: c
        image: busybox:1.36
        command: ["sh", "-c", "${command}"]
`;

const jsonpath = (home: string, ref: string, path: string) => kubesim(home, ['get', ref, '-o', `jsonpath=${path}`]).stdout;

describe('Jobs (batch/v1): pods that run to completion', () => {
  it("runs kubernetes.io's π example to Complete: the pod's end counted, its finalizer lifted, its logs kept", () => {
    const home = freshHome();
    const applied = kubesim(home, ['apply', '-f', join(CORPUS, 'website/controllers/job.yaml')]);
    expect([applied.code, applied.stdout]).toEqual([0, 'job.batch/pi created\n']);
    // the story: the Job controller makes the pod, counts its success, then the Job completes
    expect(applied.stderr).toMatch(/Contrôleur Job : crée le pod pi-[a-z0-9]{5} pour Job « default\/pi »/);
    expect(applied.stderr).toMatch(/le pod pi-[a-z0-9]{5} a terminé sa mission avec succès → compté \(1 réussi, 0 échec\)/);
    expect(applied.stderr).toContain('Job « default/pi » terminé (Complete)');
    expect(kubesim(home, ['get', 'jobs']).stdout).toMatch(/^NAME +STATUS +COMPLETIONS +DURATION +AGE\npi +Complete +1\/1 +\d+s +\d+s\n$/);
    expect(jsonpath(home, 'job/pi', '{range .status.conditions[*]}{.type}={.status} {.reason}: {.message}{"\\n"}{end}')).toBe(
      'SuccessCriteriaMet=True CompletionsReached: Reached expected number of succeeded pods\nComplete=True CompletionsReached: Reached expected number of succeeded pods\n',
    );
    expect(JSON.parse(jsonpath(home, 'job/pi', '{.status}'))).toMatchObject({ succeeded: 1, ready: 0, terminating: 0, uncountedTerminatedPods: {} });
    // the API server's generated selector and labels, the pod's owner and (lifted) finalizer
    const uid = jsonpath(home, 'job/pi', '{.metadata.uid}');
    expect(jsonpath(home, 'job/pi', '{.spec.selector.matchLabels}')).toBe(`{"batch.kubernetes.io/controller-uid":"${uid}"}`);
    expect(jsonpath(home, 'pods', '{.items[0].metadata.labels.job-name} {.items[0].metadata.ownerReferences[0].kind} {.items[0].status.phase} [{.items[0].metadata.finalizers}]')).toBe('pi Job Succeeded []');
    expect(kubesim(home, ['get', 'pods']).stdout).toMatch(/^pi-[a-z0-9]{5} +0\/1 +Completed +0 /m);
    // kubectl logs job/pi: π to the 1,000 digits the manifest asks for
    const pi = kubesim(home, ['logs', 'job/pi']).stdout;
    expect(pi.startsWith('3.14159265358979323846264338327950288419716939937510')).toBe(true);
    expect(pi.trim()).toHaveLength(1001);
    const described = kubesim(home, ['describe', 'job', 'pi']).stdout;
    for (const line of [/^Selector: +batch\.kubernetes\.io\/controller-uid=/m, /^Completions: +1$/m, /^Backoff Limit: +4$/m, /^Pods Statuses: +0 Active \(0 Ready\) \/ 1 Succeeded \/ 0 Failed$/m, /Normal +Completed +\S+ +job-controller +Job completed/]) {
      expect(described).toMatch(line);
    }
  });

  it('replaces failed pods after a growing back-off, then fails the Job past its backoffLimit', () => {
    const home = freshHome();
    const applied = kubesim(home, ['apply', '-f', '-'], { input: job('echec', '  backoffLimit: 2', 'echo essai; sleep 2; exit 1') });
    expect(applied.code).toBe(0);
    expect(applied.stderr).toContain('attend encore 9,6 s avant d');
    // the command does not run ahead to the back-off: the Job still runs, its first pod in Error
    expect(kubesim(home, ['get', 'jobs', '--no-headers']).stdout).toMatch(/^echec +Running +0\/1 /);
    const waited = kubesim(home, ['wait', '1m']);
    expect(waited.stderr).toContain('attend encore 20,0 s avant d');
    expect(waited.stderr).toContain('Job « default/echec » a échoué (Failed, BackoffLimitExceeded) — 3 échecs');
    expect(kubesim(home, ['get', 'jobs', '--no-headers']).stdout).toMatch(/^echec +Failed +0\/1 /);
    expect(jsonpath(home, 'pods', '{range .items[*]}{.status.phase} {end}')).toBe('Failed Failed Failed ');
    expect(jsonpath(home, 'job/echec', '{.status.failed} {.status.conditions[*].type} {.status.completionTime}')).toBe('3 FailureTarget Failed ');
    expect(kubesim(home, ['get', 'events', '--field-selector', 'involvedObject.kind=Job']).stdout).toMatch(/Warning +BackoffLimitExceeded +job\/echec +Job has reached the specified backoff limit/);
  });

  it("fails the whole Job at once on a pod failure policy's FailJob rule (kubernetes.io's example), in its words", () => {
    const home = freshHome();
    const applied = kubesim(home, ['apply', '-f', join(CORPUS, 'website/controllers/job-pod-failure-policy-failjob.yaml')]);
    expect(applied.stderr).toMatch(/a échoué \(podFailurePolicy : une règle FailJob, tout le Job échoue sans attendre backoffLimit\)/);
    expect(kubesim(home, ['get', 'jobs', '--no-headers']).stdout).toMatch(/^job-pod-failure-policy-failjob +Failed +0\/8 /);
    const why = jsonpath(home, 'job/job-pod-failure-policy-failjob', '{range .status.conditions[*]}{.type} {.reason}: {.message}{"\\n"}{end}');
    expect(why).toMatch(/^FailureTarget PodFailurePolicy: Container main for pod default\/job-pod-failure-policy-failjob-[a-z0-9]{5} failed with exit code 42 matching FailJob rule at index 0\nFailed PodFailurePolicy: /);
    // the other running pod was stopped: no pod of the Job is left running
    expect(jsonpath(home, 'pods', '{range .items[*]}{.status.phase} {end}')).toBe('Failed ');
    const refused = kubesim(home, ['apply', '-f', '-'], { input: job('x', '  podFailurePolicy:\n    rules:\n    - action: Abandon\n      onExitCodes: {operator: In, values: [0]}', 'true').replace('restartPolicy: Never', 'restartPolicy: OnFailure') });
    expect(refused.stderr).toContain('spec.podFailurePolicy.rules[0].action: Unsupported value: "Abandon": supported values: "Count", "FailIndex", "FailJob", "Ignore"');
    expect(refused.stderr).toContain('spec.podFailurePolicy.rules[0].onExitCodes.values[0]: Invalid value: 0: must not be 0 for the In operator');
    expect(refused.stderr).toContain('spec.template.spec.restartPolicy: Invalid value: "OnFailure": only "Never" is supported when podFailurePolicy is specified');
  });

  it('runs completions with parallelism pods at a time', () => {
    const home = freshHome();
    expect(kubesim(home, ['-q', 'apply', '-f', '-'], { input: job('lot', '  completions: 5\n  parallelism: 2', 'sleep 5') }).code).toBe(0);
    expect(kubesim(home, ['get', 'jobs', '--no-headers']).stdout).toMatch(/^lot +Complete +5\/5 +1[56]s /);
    expect(jsonpath(home, 'pods', '{range .items[*]}{.status.phase} {end}')).toBe('Succeeded '.repeat(5));
  });

  it('gives each pod of an Indexed Job its index: name, hostname, label, JOB_COMPLETION_INDEX, completedIndexes', () => {
    const home = freshHome();
    expect(kubesim(home, ['-q', 'apply', '-f', join(CORPUS, 'website/application/job/indexed-job.yaml')]).code).toBe(0);
    expect(kubesim(home, ['get', 'jobs', '--no-headers']).stdout).toMatch(/^indexed-job +Complete +5\/5 /);
    const pods = jsonpath(home, 'pods', '{range .items[*]}{.metadata.name} {.spec.hostname} {.metadata.labels.batch\\.kubernetes\\.io/job-completion-index} {.spec.containers[0].env[0].valueFrom.fieldRef.fieldPath}{"\\n"}{end}');
    const lines = pods.trim().split('\n');
    expect(lines).toHaveLength(5);
    lines.forEach((line, i) => expect(line).toMatch(new RegExp(`^indexed-job-${i}-[a-z0-9]{5} indexed-job-${i} ${i} metadata\\.labels\\['batch\\.kubernetes\\.io/job-completion-index'\\]$`)));
    expect(jsonpath(home, 'job/indexed-job', '{.status.completedIndexes} {.status.succeeded}')).toBe('0-4 5');
    expect(kubesim(home, ['describe', 'job', 'indexed-job']).stdout).toMatch(/^Completion Mode: +Indexed$[\s\S]*^Completed Indexes: +0-4$/m);
    // what a pod's shell echoes of its environment: its index, its hostname
    const echo = job('echo', '  completions: 2\n  completionMode: Indexed', 'echo \\"index $JOB_COMPLETION_INDEX sur $HOSTNAME\\"');
    expect(kubesim(home, ['-q', 'apply', '-f', '-'], { input: echo }).code).toBe(0);
    const second = kubesim(home, ['get', 'pods', '-l', 'batch.kubernetes.io/job-completion-index=1,job-name=echo', '-o', 'name']).stdout.trim();
    expect(kubesim(home, ['logs', second]).stdout).toBe('index 1 sur echo-1\n');
  });

  it('completes an Indexed Job as soon as its success policy is met, stopping the pods no longer needed', () => {
    const home = freshHome();
    const policy = '  completions: 5\n  parallelism: 2\n  completionMode: Indexed\n  successPolicy:\n    rules:\n    - succeededCount: 2';
    const applied = kubesim(home, ['apply', '-f', '-'], { input: job('sondage', policy, 'sleep 3') });
    expect(applied.stderr).toMatch(/le pod sondage-2-[a-z0-9]{5} n'était plus nécessaire, le Job ayant déjà réussi \(successPolicy\) → arrêté, sans compter comme un échec/);
    expect(kubesim(home, ['get', 'jobs', '--no-headers']).stdout).toMatch(/^sondage +Complete +2\/5 /);
    expect(jsonpath(home, 'job/sondage', '{range .status.conditions[*]}{.type} {.reason}: {.message}{"\\n"}{end}{.status.completedIndexes} {.status.failed}')).toBe(
      'SuccessCriteriaMet SuccessPolicy: Matched rules at index 0\nComplete SuccessPolicy: Matched rules at index 0\n0,1 ',
    );
    const refused = kubesim(home, ['apply', '-f', '-'], { input: job('x', '  successPolicy:\n    rules:\n    - succeededCount: 1', 'true') });
    expect(refused.stderr).toContain('The Job "x" is invalid: spec.successPolicy: Invalid value: {"rules":[{"succeededCount":1}]}: requires indexed completion mode');
  });

  it('suspended, stops its pods and forgets its start; resumed, starts again', () => {
    const home = freshHome();
    expect(kubesim(home, ['-q', 'apply', '-f', '-'], { input: job('pause', '', 'sleep 600') }).code).toBe(0);
    const suspended = kubesim(home, ['patch', 'job', 'pause', '-p', '{"spec":{"suspend":true}}']);
    expect(suspended.stderr).toContain('Job « default/pause » est suspendu (spec.suspend) → ses pods actifs sont supprimés');
    expect(kubesim(home, ['get', 'jobs', '--no-headers']).stdout).toMatch(/^pause +Suspended +0\/1 +\d+s\n$/);
    expect(jsonpath(home, 'job/pause', '{.status.conditions[0].reason} [{.status.startTime}] [{.status.active}]')).toBe('JobSuspended [] []');
    expect(kubesim(home, ['-q', 'patch', 'job', 'pause', '-p', '{"spec":{"suspend":false}}']).code).toBe(0);
    expect(jsonpath(home, 'job/pause', '{.status.conditions[0].reason} {.status.active}')).toBe('JobResumed 1');
    expect(jsonpath(home, 'job/pause', '{.status.startTime}')).not.toBe('');
  });

  it('counts a pod deleted while it runs as failed, and makes another', () => {
    const home = freshHome();
    expect(kubesim(home, ['-q', 'apply', '-f', '-'], { input: job('long', '  backoffLimit: 3', 'sleep 3600') }).code).toBe(0);
    const first = kubesim(home, ['get', 'pods', '-o', 'name']).stdout.trim();
    expect(jsonpath(home, first, '{.metadata.finalizers}')).toBe('["batch.kubernetes.io/job-tracking"]');
    const deleted = kubesim(home, ['delete', first]);
    expect(deleted.code).toBe(0);
    expect(deleted.stderr).toMatch(/le pod long-[a-z0-9]{5} a échoué → compté \(0 réussi, 1 échec\)/);
    expect(kubesim(home, ['get', first]).code).toBe(1);
    const pods = kubesim(home, ['get', 'pods', '--no-headers']).stdout;
    expect(pods).toMatch(/^long-[a-z0-9]{5} +1\/1 +Running /);
    expect(jsonpath(home, 'job/long', '{.status.active} {.status.failed}')).toBe('1 1');
  });

  it('deletes its pods with it (their finalizers lifted), or itself ttlSecondsAfterFinished after it finished', () => {
    const home = freshHome();
    expect(kubesim(home, ['-q', 'apply', '-f', '-'], { input: job('court', '', 'echo fini') }).code).toBe(0);
    expect(kubesim(home, ['-q', 'delete', 'job', 'court']).code).toBe(0);
    expect(kubesim(home, ['get', 'pods']).stderr).toBe('No resources found in default namespace.\n');
    const ttl = kubesim(home, ['apply', '-f', '-'], { input: job('ephemere', '  ttlSecondsAfterFinished: 30', 'echo fini') });
    expect(ttl.stderr).toContain('il sera supprimé dans 30 s (ttlSecondsAfterFinished)');
    expect(kubesim(home, ['get', 'jobs', '-o', 'name']).stdout).toBe('job.batch/ephemere\n');
    expect(kubesim(home, ['wait', '1m']).stderr).toContain('Contrôleur TTL-after-finished : Job « default/ephemere » est fini depuis 30 s → il le supprime');
    expect(kubesim(home, ['get', 'jobs']).stderr).toBe('No resources found in default namespace.\n');
  });

  it('kubectl create job: the object kubectl builds, and its pod', () => {
    const home = freshHome();
    expect(kubesim(home, ['create', 'job', 'hello', '--image=busybox', '--dry-run=client', '-o', 'yaml', '--', 'echo', 'Bonjour la classe']).stdout).toBe(
      'apiVersion: batch/v1\nkind: Job\nmetadata:\n  creationTimestamp: null\n  name: hello\nspec:\n  template:\n    metadata:\n      creationTimestamp: null\n    spec:\n' +
        '      containers:\n      - command:\n        - echo\n        - Bonjour la classe\n        image: busybox\n        name: hello\n        resources: {}\n      restartPolicy: Never\nstatus: {}\n',
    );
    expect(kubesim(home, ['-q', 'create', 'job', 'hello', '--image=busybox', '--', 'echo', 'Bonjour la classe']).stdout).toBe('job.batch/hello created\n');
    expect(kubesim(home, ['logs', 'job/hello']).stdout).toBe('Bonjour la classe\n');
    const refused = kubesim(home, ['create', 'job', 'x']);
    expect([refused.code, refused.stderr.split('\n')[0]]).toEqual([1, 'error: either --image or --from must be specified']);
  });

  it('refuses what a real API server refuses, and what kubesim does not simulate, storing nothing', () => {
    const home = freshHome();
    kubesim(home, ['get', 'nodes']);
    const before = stateOf(home);
    const always = kubesim(home, ['apply', '-f', '-'], { input: job('x', '', 'true').replace('restartPolicy: Never', 'restartPolicy: Always') });
    expect(always.code).toBe(1);
    expect(always.stderr).toContain('The Job "x" is invalid: spec.template.spec.restartPolicy: Unsupported value: "Always": supported values: "OnFailure", "Never"');
    const perIndex = kubesim(home, ['apply', '-f', '-'], { input: job('x', '  completions: 3\n  completionMode: Indexed\n  backoffLimitPerIndex: 1', 'true') });
    expect(perIndex.code).toBe(1);
    expect(perIndex.stderr).toContain('spec.backoffLimitPerIndex: Forbidden: not simulated by kubesim yet');
    for (const r of [always, perIndex]) expectNoStackTrace(r.stderr);
    expect(stateOf(home)).toBe(before);
    // a Job's pod template cannot change once it runs
    expect(kubesim(home, ['-q', 'apply', '-f', '-'], { input: job('x', '', 'sleep 60') }).code).toBe(0);
    const changed = kubesim(home, ['apply', '-f', '-'], { input: job('x', '', 'sleep 61') });
    expect(changed.code).toBe(1);
    expect(changed.stderr).toMatch(/The Job "x" is invalid: spec\.template: Invalid value: .*: field is immutable/);
  });
});

describe('CronJobs (batch/v1): a Job at each time of a schedule', () => {
  /** kubesim at a given minute past 10:00 (virtual time catches up with the clock at each command). */
  const at = (home: string, time: string, args: string[]) => kubesim(home, args, { env: { KUBESIM_NOW: `2026-11-23T10:${time}Z` } });

  it('creates a Job at each minute of */1, named after the minute, keeps three, and stops when suspended', () => {
    const home = freshHome();
    const created = at(home, '00:30', ['create', 'cronjob', 'hello', '--image=busybox', '--schedule=*/1 * * * *', '--', 'echo', 'Bonjour']);
    expect(created.stdout).toBe('cronjob.batch/hello created\n');
    // a command does not wait for the next time: nothing ran yet
    expect(at(home, '00:30', ['get', 'cronjobs']).stdout).toBe('NAME    SCHEDULE      TIMEZONE   SUSPEND   ACTIVE   LAST SCHEDULE   AGE\nhello   */1 * * * *   <none>     False     0        <none>          0s\n');
    const later = at(home, '04:10', ['get', 'jobs']);
    // 10:01 is 29,923,801 minutes after 1970: the Job's name; the oldest of four is deleted (successfulJobsHistoryLimit 3)
    expect(later.stderr).toMatch(/Contrôleur CronJob : il est 10:01 UTC, une heure de l'horaire « \*\/1 \* \* \* \* » de CronJob « default\/hello » → crée le Job hello-29923801/);
    expect(later.stderr).toContain('→ supprime hello-29923801 et ses pods');
    expect(later.stdout).toMatch(/^NAME +STATUS +COMPLETIONS +DURATION +AGE\nhello-29923802 +Complete +1\/1 .*\nhello-29923803 +Complete .*\nhello-29923804 +Complete .*\n$/);
    expect(at(home, '04:10', ['logs', 'job/hello-29923804']).stdout).toBe('Bonjour\n');
    expect(at(home, '04:10', ['get', 'job/hello-29923804', '-o', 'jsonpath={.metadata.annotations.batch\\.kubernetes\\.io/cronjob-scheduled-timestamp} {.metadata.ownerReferences[0].kind}']).stdout).toBe('2026-11-23T10:04:00Z CronJob');
    expect(at(home, '04:10', ['get', 'cj', '--no-headers']).stdout).toMatch(/^hello +\*\/1 \* \* \* \* +<none> +False +0 +10s +3m40s\n$/);
    const described = at(home, '04:10', ['describe', 'cronjob', 'hello']).stdout;
    for (const line of [/^Schedule: +\*\/1 \* \* \* \*$/m, /^Concurrency Policy: +Allow$/m, /^Successful Job History Limit: +3$/m, /^Last Schedule Time: +Mon, 23 Nov 2026 10:04:00 \+0000$/m, /Normal +SawCompletedJob .* Saw completed job: hello-29923804, status: Complete/]) {
      expect(described).toMatch(line);
    }
    // suspended: no more Jobs; a Job made by hand from its template runs now
    expect(at(home, '04:10', ['-q', 'patch', 'cronjob', 'hello', '-p', '{"spec":{"suspend":true}}']).code).toBe(0);
    expect(at(home, '06:10', ['get', 'jobs', '-o', 'name']).stdout).toBe('job.batch/hello-29923802\njob.batch/hello-29923803\njob.batch/hello-29923804\n');
    expect(at(home, '06:10', ['-q', 'create', 'job', 'a-la-main', '--from=cronjob/hello']).stdout).toBe('job.batch/a-la-main created\n');
    expect(at(home, '06:10', ['get', 'job', 'a-la-main', '-o', 'jsonpath={.metadata.annotations} {.status.succeeded}']).stdout).toBe('{"cronjob.kubernetes.io/instantiate":"manual"} 1');
    // deleted with its Jobs and their pods
    expect(at(home, '06:10', ['-q', 'delete', 'cronjob', 'hello']).code).toBe(0);
    expect(at(home, '06:10', ['get', 'jobs,pods']).stderr).toBe('No resources found in default namespace.\n');
  });

  it('with concurrencyPolicy Forbid, skips a time while the last Job still runs', () => {
    const home = freshHome();
    const manifest = `apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: lent\nspec:\n  schedule: "*/1 * * * *"\n  concurrencyPolicy: Forbid\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: OnFailure\n          containers:\n          - name: c\n            image: busybox\n            command: ["sleep", "90"]\n`;
    expect(kubesim(home, ['-q', 'apply', '-f', '-'], { input: manifest, env: { KUBESIM_NOW: '2026-11-23T10:00:30Z' } }).code).toBe(0);
    const later = at(home, '02:30', ['get', 'jobs', '-o', 'name']);
    expect(later.stderr).toContain('CronJob « default/lent » a encore lent-29923801 en cours et concurrencyPolicy: Forbid → pas de Job lent-29923802');
    expect(later.stdout).toBe('job.batch/lent-29923801\n');
    expect(at(home, '02:30', ['get', 'events', '--field-selector', 'reason=JobAlreadyActive', '-o', 'jsonpath={.items[0].message}']).stdout).toBe(
      'Not starting job because prior execution is running and concurrency policy is Forbid',
    );
  });

  it("refuses a schedule cron cannot read, in robfig/cron's words, and names over 52 characters", () => {
    const home = freshHome();
    const bad = kubesim(home, ['-q', 'create', 'cronjob', 'x', '--image=busybox', '--schedule=*/1 * * *']);
    expect([bad.code, bad.stderr.split('\n')[0]]).toEqual([1, 'error: failed to create cronjob: CronJob.batch "x" is invalid: spec.schedule: Invalid value: "*/1 * * *": expected exactly 5 fields, found 4: [*/1 * * *]']);
    const long = kubesim(home, ['-q', 'create', 'cronjob', 'x'.repeat(53), '--image=busybox', '--schedule=@hourly']);
    expect(long.stderr).toContain(`metadata.name: Invalid value: "${'x'.repeat(53)}": must be no more than 52 characters`);
    const missing = kubesim(home, ['-q', 'create', 'cronjob', 'x', '--image=busybox']);
    expect([missing.code, missing.stderr.split('\n')[0]]).toEqual([1, 'error: required flag(s) "schedule" not set']);
  });
});
