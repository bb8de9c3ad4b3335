import { publicStatuses } from '../api/types.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { Link, useParams } from '../router/router.tsx';
import { useSession } from '../session/session.tsx';
import { LoadFailed, Loading } from '../ui/components.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';
import { useResource } from '../ui/useResource.ts';
import { actionLabel } from './labels.ts';

/** `/r/<reference>`: where a report stands, the public notes, the outcome and how to appeal. */
export function ReportStatusPage() {
  const { t, formatDateTime } = useI18n();
  const { api } = useSession();
  const { reference = '' } = useParams();
  const { resource, reload } = useResource(() => api.publicReportStatus(reference), reference);

  return (
    <div className="public-page">
      <PageHeader title={t('status.title')} intro={t('status.reference', { reference })} />
      {resource.status === 'loading' && <Loading />}
      {resource.status === 'failed' && <LoadFailed error={resource.error} onRetry={reload} />}
      {resource.status === 'ready' && (
        <section className="panel" aria-labelledby="status-progress">
          <h2 id="status-progress">{t('status.progress')}</h2>
          <ol className="progress-steps">
            {publicStatuses.map((step) => (
              <li
                key={step}
                className={step === resource.data.status ? 'is-current' : undefined}
                aria-current={step === resource.data.status ? 'step' : undefined}
              >
                {t(`status.step.${step}`)}
              </li>
            ))}
          </ol>
          <dl className="details">
            <dt>{t('status.received')}</dt>
            <dd>{formatDateTime(resource.data.receivedAt)}</dd>
            {resource.data.outcome && (
              <>
                <dt>{t('status.outcome')}</dt>
                <dd data-testid="status-outcome">
                  {actionLabel(t, resource.data.outcome.action)} ·{' '}
                  {formatDateTime(resource.data.outcome.decidedAt)}
                  {resource.data.outcome.reversed && ` · ${t('status.reversed')}`}
                </dd>
              </>
            )}
          </dl>
          <h2>{t('status.notes')}</h2>
          {resource.data.notes.length === 0 ? (
            <p className="muted">{t('status.noNotes')}</p>
          ) : (
            <ul className="notes">
              {resource.data.notes.map((note) => (
                <li key={note.at}>
                  <time className="muted">{formatDateTime(note.at)}</time>
                  {/* Text node: whatever a note contains is never parsed as HTML. */}
                  <p className="user-text">{note.text}</p>
                </li>
              ))}
            </ul>
          )}
          {resource.data.appeal && (
            <>
              <h2>{t('status.appealHeading')}</h2>
              {resource.data.appeal.open ? (
                <p>
                  {t('status.appealOpen', { deadline: formatDateTime(resource.data.appeal.deadline) })}{' '}
                  <Link to={`/appeal?token=${encodeURIComponent(reference)}`}>{t('status.appealLink')}</Link>
                </p>
              ) : (
                <p className="muted">{t('status.appealClosed')}</p>
              )}
            </>
          )}
        </section>
      )}
    </div>
  );
}
