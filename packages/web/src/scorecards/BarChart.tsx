import { useEffect, useId, useRef, useState, type RefObject } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import { fitLabel, layoutBarChart, niceScale } from './chart.ts';

export interface ChartBar {
  label: string;
  value: number | null;
  /** The value as people read it (`45 %`, `3.5 hr`, `No data`); shown beside the bar. */
  text: string;
}

/** Until the figure is measured (and where ResizeObserver is missing). */
const DEFAULT_WIDTH = 480;
const ROW_HEIGHT = 28;
const LABEL_CHARS = 18;
const CHAR_WIDTH = 7;
const VALUE_WIDTH = 80;

/**
 * The element's width in CSS pixels, followed as it changes, so the chart is drawn at its real size:
 * its text stays at the stylesheet's size instead of shrinking with a scaled-down drawing.
 */
function useMeasuredWidth(): [RefObject<HTMLElement | null>, number] {
  const element = useRef<HTMLElement>(null);
  const [width, setWidth] = useState(DEFAULT_WIDTH);
  useEffect(() => {
    const target = element.current;
    if (!target || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(([entry]) => {
      const measured = Math.floor(entry?.contentRect.width ?? 0);
      if (measured > 0) setWidth(measured);
    });
    observer.observe(target);
    return () => observer.disconnect();
  }, []);
  return [element, width];
}

/**
 * A horizontal bar chart as plain SVG: one series, so colour carries no meaning; every bar has its
 * value written beside it; `<title>`/`<desc>` give the figures to assistive technology, and the
 * same figures are offered as a table.
 */
export function BarChart({
  title,
  bars,
  scaleMax,
  tickText,
}: {
  title: string;
  bars: readonly ChartBar[];
  /** The largest value the axis must reach (e.g. 1 for shares); rounded up to a nice value. */
  scaleMax: number;
  tickText(value: number): string;
}) {
  const { t, dir } = useI18n();
  const id = useId();
  const [figure, width] = useMeasuredWidth();
  const longest = Math.max(4, ...bars.map((b) => [...b.label].length));
  const labelWidth = Math.min(Math.min(LABEL_CHARS, longest) * CHAR_WIDTH, width * 0.35);
  // Fewer ticks on a short axis, so their labels never run into each other.
  const scale = niceScale(scaleMax, width - labelWidth - VALUE_WIDTH < 240 ? 2 : 4);
  const geometry = layoutBarChart(bars, {
    width,
    labelWidth,
    valueWidth: VALUE_WIDTH,
    rowHeight: ROW_HEIGHT,
    barThickness: 16,
    axisHeight: 22,
    max: scale.max,
    ticks: scale.ticks,
    rtl: dir === 'rtl',
  });
  const description = t('scorecards.chart.desc', {
    values: bars.map((b) => `${b.label}: ${b.text}`).join('; '),
  });

  return (
    <figure className="chart" ref={figure}>
      <figcaption id={`${id}-caption`} className="chart-title">
        {title}
      </figcaption>
      <svg
        className="chart-svg"
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
        viewBox={`0 0 ${geometry.width} ${geometry.height}`}
        width={geometry.width}
        height={geometry.height}
        direction="ltr"
      >
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{description}</desc>
        <g aria-hidden="true">
          {geometry.ticks.map((tick) => (
            <g key={tick.value}>
              <line
                className="chart-gridline"
                x1={tick.x}
                x2={tick.x}
                y1={geometry.gridTop}
                y2={geometry.gridBottom}
              />
              <text className="chart-tick" x={tick.x} y={geometry.tickLabelY} textAnchor="middle">
                {tickText(tick.value)}
              </text>
            </g>
          ))}
          {geometry.bars.map((bar, index) => (
            <g key={bar.label} data-testid="chart-bar" data-value={bar.value ?? ''}>
              <text
                className="chart-label"
                x={bar.labelX}
                y={bar.textY}
                textAnchor={bar.labelAnchor}
                dominantBaseline="central"
              >
                {fitLabel(bar.label, LABEL_CHARS)}
              </text>
              <rect className="chart-bar" x={bar.x} y={bar.y} width={bar.width} height={bar.height} />
              <text
                className="chart-value"
                x={bar.valueX}
                y={bar.textY}
                textAnchor={bar.valueAnchor}
                dominantBaseline="central"
              >
                {bars[index]?.text}
              </text>
            </g>
          ))}
          <line
            className="chart-axis"
            x1={geometry.baselineX}
            x2={geometry.baselineX}
            y1={geometry.gridTop}
            y2={geometry.gridBottom}
          />
        </g>
      </svg>
      <details className="chart-data">
        <summary>{t('scorecards.chart.table')}</summary>
        <table className="table-compact" aria-labelledby={`${id}-caption`}>
          <thead>
            <tr>
              <th scope="col">{t('scorecards.platform')}</th>
              <th scope="col">{t('scorecards.chart.value')}</th>
            </tr>
          </thead>
          <tbody>
            {bars.map((bar) => (
              <tr key={bar.label}>
                <th scope="row">{bar.label}</th>
                <td className="numeric">{bar.text}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
