import { useI18n } from '../i18n/i18n.tsx';
import { Link } from '../router/router.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';

export function NotFoundPage() {
  const { t } = useI18n();
  return (
    <>
      <PageHeader title={t('notFound.title')} intro={t('notFound.body')} />
      <Link to="/">{t('notFound.home')}</Link>
    </>
  );
}

export function ForbiddenPage() {
  const { t } = useI18n();
  return (
    <>
      <PageHeader title={t('forbidden.title')} intro={t('forbidden.body')} />
      <Link to="/">{t('notFound.home')}</Link>
    </>
  );
}
