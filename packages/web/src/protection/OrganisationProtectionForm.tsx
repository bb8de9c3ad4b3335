import { useState, type FormEvent } from 'react';
import type { Organisation } from '../api/types.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { useSignedIn } from '../session/session.tsx';
import { Notice } from '../ui/components.tsx';
import { errorText } from '../ui/errors.ts';
import { useSubmit } from '../ui/useSubmit.ts';
import { ProtectionFields } from './ProtectionFields.tsx';
import { useProtection } from './protection.tsx';
import { ORGANISATION_KEY, resolveProtection, type ProtectionSettings } from './settings.ts';

/**
 * The organisation's protection defaults (`settings.moderatorProtection`), for those who may manage
 * the organisation. Other settings keys are sent back unchanged.
 */
export function OrganisationProtectionForm({
  organisation,
  onSaved,
}: {
  organisation: Organisation;
  onSaved(organisation: Organisation): void;
}) {
  const { t } = useI18n();
  const { api } = useSignedIn();
  const { organisationChanged } = useProtection();
  const submit = useSubmit();
  const [draft, setDraft] = useState<ProtectionSettings>(() => resolveProtection(organisation.settings, {}));
  const [saved, setSaved] = useState(false);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    const ok = await submit.run(async () => {
      const updated = await api.updateOrganisation({
        settings: { ...organisation.settings, [ORGANISATION_KEY]: draft },
      });
      organisationChanged(updated.settings);
      onSaved(updated);
    });
    setSaved(ok);
  };

  return (
    <form className="form-stack" noValidate onSubmit={(e) => void onSubmit(e)}>
      <ProtectionFields
        value={draft}
        onChange={(patch) => {
          setDraft((previous) => ({ ...previous, ...patch }));
          setSaved(false);
        }}
      />
      {submit.formError !== null && <Notice tone="error">{errorText(t, submit.formError)}</Notice>}
      {saved && <Notice tone="success">{t('organisation.saved')}</Notice>}
      <button type="submit" className="button button-primary" disabled={submit.busy}>
        {t('common.save')}
      </button>
    </form>
  );
}
