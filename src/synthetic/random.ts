/**
 * Deterministic randomness for the synthetic corpus: a small seeded PRNG (sfc32) and a Zipf
 * sampler. Nothing here touches Math.random, so the same seed always gives the same corpus, on
 * any machine and Node version.
 */

/** A seeded stream of uniform numbers with a few conveniences. */
export interface Random {
  /** A uniform float in [0, 1). */
  next(): number;
  /** A uniform integer in [lo, hi] (both inclusive). */
  int(lo: number, hi: number): number;
  /** True with probability `p`. */
  chance(p: number): boolean;
  /** A uniformly chosen element of a non-empty list. */
  pick<T>(list: readonly T[]): T;
}

/** 32-bit string/number hash (FNV-1a with a murmur finaliser), used only to derive seeds. */
function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * A Random for `seed`, on the named `stream`: streams of one seed are independent, so the
 * catalogue does not shift when the article generator draws a different number of values.
 */
export function createRandom(seed: number, stream = ''): Random {
  // sfc32 (Chris Doty-Humphrey's Small Fast Counting generator): 128 bits of state, passes
  // PractRand to terabytes, and runs on 32-bit integer ops that V8 keeps unboxed.
  let a = hash32(`a:${seed}:${stream}`);
  let b = hash32(`b:${seed}:${stream}`);
  let c = hash32(`c:${seed}:${stream}`);
  let d = 1;
  const nextU32 = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  for (let i = 0; i < 15; i++) nextU32(); // mix the seed into all of the state
  const next = (): number => nextU32() / 4294967296;
  return {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    chance: (p) => next() < p,
    pick: (list) => list[Math.floor(next() * list.length)],
  };
}

/**
 * Samples ranks 0..n-1 with P(rank r) proportional to 1 / (r + 1)^exponent, in O(1) per draw
 * (Vose's alias method): drawing hundreds of words per article must stay cheap.
 */
export class ZipfSampler {
  private readonly probability: Float64Array;
  private readonly alias: Int32Array;

  constructor(
    readonly n: number,
    readonly exponent = 1.05,
  ) {
    if (!Number.isInteger(n) || n < 1) throw new Error(`Zipf needs n >= 1, got ${n}`);
    const weights = new Float64Array(n);
    let total = 0;
    for (let r = 0; r < n; r++) total += weights[r] = 1 / (r + 1) ** exponent;
    this.probability = new Float64Array(n);
    this.alias = new Int32Array(n);
    const scaled = weights.map((w) => (w * n) / total);
    const small: number[] = [];
    const large: number[] = [];
    scaled.forEach((p, i) => {
      (p < 1 ? small : large).push(i);
    });
    while (small.length > 0 && large.length > 0) {
      const s = small.pop()!;
      const l = large.pop()!;
      this.probability[s] = scaled[s];
      this.alias[s] = l;
      scaled[l] = scaled[l] + scaled[s] - 1;
      (scaled[l] < 1 ? small : large).push(l);
    }
    // What is left has probability 1 up to rounding.
    for (const i of [...small, ...large]) {
      this.probability[i] = 1;
      this.alias[i] = i;
    }
  }

  /** One rank in 0..n-1, from one uniform draw (its integer part picks a column, the rest flips it). */
  sample(random: Random): number {
    const x = random.next() * this.n;
    const column = Math.floor(x);
    return x - column < this.probability[column] ? column : this.alias[column];
  }
}

/** A deterministic Fisher–Yates shuffle of a copy of `list`. */
export function shuffled<T>(list: readonly T[], random: Random): T[] {
  const out = list.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random.next() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}
