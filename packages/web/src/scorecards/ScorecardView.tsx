/**
 * One scorecard as the console and the public page show it: filters over its groups, the overall
 * figures, bar charts per platform, the figures per group, and the methodology.
 */
import { useState } from 'react';
import type { MessageKey } from '../i18n/catalogues.ts';
import { useI18n, type I18n } from '../i18n/i18n.tsx';
import { categoryLabel } from '../public/labels.ts';
import { channelLabel } from '../platforms/labels.ts';
import { Notice, SelectField } from '../ui/components.tsx';
import type { Figures, Scorecard } from './api.ts';
import { BarChart, type ChartBar } from './BarChart.tsx';
import {
  ANY,
  filterOptions,
  narrowScorecard,
  NOT_RECORDED,
  splitsGroups,
  type RowFilter,
} from './figures.ts';
import {
  displayName,
  durationUnit,
  formatDay,
  formatDuration,
  formatInUnit,
  formatShare,
  inUnit,
  periodDays,
} from './format.ts';

/** How a figure of a set of notices reads, in the reader's language. */
function figureTexts(i18n: I18n, f: Figures) {
  const { t, locale, formatNumber } = i18n;
  const share = (value: number, count: number) =>
    t('scorecards.shareOf', { share: formatShare(locale, value), count: formatNumber(count) });
  const duration = (ms: number | null) => (ms === null ? t('scorecards.noData') : formatDuration(locale, ms));
  return {
    sent: formatNumber(f.sent),
    acknowledged: share(f.acknowledgedShare, f.acknowledged),
    medianAck: duration(f.medianMsToAcknowledgement),
    medianAction: duration(f.medianMsToAction),
    removed24h: share(f.removedWithin24hShare, f.removedWithin24h),
    removed7d: share(f.removedWithin7dShare, f.removedWithin7d),
    noResponse: share(f.noResponseShare, f.noResponse),
    reversals: t('scorecards.reversalsOf', {
      reversed: formatNumber(f.reversedAfterEscalation),
      escalated: formatNumber(f.escalated),
    }),
  };
}

type FigureKey = keyof ReturnType<typeof figureTexts>;

const FIGURES: readonly { key: FigureKey; label: MessageKey }[] = [
  { key: 'sent', label: 'scorecards.figure.sent' },
  { key: 'acknowledged', label: 'scorecards.figure.acknowledged' },
  { key: 'medianAck', label: 'scorecards.figure.medianAck' },
  { key: 'medianAction', label: 'scorecards.figure.medianAction' },
  { key: 'removed24h', label: 'scorecards.figure.removed24h' },
  { key: 'removed7d', label: 'scorecards.figure.removed7d' },
  { key: 'noResponse', label: 'scorecards.figure.noResponse' },
  { key: 'reversals', label: 'scorecards.figure.reversals' },
];

export function ScorecardView({ card }: { card: Scorecard }) {
  const i18n = useI18n();
  const { t, locale } = i18n;
  const [filter, setFilter] = useState<RowFilter>(ANY);
  const options = filterOptions(card.rows);
  const narrowed = narrowScorecard(card, filter);
  const overall = figureTexts(i18n, narrowed.overall);
  const notRecorded = t('scorecards.notRecorded');
  const country = (code: string | null) =>
    code === null ? notRecorded : displayName(locale, 'region', code);
  const language = (code: string | null) =>
    code === null ? notRecorded : displayName(locale, 'language', code);

  const select = (
    name: keyof RowFilter,
    label: MessageKey,
    values: string[],
    text: (v: string) => string,
  ) => (
    <SelectField
      label={t(label)}
      name={name}
      value={filter[name]}
      onChange={(event) => setFilter({ ...filter, [name]: event.target.value })}
    >
      <option value="">{t('scorecards.any')}</option>
      {/* A value chosen for an earlier period stays offered, so the list never lies about the filter. */}
      {(filter[name] === '' || values.includes(filter[name]) ? values : [...values, filter[name]]).map(
        (value) => (
          <option key={value} value={value}>
            {text(value)}
          </option>
        ),
      )}
    </SelectField>
  );
  const orNull = (value: string) => (value === NOT_RECORDED ? null : value);

  return (
    <div className="scorecard stack">
      <PeriodSummary card={card} />
      {card.overall.sent === 0 ? (
        <Notice tone="info">{t('scorecards.empty')}</Notice>
      ) : (
        <>
          <div className="filter-bar" role="group" aria-label={t('scorecards.filters')}>
            {select('platform', 'scorecards.platform', options.platforms, (v) => v)}
            {select('category', 'scorecards.category', options.categories, (v) => categoryLabel(t, v))}
            {select('country', 'scorecards.country', options.countries, (v) => country(orNull(v)))}
            {select('language', 'scorecards.language', options.languages, (v) => language(orNull(v)))}
          </div>
          {narrowed.rows.length === 0 ? (
            <Notice tone="info">{t('scorecards.noMatch')}</Notice>
          ) : (
            <>
              <section className="panel" aria-labelledby="scorecard-overview">
                <h2 id="scorecard-overview">{t('scorecards.overview')}</h2>
                <dl className="scorecard-figures" data-testid="scorecard-overall">
                  {FIGURES.map(({ key, label }) => (
                    <div key={key} data-figure={key}>
                      <dt>{t(label)}</dt>
                      <dd>{overall[key]}</dd>
                    </div>
                  ))}
                </dl>
              </section>
              <PlatformCharts platforms={narrowed.platforms} split={splitsGroups(filter)} />
              <FiguresTable
                id="scorecard-groups"
                heading={t('scorecards.groups')}
                columns={[
                  t('scorecards.platform'),
                  t('scorecards.category'),
                  t('scorecards.country'),
                  t('scorecards.language'),
                ]}
                rows={narrowed.rows.map((row) => ({
                  key: JSON.stringify([row.platform, row.category, row.country, row.language]),
                  cells: [
                    row.platform,
                    categoryLabel(t, row.category),
                    country(row.country),
                    language(row.language),
                  ],
                  figures: row.figures,
                }))}
              />
              {splitsGroups(filter) ? (
                <p className="muted">{t('scorecards.channelsHidden')}</p>
              ) : (
                <FiguresTable
                  id="scorecard-channels"
                  heading={t('scorecards.channels')}
                  columns={[
                    t('scorecards.platform'),
                    t('scorecards.channel'),
                    t('scorecards.asTrustedFlagger'),
                  ]}
                  rows={narrowed.channels.map((row) => ({
                    key: JSON.stringify([row.platform, row.channel, row.trustedFlagger]),
                    cells: [
                      row.platform,
                      channelLabel(t, row.channel),
                      t(row.trustedFlagger ? 'scorecards.yes' : 'scorecards.no'),
                    ],
                    figures: row.figures,
                  }))}
                />
              )}
            </>
          )}
        </>
      )}
      <Methodology card={card} />
    </div>
  );
}

/** Figures per group of notices, the group named by its first `columns` (the first one heads each row). */
function FiguresTable({
  id,
  heading,
  columns,
  rows,
}: {
  id: string;
  heading: string;
  columns: readonly string[];
  rows: readonly { key: string; cells: readonly string[]; figures: Figures }[];
}) {
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <section className="panel" aria-labelledby={id}>
      <h2 id={id}>{heading}</h2>
      <div className="table-scroll">
        <table className="table-compact" aria-labelledby={id}>
          <thead>
            <tr>
              {[...columns, ...FIGURES.map(({ label }) => t(label))].map((column) => (
                <th scope="col" key={column}>
                  {column}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => {
              const texts = figureTexts(i18n, row.figures);
              return (
                <tr key={row.key}>
                  {row.cells.map((cell, index) =>
                    index === 0 ? (
                      <th scope="row" key={index}>
                        {cell}
                      </th>
                    ) : (
                      <td key={index}>{cell}</td>
                    ),
                  )}
                  {FIGURES.map(({ key }) => (
                    <td key={key} className="numeric" data-figure={key}>
                      {texts[key]}
                    </td>
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function PeriodSummary({ card }: { card: Scorecard }) {
  const { t, locale, formatDateTime, formatNumber } = useI18n();
  const { first, last } = periodDays(card.period);
  return (
    <div className="scorecard-period">
      <p data-testid="scorecard-period">
        {t('scorecards.period', {
          from: first === null ? t('scorecards.periodStart') : formatDay(locale, first),
          to: last === null ? t('scorecards.periodNow') : formatDay(locale, last),
          asOf: formatDateTime(card.period.asOf),
        })}
      </p>
      {card.excluded.unsent > 0 && (
        <p className="muted">{t('scorecards.excluded', { count: formatNumber(card.excluded.unsent) })}</p>
      )}
    </div>
  );
}

/** Share charts: which figure (its title and its text beside each bar) and the share it draws. */
const SHARE_CHARTS: readonly { figure: FigureKey; title: MessageKey; share(f: Figures): number }[] = [
  { figure: 'acknowledged', title: 'scorecards.figure.acknowledged', share: (f) => f.acknowledgedShare },
  { figure: 'removed24h', title: 'scorecards.figure.removed24h', share: (f) => f.removedWithin24hShare },
  { figure: 'removed7d', title: 'scorecards.figure.removed7d', share: (f) => f.removedWithin7dShare },
  { figure: 'noResponse', title: 'scorecards.figure.noResponse', share: (f) => f.noResponseShare },
];

const DURATION_CHARTS: readonly { title: MessageKey; median(f: Figures): number | null }[] = [
  { title: 'scorecards.figure.medianAck', median: (f) => f.medianMsToAcknowledgement },
  { title: 'scorecards.figure.medianAction', median: (f) => f.medianMsToAction },
];

function PlatformCharts({
  platforms,
  split,
}: {
  platforms: readonly { platform: string; figures: Figures }[];
  split: boolean;
}) {
  const i18n = useI18n();
  const { t, locale } = i18n;
  return (
    <section className="panel" aria-labelledby="scorecard-charts">
      <h2 id="scorecard-charts">{t('scorecards.charts')}</h2>
      <div className="chart-grid">
        {SHARE_CHARTS.map((chart) => (
          <BarChart
            key={chart.title}
            title={t(chart.title)}
            scaleMax={1}
            tickText={(value) => formatShare(locale, value)}
            bars={platforms.map(({ platform, figures }): ChartBar => ({
              label: platform,
              value: chart.share(figures),
              text: figureTexts(i18n, figures)[chart.figure],
            }))}
          />
        ))}
        {DURATION_CHARTS.map((chart) => {
          const medians = platforms.map(({ figures }) => chart.median(figures));
          const unit = durationUnit(Math.max(0, ...medians.map((ms) => ms ?? 0)));
          return (
            <BarChart
              key={chart.title}
              title={t(chart.title)}
              scaleMax={Math.max(0, ...medians.map((ms) => (ms === null ? 0 : inUnit(ms, unit))))}
              tickText={(value) => formatInUnit(locale, value, unit)}
              bars={platforms.map(({ platform }, index): ChartBar => {
                const ms = medians[index] ?? null;
                return {
                  label: platform,
                  value: ms === null ? null : inUnit(ms, unit),
                  text: ms === null ? t('scorecards.noData') : formatDuration(locale, ms),
                };
              })}
            />
          );
        })}
      </div>
      {split && <p className="muted">{t('scorecards.medianUnknown')}</p>}
    </section>
  );
}

const DEFINITIONS: readonly { term: MessageKey; definition: MessageKey }[] = [
  { term: 'scorecards.figure.sent', definition: 'scorecards.define.sent' },
  { term: 'scorecards.figure.acknowledged', definition: 'scorecards.define.acknowledged' },
  { term: 'scorecards.figure.medianAck', definition: 'scorecards.define.medianAck' },
  { term: 'scorecards.figure.medianAction', definition: 'scorecards.define.medianAction' },
  { term: 'scorecards.figure.removed24h', definition: 'scorecards.define.removed' },
  { term: 'scorecards.figure.noResponse', definition: 'scorecards.define.noResponse' },
  { term: 'scorecards.figure.reversals', definition: 'scorecards.define.reversals' },
];

/** The definitions in the reader's language, and the API's generated note verbatim (it is English). */
function Methodology({ card }: { card: Scorecard }) {
  const { t } = useI18n();
  return (
    <section className="panel" aria-labelledby="scorecard-methodology">
      <h2 id="scorecard-methodology">{t('scorecards.methodology')}</h2>
      <dl className="details scorecard-definitions">
        {DEFINITIONS.map(({ term, definition }) => (
          <div key={term}>
            <dt>{t(term)}</dt>
            <dd>{t(definition)}</dd>
          </div>
        ))}
      </dl>
      <p>{t('scorecards.methodologyCounting')}</p>
      <details>
        <summary>{t('scorecards.methodologyFull')}</summary>
        {/* Generated by the server; shown as text. */}
        <pre className="scorecard-note user-text" lang="en" dir="ltr" data-testid="scorecard-methodology">
          {card.methodology}
        </pre>
      </details>
    </section>
  );
}
