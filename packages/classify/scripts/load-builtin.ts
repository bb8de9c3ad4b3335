/** Script helpers around the shipped classifier (see src/builtin.ts). */
import { BUILTIN_MODEL_FILE, BUILTIN_THRESHOLDS_FILE, MODELS_DIR, loadClassifier } from '../src/builtin.ts';
import type { Classifier } from '../src/classifier.ts';

export { MODELS_DIR };
export const BUILTIN_MODEL = BUILTIN_MODEL_FILE;
export const THRESHOLDS_FILE = BUILTIN_THRESHOLDS_FILE;

export function loadShipped(options: { model?: boolean; thresholds?: boolean } = {}): Promise<Classifier> {
  return loadClassifier(
    options.model === false ? 'none' : 'builtin',
    options.thresholds === false ? { thresholds: {} } : {},
  );
}
