import { describe, expect, it } from 'vitest';
import { mostRecentScheduleTime, nextTime, parseSchedule, previousTime, type Schedule } from './cron.js';

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString().slice(0, 16));
const schedule = (text: string) => parseSchedule(text) as Schedule;

describe('a CronJob schedule, as robfig/cron ParseStandard reads it', () => {
  it.each([
    ['*/1 * * * *', '2026-11-25T10:00:30Z', '2026-11-25T10:01', '2026-11-25T10:00'],
    ['*/15 * * * *', '2026-11-25T10:07:00Z', '2026-11-25T10:15', '2026-11-25T10:00'],
    ['0 * * * *', '2026-11-25T10:00:00Z', '2026-11-25T11:00', '2026-11-25T10:00'],
    ['@hourly', '2026-11-25T10:59:59Z', '2026-11-25T11:00', '2026-11-25T10:00'],
    ['30 2 * * 1-5', '2026-11-27T03:00:00Z', '2026-11-30T02:30', '2026-11-27T02:30'],
    ['0 0 1 jan *', '2026-11-25T10:00:00Z', '2027-01-01T00:00', '2026-01-01T00:00'],
    ['0 9 * * MON', '2026-11-25T10:00:00Z', '2026-11-30T09:00', '2026-11-23T09:00'],
    // both day fields restricted: either one will do (the 13th, or any Friday)
    ['0 0 13 * 5', '2026-11-25T10:00:00Z', '2026-11-27T00:00', '2026-11-20T00:00'],
    ['5/20 * * * *', '2026-11-25T10:06:00Z', '2026-11-25T10:25', '2026-11-25T10:05'],
    ['0 0 30 2 *', '2026-11-25T10:00:00Z', undefined, undefined],
  ])('%s after %s: next %s, last %s', (text, now, next, previous) => {
    const s = schedule(text);
    expect(iso(nextTime(s, at(now)))).toBe(next);
    expect(iso(previousTime(s, at(now)))).toBe(previous);
  });

  it.each([
    ['* * * *', 'expected exactly 5 fields, found 4: [* * * *]'],
    ['x * * * *', 'failed to parse int from x: strconv.Atoi: parsing "x": invalid syntax'],
    ['70 * * * *', 'end of range (70) above maximum (59): 70'],
    ['5-2 * * * *', 'beginning of range (5) beyond end of range (2): 5-2'],
    ['*/0 * * * *', 'step of range should be a positive number: */0'],
    ['1-2-3 * * * *', 'too many hyphens: 1-2-3'],
    ['* * 0 * *', 'beginning of range (0) below minimum (1): 0'],
    ['@often', 'unrecognized descriptor: @often'],
  ])('refuses %s: %s', (text, message) => {
    expect(parseSchedule(text)).toBe(message);
  });

  it('counts the times missed since the last one', () => {
    const s = schedule('*/1 * * * *');
    expect(mostRecentScheduleTime(s, at('2026-11-25T10:00:00Z'), at('2026-11-25T10:00:59Z'))).toBeUndefined();
    expect(mostRecentScheduleTime(s, at('2026-11-25T10:00:00Z'), at('2026-11-25T10:03:10Z'))).toEqual({ time: at('2026-11-25T10:03:00Z'), missed: 3 });
    expect(mostRecentScheduleTime(s, at('2026-11-25T10:00:00Z'), at('2026-11-26T10:00:00Z'))).toEqual({ time: at('2026-11-26T10:00:00Z'), missed: 1440 });
  });
});
