import { useI18n } from '../i18n/i18n.tsx';
import { Badge } from '../ui/components.tsx';
import type { NoticeClock } from './api.ts';
import { clockTone, formatDuration, readClock } from './clocks.ts';

/** One response clock: time left, time overdue, met (late or not), or stopped; "—" before sending. */
export function ClockBadge({ clock, now }: { clock: NoticeClock | null; now: number }) {
  const { t, locale, formatDateTime } = useI18n();
  if (!clock) return <span className="muted">—</span>;
  const reading = readClock(clock, now);
  const duration = formatDuration(reading.ms, locale);
  const text = {
    running: t('clock.running', { duration }),
    overdue: t('clock.overdue', { duration }),
    met: t('clock.met'),
    met_late: t('clock.metLate', { duration }),
    stopped: t('clock.stopped'),
  }[reading.state];
  return (
    <span className="clock" data-state={reading.state}>
      <Badge tone={clockTone[reading.state]}>{text}</Badge>
      <span className="cell-secondary">{t('clock.due', { date: formatDateTime(clock.dueAt) })}</span>
    </span>
  );
}
