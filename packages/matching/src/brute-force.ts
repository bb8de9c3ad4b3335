import { hammingWithin } from './popcount.ts';
import type { Match } from './hamming-index.ts';

/**
 * Linear scan over `count` hashes packed `words` per slot: the baseline the index must agree with and beat.
 * Uses the same early-exit popcount as the index, so a speed ratio measures the indexing, not the popcount.
 */
export function bruteForceQuery(
  packed: Uint32Array,
  words: number,
  hash: Uint32Array,
  radius: number,
): Match[] {
  const hits: Match[] = [];
  const count = packed.length / words;
  for (let id = 0; id < count; id++) {
    const d = hammingWithin(hash, 0, packed, id * words, words, radius);
    if (d <= radius) hits.push({ id, distance: d });
  }
  return hits;
}
