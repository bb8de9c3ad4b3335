import { describe, expect, it } from 'vitest';
import type { NoticeClock } from '../src/notices/api.ts';
import { durationParts, formatDuration, isOverdueAt, readClock } from '../src/notices/clocks.ts';

const HOUR = 3_600_000;
const MINUTE = 60_000;
const DUE = Date.UTC(2026, 10, 20, 12);

const clock = (state: NoticeClock['state'], extra: Partial<NoticeClock> = {}): NoticeClock => ({
  dueAt: DUE,
  metAt: null,
  state,
  lateByMs: 0,
  ...extra,
});

describe('readClock', () => {
  it('counts down a running clock and turns it overdue once now is strictly after the due time', () => {
    expect(readClock(clock('running'), DUE - 90 * MINUTE)).toEqual({ state: 'running', ms: 90 * MINUTE });
    expect(readClock(clock('running'), DUE)).toEqual({ state: 'running', ms: 0 });
    expect(readClock(clock('running'), DUE + 1)).toEqual({ state: 'overdue', ms: 1 });
  });

  it('keeps counting an overdue clock from the due time, never below what the API said', () => {
    const overdue = clock('overdue', { lateByMs: 5 * HOUR });
    expect(readClock(overdue, DUE + 7 * HOUR)).toEqual({ state: 'overdue', ms: 7 * HOUR });
    // A browser clock behind the server's does not shrink the delay.
    expect(readClock(overdue, DUE + HOUR)).toEqual({ state: 'overdue', ms: 5 * HOUR });
  });

  it('reports how late a met-late clock was and nothing for met or stopped ones', () => {
    expect(
      readClock(clock('met_late', { metAt: DUE + 2 * HOUR, lateByMs: 2 * HOUR }), DUE + 99 * HOUR),
    ).toEqual({
      state: 'met_late',
      ms: 2 * HOUR,
    });
    expect(readClock(clock('met', { metAt: DUE - HOUR }), DUE + 99 * HOUR)).toEqual({ state: 'met', ms: 0 });
    expect(readClock(clock('stopped'), DUE + 99 * HOUR)).toEqual({ state: 'stopped', ms: 0 });
  });
});

describe('isOverdueAt', () => {
  it('is true when either clock is overdue at that instant, false before sending', () => {
    const notice = (acknowledgement: NoticeClock | null, decision: NoticeClock | null) => ({
      clocks: { acknowledgement, decision },
    });
    expect(isOverdueAt(notice(null, null), DUE + HOUR)).toBe(false);
    expect(isOverdueAt(notice(clock('met'), clock('running')), DUE)).toBe(false);
    expect(isOverdueAt(notice(clock('met'), clock('running')), DUE + 1)).toBe(true);
    expect(
      isOverdueAt(
        notice(clock('overdue', { lateByMs: 1 }), clock('running', { dueAt: DUE + 9 * HOUR })),
        DUE + 1,
      ),
    ).toBe(true);
  });
});

describe('durationParts', () => {
  it('gives the two largest whole units, rounded down, leaving out a zero second unit', () => {
    expect(durationParts(93 * MINUTE)).toEqual([
      { unit: 'hour', value: 1 },
      { unit: 'minute', value: 33 },
    ]);
    expect(durationParts(2 * 24 * HOUR + 5 * HOUR + 59 * MINUTE)).toEqual([
      { unit: 'day', value: 2 },
      { unit: 'hour', value: 5 },
    ]);
    expect(durationParts(3 * 24 * HOUR)).toEqual([{ unit: 'day', value: 3 }]);
    expect(durationParts(2 * HOUR + 30_000)).toEqual([{ unit: 'hour', value: 2 }]);
    expect(durationParts(59_999)).toEqual([{ unit: 'minute', value: 0 }]);
    expect(durationParts(-5 * HOUR)).toEqual([{ unit: 'minute', value: 0 }]);
  });

  it('never shows more time than there is, and drops less than its finest unit', () => {
    const unitMs = { day: 24 * HOUR, hour: HOUR, minute: MINUTE };
    // Days are shown with hours, hours with minutes: what is dropped is below that second unit.
    const resolution = { day: HOUR, hour: MINUTE, minute: MINUTE };
    for (let ms = 0; ms < 10 * 24 * HOUR; ms += 7_777_777) {
      const parts = durationParts(ms);
      const total = parts.reduce((sum, part) => sum + part.value * unitMs[part.unit], 0);
      expect(total).toBeLessThanOrEqual(ms);
      expect(ms - total).toBeLessThan(resolution[parts[0]!.unit]);
    }
  });
});

describe('formatDuration', () => {
  it("uses the locale's own unit words", () => {
    expect(formatDuration(93 * MINUTE, 'en')).toBe('1 hr 33 min');
    expect(formatDuration(26 * HOUR, 'fr')).toMatch(/^1\sj 2\sh$/u);
  });
});
