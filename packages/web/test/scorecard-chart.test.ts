/**
 * The scorecard bar chart's geometry (src/scorecards/chart.ts): bar lengths proportional to their
 * values on the axis, rows that never overlap, nice axis ticks, and an exact mirror image for
 * right-to-left pages. Also the chart stylesheet's colours against the WCAG contrast they need.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fitLabel, layoutBarChart, niceScale, type BarChartOptions } from '../src/scorecards/chart.ts';
import { WEB_DIR } from './support/build.ts';
import { contrast, readColorTokens } from './support/contrast.ts';

const options = (over: Partial<BarChartOptions> = {}): BarChartOptions => ({
  width: 560,
  labelWidth: 100,
  valueWidth: 80,
  rowHeight: 28,
  barThickness: 16,
  axisHeight: 22,
  max: 1,
  ticks: [0, 0.25, 0.5, 0.75, 1],
  rtl: false,
  ...over,
});
/** Where bars start (label width + gap) and how long a full bar is, for the options above. */
const PLOT_START = 108;
const PLOT_LENGTH = 560 - 108 - 80;

describe('niceScale', () => {
  it('gives the usual axes', () => {
    expect(niceScale(1)).toEqual({ max: 1, ticks: [0, 0.25, 0.5, 0.75, 1] });
    expect(niceScale(3.5)).toEqual({ max: 4, ticks: [0, 1, 2, 3, 4] });
    expect(niceScale(130)).toEqual({ max: 150, ticks: [0, 50, 100, 150] });
    expect(niceScale(0.3)).toEqual({ max: 0.3, ticks: [0, 0.1, 0.2, 0.3] });
  });

  it('falls back to [0, 1] with nothing to show', () => {
    expect(niceScale(0).max).toBe(1);
    expect(niceScale(Number.NaN).max).toBe(1);
    expect(niceScale(-3).max).toBe(1);
  });

  it('starts at 0, steps evenly and ends at the first step reaching max', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1e-6, max: 1e9, noNaN: true }),
        fc.integer({ min: 2, max: 8 }),
        (max, count) => {
          const scale = niceScale(max, count);
          const { ticks } = scale;
          expect(ticks[0]).toBe(0);
          expect(ticks.at(-1)).toBeCloseTo(scale.max, 9);
          expect(scale.max).toBeGreaterThanOrEqual(max * (1 - 1e-9));
          const step = (ticks[1] as number) - (ticks[0] as number);
          for (let i = 1; i < ticks.length; i++)
            expect((ticks[i] as number) - (ticks[i - 1] as number)).toBeCloseTo(step, 6);
          // Not more than one step beyond max, and a readable number of intervals.
          expect(scale.max - step).toBeLessThan(max);
          expect(ticks.length - 1).toBeLessThanOrEqual(count);
          expect(ticks.length - 1).toBeGreaterThanOrEqual(1);
        },
      ),
    );
  });
});

describe('layoutBarChart', () => {
  it('draws each bar in proportion to its value, clamped to the axis', () => {
    const chart = layoutBarChart(
      [
        { label: 'full', value: 1 },
        { label: 'half', value: 0.5 },
        { label: 'none', value: null },
        { label: 'zero', value: 0 },
        { label: 'over', value: 2 },
        { label: 'negative', value: -1 },
      ],
      options(),
    );
    expect(chart.bars.map((b) => b.width)).toEqual([PLOT_LENGTH, PLOT_LENGTH / 2, 0, 0, PLOT_LENGTH, 0]);
    expect(chart.bars.every((b) => b.x === PLOT_START)).toBe(true);
    expect(chart.baselineX).toBe(PLOT_START);
    expect(chart.ticks.map((t) => t.x)).toEqual(
      [0, 0.25, 0.5, 0.75, 1].map((v) => PLOT_START + v * PLOT_LENGTH),
    );
    // The value text follows the bar's end; the label ends where the label column does.
    expect(chart.bars[1]?.valueX).toBe(PLOT_START + PLOT_LENGTH / 2 + 4);
    expect(chart.bars[1]?.labelX).toBe(100);
    expect([chart.bars[1]?.labelAnchor, chart.bars[1]?.valueAnchor]).toEqual(['end', 'start']);
  });

  it('gives every row its own band, bars centred in it, and room for the axis', () => {
    fc.assert(
      fc.property(
        fc.array(fc.option(fc.double({ min: 0, max: 100, noNaN: true }), { nil: null }), { maxLength: 30 }),
        fc.integer({ min: 12, max: 60 }),
        (values, rowHeight) => {
          const chart = layoutBarChart(
            values.map((value, i) => ({ label: `p${i}`, value })),
            options({ rowHeight, barThickness: 10, max: 100, ticks: [0, 50, 100] }),
          );
          expect(chart.height).toBe(values.length * rowHeight + 22);
          chart.bars.forEach((bar, i) => {
            expect(bar.y).toBeGreaterThanOrEqual(i * rowHeight);
            expect(bar.y + bar.height).toBeLessThanOrEqual((i + 1) * rowHeight);
            expect(bar.textY).toBe(i * rowHeight + rowHeight / 2);
            expect(bar.x + bar.width).toBeLessThanOrEqual(560 - 80 + 1e-9);
            expect(bar.width).toBeCloseTo(((values[i] ?? 0) / 100) * PLOT_LENGTH, 9);
          });
        },
      ),
    );
  });

  it('mirrors everything for right-to-left pages', () => {
    fc.assert(
      fc.property(
        fc.array(fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: null }), {
          minLength: 1,
          maxLength: 10,
        }),
        (values) => {
          const data = values.map((value, i) => ({ label: `p${i}`, value }));
          const ltr = layoutBarChart(data, options());
          const rtl = layoutBarChart(data, options({ rtl: true }));
          const flip = { start: 'end', end: 'start' } as const;
          rtl.bars.forEach((bar, i) => {
            const mirror = ltr.bars[i]!;
            expect(bar.x).toBeCloseTo(560 - (mirror.x + mirror.width), 9);
            expect(bar.width).toBe(mirror.width);
            expect(bar.y).toBe(mirror.y);
            expect(bar.labelX).toBe(560 - mirror.labelX);
            expect(bar.valueX).toBeCloseTo(560 - mirror.valueX, 9);
            expect(bar.labelAnchor).toBe(flip[mirror.labelAnchor]);
            expect(bar.valueAnchor).toBe(flip[mirror.valueAnchor]);
          });
          expect(rtl.ticks.map((t) => t.x)).toEqual(ltr.ticks.map((t) => 560 - t.x));
          expect(rtl.baselineX).toBe(560 - ltr.baselineX);
        },
      ),
    );
  });
});

describe('fitLabel', () => {
  it('keeps short labels and shortens long ones with an ellipsis, by characters not bytes', () => {
    expect(fitLabel('social', 18)).toBe('social');
    expect(fitLabel('a-very-long-platform-slug', 10)).toBe('a-very-lo…');
    expect([...fitLabel('منصة-اجتماعية-كبيرة-جدا', 8)]).toHaveLength(8);
  });
});

describe('chart colours', () => {
  const tokens = readColorTokens();
  const css = readFileSync(path.join(WEB_DIR, 'src/scorecards/scorecards.css'), 'utf8');
  const fillOf = (selector: string) => {
    const rule = new RegExp(`${selector.replace('.', '\\.')}[^{]*\\{([^}]*)\\}`).exec(css)?.[1] ?? '';
    const token = /fill:\s*var\(--(color-[\w-]+)\)/.exec(rule)?.[1];
    const hex = token ? tokens.get(token) : undefined;
    if (!hex) throw new Error(`${selector} has no token fill`);
    return hex;
  };
  const surface = tokens.get('color-surface') as string;

  it('draws bars at 3:1 or more on the panel (non-text contrast)', () => {
    expect(contrast(fillOf('.chart-bar'), surface)).toBeGreaterThanOrEqual(3);
  });

  it('writes labels, values and ticks at 4.5:1 or more', () => {
    for (const selector of ['.chart-label', '.chart-value', '.chart-tick'])
      expect(contrast(fillOf(selector), surface), selector).toBeGreaterThanOrEqual(4.5);
  });
});
