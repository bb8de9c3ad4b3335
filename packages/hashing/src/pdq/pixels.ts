/**
 * Decoded 8-bit pixels, as the PDQ reference sees them: interleaved RGB (3 channels) or grey (1 channel),
 * row-major, no padding. Alpha must already be dropped (not composited): see the decoding adapter.
 */
export interface Pixels {
  readonly width: number;
  readonly height: number;
  readonly channels: 1 | 3;
  readonly data: Uint8Array;
}

/** Thrown for a pixel buffer whose size does not match its declared shape. */
export class PixelsShapeError extends Error {
  readonly code = 'pixels_shape';
}

export function assertPixelsShape(pixels: Pixels): void {
  const { width, height, channels, data } = pixels;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 0 || height < 0) {
    throw new PixelsShapeError(`invalid dimensions ${width}x${height}`);
  }
  if (channels !== 1 && channels !== 3)
    throw new PixelsShapeError(`unsupported channel count ${String(channels)}`);
  if (data.length !== width * height * channels) {
    throw new PixelsShapeError(
      `expected ${width * height * channels} bytes for ${width}x${height}x${channels}, got ${data.length}`,
    );
  }
}
