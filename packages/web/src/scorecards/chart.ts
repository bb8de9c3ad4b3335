/**
 * Geometry of a horizontal bar chart, one bar per label, in SVG user units. Pure, so the arithmetic
 * is unit-tested without a browser. Right-to-left pages get the mirror image: labels on the right,
 * bars growing leftwards; text anchors are physical (`start` = left) because the SVG is drawn with
 * `direction="ltr"` and mirrored here.
 */

export interface BarDatum {
  label: string;
  /** Null: no value (e.g. no median without any acknowledged notice); drawn as text, not a bar. */
  value: number | null;
}

export interface BarChartOptions {
  width: number;
  /** Room for the labels at the inline start, and for the value text after the longest bar. */
  labelWidth: number;
  valueWidth: number;
  rowHeight: number;
  barThickness: number;
  /** Room for the tick labels under the bars. */
  axisHeight: number;
  /** The value the full bar length stands for; from `niceScale`. */
  max: number;
  ticks: readonly number[];
  rtl: boolean;
}

export type Anchor = 'start' | 'end';

export interface BarGeometry {
  label: string;
  value: number | null;
  /** The bar's rectangle; width 0 for a zero or missing value. */
  x: number;
  y: number;
  width: number;
  height: number;
  /** Where the row's label and value texts sit (baseline at the row's middle). */
  textY: number;
  labelX: number;
  labelAnchor: Anchor;
  valueX: number;
  valueAnchor: Anchor;
}

export interface ChartGeometry {
  width: number;
  height: number;
  bars: BarGeometry[];
  ticks: { value: number; x: number }[];
  /** The bars' baseline (value 0), and the vertical extent of the grid lines. */
  baselineX: number;
  gridTop: number;
  gridBottom: number;
  tickLabelY: number;
}

const GAP = 8;

/** A 1–2–2.5–5 × 10ⁿ step giving about `count` intervals up to at least `max` (0 → [0, 1]). */
export function niceScale(max: number, count = 4): { max: number; ticks: number[] } {
  if (!(max > 0) || !Number.isFinite(max)) return { max: 1, ticks: [0, 0.25, 0.5, 0.75, 1] };
  const rough = max / count;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = ([1, 2, 2.5, 5, 10].find((m) => m * magnitude >= rough) ?? 10) * magnitude;
  const intervals = Math.ceil(max / step - 1e-9);
  // Rounded to the step's precision so 3 × 0.1 does not show as 0.30000000000000004.
  const digits = Math.max(0, -Math.floor(Math.log10(step)) + 2);
  const ticks = Array.from({ length: intervals + 1 }, (_, i) => Number((i * step).toFixed(digits)));
  const top = ticks[intervals] as number;
  return { max: top, ticks };
}

export function layoutBarChart(data: readonly BarDatum[], o: BarChartOptions): ChartGeometry {
  const plotStart = o.labelWidth + GAP;
  const plotLength = Math.max(0, o.width - plotStart - o.valueWidth);
  const scale = (value: number) =>
    o.max > 0 ? (Math.min(Math.max(value, 0), o.max) / o.max) * plotLength : 0;
  // Drawn left to right, then mirrored for right-to-left pages.
  const mirrorX = (x: number) => (o.rtl ? o.width - x : x);
  const mirrorAnchor = (anchor: Anchor): Anchor => (o.rtl ? (anchor === 'start' ? 'end' : 'start') : anchor);

  const bars = data.map((datum, index): BarGeometry => {
    const top = index * o.rowHeight;
    const length = datum.value === null ? 0 : scale(datum.value);
    const x = o.rtl ? o.width - plotStart - length : plotStart;
    return {
      label: datum.label,
      value: datum.value,
      x,
      y: top + (o.rowHeight - o.barThickness) / 2,
      width: length,
      height: o.barThickness,
      textY: top + o.rowHeight / 2,
      labelX: mirrorX(o.labelWidth),
      labelAnchor: mirrorAnchor('end'),
      valueX: mirrorX(plotStart + length + GAP / 2),
      valueAnchor: mirrorAnchor('start'),
    };
  });
  const gridBottom = data.length * o.rowHeight;
  return {
    width: o.width,
    height: gridBottom + o.axisHeight,
    bars,
    ticks: o.ticks.map((value) => ({ value, x: mirrorX(plotStart + scale(value)) })),
    baselineX: mirrorX(plotStart),
    gridTop: 0,
    gridBottom,
    tickLabelY: gridBottom + o.axisHeight - 4,
  };
}

/** A label shortened to `maxChars` with an ellipsis; the full text stays in the chart's table. */
export function fitLabel(label: string, maxChars: number): string {
  const chars = [...label];
  return chars.length <= maxChars ? label : `${chars.slice(0, Math.max(1, maxChars - 1)).join('')}…`;
}
