/**
 * Image decoding for PDQ with sharp, reproducing what the C++ reference saw (CImg -> ImageMagick `convert FILE pnm:-`):
 * - ICC profiles are ignored and EXIF orientation is not applied;
 * - alpha is dropped, not composited (the stored RGB of transparent pixels is hashed);
 * - the result is grey (1 channel) exactly when every pixel has R = G = B, because ImageMagick's PNM writer emits a
 *   PGM for such images (even RGB JPEGs) and the reference then takes the grey byte as luma;
 * - samples are 8-bit. 16-bit sources are scaled to 8 bits by libvips (the reference keeps the low byte instead, see
 *   the hashing README), and CMYK goes through libvips' conversion: neither is bit-exact with the reference.
 * Failures are `MediaError`s with a stable code; decoding has a pixel limit, a file-size limit and a timeout.
 */
import { readFile, stat } from 'node:fs/promises';
import sharp from 'sharp';
import type { Pixels } from '@vigie/hashing';
import { MediaError, type MediaErrorCode } from './errors.ts';
import { isTruncatedImage } from './image-trailer.ts';

export interface DecodeImageOptions {
  /** Refuse images with more pixels than this (decompression bombs). Default 100 megapixels. */
  readonly maxPixels?: number;
  /** Refuse files larger than this many bytes before reading them. Default 512 MiB. */
  readonly maxFileBytes?: number;
  /** Abort decoding after this many seconds. Default 30. */
  readonly timeoutSeconds?: number;
}

export const DEFAULT_MAX_PIXELS = 100_000_000;
const DEFAULT_MAX_FILE_BYTES = 512 * 1024 * 1024;

function classify(message: string, bytes: Uint8Array): MediaErrorCode {
  if (/pixel limit/i.test(message)) return 'image_too_large';
  if (/unsupported image format/i.test(message)) return 'image_unsupported';
  if (/timeout/i.test(message)) return 'image_timeout';
  return isTruncatedImage(bytes) ? 'image_truncated' : 'image_malformed';
}

function isGrey(rgb: Uint8Array): boolean {
  for (let p = 0; p < rgb.length; p += 3) {
    if (rgb[p] !== rgb[p + 1] || rgb[p] !== rgb[p + 2]) return false;
  }
  return true;
}

function toGrey(rgb: Uint8Array): Uint8Array {
  const grey = new Uint8Array(rgb.length / 3);
  for (let i = 0, p = 0; i < grey.length; i++, p += 3) grey[i] = rgb[p]!;
  return grey;
}

async function readImageFile(file: string, maxFileBytes: number): Promise<Uint8Array> {
  try {
    const { size } = await stat(file);
    if (size > maxFileBytes)
      throw new MediaError(
        'image_too_large',
        `${file} is ${size} bytes, above the ${maxFileBytes}-byte limit`,
      );
    return await readFile(file);
  } catch (error) {
    if (error instanceof MediaError) throw error;
    throw new MediaError('file_unreadable', `cannot read ${file}: ${(error as Error).message}`, {
      cause: error,
    });
  }
}

/** Decodes an image file (path) or its bytes to the 8-bit pixels PDQ expects. Throws `MediaError`. */
export async function decodeImage(
  input: string | Uint8Array,
  options: DecodeImageOptions = {},
): Promise<Pixels> {
  const bytes =
    typeof input === 'string'
      ? await readImageFile(input, options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES)
      : input;
  if (bytes.length === 0) throw new MediaError('image_truncated', 'empty file');
  const decoded = await sharp(bytes, {
    ignoreIcc: true,
    limitInputPixels: options.maxPixels ?? DEFAULT_MAX_PIXELS,
    failOn: 'warning',
  })
    .timeout({ seconds: options.timeoutSeconds ?? 30 })
    .removeAlpha()
    .toColourspace('srgb')
    .raw({ depth: 'uchar' })
    .toBuffer({ resolveWithObject: true })
    .catch((error: unknown) => {
      const message = (error as Error).message;
      throw new MediaError(classify(message, bytes), message, { cause: error });
    });
  const { data, info } = decoded;
  if (info.channels !== 3)
    throw new MediaError('image_unsupported', `decoder produced ${info.channels} channels`);
  const rgb = new Uint8Array(data.buffer, data.byteOffset, data.length);
  if (isGrey(rgb)) return { width: info.width, height: info.height, channels: 1, data: toGrey(rgb) };
  return { width: info.width, height: info.height, channels: 3, data: rgb };
}
