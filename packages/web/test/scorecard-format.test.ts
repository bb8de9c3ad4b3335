/** How scorecard figures read (src/scorecards/format.ts): durations, shares, the date period. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DAY_MS,
  displayName,
  durationUnit,
  formatDay,
  formatDuration,
  formatShare,
  HOUR_MS,
  periodDays,
  periodFromDates,
} from '../src/scorecards/format.ts';

/** French puts a (narrow) no-break space before units; which one depends on the ICU version. */
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

describe('durations', () => {
  it('reads minutes under an hour, hours under two days, days beyond', () => {
    expect(durationUnit(0)).toBe('minute');
    expect(durationUnit(HOUR_MS - 1)).toBe('minute');
    expect(durationUnit(HOUR_MS)).toBe('hour');
    expect(durationUnit(2 * DAY_MS - 1)).toBe('hour');
    expect(durationUnit(2 * DAY_MS)).toBe('day');
  });

  it("writes them in the reader's language with at most one decimal", () => {
    expect(formatDuration('en', 45 * 60_000)).toBe('45 min');
    expect(formatDuration('en', 1.5 * HOUR_MS)).toBe('1.5 hr');
    expect(formatDuration('en', 3 * DAY_MS)).toBe('3 days');
    expect(formatDuration('en', 3 * DAY_MS + HOUR_MS)).toBe('3 days');
    expect(plain(formatDuration('fr', 2.5 * DAY_MS))).toBe('2,5 jours');
  });
});

describe('formatShare', () => {
  it('writes a share as a percentage with at most one decimal', () => {
    expect(formatShare('en', 0.375)).toBe('37.5%');
    expect(formatShare('en', 1 / 3)).toBe('33.3%');
    expect(formatShare('en', 0)).toBe('0%');
    expect(plain(formatShare('fr', 0.375))).toBe('37,5 %');
  });
});

describe('periods', () => {
  it('reads two date inputs as whole UTC days, the last one included', () => {
    expect(periodFromDates('2026-01-01', '2026-01-31')).toEqual({
      from: Date.UTC(2026, 0, 1),
      to: Date.UTC(2026, 1, 1),
    });
    expect(periodFromDates('', '')).toEqual({ from: undefined, to: undefined });
    expect(periodFromDates('2026-02-30', 'soon')).toEqual({ from: undefined, to: undefined });
  });

  it('shows back the same days it was given', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date(2000, 0, 1), max: new Date(2100, 0, 1), noInvalidDate: true }),
        (date) => {
          const day = date.toISOString().slice(0, 10);
          const period = periodFromDates(day, day);
          const { first, last } = periodDays({ from: period.from ?? null, to: period.to ?? null });
          expect(formatDay('en', first as number)).toBe(formatDay('en', last as number));
          expect(new Date(last as number).toISOString().slice(0, 10)).toBe(day);
        },
      ),
    );
    expect(periodDays({ from: null, to: null })).toEqual({ first: null, last: null });
  });

  it('writes a day in UTC, whatever the time zone', () => {
    expect(formatDay('en-GB', Date.UTC(2026, 10, 22))).toBe('22 Nov 2026');
  });
});

describe('displayName', () => {
  it('names countries and languages in the locale and keeps unknown or broken codes', () => {
    expect(displayName('fr', 'region', 'DE')).toBe('Allemagne');
    expect(displayName('en', 'language', 'ar')).toBe('Arabic');
    expect(displayName('en', 'region', 'not a code')).toBe('not a code');
  });
});
