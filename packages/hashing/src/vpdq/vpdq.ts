/**
 * vPDQ (facebook/ThreatExchange vpdq): one PDQ hash per sampled video frame, at full frame resolution, plus the
 * upstream text format and video-to-video matching.
 */
import { pdqHexToWords, wordsDistance } from '../pdq/hash256.ts';
import { pdqHash } from '../pdq/pdq.ts';
import type { Pixels } from '../pdq/pixels.ts';

export interface VpdqFrame {
  /** 0-based index of the frame in decoder output order. */
  readonly frameNumber: number;
  readonly quality: number;
  readonly hash: string;
  /** Seconds: frameNumber / frame rate, as float32 (upstream). */
  readonly timestamp: number;
}

export class VpdqFormatError extends Error {
  readonly code = 'vpdq_format';
}

/**
 * Which frames upstream hashes: every `frameMod`-th decoded frame, frameMod = int(secondsPerHash * fps), at least 1.
 * `secondsPerHash` 0 means every frame (upstream `-r 0`).
 */
export function vpdqFrameInterval(framesPerSecond: number, secondsPerHash: number): number {
  if (!(framesPerSecond > 0) || !(secondsPerHash >= 0))
    throw new RangeError('frame rate must be > 0 and seconds per hash >= 0');
  return Math.max(1, Math.trunc(secondsPerHash * framesPerSecond));
}

/** PDQ of one decoded RGB frame, at full resolution (no 512 resize), with its timestamp. */
export function vpdqHashFrame(pixels: Pixels, frameNumber: number, framesPerSecond: number): VpdqFrame {
  const { hash, quality } = pdqHash(pixels);
  return { frameNumber, quality, hash, timestamp: Math.fround(frameNumber / framesPerSecond) };
}

/** Upstream text format: one `frameNumber,quality,pdqHex,timestamp` line per frame, timestamp with 3 decimals. */
export function formatVpdq(frames: readonly VpdqFrame[]): string {
  return frames.map((f) => `${f.frameNumber},${f.quality},${f.hash},${f.timestamp.toFixed(3)}\n`).join('');
}

const LINE = /^(\d+),(\d+),([0-9a-f]{64}),(\d+(?:\.\d+)?)$/;

export function parseVpdq(text: string): VpdqFrame[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0)
    .map((line, index) => {
      const match = LINE.exec(line);
      if (!match)
        throw new VpdqFormatError(`line ${index + 1} is not "frameNumber,quality,pdqHex,timestamp": ${line}`);
      const quality = Number(match[2]);
      if (quality > 100) throw new VpdqFormatError(`line ${index + 1}: quality ${quality} is above 100`);
      return { frameNumber: Number(match[1]), quality, hash: match[3]!, timestamp: Number(match[4]) };
    });
}

export interface VpdqMatchOptions {
  /** A frame matches when its PDQ distance is <= this (py-tx/HMA; upstream C++ uses strict <). Default 31. */
  readonly distance?: number;
  /** Frames below this quality are ignored. Default 50. */
  readonly minQuality?: number;
  /** Share of (unique, good) query frames that must match, in percent. Default 80. */
  readonly queryMatchPercent?: number;
  /** Share of (unique, good) target frames that must match, in percent. Default 0. */
  readonly targetMatchPercent?: number;
}

export interface VpdqMatch {
  readonly queryMatchPercent: number;
  readonly targetMatchPercent: number;
  readonly isMatch: boolean;
}

/** Quality filter then exact-duplicate removal, as python-threatexchange does before matching. */
function uniqueGoodHashes(frames: readonly VpdqFrame[], minQuality: number): string[] {
  return [...new Set(frames.filter((f) => f.quality >= minQuality).map((f) => f.hash))];
}

function matchedShare(
  from: readonly Uint32Array[],
  against: readonly Uint32Array[],
  distance: number,
): number {
  if (from.length === 0) return 0;
  const matched = from.filter((a) => against.some((b) => wordsDistance(a, b) <= distance)).length;
  return (matched * 100) / from.length;
}

/**
 * The upstream rule: with Q and T the unique good frame hashes of query and target, q% is the share of Q within
 * `distance` of some frame of T, t% the share of T within `distance` of some frame of Q; a match needs both
 * percentages at or above their thresholds. Videos with no good frames never match.
 */
export function matchVpdq(
  query: readonly VpdqFrame[],
  target: readonly VpdqFrame[],
  options: VpdqMatchOptions = {},
): VpdqMatch {
  const distance = options.distance ?? 31;
  const minQuality = options.minQuality ?? 50;
  const q = uniqueGoodHashes(query, minQuality).map(pdqHexToWords);
  const t = uniqueGoodHashes(target, minQuality).map(pdqHexToWords);
  const queryMatchPercent = matchedShare(q, t, distance);
  const targetMatchPercent = matchedShare(t, q, distance);
  const isMatch =
    q.length > 0 &&
    t.length > 0 &&
    queryMatchPercent >= (options.queryMatchPercent ?? 80) &&
    targetMatchPercent >= (options.targetMatchPercent ?? 0);
  return { queryMatchPercent, targetMatchPercent, isMatch };
}
