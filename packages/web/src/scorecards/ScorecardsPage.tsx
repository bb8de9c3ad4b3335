/**
 * `/scorecards`: how platforms respond to the organisation's notices (or to a study's), with charts,
 * the figures per group, a CSV download and, for those who manage the organisation, publishing.
 */
import { useState } from 'react';
import type { Organisation } from '../api/types.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { Link } from '../router/router.tsx';
import { useSignedIn } from '../session/session.tsx';
import { errorText } from '../ui/errors.ts';
import { LoadFailed, Loading, Notice, SelectField } from '../ui/components.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';
import { useResource } from '../ui/useResource.ts';
import { useSubmit } from '../ui/useSubmit.ts';
import { PUBLISH_SETTING, type Period, type ScorecardScope } from './api.ts';
import { PeriodForm } from './PeriodForm.tsx';
import { ScorecardView } from './ScorecardView.tsx';
import './scorecards.css';

const ORGANISATION = 'organisation';

export function ScorecardsPage() {
  const { t } = useI18n();
  const { api, can } = useSignedIn();
  const [scopeValue, setScopeValue] = useState(ORGANISATION);
  const [period, setPeriod] = useState<Period>({});
  const scope: ScorecardScope =
    scopeValue === ORGANISATION ? { kind: 'organisation' } : { kind: 'study', studyId: scopeValue };
  const studies = useResource(() => api.studies(), 'studies');
  const activeStudies =
    studies.resource.status === 'ready'
      ? studies.resource.data.studies.filter((study) => study.membership === 'active')
      : [];
  const { resource, reload } = useResource(
    () => api.scorecard(scope, period),
    JSON.stringify([scope, period]),
  );

  return (
    <>
      <PageHeader
        title={t('scorecards.title')}
        intro={t('scorecards.intro')}
        actions={<CsvDownload scope={scope} period={period} />}
      />
      {activeStudies.length > 0 && (
        <div className="filter-bar">
          <SelectField
            label={t('scorecards.scope')}
            name="scope"
            value={scopeValue}
            onChange={(event) => setScopeValue(event.target.value)}
          >
            <option value={ORGANISATION}>{t('scorecards.scopeOrganisation')}</option>
            {activeStudies.map((study) => (
              <option key={study.id} value={study.id}>
                {t('scorecards.scopeStudy', { title: study.title })}
              </option>
            ))}
          </SelectField>
        </div>
      )}
      <PeriodForm onApply={setPeriod} />
      {scope.kind === 'organisation' && can('organisation:read') && <PublishPanel />}
      {resource.status === 'loading' && <Loading />}
      {resource.status === 'failed' && <LoadFailed error={resource.error} onRetry={reload} />}
      {resource.status === 'ready' && <ScorecardView card={resource.data} />}
    </>
  );
}

/** Fetches the API's CSV of the same scorecard and hands it to the browser as a file. */
function CsvDownload({ scope, period }: { scope: ScorecardScope; period: Period }) {
  const { t } = useI18n();
  const { api } = useSignedIn();
  const submit = useSubmit();
  const download = () =>
    submit.run(async () => {
      const csv = await api.scorecardCsv(scope, period);
      const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = `scorecard-${new Date().toISOString().slice(0, 10)}.csv`;
      link.click();
      // Revoked later: revoking at once may cancel the download in some browsers.
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    });
  return (
    <div>
      <button
        type="button"
        className="button button-secondary"
        onClick={() => void download()}
        disabled={submit.busy}
      >
        {t('scorecards.downloadCsv')}
      </button>
      {submit.error !== null && <Notice tone="error">{errorText(t, submit.error)}</Notice>}
    </div>
  );
}

/** Whether `/scorecards/<slug>` shows the scorecard to everyone; changed through the organisation settings. */
function PublishPanel() {
  const { t } = useI18n();
  const { api, can } = useSignedIn();
  const { resource, reload, replace } = useResource(() => api.organisation(), 'organisation');
  const submit = useSubmit();
  const [changed, setChanged] = useState(false);

  if (resource.status === 'loading') return <Loading />;
  if (resource.status === 'failed') return <LoadFailed error={resource.error} onRetry={reload} />;
  const organisation: Organisation = resource.data;
  const published = organisation.settings[PUBLISH_SETTING] === true;
  const path = `/scorecards/${encodeURIComponent(organisation.slug)}`;
  const toggle = async () => {
    setChanged(false);
    const ok = await submit.run(async () =>
      replace(await api.updateOrganisation({ settings: { [PUBLISH_SETTING]: !published } })),
    );
    setChanged(ok);
  };

  return (
    <section className="panel" aria-labelledby="scorecard-publish">
      <h2 id="scorecard-publish">{t('scorecards.publish.heading')}</h2>
      {submit.error !== null && <Notice tone="error">{errorText(t, submit.error)}</Notice>}
      {changed && (
        <Notice tone="success">
          {t(published ? 'scorecards.publish.done' : 'scorecards.publish.undone')}
        </Notice>
      )}
      <p data-testid="publish-state">
        {t(published ? 'scorecards.publish.published' : 'scorecards.publish.unpublished')}{' '}
        {published && <Link to={path}>{`${window.location.origin}${path}`}</Link>}
      </p>
      {can('organisation:manage') && (
        <button
          type="button"
          className={published ? 'button button-secondary' : 'button button-primary'}
          onClick={() => void toggle()}
          disabled={submit.busy}
        >
          {t(published ? 'scorecards.publish.unpublish' : 'scorecards.publish.publish')}
        </button>
      )}
    </section>
  );
}
