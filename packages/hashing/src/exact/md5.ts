/** MD5 (RFC 1321), incremental, pure TypeScript. For exact-match lists (e.g. `video_md5`), not for security. */
import { BlockHasher, wordsToHex, type IncrementalHasher } from './block-hasher.ts';

const SHIFTS = [7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21];
const K = new Uint32Array(64);
for (let i = 0; i < 64; i++) K[i] = Math.floor(Math.abs(Math.sin(i + 1)) * 2 ** 32);

class Md5 extends BlockHasher {
  protected readonly littleEndian = true;
  private readonly state = new Uint32Array([0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476]);
  private readonly m = new Uint32Array(16);

  protected compress(block: DataView): void {
    const m = this.m;
    for (let t = 0; t < 16; t++) m[t] = block.getUint32(t * 4, true);
    const s = this.state;
    let [a, b, c, d] = [s[0]!, s[1]!, s[2]!, s[3]!];
    for (let i = 0; i < 64; i++) {
      let f: number;
      let g: number;
      if (i < 16) {
        f = (b & c) | (~b & d);
        g = i;
      } else if (i < 32) {
        f = (d & b) | (~d & c);
        g = (5 * i + 1) & 15;
      } else if (i < 48) {
        f = b ^ c ^ d;
        g = (3 * i + 5) & 15;
      } else {
        f = c ^ (b | ~d);
        g = (7 * i) & 15;
      }
      const shift = SHIFTS[(i >> 4) * 4 + (i & 3)]!;
      const sum = (a + f + K[i]! + m[g]!) | 0;
      a = d;
      d = c;
      c = b;
      b = (b + ((sum << shift) | (sum >>> (32 - shift)))) | 0;
    }
    s[0] = s[0]! + a;
    s[1] = s[1]! + b;
    s[2] = s[2]! + c;
    s[3] = s[3]! + d;
  }

  protected stateHex(): string {
    return wordsToHex(this.state, true);
  }
}

export function createMd5(): IncrementalHasher {
  return new Md5();
}

/** MD5 hex of bytes, or of a string's UTF-8 encoding. */
export function md5Hex(input: Uint8Array | string): string {
  return createMd5()
    .update(typeof input === 'string' ? new TextEncoder().encode(input) : input)
    .digest();
}
