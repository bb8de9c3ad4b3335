/**
 * Optional local transformer models: an ONNX text-classification model in a local folder (config.json,
 * tokenizer.json, tokenizer_config.json, onnx/model.onnx), run through @huggingface/transformers on the CPU
 * with remote loading disabled. The package is not a dependency (it is ~474 MB); when it is missing this
 * fails with `OPTIONAL_DEPENDENCY_MISSING`.
 *
 * Labels: the model's own labels (config.json `id2label`) are mapped onto hateful / non-hateful by name, see
 * `isHatefulLabel`. `score` is the probability of hateful: the sum of the softmax probabilities of the
 * hateful labels (or, for a `multi_label_classification` model, the highest sigmoid among them).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { MAX_TEXT_CHARS, type Label } from '../classifier.ts';
import { ClassifyError } from '../errors.ts';

export interface TransformerPrediction {
  /** `hateful` when `score` reaches `threshold`. */
  label: Label;
  /** Probability that the text is hateful, in [0, 1]. */
  score: number;
  /** The model's own most probable label (from config.json `id2label`) and its probability. */
  modelLabel: string;
  modelScore: number;
  /** The text was cut to `MAX_TEXT_CHARS` characters or to the model's maximum number of tokens. */
  truncated: boolean;
}

export interface LocalTransformer {
  /** The model folder's name. */
  readonly name: string;
  /** The model's labels, in logit order. */
  readonly labels: readonly string[];
  /** Which of `labels` count as hateful. */
  readonly hatefulLabels: readonly string[];
  /** Longest input in tokens (special tokens included); longer inputs are truncated. */
  readonly maxTokens: number;
  readonly threshold: number;
  classify(text: string): Promise<TransformerPrediction>;
  /** Releases the ONNX Runtime session. */
  dispose(): Promise<void>;
}

/** Above this probability of hateful the label is `hateful`. */
export const TRANSFORMER_THRESHOLD = 0.5;
/** Token limit when neither tokenizer_config.json nor config.json gives one (BERT's). */
const DEFAULT_MAX_TOKENS = 512;
/** Hugging Face writes 1e30 as `model_max_length` when it does not know it. */
const UNKNOWN_LENGTH = 1_000_000;

/** Label names (lower case, spaces and hyphens as `_`) that count as hateful. */
const HATEFUL_LABELS = new Set([
  'hateful',
  'hate',
  'hate_speech',
  'hatespeech',
  'toxic',
  'toxicity',
  'identity_hate',
]);

/**
 * Whether a model label counts as hateful: `hateful`, `hate`, `hate speech`/`hate_speech`/`hatespeech`,
 * `toxic`, `toxicity` or `identity_hate` (any case), and `LABEL_1` when the model has exactly two labels (the
 * Hugging Face default names for a binary classifier whose positive class is 1). Everything else (`non-hateful`,
 * `not_hate`, `offensive`, `insult`, `LABEL_0`...) counts as non-hateful.
 */
export function isHatefulLabel(label: string, labelCount: number): boolean {
  const name = label
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/gu, '_');
  return HATEFUL_LABELS.has(name) || (labelCount === 2 && name === 'label_1');
}

interface Tensor {
  data: ArrayLike<number>;
  dims: number[];
}
interface Tokenizer {
  (text: string, options: Record<string, unknown>): Record<string, unknown>;
  encode(text: string): number[];
  readonly model_max_length: number;
}
interface ClassificationPipeline {
  tokenizer: Tokenizer;
  model: ((inputs: Record<string, unknown>) => Promise<{ logits?: Tensor }>) & {
    config: { problem_type?: string };
  };
  dispose(): Promise<void>;
}
interface TransformersModule {
  env: { allowRemoteModels: boolean; allowLocalModels: boolean; useFSCache: boolean };
  pipeline(task: string, model: string, options: Record<string, unknown>): Promise<ClassificationPipeline>;
}

// A variable specifier keeps TypeScript and bundlers from requiring the optional package at build time.
const OPTIONAL_PACKAGE = '@huggingface/transformers';
export const INSTALL_HINT = `ONNXRUNTIME_NODE_INSTALL=skip npm i --no-save ${OPTIONAL_PACKAGE}@4.3.1`;

interface ModelConfig {
  id2label?: Record<string, string>;
  num_labels?: number;
  max_position_embeddings?: number;
  problem_type?: string;
}

/** Reads and checks the folder before the (slow) package import, so a wrong path fails fast and clearly. */
function readConfig(dir: string): ModelConfig {
  if (!existsSync(dir) || !statSync(dir).isDirectory())
    throw new ClassifyError('MODEL_NOT_FOUND', `no transformer model folder at ${dir}`);
  // transformers.js 4.3.1 loads a folder without tokenizer_config.json, then fails on first use.
  for (const file of [
    'config.json',
    'tokenizer.json',
    'tokenizer_config.json',
    path.join('onnx', 'model.onnx'),
  ]) {
    if (!existsSync(path.join(dir, file)))
      throw new ClassifyError('MODEL_NOT_FOUND', `the transformer model folder ${dir} has no ${file}`);
  }
  let config: unknown;
  try {
    config = JSON.parse(readFileSync(path.join(dir, 'config.json'), 'utf8'));
  } catch (error) {
    throw new ClassifyError(
      'INVALID_MODEL',
      `${dir}/config.json is not valid JSON: ${(error as Error).message}`,
    );
  }
  if (typeof config !== 'object' || config === null || Array.isArray(config))
    throw new ClassifyError('INVALID_MODEL', `${dir}/config.json must hold a JSON object`);
  return config as ModelConfig;
}

function labelsOf(config: ModelConfig, dir: string): string[] {
  if (config.id2label === undefined) {
    const count = Number.isInteger(config.num_labels) && config.num_labels! > 0 ? config.num_labels! : 2;
    return Array.from({ length: count }, (_, i) => `LABEL_${i}`);
  }
  if (typeof config.id2label !== 'object' || config.id2label === null || Array.isArray(config.id2label))
    throw new ClassifyError('INVALID_MODEL', `${dir}/config.json: id2label must be an object`);
  const entries = Object.entries(config.id2label);
  const labels = entries.map((_, i) => config.id2label![String(i)]);
  if (entries.length === 0 || labels.some((l) => typeof l !== 'string'))
    throw new ClassifyError('INVALID_MODEL', `${dir}/config.json: id2label must map 0..n-1 to label names`);
  return labels as string[];
}

function finiteLimit(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 && value < UNKNOWN_LENGTH
    ? value
    : undefined;
}

/** Cuts at `MAX_TEXT_CHARS` without splitting a surrogate pair. */
function cutText(text: string): { text: string; cut: boolean } {
  if (text.length <= MAX_TEXT_CHARS) return { text, cut: false };
  let end = MAX_TEXT_CHARS;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return { text: text.slice(0, end), cut: true };
}

function probabilities(logits: ArrayLike<number>, multiLabel: boolean): number[] {
  const values = Array.from(logits);
  if (multiLabel) return values.map((z) => 1 / (1 + Math.exp(-z)));
  const top = Math.max(...values);
  const exps = values.map((z) => Math.exp(z - top));
  const sum = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / sum);
}

/**
 * Loads the ONNX text-classification model in `modelDir`. Errors (`ClassifyError`): `MODEL_NOT_FOUND` (no
 * folder, or no config.json / tokenizer.json / tokenizer_config.json / onnx/model.onnx in it), `INVALID_MODEL` (a file the runtime
 * cannot read, or no label that counts as hateful), `OPTIONAL_DEPENDENCY_MISSING` (package not installed).
 * Nothing is ever downloaded: remote models are disabled and only local files are read.
 */
export async function loadLocalTransformer(modelDir: string): Promise<LocalTransformer> {
  const dir = path.resolve(modelDir);
  const config = readConfig(dir);
  const labels = labelsOf(config, dir);
  const hatefulIndices = labels.flatMap((l, i) => (isHatefulLabel(l, labels.length) ? [i] : []));
  if (hatefulIndices.length === 0)
    throw new ClassifyError(
      'INVALID_MODEL',
      `none of the labels of ${dir} (${labels.join(', ')}) counts as hateful; name one hateful, hate, hate_speech, toxic or identity_hate (or use LABEL_0/LABEL_1 for a binary model) in config.json id2label`,
    );

  let transformers: TransformersModule;
  try {
    transformers = (await import(OPTIONAL_PACKAGE)) as TransformersModule;
  } catch {
    throw new ClassifyError(
      'OPTIONAL_DEPENDENCY_MISSING',
      `${OPTIONAL_PACKAGE} is not installed; install it with ${INSTALL_HINT} to use local transformer models`,
    );
  }
  transformers.env.allowRemoteModels = false;
  transformers.env.allowLocalModels = true;
  // Read the folder's own files, never a cached copy of another model.
  transformers.env.useFSCache = false;

  let pipe: ClassificationPipeline;
  try {
    // An absolute path is never a valid Hub model id, so the library reads `${dir}/<file>` as it is.
    pipe = await transformers.pipeline('text-classification', dir, {
      dtype: 'fp32',
      device: 'cpu',
      local_files_only: true,
    });
  } catch (error) {
    const message = (error as Error).message;
    const missing = (error as Error).name === 'ModelFileNotFoundError' || /not found locally/u.test(message);
    throw new ClassifyError(
      missing ? 'MODEL_NOT_FOUND' : 'INVALID_MODEL',
      `cannot load the transformer model in ${dir}: ${message}`,
    );
  }

  // The tokenizer's model_max_length, else config.json's max_position_embeddings, else 512.
  let tokenizerLimit: unknown;
  try {
    tokenizerLimit = pipe.tokenizer.model_max_length;
  } catch {
    tokenizerLimit = undefined;
  }
  const limits = [finiteLimit(tokenizerLimit), finiteLimit(config.max_position_embeddings)];
  const known = limits.filter((l): l is number => l !== undefined);
  const maxTokens = known.length > 0 ? Math.min(...known) : DEFAULT_MAX_TOKENS;
  const multiLabel = (config.problem_type ?? pipe.model.config.problem_type) === 'multi_label_classification';

  return {
    name: path.basename(dir),
    labels,
    hatefulLabels: hatefulIndices.map((i) => labels[i]!),
    maxTokens,
    threshold: TRANSFORMER_THRESHOLD,
    async classify(input) {
      if (typeof input !== 'string') throw new ClassifyError('INVALID_INPUT', 'text must be a string');
      const { text, cut } = cutText(input);
      let tooLong: boolean;
      let logits: Tensor | undefined;
      try {
        tooLong = pipe.tokenizer.encode(text).length > maxTokens;
        const inputs = pipe.tokenizer(text, { truncation: true, max_length: maxTokens });
        ({ logits } = await pipe.model(inputs));
      } catch (error) {
        throw new ClassifyError('INVALID_MODEL', `the transformer model failed: ${(error as Error).message}`);
      }
      if (!logits || logits.data.length !== labels.length)
        throw new ClassifyError(
          'INVALID_MODEL',
          `the transformer model returned ${logits?.data.length ?? 0} logits for ${labels.length} labels`,
        );
      const p = probabilities(logits.data, multiLabel);
      if (p.some((x) => !Number.isFinite(x)))
        throw new ClassifyError('INVALID_MODEL', 'the transformer model returned non-finite logits');
      const score = multiLabel
        ? Math.max(...hatefulIndices.map((i) => p[i]!))
        : Math.min(
            1,
            hatefulIndices.reduce((sum, i) => sum + p[i]!, 0),
          );
      const top = p.indexOf(Math.max(...p));
      return {
        label: score >= TRANSFORMER_THRESHOLD ? 'hateful' : 'non-hateful',
        score,
        modelLabel: labels[top]!,
        modelScore: p[top]!,
        truncated: cut || tooLong,
      };
    },
    dispose: () => pipe.dispose(),
  };
}
