/**
 * Trains the built-in model on ../shared/data/hate/train only (never on eval sets) and writes
 * models/builtin.vlm plus models/builtin-training.json. Deterministic: fixed seed, sorted inputs.
 *
 *   npm run train -w packages/classify
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { createClassifier } from '../src/classifier.ts';
import { LinearModel } from '../src/model/linear.ts';
import { balanceWeights, seededRandom, shuffleInPlace, trainLinear } from '../src/model/train.ts';
import { confusion, macroF1 } from '../src/metrics.ts';
import { BUILTIN_MODEL, MODELS_DIR } from './load-builtin.ts';
import { analyseRow, readTrainRows } from './train-data.ts';
import { TRAIN_OPTIONS } from './train-options.ts';
import { syntheticRows } from './synthetic.ts';

const HOLDOUT_SHARE = 0.1;
/**
 * Each synthetic row (synthetic.ts) counts this many times a real row of the same class balance: the
 * templates are few next to ~94,000 real posts, and what they teach (neutral, praising, negated and
 * counter-speech mentions of groups) is nearly absent from the real posts. 1, 3, 6 and 12 were compared
 * on eval-dev; above 6 the held-out real posts start to lose.
 */
const SYNTHETIC_WEIGHT = 6;
/**
 * The model's log-odds count half when added to the pack score. Trained on real social-media posts, the
 * model helps on held-out posts (see builtin-training.json) but at full weight overrides the pack's
 * negation and counter-speech reading on functional tests; 1, 0.5 and 0.25 were compared on eval-dev.
 */
const MODEL_WEIGHT = 0.5;

const started = Date.now();
const classifier = await createClassifier({ model: null });
const rows = readTrainRows();
shuffleInPlace(rows, seededRandom(TRAIN_OPTIONS.seed));
const holdoutSize = Math.round(rows.length * HOLDOUT_SHARE);
const holdout = rows.slice(0, holdoutSize);
const training = rows.slice(holdoutSize);
const synthetic = syntheticRows(TRAIN_OPTIONS.seed).map((r) => analyseRow(classifier, r, 'synthetic'));
const examples = [...training.map((r) => analyseRow(classifier, r, r.file)), ...synthetic];
balanceWeights(examples);
for (const e of synthetic) e.weight *= SYNTHETIC_WEIGHT;
console.log(`analysed ${examples.length} training rows in ${((Date.now() - started) / 1000).toFixed(1)} s`);

const weights = trainLinear(examples, TRAIN_OPTIONS);
const sources: Record<string, { rows: number; hateful: number }> = {};
for (const r of training) {
  const s = (sources[r.file] ??= { rows: 0, hateful: 0 });
  s.rows++;
  if (r.label === 'hateful') s.hateful++;
}
const model = new LinearModel(
  {
    name: 'vigie-builtin-linear-2',
    bits: TRAIN_OPTIONS.bits,
    scale: 1,
    signalCorrections: TRAIN_OPTIONS.signalCorrections,
    modelWeight: MODEL_WEIGHT,
    languages: [...new Set(training.map((r) => r.lang))].sort(),
    trainedOn: {
      sources,
      synthetic: { rows: synthetic.length, weight: SYNTHETIC_WEIGHT },
      options: TRAIN_OPTIONS,
      holdoutShare: HOLDOUT_SHARE,
    },
  },
  weights,
);
const bytes = model.serialise();
writeFileSync(BUILTIN_MODEL, bytes);

// Held-out rows of train/ (same sources, never seen in training): a sanity check, not the bar.
const reloaded = LinearModel.deserialise(bytes);
const holdoutReport: Record<string, { rows: number; macroF1: number; packsOnlyMacroF1: number }> = {};
for (const file of [...new Set(holdout.map((r) => r.file))].sort()) {
  const subset = holdout.filter((r) => r.file === file);
  const gold = subset.map((r) => r.label === 'hateful');
  const analysed = subset.map((r) => analyseRow(classifier, r));
  const withModel = subset.map((r, i) => {
    const e = analysed[i] as (typeof analysed)[number];
    return reloaded.combine(e.offset, reloaded.logit(e.modelText, e.lang, e.signals)) >= 0;
  });
  const packsOnly = analysed.map((e) => e.offset >= 0);
  holdoutReport[file] = {
    rows: subset.length,
    macroF1: macroF1(confusion(gold, withModel)),
    packsOnlyMacroF1: macroF1(confusion(gold, packsOnly)),
  };
}
writeFileSync(
  path.join(MODELS_DIR, 'builtin-training.json'),
  `${JSON.stringify({ model: model.name, bytes: bytes.length, seconds: (Date.now() - started) / 1000, sources, synthetic: { rows: synthetic.length, hateful: synthetic.filter((e) => e.label === 1).length, weight: SYNTHETIC_WEIGHT }, options: TRAIN_OPTIONS, holdout: holdoutReport }, null, 1)}\n`,
);
console.log(
  `wrote ${BUILTIN_MODEL} (${bytes.length} bytes) in ${((Date.now() - started) / 1000).toFixed(1)} s`,
);
console.table(holdoutReport);
