/** Stable, machine-readable reasons a media file could not be decoded or hashed. */
export type MediaErrorCode =
  | 'image_truncated'
  | 'image_malformed'
  | 'image_unsupported'
  | 'image_too_large'
  | 'image_timeout'
  | 'video_unreadable'
  | 'video_timeout'
  | 'video_too_large'
  | 'ffmpeg_missing'
  | 'file_unreadable';

export class MediaError extends Error {
  readonly code: MediaErrorCode;
  constructor(code: MediaErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'MediaError';
    this.code = code;
  }
}
