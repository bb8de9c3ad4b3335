import { substringKey, type Substring } from './layout.ts';
import { popcount32 } from './popcount.ts';

/**
 * One multi-index hashing table as fixed-size blocks. A substring key of `width` bits is split into its high
 * `bucketBits` (the bucket address) and its low `loBits`, which are packed into each entry above the id:
 * `entry = lo << idBits | id`.
 *
 * Bucket k's first block is block k. A block is `BLOCK_WORDS` words: a meta word (entries in this block in the
 * low `COUNT_BITS` bits, index of the next block of the bucket above them, 0 for none), a low-bit map (`NEAR_LO`)
 * and up to `BLOCK_ENTRIES` entries. Overflow blocks live after the 2^bucketBits primary blocks (a block index needs
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
/** Word 0: meta (count, next block); word `LO_MAP_WORD`: the block's low-bit map (`loBit`); then entries. */
const LO_MAP_WORD = 1;
const HEADER_WORDS = 2;
const BLOCK_ENTRIES = BLOCK_WORDS - HEADER_WORDS;
const COUNT_BITS = 4;
const COUNT_MASK = (1 << COUNT_BITS) - 1;

/** Most key bits packed into an entry (bounded also by 32 − idBits). */
export const MAX_LO_BITS = 12;

/** Popcount of every value below 2^MAX_LO_BITS: the low-bit check of each scanned entry is one L1 lookup. */
const LO_POPCOUNT = Uint8Array.from({ length: 2 ** MAX_LO_BITS }, (_, i) => popcount32(i));

/**
 * A block's low-bit map has bit `lo mod 32` set for the low key bits `lo` of each of its entries. `1 << x` takes
 * x mod 32 in JavaScript, so `1 << (entry >>> idBits)` is the entry's bit.
 */
const LO_MAP_BITS = 32;

/**
 * `NEAR_LO[a · 32 + q]`: bit v set for each 5-bit v within a bits of q (a ≥ 5 allows all 32). A block whose map
 * shares no bit with `NEAR_LO[allowed · 32 + (queryLo mod 32)]` holds no entry within `allowed` of `queryLo`:
 * dropping high bits never increases a distance. Most probes allow 0 flips (their bucket bits already took the
 * table's radius), so the map skips many of their blocks without reading an entry: 84–87% of all probed blocks
 * at 1M (5–6 low bits, 4 entries a block), 32–43% at 10M (3–4 low bits, 9.5 entries).
 */
const NEAR_LO_ROWS = 6;
const NEAR_LO = Int32Array.from({ length: NEAR_LO_ROWS * LO_MAP_BITS }, (_, i) => {
  const allowed = Math.floor(i / LO_MAP_BITS);
  const q = i % LO_MAP_BITS;
  let map = 0;
  for (let v = 0; v < LO_MAP_BITS; v++) if (popcount32(v ^ q) <= allowed) map |= 1 << v;
  return map;
});

/** Tables at least this large get line-aligned blocks (`blockArray`); smaller ones are mostly in cache anyway. */
const ALIGNED_MIN_BYTES = 1 << 20;
const LINE_BYTES = 64;
/**
 * Where a 64-byte line starts in a large `ArrayBuffer`: glibc serves allocations this large with their own
 * `mmap`, and the chunk header puts the buffer 16 bytes past a page boundary, so the first line starts 48 bytes in.
 */
const FIRST_LINE_OFFSET = 48;

/**
 * A zeroed array of `words` words whose 64-byte blocks are each one cache line: were a block to straddle two
 * lines, a scan past its 12th word would take a second miss that no touching loop prefetched (clustered banks
 * fill buckets that far). Measured at 1M in one process: clustered queries 6–7% faster, uniform ones unchanged.
 *
 * The buffer is a plain malloc'd one (not a page-aligned `WebAssembly.Memory`, used before) so that glibc can put
 * it on transparent huge pages when the process runs with `GLIBC_TUNABLES=glibc.malloc.hugetlb=1` (see the
 * README: it halves query time at 10M, where nearly every probe was a TLB miss). Should another allocator place
 * the buffer differently, blocks straddle lines: slower, never wrong.
 */
function blockArray(words: number): Uint32Array {
  const bytes = words * 4;
  if (bytes < ALIGNED_MIN_BYTES) return new Uint32Array(words);
  return new Uint32Array(new ArrayBuffer(bytes + LINE_BYTES), FIRST_LINE_OFFSET, words);
}

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

/**
 * Overflow blocks met while scanning a query's first blocks, each with its table and allowed low-bit flips.
 * Following a chain as it is met would take each overflow block's cache miss on its own, one after another; queued,
 * they are touched together (misses in flight at once) and then scanned. Clustered banks overflow about 1% of
 * probed buckets (15 blocks per query at 1M). A buffer reused across queries (grown, never shrunk).
 */
export class Chains {
  blocks = new Uint32Array(256);
  tables = new Uint16Array(256);
  allowed = new Uint8Array(256);
  count = 0;

  push(block: number, table: number, allowed: number): void {
    if (this.count === this.blocks.length) {
      const blocks = new Uint32Array(this.count * 2);
      const tables = new Uint16Array(this.count * 2);
      const allowed = new Uint8Array(this.count * 2);
      blocks.set(this.blocks);
      tables.set(this.tables);
      allowed.set(this.allowed);
      this.blocks = blocks;
      this.tables = tables;
      this.allowed = allowed;
    }
    this.blocks[this.count] = block;
    this.tables[this.count] = table;
    this.allowed[this.count] = allowed;
    this.count++;
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
  private readonly idMask: number;
  private readonly loMask: number;
  /** Primary blocks 0 .. 2^bucketBits − 1, then overflow blocks; `BLOCK_WORDS` words each. */
  blocks: Uint32Array;
  private blockCount: number;
  private readonly freeBlocks: number[] = [];

  private constructor(shape: TableShape, blocks: Uint32Array, blockCount: number) {
    this.substring = shape.substring;
    this.bucketBits = shape.bucketBits;
    this.loBits = shape.substring.width - shape.bucketBits;
    this.idBits = shape.idBits;
    this.idMask = 2 ** shape.idBits - 1;
    this.loMask = (1 << this.loBits) - 1;
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
    const blocks = blockArray(capacity * BLOCK_WORDS);
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
      const base =
        j < BLOCK_ENTRIES
          ? bucket * BLOCK_WORDS
          : (firstOverflow[bucket]! + Math.floor((j - BLOCK_ENTRIES) / BLOCK_ENTRIES)) * BLOCK_WORDS;
      const entry = (((key & loMask) << shape.idBits) | id) >>> 0;
      blocks[base + HEADER_WORDS + (j % BLOCK_ENTRIES)] = entry;
      blocks[base + LO_MAP_WORD] = blocks[base + LO_MAP_WORD]! | loBit(entry, shape.idBits);
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
    this.blocks[base + HEADER_WORDS + count] = entry;
    this.blocks[base] = meta + 1;
    this.blocks[base + LO_MAP_WORD] = this.blocks[base + LO_MAP_WORD]! | loBit(entry, this.idBits);
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
      const last = base + HEADER_WORDS + count - 1;
      for (let j = base + HEADER_WORDS; j <= last; j++) {
        if (blocks[j] !== entry) continue;
        // Fill the hole with the block's last entry; order within a bucket does not matter.
        blocks[j] = blocks[last]!;
        blocks[base] = meta - 1;
        // Redraw the low-bit map from the entries left, so removals do not leave it ever fuller.
        let map = 0;
        for (let k = base + HEADER_WORDS; k < last; k++) map |= loBit(blocks[k]!, this.idBits);
        blocks[base + LO_MAP_WORD] = map;
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
   * Reads the first block of each bucket `bucket(queryKey) ^ masks[m]` into `metas[at + m]` and returns the next
   * free position. Only independent loads: the CPU keeps many of these cache misses in flight at once.
   */
  touch(queryKey: number, masks: Uint32Array, metas: Uint32Array, at: number): number {
    const blocks = this.blocks;
    const queryBucket = queryKey >>> this.loBits;
    for (let m = 0; m < masks.length; m++) metas[at + m] = blocks[(queryBucket ^ masks[m]!) * BLOCK_WORDS]!;
    return at + masks.length;
  }

  /**
   * Appends to `out` the id of every entry in the first blocks of buckets `bucket(queryKey) ^ masks[m]` whose low
   * key bits differ from the query's in at most `radius − weights[m]` bits: with the `weights[m]` flipped bucket
   * bits, exactly the entries whose full substring is within `radius` of the query's. `metas` holds the buckets'
   * first meta words from `touch`, from position `at`. A bucket's overflow blocks are not followed here but queued
   * in `chains` (as table `table`): the caller touches them all at once, then calls `scanChained`.
   */
  scan(
    queryKey: number,
    radius: number,
    masks: Uint32Array,
    weights: Uint8Array,
    metas: Uint32Array,
    at: number,
    out: Candidates,
    chains: Chains,
    table: number,
  ): void {
    const { blocks } = this;
    const queryBucket = queryKey >>> this.loBits;
    const queryLo = queryKey & this.loMask;
    const nearRow = queryLo % LO_MAP_BITS;
    let ids = out.ids;
    let count = out.count;
    for (let m = 0; m < masks.length; m++) {
      const allowed = radius - weights[m]!;
      const meta = metas[at + m]!;
      const base = (queryBucket ^ masks[m]!) * BLOCK_WORDS;
      if (
        (blocks[base + LO_MAP_WORD]! &
          NEAR_LO[Math.min(allowed, NEAR_LO_ROWS - 1) * LO_MAP_BITS + nearRow]!) !==
        0
      ) {
        if (count + BLOCK_ENTRIES > ids.length) ids = out.grow();
        count = this.collect(base, meta, queryLo, allowed, ids, count);
      }
      if (meta >>> COUNT_BITS !== 0) chains.push(meta >>> COUNT_BITS, table, allowed);
    }
    out.count = count;
  }

  /** Like `scan`, for one queued overflow block; queues the block after it, if any. */
  scanChained(
    block: number,
    queryKey: number,
    allowed: number,
    out: Candidates,
    chains: Chains,
    table: number,
  ): void {
    const base = block * BLOCK_WORDS;
    const meta = this.blocks[base]!;
    const queryLo = queryKey & this.loMask;
    const near = NEAR_LO[Math.min(allowed, NEAR_LO_ROWS - 1) * LO_MAP_BITS + (queryLo % LO_MAP_BITS)]!;
    if ((this.blocks[base + LO_MAP_WORD]! & near) !== 0) {
      if (out.count + BLOCK_ENTRIES > out.ids.length) out.grow();
      out.count = this.collect(base, meta, queryLo, allowed, out.ids, out.count);
    }
    if (meta >>> COUNT_BITS !== 0) chains.push(meta >>> COUNT_BITS, table, allowed);
  }

  /** The meta word of `block`: the touching loop over queued overflow blocks reads it. */
  blockMeta(block: number): number {
    return this.blocks[block * BLOCK_WORDS]!;
  }

  /**
   * Writes to `ids` from `count` the id of each entry of the block at `base` (meta word `meta`) whose low key bits
   * are within `allowed` of `queryLo`; returns the new count. Branch-free: every id is written, the count moves
   * only for kept ones.
   */
  private collect(
    base: number,
    meta: number,
    queryLo: number,
    allowed: number,
    ids: Uint32Array,
    count: number,
  ): number {
    const { blocks, idBits, idMask } = this;
    for (let j = base + HEADER_WORDS, to = j + (meta & COUNT_MASK); j < to; j++) {
      const entry = blocks[j]!;
      ids[count] = entry & idMask;
      // 1 when popcount ≤ allowed, by arithmetic: V8 compiled `? 1 : 0` to a branch, and whether an entry passes
      // is close to random, so it mispredicted. Measured 5–8% faster per query at 1M.
      count += ((allowed - LO_POPCOUNT[(entry >>> idBits) ^ queryLo]!) >>> 31) ^ 1;
    }
    return count;
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
      const grown = blockArray(Math.ceil(this.blockCount * 1.25) * BLOCK_WORDS);
      grown.set(this.blocks);
      this.blocks = grown;
    }
    return this.blockCount++;
  }
}

/** The bit of `entry`'s low key bits in a block's low-bit map. */
function loBit(entry: number, idBits: number): number {
  return 1 << (entry >>> idBits);
}
