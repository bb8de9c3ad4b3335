/**
 * The protected preview of an image: what a reviewer sees before choosing to reveal the original.
 * It is downscaled (longest side at most `PROTECTED_MAX_SIDE`), greyscaled, blurred with a sigma
 * proportional to its size so that no face, text or wound stays recognisable, and re-encoded as a
 * one-channel JPEG without any metadata (sharp writes none unless asked). Only the shape, the
 * overall brightness and the layout survive. Downscaling happens first, in its own pass, so the blur
 * always runs on the small image: its cost does not grow with the original's size.
 */
import sharp from 'sharp';
import { DEFAULT_MAX_PIXELS } from './decode-image.ts';
import { MediaError } from './errors.ts';

export const PROTECTED_MAX_SIDE = 320;
/** Blur sigma as a fraction of the preview's longest side: 6 % of 320 px is a sigma of about 19 px. */
export const PROTECTED_BLUR_FRACTION = 0.06;
export const PROTECTED_CONTENT_TYPE = 'image/jpeg';
/** Bumped whenever the pipeline changes, so cached previews made by an older one are not served. */
export const PROTECTED_PIPELINE_VERSION = 1;

/** The raster formats a preview is made from, recognised by their magic bytes, never by the claimed type. */
const IMAGE_SIGNATURES: readonly { type: string; matches: (bytes: Uint8Array) => boolean }[] = [
  { type: 'image/jpeg', matches: (b) => startsWith(b, [0xff, 0xd8, 0xff]) },
  { type: 'image/png', matches: (b) => startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) },
  { type: 'image/gif', matches: (b) => ascii(b, 0, 4) === 'GIF8' },
  { type: 'image/webp', matches: (b) => ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 4) === 'WEBP' },
  { type: 'image/avif', matches: (b) => ascii(b, 4, 4) === 'ftyp' && /^avi[fs]$/.test(ascii(b, 8, 4)) },
  {
    type: 'image/heic',
    matches: (b) => ascii(b, 4, 4) === 'ftyp' && /^(heic|heix|mif1|msf1)$/.test(ascii(b, 8, 4)),
  },
  {
    type: 'image/tiff',
    matches: (b) => startsWith(b, [0x49, 0x49, 0x2a, 0x00]) || startsWith(b, [0x4d, 0x4d, 0x00, 0x2a]),
  },
];

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((byte, i) => bytes[i] === byte);
}

function ascii(bytes: Uint8Array, offset: number, length: number): string {
  return String.fromCharCode(...bytes.subarray(offset, offset + length));
}

/**
 * The image type the bytes really are, or null. SVG, PDF and anything else that could carry script
 * or fetch resources is deliberately absent: those are never decoded for a preview nor served inline.
 */
export function sniffImageType(bytes: Uint8Array): string | null {
  return IMAGE_SIGNATURES.find((signature) => signature.matches(bytes))?.type ?? null;
}

/** Makes the protected preview of a raster image (see `sniffImageType`). Throws `MediaError`. */
export async function protectImage(bytes: Uint8Array): Promise<Buffer> {
  if (!sniffImageType(bytes)) throw new MediaError('image_unsupported', 'not a supported raster image');
  const fail = (error: unknown): never => {
    throw new MediaError('image_malformed', (error as Error).message, { cause: error });
  };
  // Pass 1: orient as a browser would show the original, drop transparency onto grey, shrink, greyscale.
  const small = await sharp(bytes, { limitInputPixels: DEFAULT_MAX_PIXELS, failOn: 'error' })
    .timeout({ seconds: 30 })
    .rotate()
    .flatten({ background: '#808080' })
    .resize(PROTECTED_MAX_SIDE, PROTECTED_MAX_SIDE, { fit: 'inside', withoutEnlargement: true })
    .greyscale()
    .raw()
    .toBuffer({ resolveWithObject: true })
    .catch(fail);
  const { width, height, channels } = small.info;
  // Pass 2: blur the small image, proportionally to its size, and encode it without metadata.
  const sigma = Math.max(1, PROTECTED_BLUR_FRACTION * Math.max(width, height));
  return sharp(small.data, { raw: { width, height, channels } })
    .blur(sigma)
    .toColourspace('b-w')
    .jpeg({ quality: 70 })
    .toBuffer()
    .catch(fail);
}
