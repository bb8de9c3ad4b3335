/** 256-bit PDQ hashes: binarising coefficients, the hex form, and Hamming distance. */

const HEX_PATTERN = /^[0-9a-f]{64}$/;

/** Thrown when a string is not a 64-digit lowercase hex PDQ hash. */
export class InvalidPdqHashError extends Error {
  readonly code = 'invalid_pdq_hash';
}

/**
 * Sets bit k = 16i + j when coefficient k is strictly above the median (Torben's selection = the 128th smallest),
 * and formats the 16 words of 16 bits from w[15] down to w[0] as lowercase hex, as the reference does.
 */
export function binariseToHex(coefficients: Float32Array): string {
  const median = Float32Array.from(coefficients).sort()[127]!;
  let hex = '';
  for (let word = 15; word >= 0; word--) {
    let value = 0;
    for (let bit = 0; bit < 16; bit++) if (coefficients[word * 16 + bit]! > median) value |= 1 << bit;
    hex += value.toString(16).padStart(4, '0');
  }
  return hex;
}

export function isPdqHex(value: string): boolean {
  return HEX_PATTERN.test(value);
}

/** The 32 bytes of a hex hash, most significant first (the hex string's order). */
export function pdqHexToBytes(hex: string): Uint8Array {
  if (!isPdqHex(hex))
    throw new InvalidPdqHashError(`not a 64-digit lowercase hex PDQ hash: ${JSON.stringify(hex)}`);
  const bytes = new Uint8Array(32);
  for (let i = 0; i < 32; i++) bytes[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return bytes;
}

function popcount32(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}

/** The hash as eight 32-bit words, most significant first: the fast form for repeated distance computations. */
export function pdqHexToWords(hex: string): Uint32Array {
  if (!isPdqHex(hex))
    throw new InvalidPdqHashError(`not a 64-digit lowercase hex PDQ hash: ${JSON.stringify(hex)}`);
  const words = new Uint32Array(8);
  for (let i = 0; i < 8; i++) words[i] = parseInt(hex.slice(8 * i, 8 * i + 8), 16);
  return words;
}

/** Hamming distance between two hashes in `pdqHexToWords` form. */
export function wordsDistance(a: Uint32Array, b: Uint32Array): number {
  let distance = 0;
  for (let i = 0; i < 8; i++) distance += popcount32((a[i]! ^ b[i]!) >>> 0);
  return distance;
}

/** Hamming distance between two hex PDQ hashes (0..256). */
export function pdqDistance(a: string, b: string): number {
  return wordsDistance(pdqHexToWords(a), pdqHexToWords(b));
}
