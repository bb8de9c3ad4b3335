/**
 * Optional local transformer models: an ONNX text-classification model in a local folder (config.json,
 * tokenizer.json, onnx/model.onnx), run through @huggingface/transformers with remote loading disabled.
 * The package is not a dependency (it is ~474 MB); when it is missing this fails with a clear code.
 */
import path from 'node:path';
import { ClassifyError } from '../errors.ts';

export interface TransformerPrediction {
  label: string;
  score: number;
}

export interface LocalTransformer {
  classify(text: string): Promise<TransformerPrediction>;
}

type Pipeline = (text: string) => Promise<TransformerPrediction[]>;
interface TransformersModule {
  env: { allowRemoteModels: boolean; allowLocalModels: boolean; localModelPath: string };
  pipeline(task: string, model: string, options: Record<string, unknown>): Promise<Pipeline>;
}

// A variable specifier keeps TypeScript and bundlers from requiring the optional package at build time.
const OPTIONAL_PACKAGE = '@huggingface/transformers';

export async function loadLocalTransformer(modelDir: string): Promise<LocalTransformer> {
  let transformers: TransformersModule;
  try {
    transformers = (await import(OPTIONAL_PACKAGE)) as TransformersModule;
  } catch {
    throw new ClassifyError(
      'OPTIONAL_DEPENDENCY_MISSING',
      `${OPTIONAL_PACKAGE} is not installed; install it with ONNXRUNTIME_NODE_INSTALL=skip npm i ${OPTIONAL_PACKAGE} to use local transformer models`,
    );
  }
  transformers.env.allowRemoteModels = false;
  transformers.env.allowLocalModels = true;
  transformers.env.localModelPath = path.dirname(path.resolve(modelDir));
  let run: Pipeline;
  try {
    run = await transformers.pipeline('text-classification', path.basename(path.resolve(modelDir)), {
      dtype: 'fp32',
      device: 'cpu',
    });
  } catch (error) {
    throw new ClassifyError(
      'MODEL_NOT_FOUND',
      `cannot load a local transformer model from ${modelDir}: ${(error as Error).message}`,
    );
  }
  return {
    async classify(text) {
      const [top] = await run(text);
      if (!top) throw new ClassifyError('INVALID_MODEL', 'the transformer model returned no prediction');
      return top;
    },
  };
}
