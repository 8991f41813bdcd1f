import type { Container } from 'kubernetes-types/core/v1.js';
import { DAYS, MONTHS } from '../../sim/clock.js';
import type { Env } from '../../sim/container-memory.js';
import { behaviourOf } from './behaviour.js';
import { parseImage, profileOf } from './images.js';

export interface Instance {
  startedAt: string;
  finishedAt?: string;
  exitCode?: number;
}

export interface LogLine {
  time: string;
  text: string;
}

/** `2026/11/23 10:00:02` (nginx's own format). */
function nginxTime(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ').replace(/-/g, '/');
}

/** `Mon Nov 23 10:00:02 UTC 2026`: `date` (`%a %b %e %H:%M:%S %Z %Y`), in the UTC of the cluster's nodes. */
function dateOutput(ms: number): string {
  const d = new Date(ms);
  const clock = d.toISOString().slice(11, 19);
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${clock} UTC ${d.getUTCFullYear()}`;
}

/**
 * What a container instance wrote, derived from its image, its command and its start/finish times, so logs
 * need no storage and read the same every time. `{tag}`, `{time}`, `{date}` and `${VAR}` (from the container's
 * environment, as its shell expands it) are filled in.
 */
export function containerLogs(c: Container, instance: Instance, now: number, environment: Env): LogLine[] {
  const start = Date.parse(instance.startedAt);
  const tag = parseImage(c.image ?? '').tag;
  const env = Object.fromEntries(environment);
  // read once: a Job's perl computes its π there
  const written = behaviourOf(c).logs;
  const spacing = Math.max(50, Math.floor(profileOf(c.image ?? '').startupMs / Math.max(1, written.length)));
  const lines = written.map((text, i) => {
    const at = start + 50 + i * spacing;
    const filled = text
      .replace(/\{tag\}/g, tag)
      .replace(/\{time\}/g, nginxTime(at))
      .replace(/\{date\}/g, dateOutput(at))
      .replace(/\$\{(\w+)\}/g, (_, k: string) => env[k] ?? '');
    return { time: new Date(at).toISOString(), text: filled };
  });
  // a finished process wrote all it had to (its times are kept to the second: `echo` ends within the one it started)
  if (instance.finishedAt) return lines;
  return lines.filter((l) => Date.parse(l.time) <= now);
}
