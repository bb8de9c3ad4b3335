/**
 * Narrowing a scorecard in the page: the API splits figures by platform × category × country ×
 * language, and the filters pick groups. Counts and shares of several groups add up exactly; medians
 * do not (the median of medians is not the median), so a combined median is known only when a
 * single group contributes to it.
 */
import type { Figures, Scorecard, ScorecardRow } from './api.ts';

/** Filter value for a country or language the notice did not record. */
export const NOT_RECORDED = '-';

export interface RowFilter {
  /** '' means any. */
  platform: string;
  category: string;
  country: string;
  language: string;
}

export const ANY: RowFilter = { platform: '', category: '', country: '', language: '' };

const matches = (wanted: string, value: string | null) => wanted === '' || wanted === (value ?? NOT_RECORDED);

export function filterRows(rows: readonly ScorecardRow[], filter: RowFilter): ScorecardRow[] {
  return rows.filter(
    (row) =>
      matches(filter.platform, row.platform) &&
      matches(filter.category, row.category) &&
      matches(filter.country, row.country) &&
      matches(filter.language, row.language),
  );
}

/** The values each filter can take in this scorecard, sorted; `NOT_RECORDED` for nulls. */
export function filterOptions(rows: readonly ScorecardRow[]) {
  const distinct = (pick: (row: ScorecardRow) => string | null) =>
    [...new Set(rows.map((row) => pick(row) ?? NOT_RECORDED))].sort();
  return {
    platforms: distinct((r) => r.platform),
    categories: distinct((r) => r.category),
    countries: distinct((r) => r.country),
    languages: distinct((r) => r.language),
  };
}

/** A median over groups: exact when at most one group has values, otherwise unknown (null). */
function combinedMedian(
  groups: readonly Figures[],
  count: (f: Figures) => number,
  median: (f: Figures) => number | null,
) {
  const contributing = groups.filter((f) => count(f) > 0);
  return contributing.length === 1 ? median(contributing[0] as Figures) : null;
}

/** Figures of several disjoint groups of notices taken together. */
export function combineFigures(groups: readonly Figures[]): Figures {
  if (groups.length === 1) return groups[0] as Figures;
  const sum = (pick: (f: Figures) => number) => groups.reduce((total, f) => total + pick(f), 0);
  const sent = sum((f) => f.sent);
  const share = (n: number) => (sent === 0 ? 0 : n / sent);
  const acknowledged = sum((f) => f.acknowledged);
  const removedWithin24h = sum((f) => f.removedWithin24h);
  const removedWithin7d = sum((f) => f.removedWithin7d);
  const noResponse = sum((f) => f.noResponse);
  const escalated = sum((f) => f.escalated);
  const reversedAfterEscalation = sum((f) => f.reversedAfterEscalation);
  return {
    sent,
    acknowledged,
    acknowledgedShare: share(acknowledged),
    medianMsToAcknowledgement: combinedMedian(
      groups,
      (f) => f.acknowledged,
      (f) => f.medianMsToAcknowledgement,
    ),
    decided: sum((f) => f.decided),
    actioned: sum((f) => f.actioned),
    actionedByLivenessOnly: sum((f) => f.actionedByLivenessOnly),
    medianMsToAction: combinedMedian(
      groups,
      (f) => f.actioned,
      (f) => f.medianMsToAction,
    ),
    removedWithin24h,
    removedWithin24hShare: share(removedWithin24h),
    removedWithin7d,
    removedWithin7dShare: share(removedWithin7d),
    noResponse,
    noResponseShare: share(noResponse),
    escalated,
    reversedAfterEscalation,
    reversalShare: escalated === 0 ? null : reversedAfterEscalation / escalated,
  };
}

/** Whether the filter splits platforms into groups (then medians may be unknown, see above). */
export function splitsGroups(filter: RowFilter): boolean {
  return filter.category !== '' || filter.country !== '' || filter.language !== '';
}

/**
 * Per-platform, per-channel and overall figures under a filter. Without a category, country or
 * language filter they are the API's own (exact medians); with one, the matching groups combined,
 * and no per-channel figures (the API does not split channels that way).
 */
export function narrowScorecard(card: Scorecard, filter: RowFilter) {
  const rows = filterRows(card.rows, filter);
  if (!splitsGroups(filter)) {
    const platforms = card.platforms.filter((p) => matches(filter.platform, p.platform));
    const overall = filter.platform === '' ? card.overall : combineFigures(platforms.map((p) => p.figures));
    const channels = card.channels.filter((c) => matches(filter.platform, c.platform));
    return { rows, platforms, channels, overall };
  }
  const byPlatform = new Map<string, Figures[]>();
  for (const row of rows)
    byPlatform.set(row.platform, [...(byPlatform.get(row.platform) ?? []), row.figures]);
  const platforms = [...byPlatform.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([platform, groups]) => ({ platform, figures: combineFigures(groups) }));
  // Channels are not split by category, country or language: no channel figure fits this filter.
  return { rows, platforms, channels: [], overall: combineFigures(rows.map((r) => r.figures)) };
}
