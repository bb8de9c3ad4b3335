import { describe, expect, it } from 'vitest';
import { bestThreshold, confusion, macroF1 } from '../src/metrics.ts';

describe('metrics', () => {
  it('computes macro-F1 as the mean of both classes’ F1', () => {
    // tp=2 fp=1 fn=1 tn=1: F1(hateful) = 4/6, F1(non-hateful) = 2/4.
    const c = confusion([true, true, true, false, false], [true, true, false, true, false]);
    expect(c).toEqual({ tp: 2, fp: 1, fn: 1, tn: 1 });
    expect(macroF1(c)).toBeCloseTo((4 / 6 + 2 / 4) / 2, 10);
  });

  it('gives about 0.41 for answering hateful to everything at a 70/30 split', () => {
    const gold = Array.from({ length: 100 }, (_, i) => i < 70);
    expect(
      macroF1(
        confusion(
          gold,
          gold.map(() => true),
        ),
      ),
    ).toBeCloseTo(0.4118, 3);
  });

  it('finds a separating threshold', () => {
    expect(bestThreshold([false, false, true, true], [0.1, 0.2, 0.7, 0.9])).toEqual({
      threshold: 0.7,
      macroF1: 1,
    });
  });
});
