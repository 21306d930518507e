/** Seeded PRNG for the simulator (mulberry32): the same seed gives the same stream; Math.random is never used. */
export class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  /** The stream's position (to replay it after a counterfactual pass, see {@link Rng.restore}). */
  position(): number {
    return this.state;
  }
  /** Moves the stream back to a {@link Rng.position}. */
  restore(position: number): void {
    this.state = position >>> 0;
  }
  /** A float in [0, 1). */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  /** An integer in [lo, hi]. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.next() * xs.length)];
  }
  /** `k` distinct elements (or all of them), in a seeded order. */
  sample<T>(xs: readonly T[], k: number): T[] {
    const a = [...xs];
    for (let i = a.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [a[i], a[j]] = [a[j], a[i]];
    }
    return a.slice(0, Math.max(0, Math.min(k, a.length)));
  }
  /** A deterministic 32-byte private key for agent `i` of this seed (never a funded real key). */
  static agentKey(seed: number, i: number): string {
    const r = new Rng(seed * 1_000_003 + i + 1);
    let hex = "";
    for (let k = 0; k < 8; k++)
      hex += Math.floor(r.next() * 0xffffffff)
        .toString(16)
        .padStart(8, "0");
    return "0x" + (hex.startsWith("0") ? "1" + hex.slice(1) : hex);
  }
}
