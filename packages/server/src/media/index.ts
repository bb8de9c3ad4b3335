// Media adapters (Node side, with I/O): decoding images and videos for hashing, streaming exact hashes.
// Free of database and HTTP code so that the CLI and any server module can use them.
export { MediaError, type MediaErrorCode } from './errors.ts';
export { decodeImage, DEFAULT_MAX_PIXELS, type DecodeImageOptions } from './decode-image.ts';
export { findFfmpeg, type FfmpegBinaries } from './ffmpeg.ts';
export {
  probeVideo,
  videoFrames,
  type VideoInfo,
  type VideoFrame,
  type VideoFrameOptions,
} from './video-frames.ts';
export { vpdqHashVideo, type VpdqVideoHash } from './hash-video.ts';
export { hashFile, hashStream, type ExactHashAlgorithm } from './file-hash.ts';
