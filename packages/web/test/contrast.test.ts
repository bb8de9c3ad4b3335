/**
 * WCAG 2.1 contrast of the design tokens, recomputed from src/styles/tokens.css with the WCAG
 * relative-luminance formula, so a colour change that breaks AA fails here.
 */
import { describe, expect, it } from 'vitest';
import { contrast, readColorTokens } from './support/contrast.ts';

const tokens = readColorTokens();

const color = (name: string) => {
  const value = name.startsWith('#') ? name : tokens.get(name);
  if (!value) throw new Error(`no token ${name} in tokens.css`);
  return value;
};

/** Foreground, background, minimum ratio: every text/background pairing the stylesheets use. */
const pairs: [string, string, number][] = [
  ['color-text', 'color-surface', 4.5],
  ['color-text', 'color-bg', 4.5],
  ['color-text-muted', 'color-surface', 4.5],
  ['color-text-muted', 'color-bg', 4.5],
  ['color-text-muted', '#eef1f5', 4.5], // neutral badge
  ['color-primary', 'color-surface', 4.5],
  ['#ffffff', 'color-primary', 4.5],
  ['#ffffff', 'color-primary-hover', 4.5],
  ['color-primary-hover', 'color-primary-soft', 4.5],
  ['#ffffff', 'color-danger', 4.5],
  ['color-danger', 'color-surface', 4.5],
  ['color-danger', 'color-danger-soft', 4.5],
  ['color-success', 'color-success-soft', 4.5],
  ['color-warning', 'color-warning-soft', 4.5],
  ['color-header-text', 'color-header', 4.5],
  ['color-header-muted', 'color-header', 4.5],
  ['color-border-strong', 'color-surface', 3], // input borders: non-text contrast
];

describe('design token contrast (WCAG 2.1 AA)', () => {
  it('agrees with known reference values', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrast('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
  });

  for (const [fg, bg, min] of pairs) {
    it(`${fg} on ${bg} reaches ${min}:1`, () => {
      expect(contrast(color(fg), color(bg))).toBeGreaterThanOrEqual(min);
    });
  }
});
