import { useState, type FormEvent } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import { Notice, TextField } from '../ui/components.tsx';
import { errorText } from '../ui/errors.ts';
import { useSubmit } from '../ui/useSubmit.ts';
import type { ChannelKind, Platform, PlatformInput } from './api.ts';
import {
  buildPlatformInput,
  CHANNEL_KINDS,
  draftOf,
  type ChannelDraft,
  type ChannelField,
  type PlatformDraft,
  type PlatformProblems,
} from './form.ts';

/**
 * A platform's directory entry: identity, hosts, countries and languages served, and one optional
 * reporting channel per kind with its expected response times (which set the notice clocks).
 */
export function PlatformForm({
  platform,
  submitLabel,
  onSubmit,
}: {
  platform?: Platform;
  submitLabel: string;
  onSubmit(input: PlatformInput): Promise<void>;
}) {
  const { t } = useI18n();
  const submit = useSubmit();
  const [draft, setDraft] = useState<PlatformDraft>(() => draftOf(platform));
  const [problems, setProblems] = useState<PlatformProblems>({});
  const invalid = t('platforms.invalid');
  const apiError = (name: string) =>
    submit.fieldCodes[name] ? errorText(t, { code: submit.fieldCodes[name] }) : undefined;

  const setChannel = (kind: ChannelKind, patch: Partial<ChannelDraft>) =>
    setDraft((current) => ({
      ...current,
      channels: { ...current.channels, [kind]: { ...current.channels[kind], ...patch } },
    }));

  const handleSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const built = buildPlatformInput(draft);
    if ('problems' in built) {
      setProblems(built.problems);
      return;
    }
    setProblems({});
    const ok = await submit.run(() => onSubmit(built.input));
    if (ok && !platform) setDraft(draftOf());
  };

  const channelInput = (kind: ChannelKind, field: ChannelField, label: string, type = 'text') => (
    <TextField
      label={label}
      type={type}
      value={draft.channels[kind][field]}
      onChange={(e) => setChannel(kind, { [field]: e.target.value })}
      error={problems[`${kind}.${field}`] ? invalid : undefined}
      {...(type === 'number' ? { min: 0, step: 'any', inputMode: 'decimal' as const } : {})}
    />
  );

  return (
    <form className="form-stack" noValidate onSubmit={(e) => void handleSubmit(e)}>
      <TextField
        label={t('common.name')}
        value={draft.name}
        onChange={(e) => setDraft({ ...draft, name: e.target.value })}
        error={apiError('name')}
      />
      <TextField
        label={t('platforms.slug')}
        hint={t('platforms.slugHint')}
        value={draft.slug}
        onChange={(e) => setDraft({ ...draft, slug: e.target.value })}
        error={apiError('slug')}
      />
      <TextField
        label={t('platforms.hosts')}
        hint={t('platforms.listHint')}
        value={draft.hosts}
        onChange={(e) => setDraft({ ...draft, hosts: e.target.value })}
        error={apiError('hosts')}
      />
      <TextField
        label={t('platforms.countries')}
        hint={t('platforms.countriesHint')}
        value={draft.countries}
        onChange={(e) => setDraft({ ...draft, countries: e.target.value })}
        error={apiError('countries')}
      />
      <TextField
        label={t('platforms.languages')}
        hint={t('platforms.languagesHint')}
        value={draft.languages}
        onChange={(e) => setDraft({ ...draft, languages: e.target.value })}
        error={apiError('languages')}
      />
      <fieldset className="checkbox-group channel-set" aria-describedby="platform-channels-hint">
        <legend>{t('platforms.channels')}</legend>
        <p id="platform-channels-hint" className="field-hint">
          {t('platforms.channelsHint')}
        </p>
        {(problems.channels || submit.fieldCodes.channels) && (
          <p className="field-error">{t('platforms.channelsRequired')}</p>
        )}
        {CHANNEL_KINDS.map((kind) => {
          const channel = draft.channels[kind];
          return (
            <div
              key={kind}
              className="channel-row"
              role="group"
              aria-label={t(`channel.${kind}`)}
              data-testid={`channel-${kind}`}
            >
              <label className="checkbox">
                <input
                  type="checkbox"
                  checked={channel.offered}
                  onChange={(e) => setChannel(kind, { offered: e.target.checked })}
                />
                {t(`channel.${kind}`)}
              </label>
              {channel.offered && (
                <div className="form-row">
                  {channelInput(kind, 'address', t('platforms.address'))}
                  {kind === 'api' && channelInput(kind, 'statusUrl', t('platforms.statusUrl'))}
                  {channelInput(kind, 'ackWithinHours', t('platforms.ackWithinHours'), 'number')}
                  {channelInput(kind, 'decisionWithinHours', t('platforms.decisionWithinHours'), 'number')}
                </div>
              )}
            </div>
          );
        })}
      </fieldset>
      {submit.formError !== null && <Notice tone="error">{errorText(t, submit.formError)}</Notice>}
      <button type="submit" className="button button-primary" disabled={submit.busy}>
        {submitLabel}
      </button>
    </form>
  );
}
