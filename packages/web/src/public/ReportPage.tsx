import { useState, type FormEvent } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import { Link, useParams } from '../router/router.tsx';
import { useSession } from '../session/session.tsx';
import { Notice, SelectField, TextAreaField, TextField } from '../ui/components.tsx';
import { errorText } from '../ui/errors.ts';
import { PageHeader } from '../ui/PageHeader.tsx';
import { useSubmit } from '../ui/useSubmit.ts';
import { readAttachments, MAX_ATTACHMENTS } from './attachments.ts';
import { CATEGORY, categoryLabel } from './labels.ts';

/** Child sexual abuse material may be reported anonymously (Art. 16(2)(c) DSA); nothing else may. */
const ANONYMOUS_CATEGORY = 'STATEMENT_CATEGORY_PROTECTION_OF_MINORS';

/**
 * The public notice form (DSA Art. 16) at `/report/<organisation slug>`: the exact address, why the
 * content is illegal, the reporter's name and email (unless anonymous), the good-faith statement, and
 * up to five attachments. It says plainly what happens next and who sees what.
 */
export function ReportPage() {
  const { t, locale } = useI18n();
  const { api } = useSession();
  const { organisation = '' } = useParams();
  const submit = useSubmit();
  const [anonymous, setAnonymous] = useState(false);
  const [category, setCategory] = useState('');
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const [sent, setSent] = useState<{ reference: string; statusPath: string } | null>(null);

  if (sent) {
    return (
      <div className="public-page">
        <PageHeader title={t('report.sentTitle')} />
        <Notice tone="success">
          <p>{t('report.sentText')}</p>
          <p className="reference" data-testid="report-reference">
            {sent.reference}
          </p>
        </Notice>
        <p>
          <Link to={sent.statusPath}>{t('report.followLink')}</Link>
        </p>
      </div>
    );
  }

  const canBeAnonymous = category === ANONYMOUS_CATEGORY;
  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? '').trim();
    const files = (form.getAll('attachments') as File[]).filter((file) => file.size > 0);
    const errors: Record<string, string> = {};
    if (!text('url')) errors.url = t('report.errorUrl');
    if (!category) errors.category = t('report.errorCategory');
    if (text('explanation').length < 10) errors.explanation = t('report.errorExplanation');
    const isAnonymous = anonymous && canBeAnonymous;
    if (!isAnonymous && !text('name')) errors.name = t('report.errorName');
    if (!isAnonymous && !text('email').includes('@')) errors.email = t('report.errorEmail');
    if (form.get('goodFaith') !== 'on') errors.goodFaith = t('report.errorGoodFaith');
    if (files.length > MAX_ATTACHMENTS) errors.attachments = t('report.errorAttachments');
    setClientErrors(errors);
    if (Object.keys(errors).length) return;
    await submit.run(async () => {
      const attachments = await readAttachments(files);
      const answer = await api.submitPublicReport({
        organisation,
        url: text('url'),
        explanation: text('explanation'),
        category,
        ...(text('language') ? { language: text('language') } : {}),
        ...(text('country') ? { country: text('country').toUpperCase() } : {}),
        ...(isAnonymous ? {} : { reporter: { name: text('name'), email: text('email') } }),
        ...(locale === 'fr' || locale === 'en' ? { reporterLanguage: locale } : {}),
        goodFaith: true,
        ...(attachments.length ? { attachments } : {}),
      });
      setSent(answer);
    });
  };

  const errorOf = (name: string) =>
    clientErrors[name] ??
    (submit.fieldCodes[name] ? errorText(t, { code: submit.fieldCodes[name] }) : undefined);

  return (
    <div className="public-page">
      <PageHeader title={t('report.title')} intro={t('report.intro')} />
      <div className="public-columns">
        <form
          className="panel form-stack"
          noValidate
          onSubmit={(e) => void onSubmit(e)}
          aria-labelledby="report-form"
        >
          <h2 id="report-form">{t('report.formHeading')}</h2>
          <TextField
            label={t('report.url')}
            hint={t('report.urlHint')}
            name="url"
            type="url"
            error={errorOf('url')}
          />
          <SelectField
            label={t('report.category')}
            name="category"
            value={category}
            error={errorOf('category')}
            onChange={(e) => setCategory(e.target.value)}
          >
            <option value="">{t('report.categoryChoose')}</option>
            {CATEGORY.map((key) => (
              <option key={key} value={key}>
                {categoryLabel(t, key)}
              </option>
            ))}
          </SelectField>
          <TextAreaField
            label={t('report.explanation')}
            hint={t('report.explanationHint')}
            name="explanation"
            rows={6}
            error={errorOf('explanation')}
          />
          <div className="form-row">
            <TextField
              label={t('report.language')}
              hint={t('report.languageHint')}
              name="language"
              error={errorOf('language')}
            />
            <TextField
              label={t('report.country')}
              hint={t('report.countryHint')}
              name="country"
              error={errorOf('country')}
            />
          </div>
          <TextField
            label={t('report.attachments')}
            hint={t('report.attachmentsHint')}
            name="attachments"
            type="file"
            multiple
            accept="image/*,video/*,application/pdf,text/plain"
            error={errorOf('attachments')}
          />
          <fieldset className="checkbox-group">
            <legend>{t('report.aboutYou')}</legend>
            <label className="checkbox">
              <input
                type="checkbox"
                name="anonymous"
                checked={anonymous && canBeAnonymous}
                disabled={!canBeAnonymous}
                aria-describedby="report-anonymous-hint"
                onChange={(e) => setAnonymous(e.target.checked)}
              />
              {t('report.anonymous')}
            </label>
            <p id="report-anonymous-hint" className="field-hint">
              {t('report.anonymousHint')}
            </p>
            {!(anonymous && canBeAnonymous) && (
              <>
                <TextField label={t('report.name')} name="name" autoComplete="name" error={errorOf('name')} />
                <TextField
                  label={t('report.email')}
                  name="email"
                  type="email"
                  autoComplete="email"
                  error={errorOf('email') ?? errorOf('reporter')}
                />
              </>
            )}
          </fieldset>
          <div className="field">
            <label className="checkbox">
              <input
                type="checkbox"
                name="goodFaith"
                aria-invalid={errorOf('goodFaith') ? true : undefined}
                aria-describedby={errorOf('goodFaith') ? 'report-good-faith-error' : undefined}
              />
              {t('report.goodFaith')}
            </label>
            {errorOf('goodFaith') && (
              <p id="report-good-faith-error" className="field-error">
                {errorOf('goodFaith')}
              </p>
            )}
          </div>
          {submit.formError !== null && <Notice tone="error">{errorText(t, submit.formError)}</Notice>}
          <button type="submit" className="button button-primary" disabled={submit.busy}>
            {submit.busy ? t('report.sending') : t('report.send')}
          </button>
        </form>
        <aside className="panel explainer" aria-labelledby="report-next">
          <h2 id="report-next">{t('report.nextHeading')}</h2>
          <ol>
            <li>{t('report.next1')}</li>
            <li>{t('report.next2')}</li>
            <li>{t('report.next3')}</li>
            <li>{t('report.next4')}</li>
          </ol>
          <h2>{t('report.whoSeesHeading')}</h2>
          <ul>
            <li>{t('report.whoSees1')}</li>
            <li>{t('report.whoSees2')}</li>
            <li>{t('report.whoSees3')}</li>
          </ul>
        </aside>
      </div>
    </div>
  );
}
