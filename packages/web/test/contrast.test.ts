/**
 * WCAG 2.1 contrast of the design tokens, recomputed from src/styles/tokens.css with the WCAG
 * relative-luminance formula, so a colour change that breaks AA fails here.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { WEB_DIR } from './support/build.ts';

const css = readFileSync(path.join(WEB_DIR, 'src/styles/tokens.css'), 'utf8');
const tokens = new Map(
  [...css.matchAll(/--(color-[\w-]+):\s*(#[0-9a-f]{6})\b/gi)].map((m) => [
    m[1] as string,
    (m[2] as string).toLowerCase(),
  ]),
);

function luminance(hex: string): number {
  const channel = (offset: number) => {
    const c = parseInt(hex.slice(offset, offset + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

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
