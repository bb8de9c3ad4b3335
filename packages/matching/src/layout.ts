/**
 * How a hash is cut into substrings for multi-index hashing, and how a query radius is shared out.
 *
 * Generalised pigeonhole: if a hash is split into m substrings and the per-substring radii r_i satisfy
 * Σ (r_i + 1) ≥ R + 1, then any hash within distance R of the query is within r_i of it on at least one
 * substring i (otherwise the distance would be at least Σ (r_i + 1) > R). Giving each table its own radius
 * (e.g. 8 tables at radius 2 and 4 at radius 1 for R = 31, m = 12) probes far fewer keys than the
 * uniform floor(R/m) everywhere that needs more tables or wider substrings.
 */

/** One substring: `width` bits starting at bit `start` (bit 0 = most significant bit of word 0). */
export interface Substring {
  readonly start: number;
  readonly width: number;
}

/**
 * Default substring width: 24 for 256-bit hashes gives 11 substrings of 23–24 bits, so radius 31 needs at
 * most 2 flips per substring (Σ (r_i + 1) = 32 over 11 tables); 16 for 64-bit SimHash (4 substrings, radius ≤ 7
 * needs at most 1 flip each).
 */
export function defaultSubstringBits(bits: number): number {
  return Math.min(24, Math.max(8, bits / 4));
}

/**
 * Bucket-address bits for a table over about `size` hashes: about 4 entries per bucket, so a probe's 64-byte block
 * (`BucketTable`) rarely spills into a second cache line or an overflow block. Measured at 1M (same process,
 * uniform and clustered): 4 per bucket (18 bits) was 15–20% faster than 8 (17 bits) and 2× faster than 15
 * (16 bits). Capped at 20 bits, 2^20 blocks = 64 MiB per table, so that 10M hashes fit the 1.5 GB memory bar
 * (about 9.5 entries per bucket there); beyond that, buckets grow instead of tables.
 */
export function bucketBitsFor(size: number): number {
  return Math.min(
    MAX_BUCKET_BITS,
    Math.max(4, Math.round(Math.log2(Math.max(size, 1) / ENTRIES_PER_BUCKET))),
  );
}

const ENTRIES_PER_BUCKET = 4;
const MAX_BUCKET_BITS = 20;

/** Cuts `bits` into contiguous substrings no wider than `maxWidth`, as even as possible, widest first. */
export function splitBits(bits: number, maxWidth: number): Substring[] {
  const count = Math.ceil(bits / maxWidth);
  const base = Math.floor(bits / count);
  const wider = bits % count;
  const out: Substring[] = [];
  let start = 0;
  for (let i = 0; i < count; i++) {
    const width = base + (i < wider ? 1 : 0);
    out.push({ start, width });
    start += width;
  }
  return out;
}

/**
 * Per-substring search radius for query radius `radius`: Σ (r_i + 1) = radius + 1, spread evenly, the extra
 * units going to the narrowest substrings (their probes are cheapest). A radius of -1 means "skip this table".
 */
export function radiiFor(substrings: readonly Substring[], radius: number): Int32Array {
  const m = substrings.length;
  const total = radius + 1;
  const share = Math.floor(total / m);
  let extra = total % m;
  const order = substrings
    .map((s, i) => ({ i, width: s.width }))
    .sort((a, b) => a.width - b.width || b.i - a.i);
  const radii = new Int32Array(m).fill(share - 1);
  for (const { i } of order) {
    if (extra === 0) break;
    radii[i] = share;
    extra--;
  }
  return radii;
}

/** The `width`-bit key of substring `s` for the hash whose words start at `words[offset]`. */
export function substringKey(words: Uint32Array, offset: number, s: Substring): number {
  const w = s.start >>> 5;
  const bit = s.start & 31;
  const end = bit + s.width;
  const mask = s.width === 32 ? 0xffffffff : (1 << s.width) - 1;
  const first = words[offset + w]!;
  if (end <= 32) return ((first >>> (32 - end)) & mask) >>> 0;
  const second = words[offset + w + 1]!;
  return (((first << (end - 32)) | (second >>> (64 - end))) & mask) >>> 0;
}

const flipCache = new Map<string, Uint32Array>();

/** Every `width`-bit mask with at most `radius` bits set, lightest first. Cached: queries reuse them. */
export function flipMasks(width: number, radius: number): Uint32Array {
  const cacheKey = `${width}:${radius}`;
  const cached = flipCache.get(cacheKey);
  if (cached) return cached;
  const masks: number[] = [0];
  // Extend each mask of weight k by one bit above its highest set bit: every combination exactly once.
  let frontier: { mask: number; next: number }[] = [{ mask: 0, next: 0 }];
  for (let weight = 1; weight <= Math.min(radius, width); weight++) {
    const grown: { mask: number; next: number }[] = [];
    for (const { mask, next } of frontier) {
      for (let b = next; b < width; b++) {
        const m = (mask | (1 << b)) >>> 0;
        masks.push(m);
        grown.push({ mask: m, next: b + 1 });
      }
    }
    frontier = grown;
  }
  const out = Uint32Array.from(masks);
  flipCache.set(cacheKey, out);
  return out;
}

const weightCache = new Map<string, Uint8Array>();

/** The weight (bits set) of each mask of `flipMasks(width, radius)`, in the same order. Cached. */
export function flipWeights(width: number, radius: number): Uint8Array {
  const cacheKey = `${width}:${radius}`;
  const cached = weightCache.get(cacheKey);
  if (cached) return cached;
  const masks = flipMasks(width, radius);
  const out = new Uint8Array(masks.length);
  for (let m = 0; m < masks.length; m++) {
    let x = masks[m]!;
    while (x !== 0) {
      x &= x - 1;
      out[m]!++;
    }
  }
  weightCache.set(cacheKey, out);
  return out;
}

/** Number of masks `flipMasks(width, radius)` would return, without building them. */
export function flipCount(width: number, radius: number): number {
  let total = 0;
  let c = 1;
  for (let k = 0; k <= Math.min(radius, width); k++) {
    total += c;
    c = (c * (width - k)) / (k + 1);
  }
  return total;
}
