import { crc32, deflateSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { pdqHash } from '@vigie/hashing';
import { haveShared, sharedPath } from '../../../../test-support/requirements.ts';
import { decodeImage, MediaError, type MediaErrorCode } from '../../src/media/index.ts';

const ok = haveShared('data/pdq');
const image = (p: string): Buffer => readFileSync(sharedPath('data/pdq/images', p));

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A valid PNG header announcing width x height RGB, with a tiny payload: the shape of a decompression bomb. */
function pngHeaderOnly(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  const signature = Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]);
  return Buffer.concat([
    signature,
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', deflateSync(Buffer.alloc(1000))),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

async function codeOf(
  input: string | Uint8Array,
  options?: Parameters<typeof decodeImage>[1],
): Promise<MediaErrorCode | 'decoded'> {
  try {
    await decodeImage(input, options);
    return 'decoded';
  } catch (error) {
    expect(error).toBeInstanceOf(MediaError);
    return (error as MediaError).code;
  }
}

describe.skipIf(!ok)('decodeImage error classes', () => {
  const jpeg = (): Buffer => image('bridge-mods/aaa-orig.jpg');
  const png = (): Buffer => image('synthetic/synth-34-640x480-rgb.png');
  const corrupt = (bytes: Buffer, from: number, to: number): Buffer => {
    const out = Buffer.from(bytes);
    for (let i = from; i < to; i++) out[i] = out[i]! ^ 0x5a;
    return out;
  };

  it.each([
    ['truncated JPEG', () => jpeg().subarray(0, 20_000), 'image_truncated'],
    ['truncated PNG', () => png().subarray(0, 3000), 'image_truncated'],
    ['empty file', () => Buffer.alloc(0), 'image_truncated'],
    ['corrupt PNG data', () => corrupt(png(), 100, 300), 'image_malformed'],
    ['corrupt JPEG entropy data', () => corrupt(jpeg(), 5000, 9000), 'image_malformed'],
    [
      'random bytes',
      () => Buffer.from(Array.from({ length: 1000 }, (_, i) => (i * 7919) % 256)),
      'image_unsupported',
    ],
    ['text file', () => Buffer.from('hello, this is not an image\n'), 'image_unsupported'],
    ['decompression bomb (20000x20000 header)', () => pngHeaderOnly(20_000, 20_000), 'image_too_large'],
  ] as const)('%s -> %s', async (_name, bytes, code) => {
    expect(await codeOf(bytes())).toBe(code);
  });

  it('applies a configurable pixel limit and reports unreadable paths', async () => {
    expect(await codeOf(png(), { maxPixels: 640 * 480 - 1 })).toBe('image_too_large');
    expect(await codeOf(png(), { maxPixels: 640 * 480 })).toBe('decoded');
    expect(await codeOf('/nonexistent/file.png')).toBe('file_unreadable');
  });
});

describe.skipIf(!ok)('decodeImage pixels', () => {
  it('keeps the hash stable under lossless re-encoding (PNG levels, lossless WebP, TIFF)', async () => {
    for (const file of [
      'synthetic/synth-34-640x480-rgb.png',
      'synthetic/synth-35-640x480-grey.png',
      'reg-test-input/labelme-subset/q0003.jpg',
    ]) {
      const original = await decodeImage(image(file));
      const expected = pdqHash(original);
      const raw = {
        raw: { width: original.width, height: original.height, channels: original.channels },
      } as const;
      const reencoded = [
        await sharp(original.data, raw).png({ compressionLevel: 0 }).toBuffer(),
        await sharp(original.data, raw).png({ compressionLevel: 9, palette: false }).toBuffer(),
        await sharp(original.data, raw).webp({ lossless: true }).toBuffer(),
        await sharp(original.data, raw).tiff({ compression: 'lzw' }).toBuffer(),
      ];
      for (const bytes of reencoded) {
        const decoded = await decodeImage(bytes);
        expect(Buffer.from(decoded.data).equals(Buffer.from(original.data))).toBe(true);
        expect(pdqHash(decoded)).toEqual(expected);
      }
    }
  });

  it('drops alpha without compositing and collapses all-grey images to one channel', async () => {
    const rgba = Buffer.from([10, 200, 30, 0, 40, 50, 60, 255]);
    const decoded = await decodeImage(
      await sharp(rgba, { raw: { width: 2, height: 1, channels: 4 } })
        .png()
        .toBuffer(),
    );
    expect(decoded.channels).toBe(3);
    expect([...decoded.data]).toEqual([10, 200, 30, 40, 50, 60]);
    const grey = await decodeImage(
      await sharp(Buffer.from([9, 9, 9, 77, 77, 77]), { raw: { width: 2, height: 1, channels: 3 } })
        .png()
        .toBuffer(),
    );
    expect(grey.channels).toBe(1);
    expect([...grey.data]).toEqual([9, 77]);
  });
});
