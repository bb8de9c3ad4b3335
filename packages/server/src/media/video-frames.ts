/**
 * Video frames for vPDQ, decoded by an ffmpeg child process and read as raw RGB24 over a pipe (never written to
 * disk). Chosen to be as close as the ffmpeg CLI allows to upstream vPDQ's libav reader: frames in decoder output
 * order with no rate conversion (`-vsync 0`), no display-matrix rotation (`-noautorotate`), YUV to RGB by swscale
 * with SWS_AREA (`-sws_flags area`), full frame size. Sampling happens inside ffmpeg (`select`), so unsampled
 * frames never cross the pipe.
 */
import { spawn } from 'node:child_process';
import { PassThrough } from 'node:stream';
import type { Pixels } from '@vigie/hashing';
import { vpdqFrameInterval } from '@vigie/hashing';
import { MediaError } from './errors.ts';
import { findFfmpeg, type FfmpegBinaries } from './ffmpeg.ts';
import { runProcess } from './run-process.ts';

export interface VideoInfo {
  readonly width: number;
  readonly height: number;
  /** avg_frame_rate, or r_frame_rate when that is 0 (upstream's rule). */
  readonly framesPerSecond: number;
}

export interface VideoFrameOptions {
  /** Seconds between hashed frames; 0 = every frame. Default 1 (python-threatexchange's default). */
  readonly secondsPerHash?: number;
  /** Kill ffmpeg and fail after this long. Default 10 minutes. */
  readonly timeoutMs?: number;
  /** Scale every frame to frameSize x frameSize (aspect ignored, SWS_AREA) before hashing: upstream `-s N`. */
  readonly frameSize?: number;
  /** Refuse videos whose frames have more pixels than this. Default 100 megapixels. */
  readonly maxPixels?: number;
  readonly binaries?: FfmpegBinaries;
}

export interface VideoFrame {
  readonly frameNumber: number;
  readonly pixels: Pixels;
}

const PROBE_TIMEOUT_MS = 30_000;
const READ_AHEAD_FRAMES = 4;

function parseRate(rate: string | undefined): number {
  const [num, den] = (rate ?? '0/1').split('/').map(Number);
  return num && den ? num / den : 0;
}

/** The "29.97 fps" style figures ffmpeg prints are rounded: map the usual NTSC ones back to their exact rationals. */
function parsePrintedRate(text: string): number {
  const ntsc: Record<string, number> = {
    '23.98': 24000 / 1001,
    '29.97': 30000 / 1001,
    '59.94': 60000 / 1001,
  };
  return ntsc[text] ?? Number(text);
}

export async function probeVideo(file: string, binaries: FfmpegBinaries = findFfmpeg()): Promise<VideoInfo> {
  let info: VideoInfo | undefined;
  if (binaries.ffprobe) {
    const args = [
      '-v',
      'error',
      '-select_streams',
      'v:0',
      '-show_entries',
      'stream=width,height,avg_frame_rate,r_frame_rate',
      '-of',
      'json',
      file,
    ];
    const result = await runProcess(binaries.ffprobe, args, PROBE_TIMEOUT_MS, 'video_timeout');
    const stream = (JSON.parse(result.stdout || '{}') as { streams?: Record<string, string | number>[] })
      .streams?.[0];
    if (stream) {
      const avg = parseRate(String(stream.avg_frame_rate));
      info = {
        width: Number(stream.width),
        height: Number(stream.height),
        framesPerSecond: avg || parseRate(String(stream.r_frame_rate)),
      };
    }
  } else {
    // No ffprobe: `ffmpeg -i FILE` prints the stream line, e.g. "Video: h264 ..., 480x720, 827 kb/s, 30 fps, 30 tbr".
    const result = await runProcess(
      binaries.ffmpeg,
      ['-hide_banner', '-nostdin', '-i', file],
      PROBE_TIMEOUT_MS,
      'video_timeout',
    );
    const line = result.stderr.split('\n').find((l) => /Stream #.*Video:/.test(l));
    const size = line && /, (\d+)x(\d+)/.exec(line);
    const fps = line && /, ([\d.]+) (?:fps|tbr)/.exec(line);
    if (size && fps)
      info = { width: Number(size[1]), height: Number(size[2]), framesPerSecond: parsePrintedRate(fps[1]!) };
  }
  if (!info || !(info.width > 0) || !(info.height > 0) || !(info.framesPerSecond > 0)) {
    throw new MediaError('video_unreadable', `no decodable video stream in ${file}`);
  }
  return info;
}

/** Decodes the sampled frames of a video. Stop iterating early and ffmpeg is killed. Throws `MediaError`. */
export async function* videoFrames(
  file: string,
  info: VideoInfo,
  options: VideoFrameOptions = {},
): AsyncGenerator<VideoFrame> {
  const binaries = options.binaries ?? findFfmpeg();
  const maxPixels = options.maxPixels ?? 100_000_000;
  if (info.width * info.height > maxPixels) {
    throw new MediaError('video_too_large', `${info.width}x${info.height} frames exceed ${maxPixels} pixels`);
  }
  const interval = vpdqFrameInterval(info.framesPerSecond, options.secondsPerHash ?? 1);
  const size = options.frameSize;
  if (size !== undefined && !(Number.isInteger(size) && size > 0))
    throw new RangeError('frameSize must be a positive integer');
  const width = size ?? info.width;
  const height = size ?? info.height;
  const filters = [
    ...(interval > 1 ? [`select=not(mod(n\\,${interval}))`] : []),
    ...(size ? [`scale=${size}:${size}:flags=area`] : []),
  ];
  const args = [
    '-hide_banner',
    '-loglevel',
    'error',
    '-nostdin',
    '-noautorotate',
    '-i',
    file,
    '-map',
    '0:v:0',
    '-an',
    '-sn',
    '-dn',
    ...(filters.length > 0 ? ['-vf', filters.join(',')] : []),
    '-vsync',
    '0',
    '-sws_flags',
    'area',
    '-pix_fmt',
    'rgb24',
    '-f',
    'rawvideo',
    'pipe:1',
  ];
  const child = spawn(binaries.ffmpeg, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    if (stderr.length < 65536) stderr += chunk.toString('utf8');
  });
  let failure: MediaError | undefined;
  const exited = new Promise<number | null>((resolve) => {
    child.on('error', (error) => {
      failure ??= new MediaError('ffmpeg_missing', `cannot run ${binaries.ffmpeg}: ${error.message}`, {
        cause: error,
      });
      resolve(null);
    });
    child.on('close', (code) => resolve(code));
  });
  const timeoutMs = options.timeoutMs ?? 600_000;
  const timer = setTimeout(() => {
    failure ??= new MediaError('video_timeout', `decoding ${file} took longer than ${timeoutMs} ms`);
    child.kill('SIGKILL');
  }, timeoutMs);

  const frameBytes = width * height * 3;
  let frame = new Uint8Array(frameBytes);
  let filled = 0;
  let index = 0;
  try {
    // Let ffmpeg decode up to READ_AHEAD_FRAMES frames ahead while the caller hashes (a pipe alone holds 64 KiB).
    const readAhead = child.stdout.pipe(new PassThrough({ highWaterMark: frameBytes * READ_AHEAD_FRAMES }));
    for await (const chunk of readAhead as AsyncIterable<Buffer>) {
      let offset = 0;
      while (offset < chunk.length) {
        const take = Math.min(frameBytes - filled, chunk.length - offset);
        frame.set(chunk.subarray(offset, offset + take), filled);
        filled += take;
        offset += take;
        if (filled === frameBytes) {
          yield {
            frameNumber: index++ * interval,
            pixels: { width, height, channels: 3, data: frame },
          };
          frame = new Uint8Array(frameBytes);
          filled = 0;
        }
      }
    }
    const code = await exited;
    if (failure) throw failure;
    if (code !== 0)
      throw new MediaError('video_unreadable', `ffmpeg failed on ${file} (exit ${code}): ${stderr.trim()}`);
    if (filled !== 0)
      throw new MediaError('video_unreadable', `ffmpeg output for ${file} ended inside a frame`);
    if (index === 0)
      throw new MediaError('video_unreadable', `no frames decoded from ${file}: ${stderr.trim()}`);
  } finally {
    clearTimeout(timer);
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
}
