/**
 * A CronJob's schedule, read as kube-controller-manager reads it (robfig/cron v3's ParseStandard: five fields, or a
 * descriptor like @hourly), with its error messages, and the times it names, in UTC (kind's control plane runs in UTC,
 * and a CronJob without spec.timeZone follows the controller manager's zone).
 */
export interface Schedule {
  minute: Set<number>;
  hour: Set<number>;
  dom: Set<number>;
  month: Set<number>;
  dow: Set<number>;
  /** robfig's star bit: a day field given as `*` or `?` (without a step > 1) lets the other alone decide the day. */
  domStar: boolean;
  dowStar: boolean;
}

interface Bounds {
  min: number;
  max: number;
  names?: Record<string, number>;
}

const MONTHS: Bounds = { min: 1, max: 12, names: { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 } };
const FIELDS: Bounds[] = [
  { min: 0, max: 59 },
  { min: 0, max: 23 },
  { min: 1, max: 31 },
  MONTHS,
  { min: 0, max: 6, names: { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 } },
];

const DESCRIPTORS: Record<string, string> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

class CronError extends Error {}

/** Go's strconv.Atoi of a field's number, or a month or weekday name. */
function number(text: string, b: Bounds): number {
  const named = b.names?.[text.toLowerCase()];
  if (named !== undefined) return named;
  if (!/^[+-]?\d+$/.test(text)) throw new CronError(`failed to parse int from ${text}: strconv.Atoi: parsing ${JSON.stringify(text)}: invalid syntax`);
  const n = Number(text);
  if (n < 0) throw new CronError(`negative number (${n}) not allowed: ${text}`);
  return n;
}

/** One comma-separated part of a field (getRange): `*`, `?`, `N`, `N-M`, each with an optional `/STEP`. */
function range(expr: string, b: Bounds, into: Set<number>): boolean {
  const [rangePart, stepPart, ...moreSlashes] = expr.split('/');
  if (moreSlashes.length) throw new CronError(`too many slashes: ${expr}`);
  const bounds = rangePart!.split('-');
  let start: number;
  let end: number;
  let star = false;
  if (rangePart === '*' || rangePart === '?') {
    [start, end, star] = [b.min, b.max, true];
  } else {
    if (bounds.length > 2) throw new CronError(`too many hyphens: ${expr}`);
    start = number(bounds[0]!, b);
    end = bounds.length === 2 ? number(bounds[1]!, b) : start;
  }
  let step = 1;
  if (stepPart !== undefined) {
    step = number(stepPart, b);
    // `N/STEP` means from N to the end
    if (bounds.length === 1 && !star) end = b.max;
    if (step > 1) star = false;
  }
  if (start < b.min) throw new CronError(`beginning of range (${start}) below minimum (${b.min}): ${expr}`);
  if (end > b.max) throw new CronError(`end of range (${end}) above maximum (${b.max}): ${expr}`);
  if (start > end) throw new CronError(`beginning of range (${start}) beyond end of range (${end}): ${expr}`);
  if (step === 0) throw new CronError(`step of range should be a positive number: ${expr}`);
  for (let n = start; n <= end; n += step) into.add(n);
  return star;
}

function field(text: string, b: Bounds): { values: Set<number>; star: boolean } {
  const values = new Set<number>();
  let star = false;
  for (const part of text.split(',')) star = range(part, b, values) || star;
  return { values, star };
}

/** The schedule, or robfig's error message (what the API server puts after `spec.schedule: Invalid value: "…": `). */
export function parseSchedule(spec: string): Schedule | string {
  try {
    let text = spec.trim();
    if (text.startsWith('@')) {
      if (text.startsWith('@every ')) throw new CronError('@every schedules are not simulated by kubesim yet');
      const expanded = DESCRIPTORS[text];
      if (!expanded) throw new CronError(`unrecognized descriptor: ${text}`);
      text = expanded;
    }
    const fields = text.split(/\s+/).filter(Boolean);
    if (fields.length !== 5) throw new CronError(`expected exactly 5 fields, found ${fields.length}: [${fields.join(' ')}]`);
    const [minute, hour, dom, month, dow] = fields.map((f, i) => field(f, FIELDS[i]!));
    return { minute: minute!.values, hour: hour!.values, dom: dom!.values, month: month!.values, dow: dow!.values, domStar: dom!.star, dowStar: dow!.star };
  } catch (e) {
    if (e instanceof CronError) return e.message;
    throw e;
  }
}

/** dayMatches: with either day field a star, both must match; with both restricted, either one. */
function dayMatches(s: Schedule, d: Date): boolean {
  const dom = s.dom.has(d.getUTCDate());
  const dow = s.dow.has(d.getUTCDay());
  return s.domStar || s.dowStar ? dom && dow : dom || dow;
}

const MINUTE = 60_000;
/** Five years: robfig's Next gives up past them (a 30th of February never comes). */
const HORIZON = 5 * 366 * 24 * 60 * MINUTE;

/** The first scheduled time strictly after `after` (ms), or undefined within five years. */
export function nextTime(s: Schedule, after: number): number | undefined {
  let t = Math.floor(after / MINUTE) * MINUTE + MINUTE;
  const limit = after + HORIZON;
  while (t <= limit) {
    const d = new Date(t);
    if (!s.month.has(d.getUTCMonth() + 1)) t = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
    else if (!dayMatches(s, d)) t = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1);
    else if (!s.hour.has(d.getUTCHours())) t = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), d.getUTCHours() + 1);
    else if (!s.minute.has(d.getUTCMinutes())) t += MINUTE;
    else return t;
  }
  return undefined;
}

/** The last scheduled time at or before `at` (ms), or undefined within five years. */
export function previousTime(s: Schedule, at: number): number | undefined {
  let t = Math.floor(at / MINUTE) * MINUTE;
  const limit = at - HORIZON;
  while (t >= limit) {
    const d = new Date(t);
    // each jump lands on the last minute of the month, day or hour before
    if (!s.month.has(d.getUTCMonth() + 1)) t = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1) - MINUTE;
    else if (!dayMatches(s, d)) t = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()) - MINUTE;
    else if (!s.hour.has(d.getUTCHours())) t = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), d.getUTCHours()) - MINUTE;
    else if (!s.minute.has(d.getUTCMinutes())) t -= MINUTE;
    else return t;
  }
  return undefined;
}

/**
 * mostRecentScheduleTime: the latest scheduled time in (earliest, now], and how many were missed since `earliest` (past
 * 100 the controller warns, TooManyMissedTimes).
 */
export function mostRecentScheduleTime(s: Schedule, earliest: number, now: number): { time: number; missed: number } | undefined {
  const first = nextTime(s, earliest);
  if (first === undefined || first > now) return undefined;
  const time = previousTime(s, now)!;
  let missed = 1;
  let second: number | undefined;
  for (let t = (second = nextTime(s, first)); t !== undefined && t <= now && missed <= 100; t = nextTime(s, t)) missed++;
  // past 100, the controller counts as if the schedule were regular, from its first two times
  if (missed > 100 && second !== undefined) missed = Math.floor((now - first) / (second - first)) + 1;
  return { time, missed };
}
