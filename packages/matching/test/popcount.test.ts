import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { hammingWithin, hexToWords, parseHexHash, popcount32, wordsToHex } from '../src/index.ts';
import { naiveDistance } from './reference.ts';

const hex = (digits: number) =>
  fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: digits, maxLength: digits });

describe('popcount and distance', () => {
  it('popcount32 counts bits', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffffff }), (x) => {
        expect(popcount32(x)).toBe(x.toString(2).replaceAll('0', '').length);
      }),
    );
  });

  it('hammingWithin is exact within the limit and > limit beyond it', () => {
    fc.assert(
      fc.property(hex(64), hex(64), fc.integer({ min: 0, max: 256 }), (a, b, limit) => {
        const d = naiveDistance(a, b);
        const got = hammingWithin(hexToWords(a), 0, hexToWords(b), 0, 8, limit);
        if (d <= limit) expect(got).toBe(d);
        else expect(got).toBeGreaterThan(limit);
      }),
    );
  });
});

describe('hex hashes', () => {
  it('round-trips and lower-cases', () => {
    fc.assert(
      fc.property(hex(64), (h) => {
        expect(wordsToHex(hexToWords(h.toUpperCase()))).toBe(h);
      }),
    );
  });

  it('rejects wrong length and non-hex characters with a reason', () => {
    expect(parseHexHash('abc')).toEqual({ ok: false, reason: 'expected 64 hex characters, got 3' });
    const bad = parseHexHash(`${'0'.repeat(10)}g${'0'.repeat(53)}`);
    expect(bad).toEqual({ ok: false, reason: 'non-hex character "g" at position 11' });
    expect(() => hexToWords('zz')).toThrow(expect.objectContaining({ code: 'invalid_hash' }));
  });
});
