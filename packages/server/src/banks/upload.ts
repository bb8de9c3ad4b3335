/**
 * Reads a multipart check upload as it streams: at most one file, in a part named `image` or `video`,
 * plus an optional `request` field holding the same JSON as a JSON check. The declared Content-Length
 * is refused before any byte is read when it exceeds the limit, and a chunked body is cut off at the
 * limit, so an oversized upload is never buffered. Images are held in memory (≤ the image limit) for
 * decoding; videos are written to a private temporary file for ffmpeg, hashed on the way, and deleted.
 */
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { finished } from 'node:stream/promises';
import type { FastifyRequest } from 'fastify';
import { pdqHash, type VpdqFrame } from '@vigie/hashing';
import { AppError } from '../errors.ts';
import { decodeImage, MediaError, vpdqHashVideo } from '../media/index.ts';

export interface UploadLimits {
  imageBytes: number;
  videoBytes: number;
}

export const DEFAULT_UPLOAD_LIMITS: UploadLimits = {
  imageBytes: 50 * 1024 * 1024,
  videoBytes: 200 * 1024 * 1024,
};

/** What the server computed from an uploaded file. */
export interface UploadedMedia {
  mediaType: 'image' | 'video';
  md5: string;
  sha256: string;
  pdq?: { hash: string; quality: number };
  vpdq?: VpdqFrame[];
}

export interface CheckUpload {
  /** The `request` field, unparsed. */
  request: string | undefined;
  media: UploadedMedia | undefined;
}

const tooLarge = (kind: string, limit: number) =>
  new AppError('body_too_large', {
    message: `The ${kind} is larger than the ${limit}-byte limit.`,
    field: `body.${kind}`,
  });

/** Multipart overhead allowed on top of the largest file in a declared Content-Length. */
const ENVELOPE_BYTES = 4 * 1024 * 1024;

export async function readCheckUpload(request: FastifyRequest, limits: UploadLimits): Promise<CheckUpload> {
  const declared = Number(request.headers['content-length'] ?? Number.NaN);
  const largest = Math.max(limits.imageBytes, limits.videoBytes);
  if (declared > largest + ENVELOPE_BYTES) {
    throw new AppError('body_too_large', {
      message: `The upload declares ${declared} bytes; the limit is ${largest} bytes per file.`,
      field: 'headers.content-length',
    });
  }
  let requestField: string | undefined;
  let media: UploadedMedia | undefined;
  const parts = request.parts({
    limits: { files: 1, fields: 4, fieldSize: ENVELOPE_BYTES, fileSize: largest, parts: 5 },
  });
  try {
    for await (const part of parts) {
      if (part.type === 'field') {
        if (part.fieldname === 'request') requestField = String(part.value);
        else
          throw new AppError('validation_failed', {
            message: 'Unknown form field.',
            field: `body.${part.fieldname}`,
          });
        continue;
      }
      if (part.fieldname !== 'image' && part.fieldname !== 'video') {
        part.file.resume();
        throw new AppError('validation_failed', {
          message: 'Send the file in a part named image or video.',
          field: `body.${part.fieldname}`,
        });
      }
      media =
        part.fieldname === 'image'
          ? await hashImage(part.file, limits.imageBytes)
          : await hashVideo(part.file, limits.videoBytes);
    }
  } catch (error) {
    if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge('file', largest);
    throw error;
  }
  return { request: requestField, media };
}

async function hashImage(
  stream: AsyncIterable<Buffer> & { truncated?: boolean },
  limit: number,
): Promise<UploadedMedia> {
  const md5 = createHash('md5');
  const sha256 = createHash('sha256');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    size += chunk.length;
    if (size > limit) throw tooLarge('image', limit);
    md5.update(chunk);
    sha256.update(chunk);
    chunks.push(chunk);
  }
  if (stream.truncated) throw tooLarge('image', limit);
  const pixels = await decodeImage(Buffer.concat(chunks)).catch(mediaFailure('image'));
  const { hash, quality } = pdqHash(pixels);
  return { mediaType: 'image', md5: md5.digest('hex'), sha256: sha256.digest('hex'), pdq: { hash, quality } };
}

async function hashVideo(
  stream: AsyncIterable<Buffer> & { truncated?: boolean },
  limit: number,
): Promise<UploadedMedia> {
  const folder = await mkdtemp(path.join(tmpdir(), 'vigie-check-'));
  try {
    const file = path.join(folder, 'upload');
    const out = createWriteStream(file, { mode: 0o600 });
    const md5 = createHash('md5');
    const sha256 = createHash('sha256');
    let size = 0;
    try {
      for await (const chunk of stream) {
        size += chunk.length;
        if (size > limit) throw tooLarge('video', limit);
        md5.update(chunk);
        sha256.update(chunk);
        if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
      }
      if (stream.truncated) throw tooLarge('video', limit);
    } finally {
      out.end();
      await finished(out).catch(() => {});
    }
    const { frames } = await vpdqHashVideo(file).catch(mediaFailure('video'));
    return { mediaType: 'video', md5: md5.digest('hex'), sha256: sha256.digest('hex'), vpdq: frames };
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

/** Undecodable media is the caller's problem (400 with the media error's code), not a server fault. */
function mediaFailure(kind: 'image' | 'video') {
  return (error: unknown): never => {
    if (error instanceof MediaError) {
      throw new AppError('unprocessable_media', {
        message: `${error.code}: ${error.message}`,
        field: `body.${kind}`,
      });
    }
    throw error;
  };
}
