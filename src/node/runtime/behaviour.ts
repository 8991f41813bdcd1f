import type { Container } from 'kubernetes-types/core/v1.js';
import { profileOf } from './images.js';
import { piDigits } from './pi.js';

/** What a container's main process does once started: run until stopped, or exit after a while with a code. */
export interface Behaviour {
  exitAfterMs?: number;
  exitCode?: number;
  /** Lines written at start, and just before exiting. */
  logs: string[];
  /** When the liveness probe starts failing (ms after start), and what the probe prints then. */
  livenessFails?: { afterMs: number; output: string };
  /** An exec readiness probe that can never pass: the file it reads is never created. */
  neverReady?: { output: string };
}

const FOREVER = /sleep\s+infinity|while\s+(true|:)|tail\s+-f|httpd|nc\s+-l/;

/**
 * What `echo TEXT` writes: unquoted, without the spaces before `&&`; a variable (`$NAME`, `${NAME}`) outside single
 * quotes as `${NAME}`, which the logs fill in from the container's environment. A line with any other expansion
 * (`$(…)`, `${a[i]}`, `$?`) is left out: the simulator does not run it.
 */
function echoed(text: string, quote: string): string | undefined {
  const line = quote ? text : text.trimEnd();
  if (!line.includes('$')) return line;
  if (quote === "'") return undefined;
  const named = line.replace(/\$\{(\w+)\}|\$([A-Za-z_]\w*)/g, (_, braced: string, bare: string) => `\u0000${braced ?? bare}\u0001`);
  return named.includes('$') ? undefined : named.replace(/\u0000(\w+)\u0001/g, '${$1}');
}

/**
 * A shell command, read the way a teacher reads it: `sleep 3600` runs an hour, `while true` forever, `exit 3`
 * exits with 3, `echo` writes a line, and so does `date`. No command at all: the shell exits at once (nothing to read, unless stdin is open).
 */
function shellBehaviour(script: string): Behaviour {
  // what `echo` writes, and `date` (its line filled in with the time it ran: logs.ts), in the script's order
  const logs = [...script.matchAll(/echo\s+(?:-e\s+)?(["']?)(.*?)\1\s*(?:;|&&|\n|$)|(?:^|[;&|\n]|\s-c)\s*date\s*(?=$|[;&|\n])/g)]
    .map((m) => (m[2] === undefined ? '{date}' : echoed(m[2], m[1]!)))
    .filter((l): l is string => l !== undefined);
  if (FOREVER.test(script)) return { logs };
  const sleeps = [...script.matchAll(/sleep\s+(\d+(?:\.\d+)?)/g)].reduce((s, m) => s + Number(m[1]), 0);
  const exit = /(?:^|[;&|\s])exit\s+(\d+)/.exec(script);
  const failing = /(?:^|[;&|\s])false(?:$|[;&|\s])/.test(script);
  return { exitAfterMs: Math.max(50, sleeps * 1000), exitCode: exit ? Number(exit[1]) : failing ? 1 : 0, logs };
}

/**
 * The classic exec liveness demo: the script sleeps, then removes the file the probe `cat`s. From then on the probe
 * fails, as `cat` says.
 */
function livenessOf(c: Container, script: string): Behaviour['livenessFails'] {
  const probe = c.livenessProbe?.exec?.command?.join(' ') ?? '';
  const file = /cat\s+(\S+)/.exec(probe)?.[1];
  if (!file) return undefined;
  const rm = script.indexOf(`rm`) >= 0 ? new RegExp(`rm\\s+(-\\w+\\s+)*${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}`).exec(script) : null;
  if (!rm) return undefined;
  const before = script.slice(0, rm.index);
  const afterMs = [...before.matchAll(/sleep\s+(\d+(?:\.\d+)?)/g)].reduce((s, m) => s + Number(m[1]), 0) * 1000;
  return { afterMs, output: `cat: can't open '${file}': No such file or directory` };
}

/** A readiness probe that `cat`s (or tests) a file the container's script never writes. */
function neverReadyOf(c: Container, script: string): Behaviour['neverReady'] {
  const probe = c.readinessProbe?.exec?.command?.join(' ') ?? '';
  const file = /(?:cat|test\s+-[ef])\s+(\S+)/.exec(probe)?.[1];
  if (!file) return undefined;
  const writes = script.includes(`touch ${file}`) || script.includes(`> ${file}`) || script.includes(`>${file}`);
  return writes ? undefined : { output: `cat: can't open '${file}': No such file or directory` };
}

export function behaviourOf(c: Container): Behaviour {
  const behaviour = baseBehaviour(c);
  const script = [...(c.command ?? []), ...(c.args ?? [])].join(' ');
  const neverReady = neverReadyOf(c, script);
  return neverReady ? { ...behaviour, neverReady } : behaviour;
}

/** A shell started alone, with no script: `sh`, `ash`, `bash`, or one of them under /bin. */
export const isBareShell = (command: string): boolean => /^(\/bin\/)?(ba|a)?sh$/.test(command);

function baseBehaviour(c: Container): Behaviour {
  const profile = profileOf(c.image ?? '');
  const script = [...(c.command ?? []), ...(c.args ?? [])].join(' ');
  // with stdin open (kubectl run -i), a shell waits for what is typed: it runs until someone attached makes it leave
  if (c.stdin && (isBareShell(script.trim()) || (!script.trim() && profile.kind === 'shell'))) return { logs: [] };
  const livenessFails = livenessOf(c, script);
  if (livenessFails) return { ...shellBehaviour(script), livenessFails };
  if (profile.kind === 'crash') return { exitAfterMs: 2_000, exitCode: 1, logs: profile.logs };
  // Perl's big-number π: a second of work per thousand digits, then the number on one line
  const bpi = /^perl\b.*\bbpi\((\d{1,5})\)/.exec(script);
  if (bpi) return { exitAfterMs: Math.max(100, Number(bpi[1])), exitCode: 0, logs: [piDigits(Math.max(1, Number(bpi[1])))] };
  if (profile.kind === 'shell') return shellBehaviour(script);
  // a server image told to run a shell script does what the script says
  if (/^(\/bin\/)?(ba)?sh\s+-c\b/.test(script)) return shellBehaviour(script);
  return { logs: profile.logs };
}
