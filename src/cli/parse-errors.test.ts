import { describe, expect, it } from 'vitest';
import { cobraText, helpPath } from './parse-errors.js';

describe('helpPath', () => {
  it.each([
    [['get'], ['get', 'pods', '--bogus'], 'kubectl get'],
    [['create'], ['create', 'cm', 'x', '--image=a'], 'kubectl create configmap'],
    [['create'], ['-n', 'dev', 'create', 'secret', 'generic', 'x'], 'kubectl create secret generic'],
    [['create'], ['create', '-f', 'x.yaml', '--image=a'], 'kubectl create'],
    [['rollout'], ['rollout', 'status', 'deploy/web'], 'kubectl rollout status'],
    [['auth', 'can-i'], ['auth', 'can-i', 'get', 'pods'], 'kubectl auth can-i'],
    [['chaos', 'kill'], ['chaos', 'kill', '--bogus'], 'kubesim chaos kill'],
    [[], ['-n'], 'kubectl'],
  ])('%j typed as %j: %s', (path, argv, want) => {
    expect(helpPath(path, argv)).toBe(want);
  });
});

/** commander's message, and what cobra and pflag print of the same mistake (kubectl 1.32), in `kubectl get` unless said. */
describe('cobraText', () => {
  it.each<[string, string, string | undefined, string?]>([
    ["error: unknown option '--bogus'", '--bogus', "Error: unknown flag: --bogus\nSee 'kubectl get --help' for usage.\n"],
    ["error: unknown option '--selectr=a'\n(Did you mean --selector?)", '--selectr=a', "Error: unknown flag: --selectr\nSee 'kubectl get --help' for usage.\n"],
    ["error: unknown option '-zq'", '-zq', "Error: unknown shorthand flag: 'z' in -zq\nSee 'kubectl get --help' for usage.\n"],
    ["error: option '-o, --output <format>' argument missing", '-o', "Error: flag needs an argument: 'o' in -o\nSee 'kubectl get --help' for usage.\n"],
    ["error: option '-n, --namespace <namespace>' argument missing", '--namespace', "Error: flag needs an argument: --namespace\nSee 'kubectl get --help' for usage.\n"],
    ["error: unknown command 'gte'\n(Did you mean get?)", 'gte', 'Error: unknown command "gte" for "kubesim"\n\nDid you mean this?\n\tget\n\n', 'kubectl'],
    ["error: unknown command 'ge'\n(Did you mean one of get, set?)", 'ge', 'Error: unknown command "ge" for "kubesim"\n\nDid you mean this?\n\tget\n\tset\n\n', 'kubectl'],
    ["error: unknown command 'zzz'", 'zzz', 'Error: unknown command "zzz" for "kubesim"\n', 'kubectl'],
    // a command made of subcommands refuses an unknown one itself
    ["error: unknown command 'foo'", 'foo', "error: unknown command \"foo\"\nSee 'kubectl top -h' for help and examples\n", 'kubectl top'],
    ['error: too many arguments', 'x', undefined],
  ])('%j', (message, last, want, help = 'kubectl get') => {
    expect(cobraText(message, help, last)).toBe(want);
  });
});
