/**
 * Seeded pseudo-random source (sfc32). Its state is saved with the cluster, so a scripted demo started from
 * the same KUBESIM_SEED draws the same names, IPs and jitter, command after command.
 */
export type RandState = [number, number, number, number];

export class Rand {
  // four int32 fields rather than an array: a draw allocates nothing (a pod's UID and container ID take a hundred
  // draws, and an unsigned value above 2^31 would be boxed on every write)
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor([a, b, c, d]: RandState) {
    this.a = a | 0;
    this.b = b | 0;
    this.c = c | 0;
    this.d = d | 0;
  }

  static fromSeed(seed: string): Rand {
    // cyrb128-style string hash to spread any seed over the 128-bit state.
    let h1 = 1779033703, h2 = 3144134277, h3 = 1013904242, h4 = 2773480762;
    for (let i = 0; i < seed.length; i++) {
      const k = seed.charCodeAt(i);
      h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
      h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
      h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
      h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
    }
    const r = new Rand([h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0]);
    for (let i = 0; i < 12; i++) r.next(); // warm up
    return r;
  }

  /** Saved unsigned, as it always was. */
  state(): RandState {
    return [this.a >>> 0, this.b >>> 0, this.c >>> 0, this.d >>> 0];
  }

  /** Uniform float in [0, 1). */
  next(): number {
    const { a, b, c, d } = this;
    const t = (((a + b) | 0) + d) | 0;
    this.d = (d + 1) | 0;
    this.a = b ^ (b >>> 9);
    this.b = (c + (c << 3)) | 0;
    this.c = (((c << 21) | (c >>> 11)) + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  /** Integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** Value in [base*(1-spread), base*(1+spread)]. */
  jitter(base: number, spread: number): number {
    return base * (1 - spread + 2 * spread * this.next());
  }
}
