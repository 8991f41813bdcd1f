/**
 * An integer flag as cobra parses it (strconv.ParseInt): the number, `fallback` when the flag is absent, or cobra's
 * refusal. `bits`: 32 for an int32 flag, 64 for Go's int.
 */
export function intFlag(flag: string, value: string | undefined, fallback: number, bits: 32 | 64 = 32): number | string {
  if (value === undefined) return fallback;
  const digits = /^[+-]?\d+$/.test(value);
  const n = digits ? BigInt(value) : 0n;
  const limit = 2n ** BigInt(bits - 1);
  if (!digits || n < -limit || n >= limit) return `invalid argument "${value}" for "${flag}" flag: strconv.ParseInt: parsing "${value}": ${digits ? 'value out of range' : 'invalid syntax'}`;
  return Number(n);
}
