import { useI18n } from '../i18n/i18n.tsx';
import { useSession } from '../session/session.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';
import { PasswordForm } from './PasswordForm.tsx';

/** Shown instead of any screen while the user still has a one-time password. */
export function ChangePasswordPage() {
  const { t } = useI18n();
  const { passwordChanged, signOut } = useSession();
  return (
    <div className="auth-card">
      <PageHeader title={t('password.forcedTitle')} intro={t('password.forcedIntro')} />
      <PasswordForm onChanged={passwordChanged} />
      <p className="auth-footer">
        <button type="button" className="button button-quiet" onClick={() => void signOut()}>
          {t('header.signOut')}
        </button>
      </p>
    </div>
  );
}
