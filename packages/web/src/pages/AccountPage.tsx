import { useI18n } from '../i18n/i18n.tsx';
import { useSignedIn } from '../session/session.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';
import { PasswordForm } from './PasswordForm.tsx';
import { ProtectionSettingsForm } from '../protection/ProtectionSettingsForm.tsx';

/** Personal settings: the profile, the password and moderator protection. */
export function AccountPage() {
  const { t } = useI18n();
  const { session } = useSignedIn();
  const { user } = session;
  return (
    <>
      <PageHeader title={t('account.title')} />
      <section className="panel" aria-labelledby="account-profile">
        <h2 id="account-profile">{t('account.profile')}</h2>
        <dl className="details">
          <dt>{t('common.name')}</dt>
          <dd>{user.displayName}</dd>
          <dt>{t('common.email')}</dt>
          <dd>{user.email}</dd>
          <dt>{t('common.role')}</dt>
          <dd>{t(`role.${user.role}`)}</dd>
        </dl>
      </section>
      <section className="panel panel-narrow" aria-labelledby="account-password">
        <h2 id="account-password">{t('account.changePassword')}</h2>
        <PasswordForm onChanged={() => undefined} />
      </section>
      <section className="panel panel-narrow" aria-labelledby="account-protection">
        <h2 id="account-protection">{t('protection.title')}</h2>
        <p className="field-hint">{t('protection.intro')}</p>
        <ProtectionSettingsForm />
      </section>
    </>
  );
}
