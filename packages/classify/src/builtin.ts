/** The classifier as shipped: starter packs, built-in model and its per-language thresholds. */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createClassifier, type Classifier, type ClassifierOptions } from './classifier.ts';
import { LinearModel } from './model/linear.ts';

export const MODELS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../models');
export const BUILTIN_MODEL_FILE = path.join(MODELS_DIR, 'builtin.vlm');
export const BUILTIN_THRESHOLDS_FILE = path.join(MODELS_DIR, 'thresholds.json');

export function loadBuiltinThresholds(): Record<string, number> {
  return existsSync(BUILTIN_THRESHOLDS_FILE)
    ? (JSON.parse(readFileSync(BUILTIN_THRESHOLDS_FILE, 'utf8')) as Record<string, number>)
    : {};
}

export function loadBuiltinModel(): LinearModel {
  return LinearModel.load(BUILTIN_MODEL_FILE);
}

/**
 * `model`: `builtin` (default), a path to a model file written by `vigie classify retrain`, or `none` for
 * language packs only. A model file's own thresholds win over the built-in ones for its languages.
 */
export async function loadClassifier(
  model: 'builtin' | 'none' | string = 'builtin',
  options: Omit<ClassifierOptions, 'model'> = {},
): Promise<Classifier> {
  const loaded = model === 'none' ? null : model === 'builtin' ? loadBuiltinModel() : LinearModel.load(model);
  const thresholds = {
    ...loadBuiltinThresholds(),
    ...(loaded?.header.thresholds ?? {}),
    ...(options.thresholds ?? {}),
  };
  return createClassifier({ ...options, model: loaded, thresholds });
}
