/**
 * Throughput on one core (this process, one thread) for short texts, after warm-up.
 * Baseline measured in the same process: normaliseText alone, the floor of any text pipeline.
 *
 *   npm run bench -w packages/classify
 */
import { normaliseText } from '@vigie/hashing';
import { loadClassifier } from '../src/builtin.ts';
import { readTrainRows } from './train-data.ts';

const SAMPLE = 20_000;
const rows = readTrainRows();
// Spread the sample over every training language; keep texts short (≤ 140 characters) as on social media.
const texts = rows
  .filter((_, i) => i % Math.max(1, Math.floor(rows.length / SAMPLE)) === 0)
  .slice(0, SAMPLE)
  .map((r) => ({ text: r.text.slice(0, 140), lang: r.lang }));
const meanLength = texts.reduce((n, t) => n + t.text.length, 0) / texts.length;

function measure(name: string, run: () => void): number {
  run(); // warm-up pass
  const start = process.hrtime.bigint();
  run();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const perSecond = texts.length / seconds;
  console.log(`${name.padEnd(44)} ${Math.round(perSecond).toLocaleString('en').padStart(9)} texts/s`);
  return perSecond;
}

console.log(
  `${texts.length} texts, mean ${meanLength.toFixed(0)} characters, Node ${process.version}, one thread`,
);
const builtin = await loadClassifier('builtin');
const packsOnly = await loadClassifier('none');
const baseline = measure('baseline: normaliseText only', () => {
  for (const t of texts) normaliseText(t.text);
});
const results = [
  [
    'classify, packs only, language given',
    measure('classify, packs only, language given', () => {
      for (const t of texts) packsOnly.classify(t.text, { lang: t.lang });
    }),
  ],
  [
    'classify, packs + model, language given',
    measure('classify, packs + model, language given', () => {
      for (const t of texts) builtin.classify(t.text, { lang: t.lang });
    }),
  ],
  [
    'classify, packs + model, language detected',
    measure('classify, packs + model, language detected', () => {
      for (const t of texts) builtin.classify(t.text);
    }),
  ],
] as const;
console.log('\nratio to baseline (normaliseText only):');
for (const [name, perSecond] of results)
  console.log(`  ${name.padEnd(44)} ${(perSecond / baseline).toFixed(3)}×`);
