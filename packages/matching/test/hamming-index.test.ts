import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { HammingIndex, bruteForceQuery, hexToWords, wordsToHex, type MatchingError } from '../src/index.ts';
import { radiiFor } from '../src/layout.ts';
import { naiveQuery } from './reference.ts';

const BITS = 256;

/** A hash as 64 hex characters. */
const hashArb = fc.uint8Array({ minLength: 32, maxLength: 32 }).map((b) => Buffer.from(b).toString('hex'));

/** Flips the given bit positions of a hex hash. */
function flip(hex: string, positions: readonly number[]): string {
  let v = BigInt(`0x${hex}`);
  for (const p of positions) v ^= 1n << BigInt(p);
  return v.toString(16).padStart(hex.length, '0');
}

/**
 * Clustered bank: families of near-duplicates at 0..40 bits from a root, as real banks have. The hard case
 * for multi-index hashing: family members share most substrings.
 */
const familyArb = fc.record({
  root: hashArb,
  members: fc.array(fc.array(fc.integer({ min: 0, max: BITS - 1 }), { maxLength: 40 }), {
    minLength: 1,
    maxLength: 12,
  }),
});
const clusteredArb = fc
  .array(familyArb, { minLength: 1, maxLength: 8 })
  .map((families) => families.flatMap((f) => [f.root, ...f.members.map((m) => flip(f.root, m))]));

/** Queries near the bank (perturbed members) and far from it (random). */
function queriesFor(bank: string[]) {
  return fc.array(
    fc.oneof(
      hashArb,
      fc
        .tuple(fc.nat(), fc.array(fc.integer({ min: 0, max: BITS - 1 }), { maxLength: 40 }))
        .map(([i, bits]) => flip(bank[i % bank.length]!, bits)),
    ),
    { minLength: 1, maxLength: 10 },
  );
}

/**
 * Small bucket and substring widths make crowded buckets: they exercise the low-bit filter and buckets that
 * overflow into chained blocks.
 */
const optionsArb = fc.record({
  substringBits: fc.constantFrom(undefined, 8, 13, 16, 24),
  bucketBits: fc.constantFrom(undefined, 0, 3, 6),
  scanWhenCheaper: fc.constantFrom(false, false, true),
});

function checkAgainstBruteForce(bank: string[], queries: string[], radius: number, options: object) {
  const index = new HammingIndex({ ...options });
  const live = new Map<number, string>();
  for (const hex of bank) live.set(index.add(hexToWords(hex)), hex);
  for (const q of queries) expect(index.query(hexToWords(q), radius)).toEqual(naiveQuery(live, q, radius));
}

describe('HammingIndex is exact (same result set as brute force)', () => {
  it('on uniform random banks', () => {
    fc.assert(
      fc.property(
        fc.array(hashArb, { minLength: 1, maxLength: 120 }),
        fc.integer({ min: 0, max: 80 }),
        optionsArb,
        (bank, radius, options) => {
          fc.pre(bank.length > 0);
          fc.assert(
            fc.property(queriesFor(bank), (queries) =>
              checkAgainstBruteForce(bank, queries, radius, options),
            ),
            { numRuns: 3 },
          );
        },
      ),
      { numRuns: 60 },
    );
  });

  it('on clustered banks (families of near-duplicates at 0–40 bits)', () => {
    fc.assert(
      fc.property(
        clusteredArb,
        fc.constantFrom(0, 1, 8, 15, 31, 32, 40),
        optionsArb,
        (bank, radius, options) => {
          fc.assert(
            fc.property(queriesFor(bank), (queries) =>
              checkAgainstBruteForce(bank, queries, radius, options),
            ),
            { numRuns: 3 },
          );
        },
      ),
      { numRuns: 80 },
    );
  });

  it('at radius 31 on a bank large enough to use the tables (not the scan fallback)', () => {
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const rand = fc.sample(hashArb, { seed, numRuns: 3000 });
        const index = HammingIndex.fromPacked(packHex(rand));
        const live = new Map(rand.map((h, i) => [i, h]));
        const queries = [
          ...rand.slice(0, 5).map((h, i) => flip(h, [i, 40 + i, 80, 120, 200 - i])),
          ...rand.slice(5, 8),
        ];
        for (const q of queries) expect(index.query(hexToWords(q), 31)).toEqual(naiveQuery(live, q, 31));
      }),
      { numRuns: 5 },
    );
  });

  it('through interleaved adds, removes, duplicates and reshapes', () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant('add' as const), hex: hashArb }),
      fc.record({
        kind: fc.constant('addNear' as const),
        pick: fc.nat(),
        bits: fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 30 }),
      }),
      // Exact copies land in the same bucket of every table: long chains of overflow blocks.
      fc.record({
        kind: fc.constant('addCopies' as const),
        pick: fc.nat(),
        copies: fc.integer({ min: 1, max: 40 }),
      }),
      fc.record({ kind: fc.constant('remove' as const), pick: fc.nat() }),
      fc.record({
        kind: fc.constant('query' as const),
        pick: fc.nat(),
        bits: fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 35 }),
      }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 150 }), optionsArb, (ops, options) => {
        const index = new HammingIndex({ ...options });
        const live = new Map<number, string>();
        const pickLive = (n: number) => [...live.keys()][n % live.size];
        for (const o of ops) {
          if (o.kind === 'add') live.set(index.add(hexToWords(o.hex)), o.hex);
          else if (o.kind === 'addNear' && live.size > 0) {
            const hex = flip(live.get(pickLive(o.pick)!)!, o.bits);
            live.set(index.add(hexToWords(hex)), hex);
          } else if (o.kind === 'addCopies' && live.size > 0) {
            const hex = live.get(pickLive(o.pick)!)!;
            for (let c = 0; c < o.copies; c++) live.set(index.add(hexToWords(hex)), hex);
          } else if (o.kind === 'remove' && live.size > 0) {
            const id = pickLive(o.pick)!;
            expect(index.remove(id)).toBe(true);
            expect(index.remove(id)).toBe(false);
            live.delete(id);
          } else if (o.kind === 'query' && live.size > 0) {
            const q = flip(live.get(pickLive(o.pick)!)!, o.bits);
            expect(index.query(hexToWords(q), 31)).toEqual(naiveQuery(live, q, 31));
          }
          expect(index.size).toBe(live.size);
        }
        for (const [id, hex] of live) {
          expect(wordsToHex(index.get(id))).toBe(hex);
          // Every live hash must still be reachable through the tables after removals, reshapes and slot reuse.
          expect(index.query(hexToWords(hex), 0).map((m) => m.id)).toContain(id);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('keeps buckets exact when they overflow into many blocks and empty again', () => {
    fc.assert(
      fc.property(
        hashArb,
        fc.array(hashArb, { maxLength: 30 }),
        fc.integer({ min: 1, max: 200 }),
        fc.nat(),
        (dup, others, copies, seed) => {
          const bank = [...Array.from({ length: copies }, () => dup), ...others];
          const index = HammingIndex.fromPacked(packHex(bank), { scanWhenCheaper: false });
          const live = new Map(bank.map((h, i) => [i, h]));
          const near = flip(dup, [seed % 256, (seed >> 8) % 256]);
          // Remove in a seed-dependent order, re-add some, and check after each step.
          const order = [...live.keys()].sort(
            (a, b) => ((a * 7919 + seed) % 101) - ((b * 7919 + seed) % 101),
          );
          for (const [step, id] of order.entries()) {
            expect(index.remove(id)).toBe(true);
            live.delete(id);
            if (step % 3 === 0) live.set(index.add(hexToWords(dup)), dup);
            if (step % 7 === 0 || live.size < 3) {
              expect(index.query(hexToWords(near), 31)).toEqual(naiveQuery(live, near, 31));
            }
          }
          expect(index.query(hexToWords(dup), 0)).toEqual(naiveQuery(live, dup, 0));
        },
      ),
      { numRuns: 40 },
    );
  });

  it('on a bank large enough for page-aligned tables, as an overflowing bucket grows them', () => {
    // 70,000 hashes give 2^14 buckets per table: 1 MiB of blocks, the size from which tables live in page-aligned
    // memory. 8,000 copies of one hash then fill one bucket per table with more overflow blocks than the spare ones,
    // so every table grows (into new aligned memory); removing some of the copies empties and unlinks blocks.
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 0x7fffffff }), (seed) => {
        const next = xorshift(seed);
        const n = 70_000;
        const copies = 8_000;
        const all = new Uint32Array((n + copies) * 8);
        for (let i = 0; i < n * 8; i++) all[i] = next();
        const index = HammingIndex.fromPacked(all.slice(0, n * 8));
        const live = new Set(Array.from({ length: n }, (_, i) => i));
        const copied = all.subarray(0, 8);
        for (let c = 0; c < copies; c++) {
          const id = index.add(copied);
          all.set(copied, id * 8);
          live.add(id);
        }
        for (let c = 0; c < 500; c++) {
          const id = n + ((c * 7919 + seed) % copies);
          if (live.delete(id)) expect(index.remove(id)).toBe(true);
        }
        const queries = [copied, all.subarray(8 * 5, 8 * 6), all.subarray(8 * 9, 8 * 10)].map((h) => {
          const q = h.slice();
          for (let k = 0; k < 12; k++) q[next() & 7]! ^= 1 << (next() & 31);
          return q;
        });
        queries.push(Uint32Array.from({ length: 8 }, next));
        for (const q of queries) {
          const expected = bruteForceQuery(all, 8, q, 31).filter((m) => live.has(m.id));
          expect(index.query(q, 31)).toEqual(expected);
        }
      }),
      { numRuns: 2 },
    );
  });

  it('finds hashes on the pigeonhole boundary (every substring one flip past its radius but one)', () => {
    fc.assert(
      fc.property(
        hashArb,
        fc.array(hashArb, { minLength: 50, maxLength: 50 }),
        fc.constantFrom(15, 31, 40),
        fc.nat(),
        (base, others, radius, seed) => {
          const index = HammingIndex.fromPacked(packHex([base, ...others]), { bucketBits: 2 });
          const substrings = index.layout().map((t) => t.substring);
          const radii = radiiFor(substrings, radius);
          const live = new Map([base, ...others].map((h, i) => [i, h]));
          substrings.forEach((_, j) => {
            if (radii[j]! < 0) return;
            // Σ over i≠j of (r_i + 1), plus r_j, is exactly `radius`: the farthest hash the pigeonhole still promises.
            const positions: number[] = [];
            substrings.forEach((s, i) => {
              const flips = i === j ? radii[i]! : radii[i]! + 1;
              for (let k = 0; k < flips; k++)
                positions.push(BITS - 1 - (s.start + ((seed + k * 7) % s.width)));
            });
            const q = flip(base, [...new Set(positions)]);
            expect(new Set(positions).size).toBe(radius);
            const hits = index.query(hexToWords(q), radius);
            expect(hits).toEqual(naiveQuery(live, q, radius));
            expect(hits.map((h) => h.id)).toContain(0);
          });
        },
      ),
      { numRuns: 40 },
    );
  });

  it('works for 64-bit hashes (SimHash) at small radii', () => {
    const simhash = fc.uint8Array({ minLength: 8, maxLength: 8 }).map((b) => Buffer.from(b).toString('hex'));
    fc.assert(
      fc.property(
        fc.array(simhash, { minLength: 1, maxLength: 200 }),
        fc.integer({ min: 0, max: 6 }),
        fc.array(fc.integer({ min: 0, max: 63 }), { maxLength: 8 }),
        (bank, radius, bits) => {
          const index = new HammingIndex({ bits: 64 });
          const live = new Map<number, string>();
          for (const hex of bank) live.set(index.add(hexToWords(hex, 64)), hex);
          const q = flip(bank[0]!, bits);
          expect(index.query(hexToWords(q, 64), radius)).toEqual(naiveQuery(live, q, radius));
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe('HammingIndex input checks', () => {
  it('rejects bad hashes, radii and options with stable codes', () => {
    const index = new HammingIndex();
    const code = (f: () => unknown) => {
      try {
        f();
      } catch (error) {
        return (error as MatchingError).code;
      }
      return 'no error';
    };
    expect(code(() => index.add(new Uint32Array(7)))).toBe('invalid_hash');
    expect(code(() => index.query(new Uint32Array(8), -1))).toBe('invalid_radius');
    expect(code(() => index.query(new Uint32Array(8), 1.5))).toBe('invalid_radius');
    expect(code(() => index.get(3))).toBe('unknown_id');
    expect(code(() => new HammingIndex({ bits: 100 }))).toBe('invalid_option');
    expect(code(() => HammingIndex.fromPacked(new Uint32Array(9)))).toBe('invalid_hash');
    expect(index.query(new Uint32Array(8), 31)).toEqual([]);
  });
});

function packHex(hexes: string[]): Uint32Array {
  const packed = new Uint32Array(hexes.length * 8);
  hexes.forEach((h, i) => packed.set(hexToWords(h), i * 8));
  return packed;
}

/** xorshift32 words from a seed: bulk hash bits for the large-bank test. */
function xorshift(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return s >>> 0;
  };
}
