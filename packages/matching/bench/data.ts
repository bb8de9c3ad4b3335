/** Reproducible benchmark data: uniform random or clustered 256-bit hashes, and queries near and far from them. */

/** xorshift32: fast, seedable, good enough to fill hash bits. */
export function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s;
  };
}

function flipRandomBits(words: Uint32Array, offset: number, count: number, next: () => number): void {
  for (let k = 0; k < count; k++) {
    const bit = next() & 255;
    words[offset + (bit >>> 5)]! ^= 1 << (bit & 31);
  }
}

/**
 * `n` hashes, 8 words each. `clustered`: families of 1–20 near-duplicates, each member 0–40 random bit flips
 * from the family root (as banks of re-encoded / cropped copies look); otherwise uniform random.
 */
export function makeBank(n: number, clustered: boolean, seed: number): Uint32Array {
  const next = rng(seed);
  const packed = new Uint32Array(n * 8);
  for (let i = 0; i < packed.length; i++) packed[i] = next();
  if (!clustered) return packed;
  let i = 0;
  while (i < n) {
    const family = 1 + (next() % 20);
    const root = i * 8;
    for (let m = 1; m < family && i + m < n; m++) {
      const at = (i + m) * 8;
      packed.copyWithin(at, root, root + 8);
      flipRandomBits(packed, at, next() % 41, next);
    }
    i += family;
  }
  return packed;
}

/** Half the queries are stored hashes with 0–16 bit flips (hits), half are uniform random (misses). */
export function makeQueries(bank: Uint32Array, count: number, seed: number): Uint32Array[] {
  const next = rng(seed);
  const n = bank.length / 8;
  const queries: Uint32Array[] = [];
  for (let q = 0; q < count; q++) {
    const h = new Uint32Array(8);
    if (q % 2 === 0) {
      const id = next() % n;
      h.set(bank.subarray(id * 8, id * 8 + 8));
      flipRandomBits(h, 0, next() % 17, next);
    } else for (let w = 0; w < 8; w++) h[w] = next();
    queries.push(h);
  }
  return queries;
}
