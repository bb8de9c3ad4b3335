import type { MessageKey } from '../i18n/catalogues.ts';
import { useI18n } from '../i18n/i18n.tsx';
import type { NoticeEvent } from './api.ts';
import { ESCALATION_KINDS } from './events.ts';
import { outcomeLabel } from './labels.ts';

const eventTypes = [
  'created',
  'sent',
  'acknowledged',
  'decision',
  'statement_of_reasons',
  'follow_up',
  'escalated',
  'reversed',
  'liveness',
  'reminder',
  'note',
  'closed',
  'delivery_failed',
] as const;

/** Event data shown as labelled values; free texts (`text`, `reason`, `error`) get their own paragraph. */
const dataLabels: Record<string, MessageKey> = {
  ticketId: 'noticeData.ticketId',
  outcome: 'noticeData.outcome',
  sorUuid: 'noticeData.sorUuid',
  kind: 'noticeData.kind',
  recipient: 'noticeData.recipient',
  reference: 'noticeData.reference',
  online: 'noticeData.online',
  httpStatus: 'noticeData.httpStatus',
  url: 'noticeData.url',
  clock: 'noticeData.clock',
  dueAt: 'noticeData.dueAt',
  attempts: 'noticeData.attempts',
  submissionSha256: 'noticeData.submissionSha256',
};
const FREE_TEXTS = ['text', 'reason', 'error'];

/** The notice's event log, oldest first; every value from the platform or an analyst is text. */
export function NoticeTimeline({ events }: { events: readonly NoticeEvent[] }) {
  const { t, formatDateTime } = useI18n();
  const typeLabel = (type: string) =>
    (eventTypes as readonly string[]).includes(type)
      ? t(`noticeEvent.${type as (typeof eventTypes)[number]}`)
      : type;
  const labelOf = (key: string) => {
    const label = dataLabels[key];
    return label ? t(label) : key;
  };
  const valueText = (key: string, value: unknown): string => {
    if (key === 'outcome' && typeof value === 'string') return outcomeLabel(t, value);
    if (
      key === 'kind' &&
      typeof value === 'string' &&
      (ESCALATION_KINDS as readonly string[]).includes(value)
    )
      return t(`escalation.${value as (typeof ESCALATION_KINDS)[number]}`);
    if (key === 'online' && typeof value === 'boolean')
      return value ? t('liveness.online') : t('liveness.gone');
    if (key === 'clock' && (value === 'acknowledgement' || value === 'decision'))
      return value === 'acknowledgement' ? t('notices.ackClock') : t('notices.decisionClock');
    if (key === 'dueAt' && typeof value === 'number') return formatDateTime(value);
    return typeof value === 'string' ? value : JSON.stringify(value);
  };
  return (
    <section className="panel" aria-labelledby="notice-timeline">
      <h2 id="notice-timeline">{t('notices.timeline')}</h2>
      <ol className="timeline notice-timeline" data-testid="notice-timeline">
        {events.map((event) => {
          const shown = Object.entries(event.data).filter(([key]) => !FREE_TEXTS.includes(key));
          return (
            <li key={event.seq} data-type={event.type}>
              <span className="muted">{formatDateTime(event.at)}</span>{' '}
              <strong>{typeLabel(event.type)}</strong>{' '}
              <span className="muted">
                {event.actorType}:{event.actorId}
                {event.recordedAt !== event.at &&
                  ` · ${t('notices.recordedAt', { date: formatDateTime(event.recordedAt) })}`}
              </span>
              {shown.length > 0 && (
                <dl className="details event-data">
                  {shown.map(([key, value]) => (
                    <div key={key}>
                      <dt>{labelOf(key)}</dt>
                      <dd className="user-text">{valueText(key, value)}</dd>
                    </div>
                  ))}
                </dl>
              )}
              {FREE_TEXTS.map(
                (key) =>
                  typeof event.data[key] === 'string' && (
                    <p key={key} className="user-text">
                      {event.data[key]}
                    </p>
                  ),
              )}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
