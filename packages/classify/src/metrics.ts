/** Binary classification metrics for the hateful / non-hateful task. */
export interface Confusion {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
}

export function confusion(gold: readonly boolean[], predicted: readonly boolean[]): Confusion {
  const c = { tp: 0, fp: 0, fn: 0, tn: 0 };
  gold.forEach((g, i) => {
    const p = predicted[i] === true;
    if (g && p) c.tp++;
    else if (!g && p) c.fp++;
    else if (g && !p) c.fn++;
    else c.tn++;
  });
  return c;
}

function f1(tp: number, fp: number, fn: number): number {
  return tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
}

/** Mean of the F1 of the hateful class and the F1 of the non-hateful class. */
export function macroF1(c: Confusion): number {
  return (f1(c.tp, c.fp, c.fn) + f1(c.tn, c.fn, c.fp)) / 2;
}

/** Threshold on `scores` that maximises macro-F1 (ties: the lowest such threshold). */
export function bestThreshold(
  gold: readonly boolean[],
  scores: readonly number[],
): { threshold: number; macroF1: number } {
  const candidates = [...new Set(scores)].sort((a, b) => a - b);
  let best = { threshold: 0.5, macroF1: -1 };
  for (const t of candidates) {
    const m = macroF1(
      confusion(
        gold,
        scores.map((s) => s >= t),
      ),
    );
    if (m > best.macroF1) best = { threshold: t, macroF1: m };
  }
  return best;
}
