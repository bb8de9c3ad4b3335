/**
 * Whether an image file is cut short, judged from its own structure rather than from decoder messages (libpng
 * reports truncation and corruption with the same "read error"). Known formats only; undefined otherwise.
 */

const startsWith = (bytes: Uint8Array, magic: readonly number[]): boolean =>
  magic.every((b, i) => bytes[i] === b);

export function isTruncatedImage(bytes: Uint8Array): boolean | undefined {
  const n = bytes.length;
  if (startsWith(bytes, [0xff, 0xd8])) {
    // JPEG ends with the EOI marker FFD9 (some writers pad after it, so look at the last few bytes).
    const tail = bytes.subarray(Math.max(0, n - 16));
    for (let i = tail.length - 2; i >= 0; i--) if (tail[i] === 0xff && tail[i + 1] === 0xd9) return false;
    return true;
  }
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47])) {
    // PNG ends with an empty IEND chunk: length 0, "IEND", CRC.
    return !(n >= 12 && startsWith(bytes.subarray(n - 12), [0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44]));
  }
  if (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && n >= 12) {
    // RIFF (WebP): the header's size field counts the bytes after the first 8.
    const declared = (bytes[4]! | (bytes[5]! << 8) | (bytes[6]! << 16) | (bytes[7]! << 24)) >>> 0;
    return declared + 8 > n;
  }
  if (startsWith(bytes, [0x47, 0x49, 0x46, 0x38])) return bytes[n - 1] !== 0x3b; // GIF trailer ';'
  return undefined;
}
