/**
 * `/scorecards/:organisation`: an organisation's published scorecard for anyone, without a session.
 * The API answers 404 both for an unknown organisation and for one that has not published.
 */
import { useState } from 'react';
import { ApiError } from '../api/client.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { useParams } from '../router/router.tsx';
import { useSession } from '../session/session.tsx';
import { LoadFailed, Loading, Notice } from '../ui/components.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';
import { useResource } from '../ui/useResource.ts';
import type { Period } from './api.ts';
import { PeriodForm } from './PeriodForm.tsx';
import { ScorecardView } from './ScorecardView.tsx';
import './scorecards.css';

export function PublicScorecardPage() {
  const { t } = useI18n();
  const { api } = useSession();
  const { organisation = '' } = useParams();
  const [period, setPeriod] = useState<Period>({});
  const { resource, reload } = useResource(
    () => api.publicScorecard(organisation, period),
    JSON.stringify([organisation, period]),
  );
  const notPublished =
    resource.status === 'failed' && resource.error instanceof ApiError && resource.error.status === 404;

  return (
    <div className="public-page scorecard-public">
      <PageHeader
        title={t('scorecards.public.title', { organisation })}
        intro={t('scorecards.public.intro')}
      />
      {notPublished ? (
        <Notice tone="info">{t('scorecards.public.notPublished')}</Notice>
      ) : (
        <>
          <PeriodForm onApply={setPeriod} />
          {resource.status === 'loading' && <Loading />}
          {resource.status === 'failed' && <LoadFailed error={resource.error} onRetry={reload} />}
          {resource.status === 'ready' && <ScorecardView card={resource.data} />}
        </>
      )}
    </div>
  );
}
