/** vPDQ of a video file: probe, decode the sampled frames with ffmpeg, PDQ each at full resolution. */
import { vpdqHashFrame, type VpdqFrame } from '@vigie/hashing';
import { findFfmpeg } from './ffmpeg.ts';
import { probeVideo, videoFrames, type VideoFrameOptions, type VideoInfo } from './video-frames.ts';

export interface VpdqVideoHash {
  readonly info: VideoInfo;
  readonly frames: VpdqFrame[];
}

export async function vpdqHashVideo(file: string, options: VideoFrameOptions = {}): Promise<VpdqVideoHash> {
  const binaries = options.binaries ?? findFfmpeg();
  const info = await probeVideo(file, binaries);
  const frames: VpdqFrame[] = [];
  for await (const frame of videoFrames(file, info, { ...options, binaries })) {
    frames.push(vpdqHashFrame(frame.pixels, frame.frameNumber, info.framesPerSecond));
  }
  return { info, frames };
}
