/**
 * A scorecard as CSV: one line per group, then per platform × channel × trusted-flagger status, then
 * per platform, then overall; `level` says which, and columns a level does not split by are empty.
 */
import type { Figures } from './figures.ts';
import type { Scorecard } from './scorecard.ts';

const FIGURE_COLUMNS = [
  'sent',
  'acknowledged',
  'acknowledgedShare',
  'medianMsToAcknowledgement',
  'decided',
  'actioned',
  'actionedByLivenessOnly',
  'medianMsToAction',
  'removedWithin24h',
  'removedWithin24hShare',
  'removedWithin7d',
  'removedWithin7dShare',
  'noResponse',
  'noResponseShare',
  'escalated',
  'reversedAfterEscalation',
  'reversalShare',
] as const satisfies readonly (keyof Figures)[];

/** RFC 4180 quoting; a leading formula character is neutralised for spreadsheet safety. */
function cell(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function scorecardCsv(card: Scorecard): string {
  const header = [
    'level',
    'platform',
    'category',
    'country',
    'language',
    'channel',
    'trustedFlagger',
    ...FIGURE_COLUMNS,
  ];
  const line = (prefix: (string | null)[], f: Figures) =>
    [...prefix, ...FIGURE_COLUMNS.map((c) => f[c])].map(cell).join(',');
  const lines = [
    header.join(','),
    ...card.rows.map((r) =>
      line(['group', r.platform, r.category, r.country, r.language, null, null], r.figures),
    ),
    ...card.channels.map((c) =>
      line(['channel', c.platform, null, null, null, c.channel, String(c.trustedFlagger)], c.figures),
    ),
    ...card.platforms.map((p) => line(['platform', p.platform, null, null, null, null, null], p.figures)),
    line(['overall', null, null, null, null, null, null], card.overall),
  ];
  return `${lines.join('\r\n')}\r\n`;
}
