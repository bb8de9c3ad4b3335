import { useState, type FormEvent } from 'react';
import type { Organisation } from '../api/types.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { useSignedIn } from '../session/session.tsx';
import { errorText } from '../ui/errors.ts';
import { LoadFailed, Loading, Notice, TextField } from '../ui/components.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';
import { useResource } from '../ui/useResource.ts';
import { useSubmit } from '../ui/useSubmit.ts';
import { OrganisationProtectionForm } from '../protection/OrganisationProtectionForm.tsx';

export function OrganisationPage() {
  const { t } = useI18n();
  const { api } = useSignedIn();
  const { resource, reload, replace } = useResource(() => api.organisation(), 'organisation');

  return (
    <>
      <PageHeader title={t('organisation.title')} intro={t('organisation.intro')} />
      {resource.status === 'loading' && <Loading />}
      {resource.status === 'failed' && <LoadFailed error={resource.error} onRetry={reload} />}
      {resource.status === 'ready' && <OrganisationForm organisation={resource.data} onSaved={replace} />}
    </>
  );
}

function OrganisationForm({
  organisation,
  onSaved,
}: {
  organisation: Organisation;
  onSaved(organisation: Organisation): void;
}) {
  const { t, formatDateTime } = useI18n();
  const { api, can } = useSignedIn();
  const [name, setName] = useState(organisation.name);
  const [saved, setSaved] = useState(false);
  const submit = useSubmit();
  const canManage = can('organisation:manage');

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    const ok = await submit.run(async () => onSaved(await api.updateOrganisation({ name: name.trim() })));
    setSaved(ok);
  };

  return (
    <>
      <section className="panel panel-narrow">
        <form onSubmit={onSubmit} className="stack" noValidate>
          {submit.formError !== null && <Notice tone="error">{errorText(t, submit.formError)}</Notice>}
          {saved && <Notice tone="success">{t('organisation.saved')}</Notice>}
          <TextField
            label={t('organisation.name')}
            name="name"
            required
            maxLength={200}
            readOnly={!canManage}
            value={name}
            onChange={(e) => setName(e.target.value)}
            error={submit.fieldCodes.name ? errorText(t, { code: submit.fieldCodes.name }) : undefined}
          />
          {canManage && (
            <div>
              <button
                type="submit"
                className="button button-primary"
                disabled={submit.busy || name.trim() === organisation.name}
              >
                {submit.busy ? t('common.saving') : t('common.save')}
              </button>
            </div>
          )}
        </form>
      </section>
      <section className="panel panel-narrow" aria-labelledby="organisation-details">
        <h2 id="organisation-details">{t('organisation.details')}</h2>
        <dl className="details">
          <dt>{t('organisation.slug')}</dt>
          <dd>
            <code>{organisation.slug}</code>
          </dd>
          <dt>{t('common.created')}</dt>
          <dd>{formatDateTime(organisation.createdAt)}</dd>
        </dl>
      </section>
      {canManage && (
        <section className="panel panel-narrow" aria-labelledby="organisation-protection">
          <h2 id="organisation-protection">{t('protection.organisationTitle')}</h2>
          <p className="field-hint">{t('protection.organisationIntro')}</p>
          <OrganisationProtectionForm organisation={organisation} onSaved={onSaved} />
        </section>
      )}
    </>
  );
}
