import { useState, type FormEvent } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import { useSignedIn } from '../session/session.tsx';
import { errorText } from '../ui/errors.ts';
import { Notice, TextField } from '../ui/components.tsx';
import { useSubmit } from '../ui/useSubmit.ts';

/** The API's minimum (packages/server identity/passwords.ts); checked here too to answer at once. */
export const MIN_PASSWORD_LENGTH = 12;

/** Change the signed-in user's password: after a one-time password, and from the account page. */
export function PasswordForm({ onChanged }: { onChanged(): void }) {
  const { t } = useI18n();
  const { api } = useSignedIn();
  const [values, setValues] = useState({ currentPassword: '', newPassword: '', confirm: '' });
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const [done, setDone] = useState(false);
  const submit = useSubmit();

  const set = (name: keyof typeof values) => (event: { target: { value: string } }) =>
    setValues({ ...values, [name]: event.target.value });

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setDone(false);
    const errors: Record<string, string> = {};
    if (values.newPassword.length < MIN_PASSWORD_LENGTH)
      errors.newPassword = t('password.tooShort', { min: MIN_PASSWORD_LENGTH });
    else if (values.newPassword === values.currentPassword) errors.newPassword = t('password.sameAsCurrent');
    if (values.confirm !== values.newPassword) errors.confirm = t('password.mismatch');
    setLocalErrors(errors);
    if (Object.keys(errors).length) return;
    const ok = await submit.run(() =>
      api
        .changePassword({ currentPassword: values.currentPassword, newPassword: values.newPassword })
        .then(() => undefined),
    );
    if (ok) {
      setValues({ currentPassword: '', newPassword: '', confirm: '' });
      setDone(true);
      onChanged();
    }
  };

  const fieldError = (name: string) => {
    const code = submit.fieldCodes[name];
    if (localErrors[name] || !code) return localErrors[name];
    return name === 'currentPassword' && code === 'invalid_credentials'
      ? t('password.currentWrong')
      : errorText(t, { code });
  };

  return (
    <form onSubmit={onSubmit} className="stack" noValidate>
      {submit.formError !== null && <Notice tone="error">{errorText(t, submit.formError)}</Notice>}
      {done && <Notice tone="success">{t('password.changed')}</Notice>}
      <TextField
        label={t('password.current')}
        type="password"
        name="currentPassword"
        autoComplete="current-password"
        required
        value={values.currentPassword}
        onChange={set('currentPassword')}
        error={fieldError('currentPassword')}
      />
      <TextField
        label={t('password.new')}
        hint={t('password.hint', { min: MIN_PASSWORD_LENGTH })}
        type="password"
        name="newPassword"
        autoComplete="new-password"
        required
        value={values.newPassword}
        onChange={set('newPassword')}
        error={fieldError('newPassword')}
      />
      <TextField
        label={t('password.confirm')}
        type="password"
        name="confirm"
        autoComplete="new-password"
        required
        value={values.confirm}
        onChange={set('confirm')}
        error={fieldError('confirm')}
      />
      <div>
        <button type="submit" className="button button-primary" disabled={submit.busy}>
          {submit.busy ? t('common.saving') : t('password.submit')}
        </button>
      </div>
    </form>
  );
}
