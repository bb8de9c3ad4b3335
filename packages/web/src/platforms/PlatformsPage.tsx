import { useState } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import { Link } from '../router/router.tsx';
import { useSignedIn } from '../session/session.tsx';
import { LoadFailed, Loading, SecretReveal } from '../ui/components.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';
import { useResource } from '../ui/useResource.ts';
import type { Platform } from './api.ts';
import { ChannelList } from './ChannelList.tsx';
import { PlatformForm } from './PlatformForm.tsx';
import './platforms.css';

/** The platform directory: where notices go, through which channels, with which expected delays. */
export function PlatformsPage() {
  const { t } = useI18n();
  const { api, can } = useSignedIn();
  const { resource, reload } = useResource(() => api.platforms(), 'platforms');
  const [created, setCreated] = useState<{ platform: Platform; callbackSecret: string } | null>(null);
  return (
    <>
      <PageHeader title={t('platforms.title')} intro={t('platforms.intro')} />
      <section className="panel" aria-labelledby="platforms-list">
        <h2 id="platforms-list">{t('platforms.list')}</h2>
        {resource.status === 'loading' && <Loading />}
        {resource.status === 'failed' && <LoadFailed error={resource.error} onRetry={reload} />}
        {resource.status === 'ready' &&
          (resource.data.platforms.length === 0 ? (
            <p className="muted">{t('platforms.empty')}</p>
          ) : (
            <div className="table-scroll">
              <table className="table-compact">
                <thead>
                  <tr>
                    <th scope="col">{t('common.name')}</th>
                    <th scope="col">{t('platforms.channels')}</th>
                    <th scope="col">{t('platforms.countries')}</th>
                    <th scope="col">{t('platforms.languages')}</th>
                  </tr>
                </thead>
                <tbody>
                  {resource.data.platforms.map((platform) => (
                    <tr key={platform.id}>
                      <th scope="row">
                        {can('platforms:manage') ? (
                          <Link to={`/platforms/${encodeURIComponent(platform.id)}`}>{platform.name}</Link>
                        ) : (
                          platform.name
                        )}
                        <span className="cell-secondary">{platform.slug}</span>
                      </th>
                      <td>
                        <ChannelList channels={platform.channels} />
                      </td>
                      <td>{platform.countries.join(', ') || '—'}</td>
                      <td>{platform.languages.join(', ') || '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ))}
      </section>
      {can('platforms:manage') && (
        <section className="panel panel-narrow" aria-labelledby="platforms-create">
          <h2 id="platforms-create">{t('platforms.create')}</h2>
          {created && (
            <SecretReveal
              label={t('platforms.callbackSecret', { name: created.platform.name })}
              value={created.callbackSecret}
              hint={t('platforms.callbackSecretHint')}
            />
          )}
          <PlatformForm
            submitLabel={t('platforms.createButton')}
            onSubmit={async (input) => {
              setCreated(await api.createPlatform(input));
              reload();
            }}
          />
        </section>
      )}
    </>
  );
}
