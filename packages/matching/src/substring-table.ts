import { substringKey, type Substring } from './layout.ts';

/**
 * One multi-index hashing table in CSR form. A substring key of `width` bits is split into its high
 * `bucketBits` (the bucket address) and its low `loBits`, which are packed into each entry above the id:
 * `entry = lo << idBits | id`. Entries of bucket k are `entries[offsets[k] .. offsets[k + 1])`.
 *
 * Why pack the low bits: a query then enumerates flips of the bucket bits only, and checks the low bits of each
 * entry in the bucket it is already reading, so it touches far fewer random cache lines than probing every
 * key of the full width, and it filters candidates on the full substring before touching the hash store.
 */
export interface SubstringTable {
  readonly substring: Substring;
  readonly bucketBits: number;
  readonly loBits: number;
  readonly idBits: number;
  readonly offsets: Uint32Array;
  readonly entries: Uint32Array;
}

/** Most key bits packed into an entry (bounded also by 32 − idBits). */
export const MAX_LO_BITS = 12;

export interface TableShape {
  substring: Substring;
  bucketBits: number;
  idBits: number;
}

function entryFor(
  shape: TableShape,
  store: Uint32Array,
  words: number,
  id: number,
): { bucket: number; entry: number } {
  const key = substringKey(store, id * words, shape.substring);
  const loBits = shape.substring.width - shape.bucketBits;
  const lo = key & ((1 << loBits) - 1);
  return { bucket: key >>> loBits, entry: ((lo << shape.idBits) | id) >>> 0 };
}

/** Counting-sort build over `ids` (hashes packed `words` per slot in `store`). */
export function buildTable(
  shape: TableShape,
  store: Uint32Array,
  words: number,
  ids: Uint32Array,
  scratch: { buckets: Uint32Array; entries: Uint32Array },
): SubstringTable {
  const buckets = 2 ** shape.bucketBits;
  const offsets = new Uint32Array(buckets + 1);
  const n = ids.length;
  for (let i = 0; i < n; i++) {
    const { bucket, entry } = entryFor(shape, store, words, ids[i]!);
    scratch.buckets[i] = bucket;
    scratch.entries[i] = entry;
    offsets[bucket + 1]!++;
  }
  for (let k = 0; k < buckets; k++) offsets[k + 1]! += offsets[k]!;
  const cursor = offsets.slice(0, buckets);
  const out = new Uint32Array(n);
  for (let i = 0; i < n; i++) out[cursor[scratch.buckets[i]!]!++] = scratch.entries[i]!;
  return { ...shape, loBits: shape.substring.width - shape.bucketBits, offsets, entries: out };
}

/**
 * Incremental merge: a new table with the old entries minus dropped ids (`dropped[id] !== 0`; nothing dropped
 * when `dropped` is null) plus the `added` ids. Old entries are copied run by run without recomputing their
 * keys: one streaming pass over the table, not a rebuild.
 */
export function mergeTable(
  table: SubstringTable,
  store: Uint32Array,
  words: number,
  added: readonly number[],
  dropped: Uint8Array | null,
  keptCount: number,
): SubstringTable {
  const { offsets: oldOffsets, entries: oldEntries, idBits } = table;
  const buckets = 2 ** table.bucketBits;
  const idMask = idBits >= 32 ? 0xffffffff : 2 ** idBits - 1;
  const fresh = added.map((id) => entryFor(table, store, words, id));
  fresh.sort((a, b) => a.bucket - b.bucket || a.entry - b.entry);
  const out = new Uint32Array(keptCount + added.length);
  const offsets = new Uint32Array(buckets + 1);
  let p = 0;
  let t = 0;
  let k = 0;
  while (k < buckets) {
    // Buckets k .. next-1 receive nothing new; bucket `next` gets its new entries after its old ones.
    const next = t < fresh.length ? fresh[t]!.bucket : buckets;
    const end = Math.min(next + 1, buckets);
    if (dropped === null) {
      const from = oldOffsets[k]!;
      const to = oldOffsets[end]!;
      out.set(oldEntries.subarray(from, to), p);
      const shift = p - from;
      for (let b = k; b < end; b++) offsets[b] = oldOffsets[b]! + shift;
      p += to - from;
    } else {
      for (let b = k; b < end; b++) {
        offsets[b] = p;
        for (let j = oldOffsets[b]!, to = oldOffsets[b + 1]!; j < to; j++) {
          const entry = oldEntries[j]!;
          if (dropped[entry & idMask] === 0) out[p++] = entry;
        }
      }
    }
    while (t < fresh.length && fresh[t]!.bucket === next) out[p++] = fresh[t++]!.entry;
    k = end;
  }
  offsets[buckets] = p;
  return { ...table, offsets, entries: p === out.length ? out : out.slice(0, p) };
}

/** Bytes held by a table's arrays. */
export function tableBytes(table: SubstringTable): number {
  return table.offsets.byteLength + table.entries.byteLength;
}
