/**
 * Seeded randomness with named, independent streams.
 *
 * Every entity that draws random numbers (a stage's service times, a source's arrivals, job 17's runtime,
 * fault 2's error coin) asks for its own stream by name. A stream's state is derived only from the scenario
 * seed and the name, so adding a worker, a policy or a traffic source never shifts another entity's draws:
 * policies are compared on the same job runtimes and fault realizations (common random numbers).
 *
 * The generator is sfc32 (Chris Doty-Humphrey's Small Fast Counting generator, PractRand-clean for 2^64
 * outputs), seeded through cyrb128, a 128-bit string hash. Both are tiny, fast and have no platform
 * dependence, so draws are identical on every machine.
 */

/** A source of uniform numbers in [0, 1). */
export interface Random {
  next(): number;
}

/** Hashes a string to four 32-bit words (cyrb128, by bryc, public domain). */
export function cyrb128(text: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

const TWO_POW_32 = 4294967296;

/** sfc32: 128 bits of state, period at least 2^32, in practice about 2^127. */
export class Sfc32 implements Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(a: number, b: number, c: number, d: number) {
    this.a = a | 0;
    this.b = b | 0;
    this.c = c | 0;
    this.d = d | 0;
    // Discard the first outputs: they are weakly mixed for similar seeds.
    for (let i = 0; i < 12; i++) this.nextUint32();
  }

  nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  next(): number {
    return this.nextUint32() / TWO_POW_32;
  }
}

/** Derives independent named streams from one seed. */
export class RandomSource {
  constructor(readonly seed: number) {}

  stream(name: string): Sfc32 {
    const [a, b, c, d] = cyrb128(`${this.seed}\u0000${name}`);
    return new Sfc32(a, b, c, d);
  }
}
