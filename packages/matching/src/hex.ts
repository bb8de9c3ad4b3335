import { MatchingError } from './errors.ts';

/** Outcome of parsing one textual hash: the words, or why it was refused. */
export type HexParse = { ok: true; words: Uint32Array } | { ok: false; reason: string };

const HEX = /^[0-9a-fA-F]*$/;

/**
 * Parses a big-endian hex hash of `bits` bits into 32-bit words, first word = first 8 hex digits.
 * This is the PDQ convention (64 hex digits for 256 bits); any multiple of 32 bits works (16 hex for SimHash-64).
 */
export function parseHexHash(text: string, bits = 256): HexParse {
  const digits = bits / 4;
  if (text.length !== digits) {
    return { ok: false, reason: `expected ${digits} hex characters, got ${text.length}` };
  }
  if (!HEX.test(text)) {
    const bad = [...text].findIndex((c) => !HEX.test(c));
    return { ok: false, reason: `non-hex character ${JSON.stringify(text[bad])} at position ${bad + 1}` };
  }
  const words = new Uint32Array(bits / 32);
  for (let i = 0; i < words.length; i++) {
    words[i] = Number.parseInt(text.slice(i * 8, i * 8 + 8), 16);
  }
  return { ok: true, words };
}

/** Like `parseHexHash` but throws `MatchingError('invalid_hash')`. */
export function hexToWords(text: string, bits = 256): Uint32Array {
  const parsed = parseHexHash(text, bits);
  if (!parsed.ok) throw new MatchingError('invalid_hash', `invalid ${bits}-bit hash: ${parsed.reason}`);
  return parsed.words;
}

/** Lower-case big-endian hex of the words (`offset` and `count` select a hash inside a packed array). */
export function wordsToHex(words: Uint32Array, offset = 0, count = words.length - offset): string {
  let out = '';
  for (let i = 0; i < count; i++) out += (words[offset + i] ?? 0).toString(16).padStart(8, '0');
  return out;
}
