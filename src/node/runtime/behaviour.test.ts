import type { Container } from 'kubernetes-types/core/v1.js';
import { describe, expect, it } from 'vitest';
import { behaviourOf } from './behaviour.js';

const c = (image: string, extra: Partial<Container> = {}): Container => ({ name: 'c', image, ...extra });

describe('what a container main process does', () => {
  it.each([
    ['busybox with no command: the shell has nothing to read', c('busybox:1.36'), { exitAfterMs: 50, exitCode: 0 }],
    ['busybox sleep 3600', c('busybox:1.36', { command: ['sleep', '3600'] }), { exitAfterMs: 3_600_000, exitCode: 0 }],
    ['sh -c "exit 3"', c('busybox:1.36', { command: ['sh', '-c', 'exit 3'] }), { exitAfterMs: 50, exitCode: 3 }],
    ['while true', c('busybox:1.36', { command: ['sh', '-c', 'while true; do sleep 1; done'] }), {}],
    ['busybox with stdin open (kubectl run -i): its shell waits', c('busybox:1.36', { stdin: true }), {}],
    ['sh with stdin open', c('alpine:3.20', { stdin: true, args: ['sh'] }), {}],
    ['a script with stdin open still runs its script', c('busybox:1.36', { stdin: true, command: ['sh', '-c', 'exit 2'] }), { exitAfterMs: 50, exitCode: 2 }],
    ['nginx', c('nginx:1.27'), {}],
  ])('%s', (_, container, want) => {
    const { exitAfterMs, exitCode } = behaviourOf(container);
    expect({ ...(exitAfterMs !== undefined && { exitAfterMs }), ...(exitCode !== undefined && { exitCode }) }).toEqual(want);
  });
});

describe('what a container writes', () => {
  it.each([
    ["kubernetes.io's CronJob example", c('busybox:1.28', { command: ['/bin/sh', '-c', 'date; echo Hello from the Kubernetes cluster'] }), ['{date}', 'Hello from the Kubernetes cluster']],
    ['date alone', c('busybox', { command: ['date'] }), ['{date}']],
    ['echo of variables, expanded from the environment', c('busybox', { command: ['sh', '-c', 'echo début && echo $HOSTNAME && echo "index ${JOB_COMPLETION_INDEX}" && echo fin'] }), ['début', '${HOSTNAME}', 'index ${JOB_COMPLETION_INDEX}', 'fin']],
    ['what the simulator does not run, left out', c('busybox', { command: ['sh', '-c', "echo $(hostname); echo ${items[$I]}; echo '$HOME'; echo ok"] }), ['ok']],
    ['a command that only mentions a date', c('busybox', { command: ['sh', '-c', 'echo update; sleep 1'] }), ['update']],
    ['π to 10 digits', c('perl:5.34.0', { command: ['perl', '-Mbignum=bpi', '-wle', 'print bpi(10)'] }), ['3.141592654']],
  ])('%s', (_, container, logs) => {
    expect(behaviourOf(container).logs).toEqual(logs);
  });
});
