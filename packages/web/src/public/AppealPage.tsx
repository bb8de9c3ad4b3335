import { useState, type FormEvent } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import { useLocation } from '../router/router.tsx';
import { useSession } from '../session/session.tsx';
import { Notice, TextAreaField, TextField } from '../ui/components.tsx';
import { errorText } from '../ui/errors.ts';
import { PageHeader } from '../ui/PageHeader.tsx';
import { useSubmit } from '../ui/useSubmit.ts';

/**
 * `/appeal`: contest a decision (DSA Art. 20) with the appeal code from a statement of reasons, or,
 * as a reporter, with the report reference (`?token=` pre-fills it from the status page).
 */
export function AppealPage() {
  const { t, formatDateTime } = useI18n();
  const { api } = useSession();
  const { search } = useLocation();
  const submit = useSubmit();
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const [sent, setSent] = useState<{ appealId: string; submittedAt: number } | null>(null);

  if (sent) {
    return (
      <div className="public-page">
        <PageHeader title={t('appeal.sentTitle')} />
        <Notice tone="success">{t('appeal.sentText', { date: formatDateTime(sent.submittedAt) })}</Notice>
      </div>
    );
  }

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const token = String(form.get('token') ?? '').trim();
    const grounds = String(form.get('grounds') ?? '').trim();
    const errors: Record<string, string> = {};
    if (!token) errors.token = t('appeal.errorToken');
    if (grounds.length < 10) errors.grounds = t('appeal.errorGrounds');
    setClientErrors(errors);
    if (Object.keys(errors).length) return;
    await submit.run(async () => setSent(await api.submitAppeal({ token, grounds })));
  };
  const errorOf = (name: string) =>
    clientErrors[name] ??
    (submit.fieldCodes[name] ? errorText(t, { code: submit.fieldCodes[name] }) : undefined);

  return (
    <div className="public-page">
      <PageHeader title={t('appeal.title')} intro={t('appeal.intro')} />
      <form className="panel panel-narrow form-stack" noValidate onSubmit={(e) => void onSubmit(e)}>
        <TextField
          label={t('appeal.token')}
          hint={t('appeal.tokenHint')}
          name="token"
          defaultValue={search.get('token') ?? ''}
          error={errorOf('token')}
        />
        <TextAreaField label={t('appeal.grounds')} name="grounds" rows={6} error={errorOf('grounds')} />
        {submit.formError !== null && <Notice tone="error">{errorText(t, submit.formError)}</Notice>}
        <button type="submit" className="button button-primary" disabled={submit.busy}>
          {t('appeal.send')}
        </button>
      </form>
    </div>
  );
}
