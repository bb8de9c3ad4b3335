import { describe, expect, it } from 'vitest';
import {
  InvalidSimhashError,
  normaliseText,
  sha256Hex,
  simhash64,
  simhashDistance,
  textHash,
} from '../src/index.ts';

const MANIFESTO =
  'We the people of this land declare that our cause is just and that the time has come to act against those ' +
  'who would take our homes and towns from us. Every man who reads this must stand and be counted, for there ' +
  'will be no second chance once the last of our towns has fallen and our history has been erased by them.';
const UNRELATED =
  'The quick brown fox jumps over the lazy dog while the cat sleeps in the warm afternoon sun by the kitchen ' +
  'window and dreams of fish, mice and long summer evenings spent watching birds in the garden hedge outside.';

describe('textHash', () => {
  it('is the SHA-256 of the normalised text', () => {
    expect(textHash(MANIFESTO)).toBe(sha256Hex(normaliseText(MANIFESTO)));
  });

  it('is unchanged by evasions the normaliser folds', () => {
    const evasive = MANIFESTO.toUpperCase().replaceAll(' ', '  \u200b').replaceAll('e', '3');
    expect(textHash(evasive)).toBe(textHash(MANIFESTO));
  });
});

describe('simhash64', () => {
  it('keeps an edited copy much closer than unrelated text', () => {
    const edited = MANIFESTO.replace('just', 'righteous')
      .replace('towns', 'villages')
      .replace('Every man', 'Everyone');
    const near = simhashDistance(simhash64(MANIFESTO), simhash64(edited));
    const far = simhashDistance(simhash64(MANIFESTO), simhash64(UNRELATED));
    expect(near).toBeLessThan(far);
    expect(near).toBeLessThanOrEqual(16);
    expect(far).toBeGreaterThanOrEqual(20);
  });

  it('is 16 hex digits, zero for empty text, and identical for texts that normalise the same', () => {
    expect(simhash64(MANIFESTO)).toMatch(/^[0-9a-f]{16}$/);
    expect(simhash64('  ')).toBe('0'.repeat(16));
    expect(simhash64('Ｈｅｌｌｏ wörld')).toBe(simhash64('hello world'));
  });

  it('rejects malformed values in simhashDistance', () => {
    expect(() => simhashDistance('xyz', '0'.repeat(16))).toThrow(InvalidSimhashError);
    expect(simhashDistance('f'.repeat(16), '0'.repeat(16))).toBe(64);
  });
});
