/**
 * The world's clock. Virtual time = a base (wall clock, or KUBESIM_NOW when pinned) + an offset that only grows:
 * the engine jumps forward over idle waits (image pulls, back-offs) instead of sleeping.
 * Like k8s.io/utils FakeClock, it is passed to every component; nothing in the world reads Date.now().
 */
export class VirtualClock {
  constructor(private current: number) {}

  now(): number {
    return this.current;
  }

  /** Moves time forward; never backward (a stale wall clock must not rewind the world). */
  advanceTo(at: number): void {
    if (at > this.current) this.current = at;
  }

  advanceBy(ms: number): void {
    this.advanceTo(this.current + ms);
  }
}

let lastSecond = NaN;
let lastText = '';

/** RFC 3339 with second precision, as Kubernetes writes metadata timestamps (the last second's text is reused). */
export function rfc3339(ms: number): string {
  const second = Math.floor(ms / 1000);
  if (second !== lastSecond) {
    lastSecond = second;
    lastText = new Date(second * 1000).toISOString().replace('.000Z', 'Z');
  }
  return lastText;
}

/** RFC 3339 with microseconds (MicroTime), as in Event.eventTime. */
export function rfc3339Micro(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

export function parseTime(s: string | undefined | null): number | undefined {
  if (!s) return undefined;
  const t = Date.parse(s);
  return Number.isNaN(t) ? undefined : t;
}

/** The English day and month abbreviations of Go's time formats (and of `date`). */
export const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
export const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Go's time.RFC1123Z, the date format of describe: `Mon, 23 Nov 2026 10:00:00 +0000`. */
export function rfc1123z(timestamp: string | undefined | null): string {
  if (!timestamp) return '<unset>';
  const d = new Date(timestamp);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${DAYS[d.getUTCDay()]}, ${p(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}
