/** Turns ../shared/data/hate/train rows into analysed examples (the pack offset and signals included). */
import type { Classifier } from '../src/classifier.ts';
import type { AnalysedExample } from '../src/model/train.ts';
import { readDir, type HateRow } from './data.ts';

/** offenseval_tr has no hate labels (only non-hateful or unknown): it would teach nothing but "Turkish = fine". */
export const EXCLUDED_SOURCES = new Set(['offenseval_tr.jsonl']);

export interface LabelledRow extends HateRow {
  file: string;
}

export function readTrainRows(): LabelledRow[] {
  const out: LabelledRow[] = [];
  for (const [file, rows] of readDir('train')) {
    if (EXCLUDED_SOURCES.has(file)) continue;
    for (const row of rows)
      if (row.label !== null && typeof row.text === 'string') out.push({ ...row, file });
  }
  return out;
}

export function analyseRow(
  classifier: Classifier,
  row: { text: string; lang?: string; label: string | null },
  source?: string,
): AnalysedExample {
  const a = classifier.analyse(row.text, row.lang ? { lang: row.lang } : {});
  return {
    modelText: a.modelText,
    lang: a.lang,
    signals: a.signals,
    offset: a.packLogit,
    label: row.label === 'hateful' ? 1 : 0,
    weight: 1,
    source,
  };
}
