import { useState } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import { Link, useParams } from '../router/router.tsx';
import { useSignedIn } from '../session/session.tsx';
import { LoadFailed, Loading, Notice } from '../ui/components.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';
import { useResource } from '../ui/useResource.ts';
import { PlatformForm } from './PlatformForm.tsx';
import './platforms.css';

/** Editing one directory entry. Notices already sent keep the deadlines they were sent with. */
export function PlatformPage() {
  const { t } = useI18n();
  const { api } = useSignedIn();
  const { platformId = '' } = useParams();
  // The API has no single-platform read: the directory is small, so the list is read instead.
  const { resource, reload } = useResource(() => api.platforms(), platformId);
  const [saved, setSaved] = useState(false);
  if (resource.status === 'loading') return <Loading />;
  if (resource.status === 'failed') return <LoadFailed error={resource.error} onRetry={reload} />;
  const platform = resource.data.platforms.find((p) => p.id === platformId);
  if (!platform) return <Notice tone="error">{t('platforms.notFound')}</Notice>;
  return (
    <>
      <PageHeader title={platform.name} intro={t('platforms.editIntro')} />
      <section className="panel panel-narrow" aria-label={t('platforms.edit')}>
        {saved && <Notice tone="success">{t('platforms.saved')}</Notice>}
        <PlatformForm
          key={platform.updatedAt}
          platform={platform}
          submitLabel={t('common.save')}
          onSubmit={async (input) => {
            setSaved(false);
            await api.updatePlatform(platform.id, input);
            setSaved(true);
            reload();
          }}
        />
      </section>
      <p>
        <Link to="/platforms">{t('platforms.back')}</Link>
      </p>
    </>
  );
}
