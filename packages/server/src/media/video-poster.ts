/**
 * One representative frame of a video, as a small PNG, for its protected preview. ffmpeg reads the
 * video from a private temporary file (containers such as MP4 need to seek) that is removed at once.
 * Only local container formats are accepted and only the `file` protocol, so a "video" that is really
 * an HLS or concat playlist can neither reach the network nor pull other local files into the frame.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MediaError } from './errors.ts';
import { findFfmpeg, type FfmpegBinaries } from './ffmpeg.ts';
import { PROTECTED_MAX_SIDE } from './protected-image.ts';
import { runProcess } from './run-process.ts';

const POSTER_TIMEOUT_MS = 60_000;
const CONTAINER_FORMATS = 'mov,mp4,m4a,3gp,3g2,mj2,matroska,webm,avi,ogg,flv,mpegts,mpeg';

/** The PNG of a representative frame among the first ones (ffmpeg's `thumbnail` filter). */
export async function videoPoster(
  bytes: Uint8Array,
  binaries: FfmpegBinaries = findFfmpeg(),
): Promise<Buffer> {
  const dir = await mkdtemp(path.join(tmpdir(), 'vigie-poster-'));
  try {
    const input = path.join(dir, 'input');
    const output = path.join(dir, 'poster.png');
    await writeFile(input, bytes, { mode: 0o600 });
    const fit = `scale=${PROTECTED_MAX_SIDE}:${PROTECTED_MAX_SIDE}:force_original_aspect_ratio=decrease`;
    const result = await runProcess(
      binaries.ffmpeg,
      [
        ...['-hide_banner', '-nostdin', '-loglevel', 'error'],
        ...['-protocol_whitelist', 'file', '-format_whitelist', CONTAINER_FORMATS],
        ...['-i', input, '-an', '-sn', '-vf', `thumbnail=30,${fit}`, '-frames:v', '1'],
        ...['-f', 'image2', '-c:v', 'png', output],
      ],
      POSTER_TIMEOUT_MS,
      'video_timeout',
    );
    const poster = await readFile(output).catch(() => null);
    if (result.code !== 0 || !poster?.length)
      throw new MediaError('video_unreadable', `ffmpeg made no poster frame: ${result.stderr.trim()}`);
    return poster;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
