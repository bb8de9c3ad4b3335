/**
 * The built-in multilingual classifier (packs + trained model from @vigie/classify), loaded once per
 * process on first use: loading reads the language packs, the model and the language-ID model.
 */
import { loadClassifier, type Classifier } from '@vigie/classify';

let loading: Promise<Classifier> | undefined;

export function builtinClassifier(): Promise<Classifier> {
  loading ??= loadClassifier('builtin').catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}
