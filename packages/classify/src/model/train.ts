import { extractFeatures, type FeatureSpace } from './features.ts';
import type { SignalVector } from '../signals.ts';

/** One training example after language-pack analysis. */
export interface AnalysedExample {
  /** The text as the model reads it (`Analysis.modelText`). */
  modelText: string;
  lang: string;
  signals: SignalVector;
  /** Pack log-odds: the fixed offset the model corrects. */
  offset: number;
  label: 0 | 1;
  /** Importance weight (class balancing per source). */
  weight: number;
  /** Dataset name; adds a training-only bias feature. */
  source?: string;
}

export interface TrainOptions {
  bits: number;
  signalCorrections: boolean;
  epochs: number;
  learningRate: number;
  l2: number;
  seed: number;
  /** Start from these weights (fine-tuning an organisation model); otherwise zeros. */
  initial?: Float32Array;
  /** AdaGrad accumulator start value. Fine-tuning uses 1 so the first steps on a few examples stay small
   * (with 0, AdaGrad's first step moves every feature by the full learning rate and overfits). */
  initialGradSq?: number;
}

/** Small fast deterministic PRNG (mulberry32), so training is reproducible. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffleInPlace<T>(items: T[], random: () => number): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
}

/** Weights that balance classes within each source: each source's positives and negatives weigh half. */
export function balanceWeights(examples: AnalysedExample[]): void {
  const counts = new Map<string, [number, number]>();
  for (const e of examples) {
    const key = e.source ?? '';
    const c = counts.get(key) ?? [0, 0];
    c[e.label]++;
    counts.set(key, c);
  }
  for (const e of examples) {
    const c = counts.get(e.source ?? '') as [number, number];
    const total = c[0] + c[1];
    e.weight = c[e.label] > 0 ? total / (2 * c[e.label]) : 1;
  }
}

/**
 * Logistic regression with the pack logit as offset, trained by AdaGrad SGD over hashed features.
 * Features are extracted once; epochs reshuffle with the seeded PRNG.
 */
export function trainLinear(examples: AnalysedExample[], options: TrainOptions): Float32Array {
  const space: FeatureSpace = { bits: options.bits, signalCorrections: options.signalCorrections };
  const size = 1 << options.bits;
  const weights = options.initial ? Float32Array.from(options.initial) : new Float32Array(size);
  const gradSq = new Float32Array(size).fill(options.initialGradSq ?? 0);
  const rows = examples.map((e) => {
    const out = { index: [] as number[], value: [] as number[] };
    extractFeatures(space, e.modelText, e.lang, e.signals, out, e.source);
    return { index: Int32Array.from(out.index), value: Float32Array.from(out.value), e };
  });
  const random = seededRandom(options.seed);
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    shuffleInPlace(rows, random);
    for (const { index, value, e } of rows) {
      let z = e.offset;
      for (let k = 0; k < index.length; k++)
        z += (weights[index[k] as number] as number) * (value[k] as number);
      const p = 1 / (1 + Math.exp(-z));
      const g = (p - e.label) * e.weight;
      for (let k = 0; k < index.length; k++) {
        const i = index[k] as number;
        const w = weights[i] as number;
        const grad = g * (value[k] as number) + options.l2 * w;
        gradSq[i] = (gradSq[i] as number) + grad * grad;
        weights[i] = w - (options.learningRate * grad) / Math.sqrt((gradSq[i] as number) + 1e-8);
      }
    }
  }
  return weights;
}
