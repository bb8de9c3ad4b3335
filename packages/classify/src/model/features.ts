import { SIGNAL_FEATURES, type SignalVector } from '../signals.ts';

/**
 * Hashed text features: word unigrams and bigrams, and character 3- and 4-grams inside words (robust to
 * spelling evasion that the normaliser cannot fold). Chinese, Japanese and Thai have no spaces, so for
 * text in those scripts character 1-3-grams stand in for words. Each feature is an index into a weight
 * table of size 2^bits; the last slots are reserved for the language-pack signals and the bias.
 */
export interface FeatureSpace {
  bits: number;
  /** Also learn corrections to the pack-signal weights and the bias (shared by all languages). */
  signalCorrections: boolean;
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const SEP = 0x1f;

function hashRange(text: string, start: number, end: number, seed: number): number {
  let h = (FNV_OFFSET ^ seed) >>> 0;
  for (let i = start; i < end; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, FNV_PRIME);
  }
  return h >>> 0;
}

const SEED_WORD = 1;
const SEED_BIGRAM = 2;
const SEED_CHAR = 3;
const SEED_SOURCE = 4;
const SEED_LANG = 5;

/** Reserved slots at the end of the table: one per signal feature plus the bias. */
export function reservedSlots(): number {
  return SIGNAL_FEATURES.length + 1;
}

export function biasIndex(space: FeatureSpace): number {
  return (1 << space.bits) - 1;
}

function signalIndex(space: FeatureSpace, i: number): number {
  return (1 << space.bits) - 2 - i;
}

const CJK_OR_THAI = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}]/u;

/**
 * Appends feature indices and values for `modelText` (`Analysis.modelText`: the normalised text with
 * identity terms masked) to `out`. `source`, used only in training, adds a per-dataset bias so each
 * source's base rate does not leak into shared weights.
 * A per-language bias lets fine-tuning on a new language shift its base rate without bending n-gram weights.
 */
export function extractFeatures(
  space: FeatureSpace,
  modelText: string,
  lang: string,
  signals: SignalVector,
  out: { index: number[]; value: number[] },
  source?: string,
): void {
  const hashSlots = (1 << space.bits) - reservedSlots();
  const add = (h: number, v = 1) => {
    out.index.push(h % hashSlots);
    out.value.push(v);
  };
  const text = modelText;
  if (CJK_OR_THAI.test(text)) {
    const compact = text.replaceAll(' ', '');
    for (let n = 1; n <= 3; n++) {
      for (let i = 0; i + n <= compact.length; i++) add(hashRange(compact, i, i + n, SEED_CHAR + n));
    }
  } else {
    let prevStart = -1;
    let prevEnd = -1;
    let start = 0;
    for (let i = 0; i <= text.length; i++) {
      if (i < text.length && text.charCodeAt(i) !== 32) continue;
      if (i > start) {
        add(hashRange(text, start, i, SEED_WORD));
        if (prevStart >= 0)
          add(
            (hashRange(text, prevStart, prevEnd, SEED_BIGRAM) ^
              hashRange(text, start, i, SEED_BIGRAM + SEP)) >>>
              0,
          );
        // Character n-grams with word-boundary padding implied by including the neighbouring space.
        const from = Math.max(0, start - 1);
        const to = Math.min(text.length, i + 1);
        for (let n = 3; n <= 4; n++) {
          for (let j = from; j + n <= to; j++) add(hashRange(text, j, j + n, SEED_CHAR + n), 0.5);
        }
        prevStart = start;
        prevEnd = i;
      }
      start = i + 1;
    }
  }
  if (space.signalCorrections) {
    SIGNAL_FEATURES.forEach((f, i) => {
      if (signals[f] !== 0) {
        out.index.push(signalIndex(space, i));
        out.value.push(signals[f]);
      }
    });
    out.index.push(biasIndex(space));
    out.value.push(1);
  }
  add(hashRange(lang, 0, lang.length, SEED_LANG));
  if (source !== undefined) add(hashRange(source, 0, source.length, SEED_SOURCE));
}
