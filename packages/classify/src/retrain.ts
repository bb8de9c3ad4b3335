/**
 * Organisation models: reviewers' decisions become labelled examples, and `retrainOrganisationModel`
 * fine-tunes a copy of a base model on them. Languages without training data get a model through this.
 */
import type { Classifier } from './classifier.ts';
import { ClassifyError } from './errors.ts';
import { LinearModel } from './model/linear.ts';
import { balanceWeights, trainLinear, type AnalysedExample } from './model/train.ts';

export interface LabelledExample {
  text: string;
  label: 'hateful' | 'non-hateful';
  lang?: string;
}

export interface RetrainOptions {
  name?: string;
  epochs?: number;
  learningRate?: number;
  seed?: number;
}

/** Validates one parsed JSONL object as a labelled example; returns an error message instead of throwing. */
export function parseLabelledExample(value: unknown): LabelledExample | string {
  if (typeof value !== 'object' || value === null) return 'not a JSON object';
  const o = value as Record<string, unknown>;
  if (typeof o.text !== 'string') return '"text" must be a string';
  if (o.label !== 'hateful' && o.label !== 'non-hateful') return '"label" must be "hateful" or "non-hateful"';
  if (o.lang !== undefined && typeof o.lang !== 'string') return '"lang" must be a string';
  return { text: o.text, label: o.label, ...(typeof o.lang === 'string' ? { lang: o.lang } : {}) };
}

export function retrainOrganisationModel(
  classifier: Classifier,
  base: LinearModel,
  examples: readonly LabelledExample[],
  options: RetrainOptions = {},
): LinearModel {
  if (examples.length === 0) throw new ClassifyError('INVALID_INPUT', 'no labelled examples to learn from');
  const analysed: AnalysedExample[] = [];
  const languages = new Set(base.header.languages);
  for (const e of examples) {
    const a = classifier.analyse(e.text, e.lang ? { lang: e.lang } : {});
    languages.add(a.lang);
    analysed.push({
      modelText: a.modelText,
      lang: a.lang,
      signals: a.signals,
      offset: a.packLogit,
      label: e.label === 'hateful' ? 1 : 0,
      weight: 1,
    });
  }
  balanceWeights(analysed);
  const weights = trainLinear(analysed, {
    bits: base.header.bits,
    signalCorrections: base.header.signalCorrections,
    epochs: options.epochs ?? 3,
    learningRate: options.learningRate ?? 0.1,
    l2: 1e-5,
    seed: options.seed ?? 1,
    initial: base.weights,
    initialGradSq: 1,
  });
  return new LinearModel(
    {
      ...base.header,
      name: options.name ?? `${base.header.name}+organisation`,
      languages: [...languages].sort(),
      trainedOn: {
        base: base.header.name,
        baseTrainedOn: base.header.trainedOn,
        organisationExamples: examples.length,
      },
    },
    weights,
  );
}
