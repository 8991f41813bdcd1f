import { clientError, type CommandError } from '../../errors.js';
import type { Session } from '../../session.js';

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** Go-style durations: `90s`, `5m`, `1h30m`, `2m30s`. */
export function parseDuration(text: string): number | undefined {
  const parts = [...text.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)];
  if (!parts.length || parts.map((p) => p[0]).join('') !== text) return undefined;
  return parts.reduce((ms, p) => ms + Number(p[1]) * UNITS[p[2]], 0);
}

/** kubectl's --request-timeout (clientcmd.ParseTimeout): a whole number is seconds, else a duration; 0 never stops. */
export function parseRequestTimeout(text: string): number | undefined {
  return /^\+?\d+$/.test(text) ? Number(text) * 1000 : parseDuration(text);
}

/**
 * `kubesim wait 5m`: lets virtual time pass, so back-offs, grace periods and evictions happen in front of the
 * class instead of waiting for the wall clock.
 */
export async function runWait(session: Session, args: string[]): Promise<CommandError[]> {
  const ms = args[0] ? parseDuration(args[0]) : undefined;
  if (ms === undefined || ms <= 0 || ms > 24 * 3_600_000) {
    return [clientError(`invalid duration "${args[0] ?? ''}": use e.g. 30s, 5m or 1h (at most 24h)`, 'usage', { detail: 'kubesim wait 5m' })];
  }
  const from = session.now;
  session.cluster.world.log.emit('simulator', { kind: 'sim.waited', fromMs: from, toMs: from + ms, why: args[0] });
  session.cluster.stabilize(0, ms);
  return [];
}
