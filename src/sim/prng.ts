// Seeded randomness for the simulator: a small stateful generator for fault draws, and stateless
// hashing for values that must be the same whenever they are recomputed (price paths, book sizes,
// intra-hour noise), so no part of the market depends on Math.random or on the order of requests.

/** A 32-bit generator (mulberry32) whose whole state is one integer, so it persists trivially. */
export class Prng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
}

/** A 32-bit hash of a string (FNV-1a), for deriving per-asset seeds from names. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function round(h: number, part: number): number {
  // Large integers (timestamps) are folded in as two 32-bit halves so no bits are lost.
  const low = part >>> 0;
  const high = Math.floor(part / 4294967296) >>> 0;
  h = Math.imul(h ^ low, 0x85ebca6b);
  h = (h ^ (h >>> 13)) >>> 0;
  h = Math.imul(h ^ high, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

function finish(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Mixes up to five integers into one well-spread 32-bit value (fixed arity: this is a hot path). */
export function mix(a: number, b = 0, c = 0, d = 0, e = 0): number {
  return finish(round(round(round(round(round(0x9e3779b9, a), b), c), d), e));
}

/** A uniform in [0, 1) that is a pure function of its inputs. */
export function hashUniform(a: number, b = 0, c = 0, d = 0, e = 0): number {
  return mix(a, b, c, d, e) / 4294967296;
}

/** A standard normal that is a pure function of its inputs. */
export function hashNormal(a: number, b = 0, c = 0, d = 0): number {
  const h = mix(a, b, c, d, 0x51ed);
  const u = Math.max(finish(h ^ 0x2545f491) / 4294967296, 1e-12);
  const v = finish(h ^ 0x68e31da4) / 4294967296;
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}
