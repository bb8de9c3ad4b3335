/**
 * Independent reference for tests: Hamming distance by comparing hex strings bit by bit through BigInt,
 * sharing no code with the index (no word packing, no SWAR popcount).
 */
export function naiveDistance(aHex: string, bHex: string): number {
  let x = BigInt(`0x${aHex}`) ^ BigInt(`0x${bHex}`);
  let d = 0;
  while (x > 0n) {
    d += Number(x & 1n);
    x >>= 1n;
  }
  return d;
}

/** All (id, distance) with distance ≤ radius, by scanning every live hex value. */
export function naiveQuery(
  live: Map<number, string>,
  queryHex: string,
  radius: number,
): { id: number; distance: number }[] {
  const out: { id: number; distance: number }[] = [];
  for (const [id, hex] of live) {
    const distance = naiveDistance(hex, queryHex);
    if (distance <= radius) out.push({ id, distance });
  }
  return out.sort((a, b) => a.id - b.id);
}
