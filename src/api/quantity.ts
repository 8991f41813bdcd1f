/**
 * resource.Quantity parsing, enough for scheduling: CPU in millicores, everything else in base units.
 * Accepts the suffixes Kubernetes accepts (m, k, M, G, T, P, E, Ki..Ei, exponents like 1e3).
 */
const BINARY: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const DECIMAL: Record<string, number> = { n: 1e-9, u: 1e-6, m: 1e-3, '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };
const QUANTITY = /^([+-]?(?:\d+\.?\d*|\.\d+))(?:(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)|[eE]([+-]?\d+))?$/;

/** The value in base units (cores for cpu), or undefined if the text is not a quantity. */
export function parseQuantity(q: string | number | undefined | null): number | undefined {
  if (q === undefined || q === null) return undefined;
  if (typeof q === 'number') return q;
  const m = QUANTITY.exec(q.trim());
  if (!m) return undefined;
  const n = Number(m[1]);
  if (m[3] !== undefined) return n * 10 ** Number(m[3]);
  const suffix = m[2] ?? '';
  return n * (BINARY[suffix] ?? DECIMAL[suffix]);
}

export const milliCpu = (q: string | number | undefined): number => Math.ceil((parseQuantity(q) ?? 0) * 1000 - 1e-9);
export const bytes = (q: string | number | undefined): number => Math.ceil(parseQuantity(q) ?? 0);

/** `250m`, `2`: CPU as kubectl describe prints it. */
export function formatMilliCpu(m: number): string {
  return m % 1000 === 0 ? String(m / 1000) : `${m}m`;
}

/** `128Mi`, `4Gi`, or plain bytes: memory as kubectl describe prints it. */
export function formatBytes(b: number): string {
  for (const [suffix, size] of [['Gi', 2 ** 30], ['Mi', 2 ** 20], ['Ki', 2 ** 10]] as const) {
    if (b >= size && b % size === 0) return `${b / size}${suffix}`;
  }
  return String(b);
}

const DECIMAL_SUFFIXES: Record<number, string> = { [-9]: 'n', [-6]: 'u', [-3]: 'm', 0: '', 3: 'k', 6: 'M', 9: 'G', 12: 'T', 15: 'P', 18: 'E' };
const BINARY_SUFFIXES = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];

/** `n × 10^e` with no trailing zero in n, and e a multiple of 3 for printing: 0.5 is 500 × 10^-3 (500m). */
function decimalText(n: bigint, e: number, exponentForm: boolean): string {
  if (n === 0n) return '0';
  while (n % 10n === 0n) {
    n /= 10n;
    e++;
  }
  const floor3 = e - (((e % 3) + 3) % 3);
  const mantissa = n * 10n ** BigInt(e - floor3);
  if (exponentForm) return `${mantissa}${floor3 ? `e${floor3}` : ''}`;
  const suffix = DECIMAL_SUFFIXES[floor3];
  return suffix === undefined ? `${mantissa}e${floor3}` : `${mantissa}${suffix}`;
}

/**
 * A quantity as resource.Quantity's String() writes it (CanonicalizeBytes): in the notation it was written in (decimal
 * suffix, binary suffix or exponent) with the largest suffix that keeps an integer: 0.5 is 500m, 1000m is 1, 2048Mi is
 * 2Gi, 1.5Gi is 1536Mi; a binary quantity under 1Ki, or not a whole number of bytes, is written in decimal. Precision
 * stops at the nano, rounded up, as Kubernetes rounds. Undefined when the text is not a quantity.
 */
export function canonicalQuantity(text: string): string | undefined {
  const m = QUANTITY.exec(text.trim());
  if (!m) return undefined;
  const [digits = '', fraction = ''] = m[1]!.replace(/^[+-]/, '').split('.');
  const negative = m[1]!.startsWith('-');
  let n = BigInt(`${digits}${fraction}` || '0');
  let e = -fraction.length;
  const suffix = m[2] ?? '';
  const binary = suffix in BINARY;
  if (m[3] !== undefined) e += Number(m[3]);
  else if (!binary) e += Math.round(Math.log10(DECIMAL[suffix]!));
  let shift = binary ? BINARY_SUFFIXES.indexOf(suffix) * 10 : 0;
  // a binary quantity as a whole number of bytes, when it is one
  if (binary) {
    const whole = e >= 0 ? n * 10n ** BigInt(e) * 2n ** BigInt(shift) : (n * 2n ** BigInt(shift)) % 10n ** BigInt(-e) === 0n ? (n * 2n ** BigInt(shift)) / 10n ** BigInt(-e) : undefined;
    if (whole !== undefined && whole >= 1024n) {
      let mantissa = whole;
      for (shift = 0; shift < 60 && mantissa % 1024n === 0n; shift += 10) mantissa /= 1024n;
      return `${negative ? '-' : ''}${mantissa}${BINARY_SUFFIXES[shift / 10]}`;
    }
    // under 1Ki, or a fraction of a byte: decimal
    n *= 2n ** BigInt(shift);
  }
  // nano precision, rounded up (away from zero)
  if (e < -9) {
    const scale = 10n ** BigInt(-9 - e);
    n = (n + scale - 1n) / scale;
    e = -9;
  }
  const out = decimalText(n, e, m[3] !== undefined);
  return negative && out !== '0' ? `-${out}` : out;
}
