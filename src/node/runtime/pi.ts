/** arctan(1/x) × 10^digits, by its series, in integers. */
function arctanInverse(x: bigint, unity: bigint): bigint {
  let sum = 0n;
  let term = unity / x;
  const x2 = x * x;
  for (let n = 1n, sign = 1n; term !== 0n; n += 2n, sign = -sign) {
    sum += (sign * term) / n;
    term /= x2;
  }
  return sum;
}

/**
 * π to `digits` significant digits, rounded, as Perl's `bpi(digits)` prints it (the Job example of kubernetes.io runs
 * `perl -Mbignum=bpi -wle 'print bpi(2000)'`). Machin's formula: π = 16 arctan(1/5) − 4 arctan(1/239).
 */
export function piDigits(digits: number): string {
  const guard = 10;
  const unity = 10n ** BigInt(digits - 1 + guard);
  const pi = 16n * arctanInverse(5n, unity) - 4n * arctanInverse(239n, unity);
  const rounded = (pi + 5n * 10n ** BigInt(guard - 1)) / 10n ** BigInt(guard);
  const text = rounded.toString();
  return digits > 1 ? `${text[0]}.${text.slice(1)}` : text;
}
