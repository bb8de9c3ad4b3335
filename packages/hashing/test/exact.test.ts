import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createMd5, createSha256, md5Hex, sha256Hex } from '../src/index.ts';

describe('MD5 and SHA-256 (pure TypeScript)', () => {
  it('match the published test vectors', () => {
    expect(md5Hex('')).toBe('d41d8cd98f00b204e9800998ecf8427e');
    expect(md5Hex('The quick brown fox jumps over the lazy dog')).toBe('9e107d9d372bb6826bd81d3542a419d6');
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('equal node:crypto for any input split into any chunks', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 600 }),
        fc.array(fc.nat(600), { maxLength: 6 }),
        (bytes, cuts) => {
          const bounds = [0, ...cuts.map((c) => c % (bytes.length + 1)).sort((a, b) => a - b), bytes.length];
          const md5 = createMd5();
          const sha = createSha256();
          for (let i = 1; i < bounds.length; i++) {
            md5.update(bytes.subarray(bounds[i - 1], bounds[i]));
            sha.update(bytes.subarray(bounds[i - 1], bounds[i]));
          }
          expect(md5.digest()).toBe(createHash('md5').update(bytes).digest('hex'));
          expect(sha.digest()).toBe(createHash('sha256').update(bytes).digest('hex'));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('refuses to be used after digest()', () => {
    const sha = createSha256();
    sha.digest();
    expect(() => sha.update(new Uint8Array(1))).toThrow(/digest/);
  });
});
