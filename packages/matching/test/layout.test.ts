import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { flipCount, flipMasks, radiiFor, splitBits, substringKey } from '../src/layout.ts';
import { popcount32 } from '../src/popcount.ts';
import { hexToWords } from '../src/hex.ts';

describe('layout', () => {
  it('splitBits covers every bit once, contiguously, within the width cap', () => {
    fc.assert(
      fc.property(fc.constantFrom(64, 128, 256), fc.integer({ min: 1, max: 30 }), (bits, cap) => {
        const parts = splitBits(bits, cap);
        let next = 0;
        for (const p of parts) {
          expect(p.start).toBe(next);
          expect(p.width).toBeGreaterThan(0);
          expect(p.width).toBeLessThanOrEqual(cap);
          next += p.width;
        }
        expect(next).toBe(bits);
      }),
    );
  });

  it('radiiFor satisfies the generalised pigeonhole: Σ (r_i + 1) ≥ radius + 1', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(64, 256),
        fc.integer({ min: 1, max: 30 }),
        fc.integer({ min: 0, max: 256 }),
        (bits, cap, radius) => {
          const parts = splitBits(bits, cap);
          const radii = radiiFor(parts, Math.min(radius, bits));
          let sum = 0;
          radii.forEach((r) => {
            expect(r).toBeGreaterThanOrEqual(-1);
            sum += r + 1;
          });
          expect(sum).toBeGreaterThanOrEqual(Math.min(radius, bits) + 1);
        },
      ),
    );
  });

  it('flipMasks lists every mask of weight ≤ r exactly once, lightest first', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 0, max: 4 }), (width, radius) => {
        const masks = [...flipMasks(width, radius)];
        const expected = Array.from({ length: 2 ** width }, (_, m) => m).filter(
          (m) => popcount32(m) <= radius,
        );
        expect([...masks].sort((a, b) => a - b)).toEqual(expected);
        expect(masks.length).toBe(flipCount(width, radius));
        const weights = masks.map(popcount32);
        expect(weights).toEqual([...weights].sort((a, b) => a - b));
      }),
    );
  });

  it('substringKey reads the bits MSB-first across word boundaries', () => {
    const words = hexToWords('0123456789abcdef'.repeat(4));
    expect(substringKey(words, 0, { start: 0, width: 12 })).toBe(0x012);
    expect(substringKey(words, 0, { start: 28, width: 8 })).toBe(0x78);
    expect(substringKey(words, 0, { start: 30, width: 5 })).toBe(0b11100);
    expect(substringKey(words, 0, { start: 232, width: 24 })).toBe(0xabcdef);
  });
});
