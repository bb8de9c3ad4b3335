import { useI18n } from '../i18n/i18n.tsx';
import { Link } from '../router/router.tsx';
import { useSignedIn } from '../session/session.tsx';
import { Badge, LoadFailed, Loading } from '../ui/components.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';
import { useResource } from '../ui/useResource.ts';
import type { LanguageSummary } from './api.ts';

/** Every shipped language pack, with the organisation's own version of it when there is one. */
export function LanguagePacksPage() {
  const { t } = useI18n();
  const { api } = useSignedIn();
  const { resource, reload } = useResource(() => api.languagePacks(), 'language-packs');
  return (
    <>
      <PageHeader title={t('packs.title')} intro={t('packs.intro')} />
      <section className="panel" aria-labelledby="packs-list">
        <h2 id="packs-list">{t('packs.languages')}</h2>
        {resource.status === 'loading' && <Loading />}
        {resource.status === 'failed' && <LoadFailed error={resource.error} onRetry={reload} />}
        {resource.status === 'ready' && (
          <div className="table-scroll">
            <table className="table-compact">
              <thead>
                <tr>
                  <th scope="col">{t('packs.language')}</th>
                  <th scope="col">{t('packs.code')}</th>
                  <th scope="col">{t('packs.shippedVersion')}</th>
                  <th scope="col">{t('packs.inUse')}</th>
                  <th scope="col">{t('packs.review')}</th>
                </tr>
              </thead>
              <tbody>
                {resource.data.languages.map((language) => (
                  <tr key={language.lang}>
                    <th scope="row">
                      <Link to={`/language-packs/${encodeURIComponent(language.lang)}`}>{language.name}</Link>
                    </th>
                    <td>
                      <code>{language.lang}</code>
                    </td>
                    <td>{language.shippedVersion}</td>
                    <td>
                      <InUse language={language} />
                    </td>
                    <td>
                      <Badge tone={language.reviewed ? 'success' : 'warning'}>
                        {language.reviewed ? t('packs.reviewed') : t('packs.unreviewed')}
                      </Badge>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}

function InUse({ language }: { language: LanguageSummary }) {
  const { t } = useI18n();
  const { override } = language;
  if (!override || override.reverted) return <span className="muted">{t('packs.usesShipped')}</span>;
  return <Badge tone="neutral">{t('packs.versionN', { version: override.version })}</Badge>;
}
