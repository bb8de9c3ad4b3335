/**
 * What a bank value is, per signal type, on the server: the canonical form stored and matched, and the
 * per-bank thresholds. Canonicalisation is shared by entry creation, import and the check API, so a value
 * is compared in exactly one form.
 */
import { canonicalUrl, formatVpdq, normaliseText, parseVpdq } from '@vigie/hashing';
import { normaliseSignal, type Normalised, type SignalType } from '@vigie/matching';
import { z } from 'zod';

export { SIGNAL_TYPES, isSignalType, type SignalType } from '@vigie/matching';

/**
 * The canonical stored form of a value, or why it is invalid:
 * - `url`: @vigie/hashing `canonicalUrl` (tracking parameters, www/m aliases, site rules), so that the
 *   variants platforms see match the listed URL;
 * - `text`: the classifier's evasion-folding `normaliseText` (homoglyphs, leetspeak, spacing);
 * - `vpdq`: parsed and re-written in the upstream `frame,quality,hash,timestamp` line format;
 * - hashes: lower-case hex of the right length (@vigie/matching `normaliseSignal`).
 */
export function canonicalValue(type: SignalType, raw: string): Normalised {
  switch (type) {
    case 'url':
      try {
        return { ok: true, value: canonicalUrl(raw) };
      } catch (error) {
        return { ok: false, reason: (error as Error).message };
      }
    case 'text': {
      const value = normaliseText(raw);
      return value === '' ? { ok: false, reason: 'the text is empty once normalised' } : { ok: true, value };
    }
    case 'vpdq':
      try {
        const frames = parseVpdq(raw);
        if (frames.length === 0) return { ok: false, reason: 'a vPDQ value needs at least one frame line' };
        return { ok: true, value: formatVpdq(frames).trimEnd() };
      } catch (error) {
        return { ok: false, reason: (error as Error).message };
      }
    default:
      return normaliseSignal(type, raw);
  }
}

export const RECOMMENDED_ACTIONS = ['block', 'review', 'log'] as const;
export type RecommendedAction = (typeof RECOMMENDED_ACTIONS)[number];

/**
 * Match thresholds a bank may tighten (or loosen) per signal type. Exact types (md5, sha256, url, text)
 * have none. PDQ is capped at 63 because matches beyond that are noise (the reference uses 31) and
 * because HMA users' main complaint is over-matching.
 */
export const thresholdsSchema = z.strictObject({
  pdq: z.number().int().min(0).max(63).optional(),
  simhash: z.number().int().min(0).max(32).optional(),
  vpdq: z
    .strictObject({
      distance: z.number().int().min(0).max(63).optional(),
      queryMatchPercent: z.number().min(0).max(100).optional(),
      targetMatchPercent: z.number().min(0).max(100).optional(),
    })
    .optional(),
});
export type ThresholdSettings = z.infer<typeof thresholdsSchema>;

export interface Thresholds {
  pdq: number;
  simhash: number;
  vpdq: { distance: number; queryMatchPercent: number; targetMatchPercent: number };
}

/**
 * PDQ 31 and vPDQ 31/80 %/0 % are the ThreatExchange reference values. SimHash 10 of 64 bits: one changed
 * word in an 80-character text moves about 10 bits, while unrelated texts differ by about 32 ± 4
 * (P(d ≤ 10) ≈ 1e-7 for independent hashes).
 */
export const DEFAULT_THRESHOLDS: Thresholds = {
  pdq: 31,
  simhash: 10,
  vpdq: { distance: 31, queryMatchPercent: 80, targetMatchPercent: 0 },
};

export function resolveThresholds(settings: ThresholdSettings): Thresholds {
  return {
    pdq: settings.pdq ?? DEFAULT_THRESHOLDS.pdq,
    simhash: settings.simhash ?? DEFAULT_THRESHOLDS.simhash,
    vpdq: { ...DEFAULT_THRESHOLDS.vpdq, ...settings.vpdq },
  };
}

/** PDQ hashes below this quality are too flat to match reliably; ThreatExchange discards them too. */
export const MIN_PDQ_QUALITY = 50;
