import { useState } from 'react';
import { jobStatuses, type Job, type JobStatus } from '../api/types.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { useSignedIn } from '../session/session.tsx';
import { Badge, SelectField } from '../ui/components.tsx';
import { ResourceView, useRowAction, type ChangeNotice } from '../ui/ResourceView.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';
import { useResource } from '../ui/useResource.ts';

const statusTone = { pending: 'neutral', running: 'warning', done: 'success', dead: 'danger' } as const;

export function JobsPage() {
  const { t } = useI18n();
  const { api } = useSignedIn();
  const [status, setStatus] = useState<JobStatus | ''>('');
  const { resource, reload } = useResource(() => api.jobs(status ? { status } : {}), status);

  return (
    <>
      <PageHeader title={t('jobs.title')} intro={t('jobs.intro')} />
      <section className="panel" aria-labelledby="jobs-list">
        <h2 id="jobs-list" className="visually-hidden">
          {t('jobs.title')}
        </h2>
        <div className="filter-bar">
          <SelectField
            label={t('jobs.filterStatus')}
            name="status"
            value={status}
            onChange={(e) => setStatus(e.target.value as JobStatus | '')}
          >
            <option value="">{t('jobs.statusAll')}</option>
            {jobStatuses.map((value) => (
              <option key={value} value={value}>
                {t(`jobs.status.${value}`)}
              </option>
            ))}
          </SelectField>
        </div>
        <ResourceView resource={resource} reload={reload}>
          {(data, onChanged) => <JobTable jobs={data.jobs} onChanged={onChanged} />}
        </ResourceView>
      </section>
    </>
  );
}

function JobTable({ jobs, onChanged }: { jobs: Job[]; onChanged(notice: ChangeNotice): void }) {
  const { t, formatDateTime } = useI18n();
  const { api, can } = useSignedIn();
  const { busyId, run } = useRowAction(onChanged);
  const canRetry = can('jobs:manage');

  if (jobs.length === 0) return <p className="muted">{t('jobs.empty')}</p>;

  const retry = (job: Job) => run(job.id, () => api.retryJob(job.id), t('jobs.retried'));

  return (
    <div className="table-scroll">
      <table className="table-compact">
        <thead>
          <tr>
            <th scope="col">{t('jobs.kind')}</th>
            <th scope="col">{t('common.status')}</th>
            <th scope="col">{t('jobs.attempts')}</th>
            <th scope="col">{t('common.created')}</th>
            <th scope="col">{t('jobs.runAt')}</th>
            <th scope="col">{t('jobs.finished')}</th>
            <th scope="col">{t('jobs.lastError')}</th>
            {canRetry && <th scope="col">{t('common.actions')}</th>}
          </tr>
        </thead>
        <tbody>
          {jobs.map((job) => (
            <tr key={job.id}>
              <th scope="row">
                <code>{job.kind}</code>
              </th>
              <td>
                <Badge tone={statusTone[job.status]}>{t(`jobs.status.${job.status}`)}</Badge>
              </td>
              <td className="numeric">
                {job.attempts} / {job.maxAttempts}
              </td>
              <td className="nowrap">{formatDateTime(job.createdAt)}</td>
              <td className="nowrap">{job.status === 'pending' ? formatDateTime(job.runAt) : '—'}</td>
              <td className="nowrap">{job.finishedAt === null ? '—' : formatDateTime(job.finishedAt)}</td>
              <td>{job.lastError && <code className="details-json">{job.lastError}</code>}</td>
              {canRetry && (
                <td>
                  {job.status === 'dead' && (
                    <button
                      type="button"
                      className="button button-secondary button-small"
                      disabled={busyId === job.id}
                      onClick={() => void retry(job)}
                    >
                      {t('jobs.retry')}
                    </button>
                  )}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
