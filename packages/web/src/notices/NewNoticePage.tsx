import { useState, type FormEvent } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import type { ChannelKind } from '../platforms/api.ts';
import { channelLabel } from '../platforms/labels.ts';
import { CATEGORY, categoryLabel } from '../public/labels.ts';
import { navigate } from '../router/history.ts';
import { Link, useLocation } from '../router/router.tsx';
import { useSignedIn } from '../session/session.tsx';
import { LoadFailed, Loading, Notice, SelectField, TextAreaField, TextField } from '../ui/components.tsx';
import { errorText } from '../ui/errors.ts';
import { PageHeader } from '../ui/PageHeader.tsx';
import { useResource } from '../ui/useResource.ts';
import { useSubmit } from '../ui/useSubmit.ts';
import { localDateTimeToEpoch, parseItems } from './form.ts';

const DEFAULT_LEGAL_BASIS = 'DSA Art. 16';

/**
 * Record a notice sent to a platform: exactly the text and items sent, the channel, legal basis and
 * trusted-flagger status. From a case (`?caseId=`) or on its own. Notices on an `api` channel are
 * delivered by Vigie; the others are recorded as sent at the given time (default: now).
 */
export function NewNoticePage() {
  const { t } = useI18n();
  const { api } = useSignedIn();
  const { search } = useLocation();
  const platforms = useResource(() => api.platforms(), 'platforms');
  const submit = useSubmit();
  const [platformId, setPlatformId] = useState('');
  const [channel, setChannel] = useState<ChannelKind | ''>('');
  const [trustedFlagger, setTrustedFlagger] = useState(false);
  const caseId = search.get('caseId') ?? '';
  const fieldError = (name: string) =>
    submit.fieldCodes[name] ? errorText(t, { code: submit.fieldCodes[name] }) : undefined;

  if (platforms.resource.status === 'loading') return <Loading />;
  if (platforms.resource.status === 'failed')
    return <LoadFailed error={platforms.resource.error} onRetry={platforms.reload} />;
  const directory = platforms.resource.data.platforms;
  const platform = directory.find((p) => p.id === platformId);

  const choosePlatform = (id: string) => {
    setPlatformId(id);
    const first = directory.find((p) => p.id === id)?.channels[0]?.kind ?? '';
    setChannel(first);
    setTrustedFlagger(first === 'trusted_flagger');
  };

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? '').trim();
    const missing: Record<string, string> = {};
    if (!platformId) missing.platformId = 'validation_failed';
    if (!channel) missing.channel = 'validation_failed';
    if (!text('legalBasis')) missing.legalBasis = 'validation_failed';
    if (!text('text')) missing.text = 'validation_failed';
    // Without a case there is nothing to take the category and the item from.
    if (!text('caseId') && !text('category')) missing.category = 'validation_failed';
    if (!text('caseId') && !parseItems(String(form.get('items') ?? ''))) missing.items = 'validation_failed';
    if (Object.keys(missing).length > 0 || !channel) {
      submit.setFieldCodes(missing);
      return;
    }
    const items = parseItems(String(form.get('items') ?? ''));
    const sentAt = localDateTimeToEpoch(text('sentAt'));
    let createdId = '';
    const ok = await submit.run(async () => {
      const { notice } = await api.createNotice({
        platformId,
        channel,
        legalBasis: text('legalBasis'),
        trustedFlagger,
        text: String(form.get('text') ?? ''),
        ...(text('category') ? { category: text('category') } : {}),
        ...(text('country') ? { country: text('country').toUpperCase() } : {}),
        ...(text('language') ? { language: text('language') } : {}),
        ...(items ? { items } : {}),
        ...(text('caseId') ? { caseId: text('caseId') } : {}),
        ...(sentAt === undefined ? {} : { sentAt }),
      });
      createdId = notice.id;
    });
    if (ok) navigate(`/notices/${encodeURIComponent(createdId)}`);
  };

  return (
    <>
      <PageHeader title={t('notices.new')} intro={t('notices.newIntro')} />
      {directory.length === 0 ? (
        <Notice tone="info">
          <p>{t('notices.noPlatforms')}</p>
          <Link to="/platforms">{t('nav.platforms')}</Link>
        </Notice>
      ) : (
        <section className="panel panel-narrow">
          <form className="form-stack" noValidate onSubmit={(e) => void onSubmit(e)}>
            <SelectField
              label={t('notices.platform')}
              value={platformId}
              onChange={(e) => choosePlatform(e.target.value)}
              error={fieldError('platformId')}
            >
              <option value="">{t('notices.choosePlatform')}</option>
              {directory.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </SelectField>
            <SelectField
              label={t('notices.channel')}
              value={channel}
              onChange={(e) => {
                const kind = e.target.value as ChannelKind;
                setChannel(kind);
                setTrustedFlagger(kind === 'trusted_flagger');
              }}
              error={fieldError('channel')}
            >
              {!platform && <option value="">—</option>}
              {platform?.channels.map((c) => (
                <option key={c.kind} value={c.kind}>
                  {channelLabel(t, c.kind)}
                </option>
              ))}
            </SelectField>
            {channel === 'api' && <p className="field-hint">{t('notices.apiDelivery')}</p>}
            <TextField
              label={t('notices.legalBasis')}
              hint={t('notices.legalBasisHint')}
              name="legalBasis"
              defaultValue={DEFAULT_LEGAL_BASIS}
              error={fieldError('legalBasis')}
            />
            <label className="checkbox">
              <input
                type="checkbox"
                checked={trustedFlagger}
                onChange={(e) => setTrustedFlagger(e.target.checked)}
              />
              {t('notices.trustedFlagger')}
            </label>
            <TextAreaField
              label={t('notices.text')}
              hint={t('notices.textHint')}
              name="text"
              rows={8}
              error={fieldError('text')}
            />
            <TextAreaField
              label={t('notices.items')}
              hint={t('notices.itemsHint')}
              name="items"
              rows={4}
              error={fieldError('items')}
            />
            <SelectField
              label={t('notices.category')}
              name="category"
              defaultValue=""
              error={fieldError('category')}
            >
              <option value="">{t('notices.noCategory')}</option>
              {CATEGORY.map((value) => (
                <option key={value} value={value}>
                  {categoryLabel(t, value)}
                </option>
              ))}
            </SelectField>
            <div className="form-row">
              <TextField
                label={t('notices.country')}
                name="country"
                maxLength={2}
                error={fieldError('country')}
              />
              <TextField label={t('notices.language')} name="language" error={fieldError('language')} />
            </div>
            <TextField
              label={t('notices.caseId')}
              hint={t('notices.caseIdHint')}
              name="caseId"
              defaultValue={caseId}
              error={fieldError('caseId')}
            />
            {/* Vigie itself sends notices on an API channel: only the others were sent at a stated time. */}
            {channel !== 'api' && (
              <TextField
                label={t('notices.sentAtInput')}
                hint={t('notices.sentAtHint')}
                name="sentAt"
                type="datetime-local"
                error={fieldError('sentAt')}
              />
            )}
            {submit.formError !== null && <Notice tone="error">{errorText(t, submit.formError)}</Notice>}
            <button type="submit" className="button button-primary" disabled={submit.busy}>
              {t('notices.createButton')}
            </button>
          </form>
        </section>
      )}
    </>
  );
}
