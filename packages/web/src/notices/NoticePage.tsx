import { useI18n } from '../i18n/i18n.tsx';
import { channelLabel } from '../platforms/labels.ts';
import { categoryLabel } from '../public/labels.ts';
import { Link, useParams } from '../router/router.tsx';
import { useSignedIn } from '../session/session.tsx';
import { Badge, LoadFailed, Loading } from '../ui/components.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';
import { useResource } from '../ui/useResource.ts';
import type { Notice } from './api.ts';
import { ClockBadge } from './ClockBadge.tsx';
import { isOverdueAt } from './clocks.ts';
import { NoticeTimeline } from './NoticeTimeline.tsx';
import { isNoticeStatus, noticeStatusLabel, outcomeLabel, statusTone } from './labels.ts';
import { RecordEventForm } from './RecordEventForm.tsx';
import { useNow } from './useNow.ts';
import './notices.css';

const CLOCK_REFRESH_MS = 30_000;

/**
 * One notice: exactly what was sent (text and items, shown as text), where and on which basis, its
 * response clocks, its event log, and the form to record what happened next.
 */
export function NoticePage() {
  const { t } = useI18n();
  const { api, can } = useSignedIn();
  const { noticeId = '' } = useParams();
  const { resource, reload } = useResource(() => api.notice(noticeId), noticeId);
  const now = useNow(CLOCK_REFRESH_MS);
  if (resource.status === 'loading') return <Loading />;
  if (resource.status === 'failed') return <LoadFailed error={resource.error} onRetry={reload} />;
  const { notice, events } = resource.data;
  return (
    <>
      <PageHeader
        title={t('notices.noticeTitle', { reference: notice.reference })}
        intro={notice.platformSlug}
      />
      <p className="case-badges">
        <Badge tone={isNoticeStatus(notice.status) ? statusTone[notice.status] : 'neutral'}>
          {noticeStatusLabel(t, notice.status)}
        </Badge>{' '}
        {isOverdueAt(notice, now) && <Badge tone="danger">{t('notices.overdue')}</Badge>}{' '}
        {notice.escalatedAt !== null && <Badge tone="warning">{t('notices.escalated')}</Badge>}{' '}
        {notice.contentGoneAt !== null && <Badge tone="success">{t('notices.contentGone')}</Badge>}
      </p>
      <div className="case-grid">
        <div className="case-column">
          <SentSection notice={notice} />
          <NoticeTimeline events={events} />
        </div>
        <div className="case-column">
          <section className="panel" aria-labelledby="notice-clocks">
            <h2 id="notice-clocks">{t('notices.clocks')}</h2>
            <dl className="details">
              <dt>{t('notices.ackClock')}</dt>
              <dd data-testid="ack-clock">
                <ClockBadge clock={notice.clocks.acknowledgement} now={now} />
              </dd>
              <dt>{t('notices.decisionClock')}</dt>
              <dd data-testid="decision-clock">
                <ClockBadge clock={notice.clocks.decision} now={now} />
              </dd>
            </dl>
          </section>
          <ResponseSection notice={notice} />
          {can('notices:manage') && <RecordEventForm notice={notice} onRecorded={reload} />}
          <p>
            <Link to="/notices">{t('notices.back')}</Link>
          </p>
        </div>
      </div>
    </>
  );
}

function SentSection({ notice }: { notice: Notice }) {
  const { t, formatDateTime } = useI18n();
  const { can } = useSignedIn();
  return (
    <section className="panel" aria-labelledby="notice-sent">
      <h2 id="notice-sent">{t('notices.whatWasSent')}</h2>
      <dl className="details">
        <dt>{t('notices.channel')}</dt>
        <dd>
          {channelLabel(t, notice.channel)} · <span className="user-text">{notice.channelAddress}</span>
        </dd>
        <dt>{t('notices.legalBasis')}</dt>
        <dd className="user-text">{notice.legalBasis}</dd>
        <dt>{t('notices.trustedFlagger')}</dt>
        <dd>{notice.trustedFlagger ? t('notices.trustedYes') : t('notices.trustedNo')}</dd>
        <dt>{t('notices.category')}</dt>
        <dd>{categoryLabel(t, notice.category)}</dd>
        <dt>{t('notices.countryLanguage')}</dt>
        <dd>{[notice.country, notice.language].filter(Boolean).join(' · ') || '—'}</dd>
        <dt>{t('notices.sentAt')}</dt>
        <dd>{notice.sentAt === null ? t('notices.notSent') : formatDateTime(notice.sentAt)}</dd>
        {notice.caseId !== null && (
          <>
            <dt>{t('notices.case')}</dt>
            <dd>
              {can('cases:read') ? (
                <Link to={`/cases/${encodeURIComponent(notice.caseId)}`}>{notice.caseId}</Link>
              ) : (
                notice.caseId
              )}
            </dd>
          </>
        )}
        {notice.externalId !== null && (
          <>
            <dt>{t('notices.externalId')}</dt>
            <dd className="user-text">{notice.externalId}</dd>
          </>
        )}
      </dl>
      <h3>{t('notices.text')}</h3>
      {/* The exact text as recorded, as a text node: it may quote hateful or hostile content. */}
      <pre className="user-text notice-text" data-testid="notice-text">
        {notice.text}
      </pre>
      <h3>{t('notices.items')}</h3>
      {notice.items.length === 0 ? (
        <p className="muted">{t('notices.noItems')}</p>
      ) : (
        <ul className="notice-items">
          {notice.items.map((item, index) => (
            <li key={index}>
              {/* Shown, not linked: opening the reported site is the analyst's explicit choice. */}
              <span className="user-text">{item.url}</span>
              {can('evidence:manage') && (
                <>
                  {' '}
                  <Link
                    className="button button-quiet button-small"
                    to={`/evidence?${new URLSearchParams({ url: item.url, ...(notice.caseId ? { caseId: notice.caseId } : {}) })}`}
                  >
                    {t('notices.captureItem')}
                  </Link>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function ResponseSection({ notice }: { notice: Notice }) {
  const { t, formatDateTime } = useI18n();
  const when = (at: number | null) => (at === null ? '—' : formatDateTime(at));
  return (
    <section className="panel" aria-labelledby="notice-response">
      <h2 id="notice-response">{t('notices.response')}</h2>
      <dl className="details">
        <dt>{t('notices.acknowledgedAt')}</dt>
        <dd>{when(notice.acknowledgedAt)}</dd>
        <dt>{t('notices.decision')}</dt>
        <dd>
          {notice.decision === null ? '—' : `${outcomeLabel(t, notice.decision)} · ${when(notice.decidedAt)}`}
        </dd>
        <dt>{t('notices.statementOfReasonsAt')}</dt>
        <dd>{when(notice.statementOfReasonsAt)}</dd>
        <dt>{t('notices.escalatedAt')}</dt>
        <dd>{when(notice.escalatedAt)}</dd>
        <dt>{t('notices.reversedAt')}</dt>
        <dd>{when(notice.reversedAt)}</dd>
        <dt>{t('notices.contentGoneAt')}</dt>
        <dd>{when(notice.contentGoneAt)}</dd>
        <dt>{t('notices.closedAt')}</dt>
        <dd>{when(notice.closedAt)}</dd>
      </dl>
    </section>
  );
}
