/**
 * Streaming Merkle-Damgard skeleton shared by MD5 and SHA-256: buffers input into 64-byte blocks and applies the
 * final padding (0x80, zeros, then the bit length in the algorithm's byte order). Pure TypeScript, so it runs in
 * browsers too; memory use is one block whatever the input size.
 */

/** An incremental hash: feed any number of chunks, then read the lowercase hex digest once. */
export interface IncrementalHasher {
  update(chunk: Uint8Array): this;
  digest(): string;
}

export abstract class BlockHasher implements IncrementalHasher {
  private readonly block = new Uint8Array(64);
  private readonly view = new DataView(this.block.buffer);
  private filled = 0;
  private totalBytes = 0;
  private finished = false;

  protected abstract compress(block: DataView): void;
  protected abstract readonly littleEndian: boolean;
  protected abstract stateHex(): string;

  update(chunk: Uint8Array): this {
    if (this.finished) throw new Error('digest() was already called on this hasher');
    this.totalBytes += chunk.length;
    let offset = 0;
    while (offset < chunk.length) {
      const take = Math.min(64 - this.filled, chunk.length - offset);
      this.block.set(chunk.subarray(offset, offset + take), this.filled);
      this.filled += take;
      offset += take;
      if (this.filled === 64) {
        this.compress(this.view);
        this.filled = 0;
      }
    }
    return this;
  }

  digest(): string {
    if (this.finished) throw new Error('digest() was already called on this hasher');
    const bitsLow = (this.totalBytes * 8) >>> 0;
    const bitsHigh = Math.floor((this.totalBytes * 8) / 2 ** 32);
    this.block[this.filled++] = 0x80;
    if (this.filled > 56) {
      this.block.fill(0, this.filled);
      this.compress(this.view);
      this.filled = 0;
    }
    this.block.fill(0, this.filled);
    if (this.littleEndian) {
      this.view.setUint32(56, bitsLow, true);
      this.view.setUint32(60, bitsHigh, true);
    } else {
      this.view.setUint32(56, bitsHigh, false);
      this.view.setUint32(60, bitsLow, false);
    }
    this.compress(this.view);
    this.finished = true;
    return this.stateHex();
  }
}

export function wordsToHex(words: Uint32Array, littleEndian: boolean): string {
  let hex = '';
  for (const word of words) {
    const value = littleEndian
      ? ((word & 0xff) << 24) | ((word & 0xff00) << 8) | ((word >>> 8) & 0xff00) | (word >>> 24)
      : word;
    hex += (value >>> 0).toString(16).padStart(8, '0');
  }
  return hex;
}
