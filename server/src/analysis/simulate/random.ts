/** A small seeded generator and hash, so every simulation run is reproducible from its seed. */

/** mulberry32: 32-bit state, good enough for traffic and far faster than crypto. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a over a string: the stable hash ip-hash uses to keep a client on one backend. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Exponential inter-arrival gap for a Poisson process of `rate` per ms. */
export function exponentialGap(random: () => number, rate: number): number {
  return -Math.log(1 - random()) / rate;
}
