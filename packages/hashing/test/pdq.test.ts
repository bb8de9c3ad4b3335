import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DIHEDRAL_NAMES,
  PixelsShapeError,
  ZERO_PDQ_HASH,
  cliResize,
  pdqBackend,
  pdqDihedralHashes,
  pdqDistance,
  pdqHash,
  pdqHexToBytes,
  type Pixels,
} from '../src/index.ts';
import { transformPixels } from './support/dihedral-pixels.ts';

/** Random image of the given size and channels, from raw random bytes (worst case for exactness: pure noise). */
const noiseImage = (maxSide: number) =>
  fc
    .record({
      width: fc.integer({ min: 1, max: maxSide }),
      height: fc.integer({ min: 1, max: maxSide }),
      channels: fc.constantFrom(1 as const, 3 as const),
      seed: fc.integer(),
    })
    .map(({ width, height, channels, seed }): Pixels => {
      const data = new Uint8Array(width * height * channels);
      let s = seed | 1;
      for (let i = 0; i < data.length; i++) {
        s ^= s << 13;
        s ^= s >>> 17;
        s ^= s << 5;
        data[i] = s & 0xff;
      }
      return { width, height, channels, data };
    });

/** Smooth random picture (three random 2-D waves plus a gradient): the kind of content PDQ is designed for. */
const smoothImage = (side: number) =>
  fc
    .array(
      fc.tuple(
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 5 }),
        fc.double({ min: 0, max: 6.28, noNaN: true }),
      ),
      { minLength: 3, maxLength: 3 },
    )
    .map((waves): Pixels => {
      const data = new Uint8Array(side * side * 3);
      for (let y = 0; y < side; y++) {
        for (let x = 0; x < side; x++) {
          let v = 0;
          for (const [fx, fy, phase] of waves)
            v += Math.cos((2 * Math.PI * (fx * x + fy * y * 0.7)) / side + phase);
          const base = 128 + 40 * v + (60 * (x - y)) / side;
          const p = (y * side + x) * 3;
          data[p] = Math.max(0, Math.min(255, base));
          data[p + 1] = Math.max(0, Math.min(255, base * 0.8 + 20));
          data[p + 2] = Math.max(0, Math.min(255, 255 - base));
        }
      }
      return { width: side, height: side, channels: 3, data };
    });

describe('pdqHash', () => {
  it('uses WebAssembly SIMD in Node', () => {
    expect(pdqBackend()).toBe('wasm-simd');
  });

  it('gives identical bits with the WebAssembly and TypeScript kernels on random noise of any size', () => {
    fc.assert(
      fc.property(noiseImage(300), (image) => {
        expect(pdqHash(image)).toEqual(pdqHash(image, { backend: 'typescript' }));
        expect(pdqDihedralHashes(image, { resize: 'cli512' })).toEqual(
          pdqDihedralHashes(image, { resize: 'cli512', backend: 'typescript' }),
        );
      }),
      { numRuns: 60 },
    );
  });

  it('hashes images smaller than 5 pixels on a side to zeros with quality 0', () => {
    const image: Pixels = { width: 4, height: 100, channels: 1, data: new Uint8Array(400).fill(7) };
    expect(pdqHash(image)).toEqual({ hash: ZERO_PDQ_HASH, quality: 0 });
    expect(pdqDihedralHashes(image).hashes).toEqual(Array(8).fill(ZERO_PDQ_HASH));
  });

  it('sets exactly 128 bits on an image without ties', () => {
    fc.assert(
      fc.property(smoothImage(96), (image) => {
        const bits = [...pdqHexToBytes(pdqHash(image).hash)].reduce(
          (n, b) => n + b.toString(2).replaceAll('0', '').length,
          0,
        );
        expect(bits).toBe(128);
      }),
      { numRuns: 10 },
    );
  });

  it('rejects pixel buffers that do not match their shape with a typed error', () => {
    expect(() => pdqHash({ width: 10, height: 10, channels: 3, data: new Uint8Array(299) })).toThrow(
      PixelsShapeError,
    );
    expect(() => pdqHash({ width: 10, height: 10, channels: 4 as 3, data: new Uint8Array(400) })).toThrow(
      PixelsShapeError,
    );
  });

  it('resizes like the upstream CLI only when a side exceeds 512', () => {
    const small: Pixels = { width: 512, height: 100, channels: 1, data: new Uint8Array(51200) };
    expect(cliResize(small)).toBe(small);
    const data = new Uint8Array(1000 * 37).map((_, i) => i % 251);
    const resized = cliResize({ width: 1000, height: 37, channels: 1, data });
    expect([resized.width, resized.height]).toEqual([512, 512]);
    // destination (x, y) takes source (floor(x * 1000 / 512), floor(y * 37 / 512))
    expect(resized.data[300 * 512 + 511]).toBe(
      data[Math.floor((300 * 37) / 512) * 1000 + Math.floor((511 * 1000) / 512)],
    );
  });
});

describe('dihedral hashes (property)', () => {
  // Sides where the 64-point sampling grid and the box windows are symmetric (64: window 1; 320: window 3, step 5),
  // so a rotated image is sampled at the rotated points. Float rounding still differs, so allow a few bits; the
  // spec measured 0 to 8 bits on the upstream rotated photos.
  for (const side of [64, 320]) {
    it(`hash of a rotated or flipped ${side}x${side} image = the matching dihedral slot of the original`, () => {
      fc.assert(
        fc.property(smoothImage(side), (image) => {
          const slots = pdqDihedralHashes(image).hashes;
          DIHEDRAL_NAMES.forEach((name, k) => {
            const moved = pdqDihedralHashes(transformPixels(image, name));
            expect(pdqDistance(moved.hashes[0]!, slots[k]!)).toBeLessThanOrEqual(8);
            // and the whole dihedral set is permuted, not just slot 0: transforming back lands on the original
            const distances = moved.hashes.map((h) => pdqDistance(h, slots[0]!));
            expect(Math.min(...distances)).toBeLessThanOrEqual(8);
          });
        }),
        { numRuns: side === 64 ? 25 : 8 },
      );
    });
  }
});

describe('pdqDistance', () => {
  it('counts differing bits and rejects malformed hashes', () => {
    expect(pdqDistance('f'.repeat(64), '0'.repeat(64))).toBe(256);
    expect(pdqDistance('8' + '0'.repeat(63), '0'.repeat(64))).toBe(1);
    expect(() => pdqDistance('F'.repeat(64), '0'.repeat(64))).toThrow(/hex/);
  });
});
