export { createClassifier, MAX_TEXT_CHARS } from './classifier.ts';
export type {
  Analysis,
  ClassifyOptions,
  ClassifyResult,
  Classifier,
  ClassifierOptions,
  Label,
  Signal,
} from './classifier.ts';
export { ClassifyError, type ClassifyErrorCode } from './errors.ts';
export { detectScript, type Script, type ScriptProfile } from './lang/script.ts';
export { PACK_SCHEMA, TERM_CATEGORIES, validatePack, PackError } from './packs/schema.ts';
export type { LanguagePack, SlurEntry, Reviewer, TermCategory } from './packs/schema.ts';
export { BUILTIN_PACK_DIR, exportPack, loadPackDir, loadPackFile } from './packs/load.ts';
export { LinearModel, type ModelHeader, type TextModel } from './model/linear.ts';
export { BUILTIN_MODEL_FILE, loadBuiltinModel, loadBuiltinThresholds, loadClassifier } from './builtin.ts';
export {
  parseLabelledExample,
  retrainOrganisationModel,
  type LabelledExample,
  type RetrainOptions,
} from './retrain.ts';
export {
  loadLocalTransformer,
  type LocalTransformer,
  type TransformerPrediction,
} from './model/transformers.ts';
