/** Number of set bits in a 32-bit integer (SWAR: no table, no loop). */
export function popcount32(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

/**
 * Hamming distance between the hash at `a[aOffset..]` and `b[bOffset..]`, both `words` long.
 * Checks `limit` once, after the first half: if that half alone exceeds it, returns that partial count
 * (a value > `limit`, not the true distance). One check rather than one per word keeps the branch
 * predictable (a random pair sits near 50% per half, far above any useful radius) so the CPU can run
 * ahead into the next candidate's memory loads.
 */
export function hammingWithin(
  a: Uint32Array,
  aOffset: number,
  b: Uint32Array,
  bOffset: number,
  words: number,
  limit: number,
): number {
  const half = words >>> 1;
  let d = 0;
  for (let w = 0; w < words; w++) {
    if (w === half && d > limit) return d;
    let x = a[aOffset + w]! ^ b[bOffset + w]!;
    x -= (x >>> 1) & 0x55555555;
    x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
    x = (x + (x >>> 4)) & 0x0f0f0f0f;
    d += Math.imul(x, 0x01010101) >>> 24;
  }
  return d;
}
