/**
 * The two ways Vigie serves a stored media item to the console (report attachments, evidence):
 * - `protected`: a blurred, greyscale, downscaled JPEG without metadata (`protected-image.ts`); for a
 *   video, the same made from a poster frame. Computed once per content and cached encrypted.
 * - `original`: the stored bytes, only when the reviewer asks. The content type served is the one the
 *   bytes really have (images are sniffed) or, for videos, the claimed one if it is a known video type;
 *   anything else goes out as an `application/octet-stream` download, so no uploaded file is ever
 *   rendered by the browser as a page.
 * Both answers are private and never stored by the browser.
 */
import type { Keyring } from '../crypto/keyring.ts';
import { AppError } from '../errors.ts';
import type { Db } from '../storage/transaction.ts';
import { cachedDerivative, type Sealer } from './derivative-cache.ts';
import { MediaError } from './errors.ts';
import {
  PROTECTED_CONTENT_TYPE,
  PROTECTED_PIPELINE_VERSION,
  protectImage,
  sniffImageType,
} from './protected-image.ts';
import { videoPoster } from './video-poster.ts';

export const mediaVariants = ['protected', 'original'] as const;
export type MediaVariant = (typeof mediaVariants)[number];

export interface StoredMedia {
  orgId: string;
  sha256: string;
  fileName: string;
  /** The media type the uploader claimed: a hint, never trusted for images. */
  claimedType: string;
}

export interface ServedMedia {
  bytes: Buffer;
  headers: Record<string, string>;
}

const VIDEO_TYPES = new Set(['video/mp4', 'video/webm', 'video/ogg', 'video/quicktime']);

/** An ASCII file name safe inside a quoted header parameter. */
export function safeFileName(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 120) || 'media';
}

function headers(contentType: string, disposition: 'inline' | 'attachment', fileName: string) {
  return {
    'content-type': contentType,
    'content-disposition': `${disposition}; filename="${safeFileName(fileName)}"`,
    'cache-control': 'private, no-store',
    'x-content-type-options': 'nosniff',
  };
}

async function makeProtected(bytes: Buffer, claimedType: string): Promise<Buffer> {
  if (sniffImageType(bytes)) return protectImage(bytes);
  if (claimedType.startsWith('video/')) return protectImage(await videoPoster(bytes));
  throw new MediaError('image_unsupported', 'no protected preview exists for this kind of file');
}

/**
 * The protected preview, from the cache or made from `read()`'s bytes. Files with no preview (not an
 * image or video) are 415 on `query.variant`; content that does not decode is 422.
 */
export async function protectedMedia(
  media: StoredMedia,
  dataDir: string,
  sealer: Sealer,
  read: () => Promise<Buffer>,
): Promise<ServedMedia> {
  const key = { orgId: media.orgId, sha256: media.sha256, name: `protected-v${PROTECTED_PIPELINE_VERSION}` };
  try {
    const { bytes } = await cachedDerivative(dataDir, key, sealer, async () =>
      makeProtected(await read(), media.claimedType),
    );
    const base = media.fileName.replace(/\.[^.]*$/, '');
    return { bytes, headers: headers(PROTECTED_CONTENT_TYPE, 'inline', `${base}-protected.jpg`) };
  } catch (error) {
    if (!(error instanceof MediaError) || error.code === 'ffmpeg_missing') throw error;
    if (error.code === 'image_unsupported')
      throw new AppError('unsupported_media_type', {
        message: 'This file has no protected preview; only the original can be requested.',
        field: 'query.variant',
      });
    throw new AppError('unprocessable_media', { message: error.message });
  }
}

/** The original bytes with a content type that cannot make the browser run them. */
export function originalMedia(media: StoredMedia, bytes: Buffer): ServedMedia {
  const imageType = sniffImageType(bytes);
  if (imageType) return { bytes, headers: headers(imageType, 'inline', media.fileName) };
  if (VIDEO_TYPES.has(media.claimedType))
    return { bytes, headers: headers(media.claimedType, 'inline', media.fileName) };
  return { bytes, headers: headers('application/octet-stream', 'attachment', media.fileName) };
}

/** Seals derivatives with the organisation's data key, like the originals. */
export function organisationSealer(keyring: Keyring, db: Db, orgId: string): Sealer {
  return {
    seal: (plaintext, context) => keyring.seal(db, orgId, plaintext, context),
    open: (sealed, context) => keyring.open(db, orgId, sealed, context),
  };
}
