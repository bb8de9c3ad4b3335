import { useState, type FormEvent } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import { Notice } from '../ui/components.tsx';
import { ProtectionFields } from './ProtectionFields.tsx';
import { useProtection } from './protection.tsx';
import type { ProtectionSettings } from './settings.ts';

/**
 * Personal moderator-protection settings on the account page, shown against the organisation's
 * defaults. Saved in this browser; "Use organisation defaults" removes the personal choices.
 */
export function ProtectionSettingsForm() {
  const { t } = useI18n();
  const { settings, organisationDefaults, savePersonal, exposures } = useProtection();
  const [draft, setDraft] = useState<ProtectionSettings>(settings);
  const [saved, setSaved] = useState(false);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    // Only what differs from the organisation is personal: later organisation changes still apply.
    const personal = Object.fromEntries(
      Object.entries(draft).filter(
        ([key, value]) => organisationDefaults[key as keyof ProtectionSettings] !== value,
      ),
    );
    savePersonal(personal);
    setSaved(true);
  };
  const defaultText = (key: keyof ProtectionSettings) => {
    const value = organisationDefaults[key];
    const shown =
      typeof value === 'boolean' ? (value ? t('protection.on') : t('protection.off')) : String(value);
    return t('protection.orgDefault', { value: shown });
  };

  return (
    <form className="form-stack" noValidate onSubmit={onSubmit}>
      <p className="muted">{t('protection.exposures', { count: exposures })}</p>
      <ProtectionFields
        value={draft}
        note={defaultText}
        onChange={(patch) => {
          setDraft((previous) => ({ ...previous, ...patch }));
          setSaved(false);
        }}
      />
      {saved && <Notice tone="success">{t('protection.saved')}</Notice>}
      <div className="button-row">
        <button type="submit" className="button button-primary">
          {t('common.save')}
        </button>
        <button
          type="button"
          className="button button-quiet"
          onClick={() => {
            savePersonal({});
            setDraft(organisationDefaults);
            setSaved(true);
          }}
        >
          {t('protection.useDefaults')}
        </button>
      </div>
    </form>
  );
}
