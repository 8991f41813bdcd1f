import { UsageError } from './usage-error.js';

/**
 * What cobra and pflag say of a command line they cannot parse, from what commander says of it. Students mistype flags
 * all the time: the error they learn to read should be kubectl's.
 */

/** kubesim's own commands: their help is `kubesim …`, not `kubectl …`. */
const KUBESIM_ONLY = new Set(['curl', 'proxy', 'chaos', 'node', 'cluster', 'etcdctl', 'learn', 'serve', 'tutorial', 'demo', 'quiz']);

/**
 * The words after a command that kubectl makes subcommands of their own (`create configmap`, `rollout status`) where
 * kubesim reads them as arguments; each with its aliases.
 */
const SUBCOMMAND_WORDS: Record<string, Record<string, string>> = {
  create: {
    deployment: 'deployment', deploy: 'deployment', namespace: 'namespace', ns: 'namespace', configmap: 'configmap', cm: 'configmap',
    secret: 'secret', serviceaccount: 'serviceaccount', sa: 'serviceaccount', role: 'role', clusterrole: 'clusterrole',
    rolebinding: 'rolebinding', clusterrolebinding: 'clusterrolebinding',
  },
  rollout: { status: 'status', history: 'history', undo: 'undo', restart: 'restart', pause: 'pause', resume: 'resume' },
  set: { image: 'image' },
};

/** `create secret`'s own subcommands. */
const SECRET_TYPES = ['generic', 'docker-registry', 'tls'];

/**
 * The command as its help names it: `create configmap`, `rollout status`, `auth can-i` (`path`: commander's commands
 * down to the one that failed; `argv`: the words typed after `kubesim`).
 */
export function helpPath(path: string[], argv: string[]): string {
  const words = SUBCOMMAND_WORDS[path.at(-1) ?? ''];
  const at = argv.indexOf(path.at(-1) ?? '');
  const typed = words && at >= 0 ? argv.slice(at + 1).find((w) => !w.startsWith('-') && w in words) : undefined;
  const sub = typed && words![typed]!;
  const secretType = sub === 'secret' ? SECRET_TYPES.find((t) => argv.includes(t)) : undefined;
  const full = [...path, ...(sub ? [sub] : []), ...(secretType ? [secretType] : [])];
  return `${KUBESIM_ONLY.has(path[0] ?? '') ? 'kubesim' : 'kubectl'}${full.length ? ` ${full.join(' ')}` : ''}`;
}

/** pflag's words for a flag it does not know: a long one by its name, a short one by its letter in what was typed. */
export function unknownFlag(typed: string): string {
  if (typed.startsWith('--')) return `unknown flag: ${typed.split('=')[0]}`;
  return `unknown shorthand flag: '${typed[1]}' in ${typed}`;
}

/** cobra's words for a flag it could not parse: the error, then where the command's help is. */
export const flagError = (message: string, help: string) => `Error: ${message}\nSee '${help} --help' for usage.`;

const GO_TRUE = ['1', 't', 'T', 'TRUE', 'true', 'True'];
const GO_FALSE = ['0', 'f', 'F', 'FALSE', 'false', 'False'];

/**
 * A bool flag given a value (`--wait=false`, `--namespaced=F`), read as Go's strconv.ParseBool reads it; anything else
 * refused in cobra's words. `help`: the command's (`kubectl delete`).
 */
export function boolFlag(value: string | true, flag: string, help: string): boolean {
  if (value === true || GO_TRUE.includes(value)) return true;
  if (GO_FALSE.includes(value)) return false;
  throw new UsageError(flagError(`invalid argument "${value}" for "--${flag}" flag: strconv.ParseBool: parsing "${value}": invalid syntax`, help));
}

/** cmdutil.UsageErrorf: a command's refusal of its arguments, then where its help and examples are. */
export const withHelp = (message: string, command: string) => `${message}\nSee 'kubectl ${command} -h' for help and examples`;

/**
 * cobra's text for commander's error (`message`), or undefined for the errors kubesim words itself. `last`: the last
 * word typed, the only place a flag can lack its value.
 */
export function cobraText(message: string, help: string, last: string | undefined): string | undefined {
  const unknownOption = /^error: unknown option '([^']+)'/.exec(message);
  if (unknownOption) return `${flagError(unknownFlag(unknownOption[1]!), help)}\n`;
  if (/^error: option '[^']+' argument missing/.test(message) && last?.startsWith('-')) {
    const flag = last.startsWith('--') ? last : `'${last.at(-1)}' in ${last}`;
    return `${flagError(`flag needs an argument: ${flag}`, help)}\n`;
  }
  const unknownCommand = /^error: unknown command '([^']+)'(?:\s*\(Did you mean (?:one of )?([^?]+)\?\))?/.exec(message);
  if (unknownCommand) {
    const [, command, similar] = unknownCommand;
    // a command made of subcommands (kubectl top, kubectl config) refuses an unknown one in its own words
    if (help.includes(' ')) return `error: unknown command "${command}"\nSee '${help} -h' for help and examples\n`;
    const suggestions = similar ? `\nDid you mean this?\n${similar.split(', ').map((c) => `\t${c}\n`).join('')}\n` : '';
    return `Error: unknown command "${command}" for "kubesim"\n${suggestions}`;
  }
  return undefined;
}
