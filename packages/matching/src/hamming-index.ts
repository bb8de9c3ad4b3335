import { MatchingError } from './errors.ts';
import { hammingWithin, popcount32 } from './popcount.ts';
import {
  bucketBitsFor,
  defaultSubstringBits,
  flipCount,
  flipMasks,
  radiiFor,
  splitBits,
  substringKey,
  type Substring,
} from './layout.ts';
import {
  buildTable,
  MAX_LO_BITS,
  mergeTable,
  tableBytes,
  type SubstringTable,
  type TableShape,
} from './substring-table.ts';

export interface HammingIndexOptions {
  /** Hash length in bits, a multiple of 32: 256 for PDQ (default), 64 for SimHash. */
  bits?: number;
  /** Maximum substring width (default 24 for 256 bits, 16 for 64 bits). */
  substringBits?: number;
  /** Bucket-address bits per table; default grows with the size (about 16 entries per bucket). */
  bucketBits?: number;
  /** New hashes wait in a linearly scanned tail until this many, then merge into the tables. */
  tailLimit?: number;
  /** Scan everything when that is cheaper than probing (default true; tests turn it off to exercise the tables). */
  scanWhenCheaper?: boolean;
}

/** One hit: the id `add` returned and the exact Hamming distance. */
export interface Match {
  id: number;
  distance: number;
}

const DEFAULT_TAIL_LIMIT = 4096;
/** Popcount of every value below 2^MAX_LO_BITS: the low-bit check of each scanned entry is one L1 lookup. */
const LO_POPCOUNT = Uint8Array.from({ length: 2 ** MAX_LO_BITS }, (_, i) => popcount32(i));
const SLOT_LIVE = 0;
const SLOT_REMOVED = 1;
const SLOT_FREE = 2;

/**
 * Exact Hamming-radius index over fixed-length binary hashes (multi-index hashing).
 *
 * Storage: every hash lives once in `store` (one Uint32Array, `words` per slot); the substring tables hold
 * packed Uint32 entries (slot id + a few key bits) in CSR form. New hashes go to a small tail that queries scan
 * linearly; when the tail is full it is merged into the tables in one streaming pass. Removal sets a per-slot
 * state byte (queries skip removed slots); merges drop removed ids from the tables and recycle their slots.
 * The tables are rebuilt from scratch only when the size has moved 4× away from the size they were shaped for,
 * so the cost of growth is amortised like a dynamic array's.
 */
export class HammingIndex {
  readonly bits: number;
  readonly words: number;
  private readonly tailLimit: number;
  private readonly substringBits: number;
  private readonly fixedBucketBits: number | undefined;
  private readonly scanWhenCheaper: boolean;
  /** True while `addPacked` runs: one merge at the end instead of one per `tailLimit` adds. */
  private bulkAdding = false;
  private shapedFor = 0;
  private idLimit = 0;
  private store: Uint32Array = new Uint32Array(0);
  private state = new Uint8Array(0);
  private slotCount = 0;
  private liveCount = 0;
  private removedInTables = 0;
  private readonly freeSlots: number[] = [];
  private tail: number[] = [];
  private tables: SubstringTable[] = [];
  private readonly radiiCache = new Map<number, Int32Array>();
  private stamp = new Uint32Array(0);
  private generation = 0;
  private readonly scratch = new QueryScratch();

  constructor(options: HammingIndexOptions = {}) {
    const bits = options.bits ?? 256;
    if (!Number.isInteger(bits) || bits <= 0 || bits % 32 !== 0) {
      throw new MatchingError('invalid_option', `bits must be a positive multiple of 32, got ${bits}`);
    }
    const substringBits = options.substringBits ?? defaultSubstringBits(bits);
    if (!Number.isInteger(substringBits) || substringBits < 1 || substringBits > 30) {
      throw new MatchingError(
        'invalid_option',
        `substringBits must be an integer 1..30, got ${substringBits}`,
      );
    }
    const bucketBits = options.bucketBits;
    if (bucketBits !== undefined && !(Number.isInteger(bucketBits) && bucketBits >= 0 && bucketBits <= 24)) {
      throw new MatchingError('invalid_option', `bucketBits must be an integer 0..24, got ${bucketBits}`);
    }
    const tailLimit = options.tailLimit ?? DEFAULT_TAIL_LIMIT;
    if (!Number.isInteger(tailLimit) || tailLimit < 1) {
      throw new MatchingError('invalid_option', `tailLimit must be a positive integer, got ${tailLimit}`);
    }
    this.bits = bits;
    this.words = bits / 32;
    this.substringBits = substringBits;
    this.fixedBucketBits = bucketBits;
    this.tailLimit = tailLimit;
    this.scanWhenCheaper = options.scanWhenCheaper ?? true;
  }

  /**
   * Builds an index over `packed` (hash i at words [i·words, (i+1)·words)), ids 0..n-1 in order.
   * The array is adopted, not copied: the caller must not modify it afterwards.
   */
  static fromPacked(packed: Uint32Array, options: HammingIndexOptions = {}): HammingIndex {
    const index = new HammingIndex(options);
    index.checkPacked(packed);
    const n = packed.length / index.words;
    index.store = packed;
    index.state = new Uint8Array(n);
    index.slotCount = n;
    index.liveCount = n;
    index.rebuild();
    return index;
  }

  /** Number of live (added and not removed) hashes. */
  get size(): number {
    return this.liveCount;
  }

  /** Adds one hash (`words` 32-bit words, big-endian order) and returns its id. */
  add(hash: Uint32Array): number {
    this.checkHash(hash);
    const id = this.freeSlots.pop() ?? this.newSlot();
    this.store.set(hash, id * this.words);
    this.state[id] = SLOT_LIVE;
    this.liveCount++;
    this.tail.push(id);
    if (!this.bulkAdding && this.tail.length >= this.tailLimit) this.flush();
    return id;
  }

  /** Adds many hashes packed back to back; returns their ids. Merges once at the end. */
  addPacked(packed: Uint32Array): number[] {
    this.checkPacked(packed);
    const ids: number[] = [];
    this.bulkAdding = true;
    try {
      for (let o = 0; o < packed.length; o += this.words)
        ids.push(this.add(packed.subarray(o, o + this.words)));
    } finally {
      this.bulkAdding = false;
    }
    if (this.tail.length >= this.tailLimit) this.flush();
    return ids;
  }

  /** Removes the hash with this id; returns false if it was not live. */
  remove(id: number): boolean {
    if (!this.has(id)) return false;
    this.liveCount--;
    const inTail = this.tail.indexOf(id);
    if (inTail >= 0) {
      // Not in any table yet: the slot can be recycled at once.
      this.tail.splice(inTail, 1);
      this.state[id] = SLOT_FREE;
      this.freeSlots.push(id);
    } else {
      this.state[id] = SLOT_REMOVED;
      this.removedInTables++;
      if (this.removedInTables > Math.max(this.tailLimit, this.liveCount / 8)) this.flush();
    }
    return true;
  }

  has(id: number): boolean {
    return Number.isInteger(id) && id >= 0 && id < this.slotCount && this.state[id] === SLOT_LIVE;
  }

  /** A copy of the hash stored under `id`. */
  get(id: number): Uint32Array {
    if (!this.has(id)) throw new MatchingError('unknown_id', `no live hash with id ${id}`);
    return this.store.slice(id * this.words, (id + 1) * this.words);
  }

  /** Every live hash within Hamming distance `radius` of `hash`, sorted by id. */
  query(hash: Uint32Array, radius: number): Match[] {
    this.checkHash(hash);
    if (!Number.isInteger(radius) || radius < 0 || radius > this.bits) {
      throw new MatchingError('invalid_radius', `radius must be an integer 0..${this.bits}, got ${radius}`);
    }
    const hits: Match[] = [];
    const scan =
      this.tables.length === 0 || (this.scanWhenCheaper && this.probeCost(radius) >= this.liveCount);
    if (scan) this.scanAll(hash, radius, hits);
    else {
      this.probeTables(hash, radius, hits);
      for (const id of this.tail) {
        const d = hammingWithin(hash, 0, this.store, id * this.words, this.words, radius);
        if (d <= radius) hits.push({ id, distance: d });
      }
    }
    return hits.sort((a, b) => a.id - b.id);
  }

  /** Merges the tail and purges removed ids now instead of waiting for the thresholds. */
  flush(): void {
    const outOfShape = this.liveCount > 4 * this.shapedFor || this.liveCount < this.shapedFor / 16;
    if (this.tables.length === 0 || outOfShape || this.slotCount > this.idLimit) {
      this.rebuild();
      return;
    }
    if (this.tail.length === 0 && this.removedInTables === 0) return;
    const dropped = this.removedInTables > 0 ? this.state : null;
    const kept = this.tables[0]!.entries.length - this.removedInTables;
    this.tables = this.tables.map((t) => mergeTable(t, this.store, this.words, this.tail, dropped, kept));
    this.tail = [];
    this.recycleRemoved();
  }

  /** Bytes held by the index's typed arrays (hash store, tables, per-slot state and stamps). */
  memoryBytes(): number {
    let total = this.store.byteLength + this.state.byteLength + this.stamp.byteLength;
    for (const t of this.tables) total += tableBytes(t);
    return total;
  }

  /** The current table shapes (substring, bucket bits, low bits kept in entries). */
  layout(): readonly { substring: Substring; bucketBits: number; loBits: number }[] {
    return this.tables.map(({ substring, bucketBits, loBits }) => ({ substring, bucketBits, loBits }));
  }

  private rebuild(): void {
    const n = this.liveCount;
    // Ids must fit below the packed key bits; leave room to double before the next rebuild.
    const idBits = Math.min(31, Math.max(1, Math.ceil(Math.log2(Math.max(this.slotCount, n, 1) * 2 + 1))));
    const shapes: TableShape[] = splitBits(this.bits, this.substringBits).map((substring) => {
      const wanted = this.fixedBucketBits ?? bucketBitsFor(n);
      const maxLo = Math.min(MAX_LO_BITS, 32 - idBits);
      const bucketBits = Math.min(substring.width, Math.max(wanted, substring.width - maxLo));
      return { substring, bucketBits, idBits };
    });
    const ids = new Uint32Array(n);
    let count = 0;
    for (let id = 0; id < this.slotCount; id++) if (this.state[id] === SLOT_LIVE) ids[count++] = id;
    const scratch = { buckets: new Uint32Array(n), entries: new Uint32Array(n) };
    this.tables = shapes.map((shape) => buildTable(shape, this.store, this.words, ids, scratch));
    this.tail = [];
    this.shapedFor = n;
    this.idLimit = 2 ** idBits;
    this.radiiCache.clear();
    this.recycleRemoved();
  }

  private recycleRemoved(): void {
    if (this.removedInTables === 0) return;
    for (let id = 0; id < this.slotCount; id++) {
      if (this.state[id] === SLOT_REMOVED) {
        this.state[id] = SLOT_FREE;
        this.freeSlots.push(id);
      }
    }
    this.removedInTables = 0;
  }

  private newSlot(): number {
    if (this.slotCount === this.state.length) {
      const capacity = Math.max(1024, Math.ceil(this.state.length * 1.5));
      const store = new Uint32Array(capacity * this.words);
      store.set(this.store);
      const state = new Uint8Array(capacity).fill(SLOT_FREE);
      state.set(this.state);
      this.store = store;
      this.state = state;
    }
    return this.slotCount++;
  }

  private radii(radius: number): Int32Array {
    let radii = this.radiiCache.get(radius);
    if (!radii) {
      radii = radiiFor(
        this.tables.map((t) => t.substring),
        radius,
      );
      this.radiiCache.set(radius, radii);
    }
    return radii;
  }

  /** Rough work of probing (buckets read + entries scanned), to fall back to a plain scan when that is cheaper. */
  private probeCost(radius: number): number {
    const radii = this.radii(radius);
    let cost = this.tail.length;
    this.tables.forEach((t, i) => {
      const r = radii[i]!;
      if (r >= 0) cost += flipCount(t.bucketBits, r) * (1 + t.entries.length / 2 ** t.bucketBits);
    });
    return cost;
  }

  /**
   * Probe, gather, then verify, as separate loops. Nearly every step is a cache/TLB miss (tables and store are
   * far larger than L2); keeping each loop free of dependent loads lets the CPU keep many misses in flight instead
   * of walking offsets → entries → hash one chain at a time.
   */
  private probeTables(hash: Uint32Array, radius: number, hits: Match[]): void {
    const radii = this.radii(radius);
    const scratch = this.scratch;
    let candidates = 0;
    for (let t = 0; t < this.tables.length; t++) {
      const r = radii[t]!;
      if (r < 0) continue;
      const { substring, bucketBits, loBits, idBits, offsets, entries } = this.tables[t]!;
      const key = substringKey(hash, 0, substring);
      const queryBucket = key >>> loBits;
      const queryLo = key & ((1 << loBits) - 1);
      const idMask = 2 ** idBits - 1;
      const masks = flipMasks(bucketBits, r);
      const starts = scratch.ranges(masks.length);
      const { rangeEnds: ends, rangeSlack: slack } = scratch;
      // Masks come lightest first: the first C(b,0) have weight 0, the next C(b,1) weight 1, and so on.
      let ranges = 0;
      let weight = 0;
      let nextWeightAt = 1;
      for (let m = 0; m < masks.length; m++) {
        if (m === nextWeightAt) nextWeightAt = flipCount(bucketBits, ++weight);
        const bucket = queryBucket ^ masks[m]!;
        const from = offsets[bucket]!;
        const to = offsets[bucket + 1]!;
        starts[ranges] = from;
        ends[ranges] = to;
        slack[ranges] = r - weight;
        ranges += to > from ? 1 : 0;
      }
      let found = 0;
      for (let i = 0; i < ranges; i++) found += ends[i]! - starts[i]!;
      const cands = scratch.candidates(candidates + found);
      for (let i = 0; i < ranges; i++) {
        const allowed = slack[i]!;
        for (let j = starts[i]!, to = ends[i]!; j < to; j++) {
          const entry = entries[j]!;
          cands[candidates] = entry & idMask;
          candidates += LO_POPCOUNT[(entry >>> idBits) ^ queryLo]! <= allowed ? 1 : 0;
        }
      }
    }
    const cands = scratch.candidateIds;
    const { store, state, words } = this;
    const generation = this.nextGeneration();
    const stamp = this.stamp;
    for (let c = 0; c < candidates; c++) {
      const id = cands[c]!;
      // Verify first, dedupe after: most candidates fail at half way, and only hits touch the stamp array.
      const d = hammingWithin(hash, 0, store, id * words, words, radius);
      if (d <= radius && stamp[id] !== generation && state[id] === SLOT_LIVE) {
        stamp[id] = generation;
        hits.push({ id, distance: d });
      }
    }
  }

  private nextGeneration(): number {
    if (this.stamp.length < this.slotCount) {
      this.stamp = new Uint32Array(this.state.length);
      this.generation = 0;
    }
    if (this.generation === 0xffffffff) {
      this.stamp.fill(0);
      this.generation = 0;
    }
    return ++this.generation;
  }

  private scanAll(hash: Uint32Array, radius: number, hits: Match[]): void {
    for (let id = 0; id < this.slotCount; id++) {
      if (this.state[id] !== SLOT_LIVE) continue;
      const d = hammingWithin(hash, 0, this.store, id * this.words, this.words, radius);
      if (d <= radius) hits.push({ id, distance: d });
    }
  }

  private checkHash(hash: Uint32Array): void {
    if (!(hash instanceof Uint32Array) || hash.length !== this.words) {
      throw new MatchingError('invalid_hash', `expected a Uint32Array of ${this.words} words`);
    }
  }

  private checkPacked(packed: Uint32Array): void {
    if (!(packed instanceof Uint32Array) || packed.length % this.words !== 0) {
      throw new MatchingError(
        'invalid_hash',
        `expected a Uint32Array whose length is a multiple of ${this.words}`,
      );
    }
  }
}

/** Reusable buffers for one query's bucket ranges and candidate ids (grown, never shrunk). */
class QueryScratch {
  rangeStarts = new Uint32Array(256);
  rangeEnds = new Uint32Array(256);
  rangeSlack = new Int32Array(256);
  candidateIds = new Uint32Array(4096);

  ranges(count: number): Uint32Array {
    if (this.rangeStarts.length < count) {
      this.rangeStarts = new Uint32Array(count);
      this.rangeEnds = new Uint32Array(count);
      this.rangeSlack = new Int32Array(count);
    }
    return this.rangeStarts;
  }

  candidates(count: number): Uint32Array {
    if (this.candidateIds.length < count) {
      const grown = new Uint32Array(Math.max(count, this.candidateIds.length * 2));
      grown.set(this.candidateIds);
      this.candidateIds = grown;
    }
    return this.candidateIds;
  }
}
