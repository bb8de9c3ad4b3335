import { useI18n } from '../i18n/i18n.tsx';
import { navigate } from '../router/history.ts';
import { Link, useLocation } from '../router/router.tsx';
import { channelLabel } from '../platforms/labels.ts';
import { useSignedIn } from '../session/session.tsx';
import { Badge, LoadFailed, Loading, SelectField } from '../ui/components.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';
import { useResource } from '../ui/useResource.ts';
import { noticeStatuses, type NoticeQuery } from './api.ts';
import { ClockBadge } from './ClockBadge.tsx';
import { isOverdueAt } from './clocks.ts';
import { isNoticeStatus, noticeStatusLabel, statusTone } from './labels.ts';
import { useNow } from './useNow.ts';
import './notices.css';

const CLOCK_REFRESH_MS = 30_000;

/**
 * Outbound notices, newest first, with their response clocks (overdue rows highlighted). The filters
 * (platform, status, overdue) are the API's and live in the address, so a filtered list can be shared.
 */
export function NoticesPage() {
  const { t, formatDateTime } = useI18n();
  const { api, can } = useSignedIn();
  const { search } = useLocation();
  const now = useNow(CLOCK_REFRESH_MS);
  const status = search.get('status') ?? '';
  const query: NoticeQuery = {
    limit: 500,
    ...(search.get('platformId') ? { platformId: search.get('platformId') ?? '' } : {}),
    ...(isNoticeStatus(status) ? { status } : {}),
    ...(search.get('overdue') === 'true' ? { overdue: 'true' as const } : {}),
  };
  const notices = useResource(() => api.notices(query), JSON.stringify(query));
  const platforms = useResource(() => api.platforms(), 'platforms');

  const setFilter = (name: string, value: string) => {
    const next = new URLSearchParams(search);
    if (value) next.set(name, value);
    else next.delete(name);
    navigate(`/notices${next.size ? `?${next}` : ''}`, { replace: true });
  };

  return (
    <>
      <PageHeader
        title={t('notices.title')}
        intro={t('notices.intro')}
        actions={
          can('notices:manage') && (
            <Link className="button button-primary" to="/notices/new">
              {t('notices.new')}
            </Link>
          )
        }
      />
      <form className="filter-bar" aria-label={t('notices.filters')} onSubmit={(e) => e.preventDefault()}>
        <SelectField
          label={t('notices.platform')}
          value={query.platformId ?? ''}
          onChange={(e) => setFilter('platformId', e.target.value)}
        >
          <option value="">{t('notices.allPlatforms')}</option>
          {platforms.resource.status === 'ready' &&
            platforms.resource.data.platforms.map((platform) => (
              <option key={platform.id} value={platform.id}>
                {platform.name}
              </option>
            ))}
        </SelectField>
        <SelectField
          label={t('common.status')}
          value={query.status ?? ''}
          onChange={(e) => setFilter('status', e.target.value)}
        >
          <option value="">{t('notices.allStatuses')}</option>
          {noticeStatuses.map((value) => (
            <option key={value} value={value}>
              {t(`noticeStatus.${value}`)}
            </option>
          ))}
        </SelectField>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={query.overdue === 'true'}
            onChange={(e) => setFilter('overdue', e.target.checked ? 'true' : '')}
          />
          {t('notices.overdueOnly')}
        </label>
      </form>
      <section className="panel" aria-label={t('notices.list')}>
        {notices.resource.status === 'loading' && <Loading />}
        {notices.resource.status === 'failed' && (
          <LoadFailed error={notices.resource.error} onRetry={notices.reload} />
        )}
        {notices.resource.status === 'ready' &&
          (notices.resource.data.notices.length === 0 ? (
            <p className="muted">{t('notices.empty')}</p>
          ) : (
            <div className="table-scroll">
              <table className="table-compact notices-table">
                <thead>
                  <tr>
                    <th scope="col">{t('notices.reference')}</th>
                    <th scope="col">{t('notices.platform')}</th>
                    <th scope="col">{t('common.status')}</th>
                    <th scope="col">{t('notices.sentAt')}</th>
                    <th scope="col">{t('notices.ackClock')}</th>
                    <th scope="col">{t('notices.decisionClock')}</th>
                  </tr>
                </thead>
                <tbody>
                  {notices.resource.data.notices.map((notice) => {
                    const overdue = isOverdueAt(notice, now);
                    return (
                      <tr
                        key={notice.id}
                        className={overdue ? 'is-overdue' : undefined}
                        data-testid="notice-row"
                      >
                        <th scope="row">
                          <Link to={`/notices/${encodeURIComponent(notice.id)}`}>{notice.reference}</Link>
                          {overdue && (
                            <span className="cell-secondary">
                              <Badge tone="danger">{t('notices.overdue')}</Badge>
                            </span>
                          )}
                        </th>
                        <td>
                          {notice.platformSlug}
                          <span className="cell-secondary">{channelLabel(t, notice.channel)}</span>
                        </td>
                        <td>
                          <Badge tone={isNoticeStatus(notice.status) ? statusTone[notice.status] : 'neutral'}>
                            {noticeStatusLabel(t, notice.status)}
                          </Badge>
                        </td>
                        <td>{notice.sentAt === null ? '—' : formatDateTime(notice.sentAt)}</td>
                        <td>
                          <ClockBadge clock={notice.clocks.acknowledgement} now={now} />
                        </td>
                        <td>
                          <ClockBadge clock={notice.clocks.decision} now={now} />
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          ))}
      </section>
    </>
  );
}
