import { useState, type FormEvent } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import { useSession } from '../session/session.tsx';
import { errorText } from '../ui/errors.ts';
import { Notice, TextField } from '../ui/components.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';
import { useSubmit } from '../ui/useSubmit.ts';

export function LoginPage() {
  const { t } = useI18n();
  const { signIn, state } = useSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const submit = useSubmit();

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void submit.run(() => signIn({ email, password }));
  };

  const expired = state.status === 'signedOut' && state.reason === 'expired';

  return (
    <div className="auth-card">
      <PageHeader title={t('login.title')} intro={t('login.intro')} />
      {expired && <Notice tone="info">{t('errors.not_authenticated')}</Notice>}
      {/* One message above the form: a wrong email and a wrong password are the same answer. */}
      {submit.error !== null && <Notice tone="error">{errorText(t, submit.error)}</Notice>}
      <form onSubmit={onSubmit} className="stack" noValidate>
        <TextField
          label={t('login.email')}
          type="email"
          name="email"
          autoComplete="username"
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
        />
        <TextField
          label={t('login.password')}
          type="password"
          name="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        <button type="submit" className="button button-primary button-block" disabled={submit.busy}>
          {submit.busy ? t('login.submitting') : t('login.submit')}
        </button>
      </form>
    </div>
  );
}
