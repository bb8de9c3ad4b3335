/**
 * How a notice's response clocks read at a given instant. The API computes each clock when it
 * answers; a page left open keeps counting, so a running clock whose due time passes turns overdue
 * here without a reload. Pure: `now` is the only notion of time.
 */
import type { ClockState, Notice, NoticeClock } from './api.ts';

export interface ClockReading {
  state: ClockState;
  /** Time left while running; time past the due time when overdue or met late; else 0. */
  ms: number;
}

export function readClock(clock: NoticeClock, now: number): ClockReading {
  switch (clock.state) {
    case 'running':
      return now > clock.dueAt
        ? { state: 'overdue', ms: now - clock.dueAt }
        : { state: 'running', ms: clock.dueAt - now };
    case 'overdue':
      return { state: 'overdue', ms: Math.max(clock.lateByMs, now - clock.dueAt) };
    case 'met_late':
      return { state: 'met_late', ms: clock.lateByMs };
    case 'met':
    case 'stopped':
      return { state: clock.state, ms: 0 };
  }
}

export const clockTone = {
  running: 'neutral',
  overdue: 'danger',
  met: 'success',
  met_late: 'warning',
  stopped: 'neutral',
} as const satisfies Record<ClockState, string>;

/** True when either clock of the notice is overdue at `now`. */
export function isOverdueAt(notice: Pick<Notice, 'clocks'>, now: number): boolean {
  const { acknowledgement, decision } = notice.clocks;
  return [acknowledgement, decision].some(
    (clock) => clock !== null && readClock(clock, now).state === 'overdue',
  );
}

export type DurationUnit = 'day' | 'hour' | 'minute';

/**
 * A duration as its two largest whole units (days and hours, hours and minutes, or minutes), rounded
 * down: `93 min` → 1 hour 33 minutes; a zero second unit is left out (`2 days`, not `2 days 0 hours`).
 */
export function durationParts(ms: number): { unit: DurationUnit; value: number }[] {
  const totalMinutes = Math.floor(Math.max(0, ms) / 60_000);
  const days = Math.floor(totalMinutes / 1440);
  const hours = Math.floor((totalMinutes % 1440) / 60);
  const minutes = totalMinutes % 60;
  const pair = (
    first: { unit: DurationUnit; value: number },
    second: { unit: DurationUnit; value: number },
  ) => (second.value > 0 ? [first, second] : [first]);
  if (days > 0) return pair({ unit: 'day', value: days }, { unit: 'hour', value: hours });
  if (hours > 0) return pair({ unit: 'hour', value: hours }, { unit: 'minute', value: minutes });
  return [{ unit: 'minute', value: minutes }];
}

/** The duration in the locale's own unit words (`Intl.NumberFormat` unit style), e.g. `1 hr 33 min`. */
export function formatDuration(ms: number, locale: string): string {
  return durationParts(ms)
    .map(({ unit, value }) =>
      new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'short' }).format(value),
    )
    .join(' ');
}
