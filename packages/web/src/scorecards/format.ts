/** How scorecard figures read: shares as percentages, durations in one sensible unit, date periods. */
import type { Period } from './api.ts';

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;
const MINUTE_MS = 60_000;

export type DurationUnit = 'minute' | 'hour' | 'day';
const UNIT_MS: Record<DurationUnit, number> = { minute: MINUTE_MS, hour: HOUR_MS, day: DAY_MS };

/**
 * The unit a duration (or a chart of durations, by its largest value) reads best in: minutes under
 * an hour, hours under two days, days beyond.
 */
export function durationUnit(ms: number): DurationUnit {
  if (ms < HOUR_MS) return 'minute';
  if (ms < 2 * DAY_MS) return 'hour';
  return 'day';
}

export function inUnit(ms: number, unit: DurationUnit): number {
  return ms / UNIT_MS[unit];
}

/** A number of `unit`s in the locale's words (`1.5 days`, `3 hr`, `45 min`); one decimal at most. */
export function formatInUnit(locale: string, value: number, unit: DurationUnit): string {
  return new Intl.NumberFormat(locale, {
    style: 'unit',
    unit,
    unitDisplay: unit === 'day' ? 'long' : 'short',
    maximumFractionDigits: 1,
  }).format(value);
}

export function formatDuration(locale: string, ms: number): string {
  const unit = durationUnit(ms);
  return formatInUnit(locale, inUnit(ms, unit), unit);
}

/** A share in [0, 1] as a percentage with at most one decimal (`37.5 %`, `37,5 %`, `٣٧٫٥٪`). */
export function formatShare(locale: string, share: number): string {
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(share);
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Midnight UTC of a `YYYY-MM-DD` date input's value; undefined when empty or not a date. */
function utcMidnight(value: string): number | undefined {
  const match = DATE.exec(value);
  if (!match) return undefined;
  const ms = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== value ? undefined : ms;
}

/**
 * The API's sending-time window for two date inputs read as whole UTC days, both inclusive: the
 * API's `to` is exclusive, so it is the midnight after the last day.
 */
export function periodFromDates(fromDate: string, toDate: string): Period {
  const from = utcMidnight(fromDate);
  const lastDay = utcMidnight(toDate);
  return { from, to: lastDay === undefined ? undefined : lastDay + DAY_MS };
}

/** A day of a period, in UTC like the date inputs (a local time zone would shift midnights). */
export function formatDay(locale: string, ms: number): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(ms);
}

/** The first and last day a period covers (`to` is exclusive); null for an open end. */
export function periodDays(period: { from: number | null; to: number | null }): {
  first: number | null;
  last: number | null;
} {
  return { first: period.from, last: period.to === null ? null : period.to - 1 };
}

/** A country (`FR`) or language (`fr`) code in the reader's language, or the code itself if unknown. */
export function displayName(locale: string, type: 'region' | 'language', code: string): string {
  try {
    return new Intl.DisplayNames(locale, { type, fallback: 'code' }).of(code) ?? code;
  } catch {
    return code; // not a well-formed code
  }
}
