/**
 * Text fingerprints for manifestos and copypasta. Both are computed on `normaliseText` output, the normaliser the
 * classifier also uses, so evasions (homoglyphs, leetspeak, zero-width characters, spacing) do not change them.
 *
 * - `textHash`: SHA-256 of the normalised text; equal only for texts that normalise identically.
 * - `simhash64`: Charikar SimHash over the character 5-shingles of the normalised text (code points, spaces
 *   included), each shingle weighted by its count. Character shingles give a short post hundreds of features, so a
 *   changed word moves only a few bits (word shingles were tried first: too few features on short texts). Small edits flip few of the 64 bits; compare with `simhashDistance`.
 */
import { sha256Hex } from '../exact/sha256.ts';
import { normaliseText } from './normalise.ts';

const SHINGLE_CHARS = 5;

export function textHash(text: string): string {
  return sha256Hex(normaliseText(text));
}

/** FNV-1a over UTF-16 code units followed by murmur3's finaliser, so that nearby strings spread over all bits. */
function hash32(text: string, seed: number): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

function shingles(text: string): string[] {
  const chars = [...text];
  if (chars.length <= SHINGLE_CHARS) return text.length === 0 ? [] : [text];
  const out: string[] = [];
  for (let i = 0; i + SHINGLE_CHARS <= chars.length; i++)
    out.push(chars.slice(i, i + SHINGLE_CHARS).join(''));
  return out;
}

/** 64-bit SimHash of the normalised text as 16 lowercase hex digits; all zeros for empty normalised text. */
export function simhash64(text: string): string {
  const weights = new Int32Array(64);
  for (const shingle of shingles(normaliseText(text))) {
    const high = hash32(shingle, 0x811c9dc5);
    const low = hash32(shingle, 0x9e3779b9);
    for (let bit = 0; bit < 32; bit++) {
      weights[bit] = weights[bit]! + ((low >>> bit) & 1 ? 1 : -1);
      weights[32 + bit] = weights[32 + bit]! + ((high >>> bit) & 1 ? 1 : -1);
    }
  }
  let low = 0;
  let high = 0;
  for (let bit = 0; bit < 32; bit++) {
    if (weights[bit]! > 0) low |= 1 << bit;
    if (weights[32 + bit]! > 0) high |= 1 << bit;
  }
  return (high >>> 0).toString(16).padStart(8, '0') + (low >>> 0).toString(16).padStart(8, '0');
}

export class InvalidSimhashError extends Error {
  readonly code = 'invalid_simhash';
}

const SIMHASH_PATTERN = /^[0-9a-f]{16}$/;

/** Number of differing bits (0..64) between two `simhash64` values. */
export function simhashDistance(a: string, b: string): number {
  if (!SIMHASH_PATTERN.test(a) || !SIMHASH_PATTERN.test(b)) {
    throw new InvalidSimhashError('simhashDistance needs two 16-digit lowercase hex SimHashes');
  }
  let distance = 0;
  for (let i = 0; i < 16; i += 8) {
    let x = (parseInt(a.slice(i, i + 8), 16) ^ parseInt(b.slice(i, i + 8), 16)) >>> 0;
    for (; x !== 0; x &= x - 1) distance++;
  }
  return distance;
}
