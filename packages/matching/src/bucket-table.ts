import { substringKey, type Substring } from './layout.ts';
import { popcount32 } from './popcount.ts';

/**
 * One multi-index hashing table as fixed-size blocks. A substring key of `width` bits is split into its high
 * `bucketBits` (the bucket address) and its low `loBits`, which are packed into each entry above the id:
 * `entry = lo << idBits | id`.
 *
 * Bucket k's first block is block k. A block is `BLOCK_WORDS` words: a meta word (entries in this block in the
 * low `COUNT_BITS` bits, index of the next block of the bucket above them, 0 for none) and up to
 * `BLOCK_ENTRIES` entries. Overflow blocks live after the 2^bucketBits primary blocks (a block index needs
 * 32 − COUNT_BITS = 28 bits: 2^28 blocks would be 16 GiB, beyond any table here).
 *
 * Why blocks rather than CSR (offsets + entries): a probe then costs one random memory access, not two (the
 * offsets line, then the entries line), and a query is bound by those accesses. Buckets are sized for about 4
 * entries (`bucketBitsFor`), so a bucket rarely overflows its first block. Blocks also take inserts and removals
 * in place, so the index needs no pending tail and no merges.
 *
 * Why pack the low bits: a query enumerates flips of the bucket bits only, and checks the low bits of each entry
 * in the block it is already reading, so it filters candidates on the full substring without more random reads.
 */
const BLOCK_WORDS = 16;
const BLOCK_ENTRIES = BLOCK_WORDS - 1;
const COUNT_BITS = 4;
const COUNT_MASK = (1 << COUNT_BITS) - 1;

/** Most key bits packed into an entry (bounded also by 32 − idBits). */
export const MAX_LO_BITS = 12;

/** Popcount of every value below 2^MAX_LO_BITS: the low-bit check of each scanned entry is one L1 lookup. */
const LO_POPCOUNT = Uint8Array.from({ length: 2 ** MAX_LO_BITS }, (_, i) => popcount32(i));

/** A query's candidate ids, in a buffer reused across queries (grown, never shrunk). */
export class Candidates {
  ids: Uint32Array = new Uint32Array(4096);
  count = 0;

  grow(): Uint32Array {
    const grown = new Uint32Array(this.ids.length * 2);
    grown.set(this.ids);
    this.ids = grown;
    return grown;
  }
}

export interface TableShape {
  substring: Substring;
  bucketBits: number;
  idBits: number;
}

export class BucketTable {
  readonly substring: Substring;
  readonly bucketBits: number;
  readonly loBits: number;
  readonly idBits: number;
  /** Primary blocks 0 .. 2^bucketBits − 1, then overflow blocks; `BLOCK_WORDS` words each. */
  blocks: Uint32Array;
  private blockCount: number;
  private readonly freeBlocks: number[] = [];

  private constructor(shape: TableShape, blocks: Uint32Array, blockCount: number) {
    this.substring = shape.substring;
    this.bucketBits = shape.bucketBits;
    this.loBits = shape.substring.width - shape.bucketBits;
    this.idBits = shape.idBits;
    this.blocks = blocks;
    this.blockCount = blockCount;
  }

  /**
   * Builds the table over `ids` (hashes packed `words` per slot in `store`) in two passes and no scratch array
   * of the table's size: count each bucket's entries and lay out its blocks (first block, then consecutive
   * overflow blocks), then place every entry straight into its block.
   */
  static build(shape: TableShape, store: Uint32Array, words: number, ids: Uint32Array): BucketTable {
    const bucketCount = 2 ** shape.bucketBits;
    const loBits = shape.substring.width - shape.bucketBits;
    const loMask = (1 << loBits) - 1;
    const n = ids.length;
    const filled = new Uint32Array(bucketCount);
    for (let i = 0; i < n; i++) filled[substringKey(store, ids[i]! * words, shape.substring) >>> loBits]!++;
    const firstOverflow = new Uint32Array(bucketCount);
    let blockCount = bucketCount;
    for (let k = 0; k < bucketCount; k++) {
      const size = filled[k]!;
      if (size > BLOCK_ENTRIES) {
        firstOverflow[k] = blockCount;
        blockCount += Math.ceil((size - BLOCK_ENTRIES) / BLOCK_ENTRIES);
      }
    }
    // Headroom for inserts that overflow a full bucket: a few per cent of the primary blocks.
    const capacity = blockCount + Math.max(16, bucketCount >>> 5);
    const blocks = new Uint32Array(capacity * BLOCK_WORDS);
    for (let k = 0; k < bucketCount; k++) {
      const size = filled[k]!;
      blocks[k * BLOCK_WORDS] = (Math.min(size, BLOCK_ENTRIES) | (firstOverflow[k]! << COUNT_BITS)) >>> 0;
      for (let from = BLOCK_ENTRIES, block = firstOverflow[k]!; from < size; from += BLOCK_ENTRIES, block++) {
        const next = from + BLOCK_ENTRIES < size ? block + 1 : 0;
        blocks[block * BLOCK_WORDS] = (Math.min(size - from, BLOCK_ENTRIES) | (next << COUNT_BITS)) >>> 0;
      }
    }
    filled.fill(0);
    for (let i = 0; i < n; i++) {
      const id = ids[i]!;
      const key = substringKey(store, id * words, shape.substring);
      const bucket = key >>> loBits;
      const j = filled[bucket]!++;
      const at =
        j < BLOCK_ENTRIES
          ? bucket * BLOCK_WORDS + 1 + j
          : (firstOverflow[bucket]! + Math.floor((j - BLOCK_ENTRIES) / BLOCK_ENTRIES)) * BLOCK_WORDS +
            1 +
            ((j - BLOCK_ENTRIES) % BLOCK_ENTRIES);
      blocks[at] = (((key & loMask) << shape.idBits) | id) >>> 0;
    }
    return new BucketTable(shape, blocks, blockCount);
  }

  /** Adds slot `id`, whose hash is already in `store`. */
  insert(store: Uint32Array, words: number, id: number): void {
    const { bucket, entry } = this.entryFor(store, words, id);
    let base = bucket * BLOCK_WORDS;
    let meta = this.blocks[base]!;
    if ((meta & COUNT_MASK) === BLOCK_ENTRIES && meta >>> COUNT_BITS !== 0) {
      // The first block is full: try the second, which is where earlier overflowing inserts went.
      const second = (meta >>> COUNT_BITS) * BLOCK_WORDS;
      if ((this.blocks[second]! & COUNT_MASK) < BLOCK_ENTRIES) {
        base = second;
        meta = this.blocks[base]!;
      }
    }
    if ((meta & COUNT_MASK) === BLOCK_ENTRIES) {
      // Link a fresh block right after the first one: O(1) whatever the chain length.
      const fresh = this.allocateBlock();
      const first = bucket * BLOCK_WORDS;
      const freshBase = fresh * BLOCK_WORDS;
      this.blocks[freshBase] = this.blocks[first]! & ~COUNT_MASK;
      this.blocks[first] = ((this.blocks[first]! & COUNT_MASK) | (fresh << COUNT_BITS)) >>> 0;
      base = freshBase;
      meta = this.blocks[base]!;
    }
    const count = meta & COUNT_MASK;
    this.blocks[base + 1 + count] = entry;
    this.blocks[base] = meta + 1;
  }

  /** Removes slot `id`, whose hash is still in `store`; returns false if it is not in the table. */
  remove(store: Uint32Array, words: number, id: number): boolean {
    const { bucket, entry } = this.entryFor(store, words, id);
    const blocks = this.blocks;
    let previous = -1;
    let block = bucket;
    while (true) {
      const base = block * BLOCK_WORDS;
      const meta = blocks[base]!;
      const count = meta & COUNT_MASK;
      for (let j = base + 1; j <= base + count; j++) {
        if (blocks[j] !== entry) continue;
        // Fill the hole with the block's last entry; order within a bucket does not matter.
        blocks[j] = blocks[base + count]!;
        blocks[base] = meta - 1;
        if (count === 1 && previous >= 0) {
          // An overflow block fell empty: unlink it and keep it for reuse.
          const previousBase = previous * BLOCK_WORDS;
          blocks[previousBase] = ((blocks[previousBase]! & COUNT_MASK) | (meta & ~COUNT_MASK)) >>> 0;
          this.freeBlocks.push(block);
        }
        return true;
      }
      const next = meta >>> COUNT_BITS;
      if (next === 0) return false;
      previous = block;
      block = next;
    }
  }

  /**
   * Reads the first block of each bucket `queryBucket ^ masks[m]` into `metas[at + m]` and returns the next free
   * position. Only independent loads: the CPU keeps many of these cache misses in flight at once.
   */
  touch(queryBucket: number, masks: Uint32Array, metas: Uint32Array, at: number): number {
    const blocks = this.blocks;
    for (let m = 0; m < masks.length; m++) metas[at + m] = blocks[(queryBucket ^ masks[m]!) * BLOCK_WORDS]!;
    return at + masks.length;
  }

  /**
   * Appends to `out` the id of every entry in the buckets `queryBucket ^ masks[m]` whose low key bits differ from
   * `queryLo` in at most `radius − weights[m]` bits: with the `weights[m]` flipped bucket bits, exactly the entries
   * whose full substring is within `radius` of the query's. `metas` holds the buckets' first meta words from
   * `touch`, from position `at`.
   */
  scan(
    queryBucket: number,
    queryLo: number,
    radius: number,
    masks: Uint32Array,
    weights: Uint8Array,
    metas: Uint32Array,
    at: number,
    out: Candidates,
  ): void {
    const { blocks, idBits } = this;
    const idMask = 2 ** idBits - 1;
    let ids = out.ids;
    let count = out.count;
    for (let m = 0; m < masks.length; m++) {
      const allowed = radius - weights[m]!;
      let meta = metas[at + m]!;
      let base = (queryBucket ^ masks[m]!) * BLOCK_WORDS;
      while (true) {
        if (count + BLOCK_ENTRIES > ids.length) ids = out.grow();
        for (let j = base + 1, to = base + 1 + (meta & COUNT_MASK); j < to; j++) {
          const entry = blocks[j]!;
          ids[count] = entry & idMask;
          count += LO_POPCOUNT[(entry >>> idBits) ^ queryLo]! <= allowed ? 1 : 0;
        }
        const next = meta >>> COUNT_BITS;
        if (next === 0) break;
        base = next * BLOCK_WORDS;
        meta = blocks[base]!;
      }
    }
    out.count = count;
  }

  /** Bytes held by the table's blocks. */
  bytes(): number {
    return this.blocks.byteLength;
  }

  private entryFor(store: Uint32Array, words: number, id: number): { bucket: number; entry: number } {
    const key = substringKey(store, id * words, this.substring);
    const lo = key & ((1 << this.loBits) - 1);
    return { bucket: key >>> this.loBits, entry: ((lo << this.idBits) | id) >>> 0 };
  }

  private allocateBlock(): number {
    const reused = this.freeBlocks.pop();
    if (reused !== undefined) return reused;
    if (this.blockCount * BLOCK_WORDS === this.blocks.length) {
      const grown = new Uint32Array(Math.ceil(this.blockCount * 1.25) * BLOCK_WORDS);
      grown.set(this.blocks);
      this.blocks = grown;
    }
    return this.blockCount++;
  }
}
