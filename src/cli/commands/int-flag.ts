import { flagError } from '../parse-errors.js';

/**
 * An integer flag as cobra parses it (strconv.ParseInt): the number, `fallback` when the flag is absent, or cobra's
 * refusal, with the help of its command. `flag`: as pflag names it (`-r, --replicas` when it has a shorthand);
 * `help`: the command (`kubectl scale`); `bits`: 32 for an int32 flag, 64 for Go's int.
 */
export function intFlag(value: string | undefined, fallback: number, o: { flag: string; help: string; bits?: 32 | 64 }): number | string {
  if (value === undefined) return fallback;
  const digits = /^[+-]?\d+$/.test(value);
  const n = digits ? BigInt(value) : 0n;
  const limit = 2n ** BigInt((o.bits ?? 32) - 1);
  if (digits && n >= -limit && n < limit) return Number(n);
  const why = digits ? 'value out of range' : 'invalid syntax';
  return flagError(`invalid argument "${value}" for "${o.flag}" flag: strconv.ParseInt: parsing "${value}": ${why}`, o.help);
}
