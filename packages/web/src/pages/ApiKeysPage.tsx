import { useState, type FormEvent } from 'react';
import { permissions, type ApiKey, type Permission } from '../api/types.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { useSignedIn } from '../session/session.tsx';
import { errorText } from '../ui/errors.ts';
import { Badge, Notice, TextField } from '../ui/components.tsx';
import {
  ConfirmedAction,
  CreatedSecret,
  ResourceView,
  useRowAction,
  type ChangeNotice,
} from '../ui/ResourceView.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';
import { useResource } from '../ui/useResource.ts';
import { useSubmit } from '../ui/useSubmit.ts';

export function ApiKeysPage() {
  const { t } = useI18n();
  const { api } = useSignedIn();
  const { resource, reload } = useResource(() => api.apiKeys(), 'api-keys');

  return (
    <>
      <PageHeader title={t('apiKeys.title')} intro={t('apiKeys.intro')} />
      <CreateApiKey onCreated={reload} />
      <section className="panel" aria-labelledby="api-keys-list">
        <h2 id="api-keys-list">{t('apiKeys.list')}</h2>
        <ResourceView resource={resource} reload={reload}>
          {(data, onChanged) => <ApiKeyTable apiKeys={data.apiKeys} onChanged={onChanged} />}
        </ResourceView>
      </section>
    </>
  );
}

function CreateApiKey({ onCreated }: { onCreated(): void }) {
  const { t } = useI18n();
  const { api, can } = useSignedIn();
  // A key can only carry permissions its creator holds.
  const grantable = permissions.filter((permission) => can(permission));
  const [name, setName] = useState('');
  const [chosen, setChosen] = useState<ReadonlySet<Permission>>(new Set());
  const [missingPermission, setMissingPermission] = useState(false);
  const [created, setCreated] = useState<{ name: string; secret: string } | null>(null);
  const submit = useSubmit();

  const toggle = (permission: Permission, on: boolean) => {
    const next = new Set(chosen);
    if (on) next.add(permission);
    else next.delete(permission);
    setChosen(next);
  };

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setMissingPermission(chosen.size === 0);
    if (chosen.size === 0) return;
    await submit.run(async () => {
      const result = await api.createApiKey({
        name: name.trim(),
        permissions: permissions.filter((p) => chosen.has(p)),
      });
      setCreated({ name: result.apiKey.name, secret: result.secret });
      setName('');
      setChosen(new Set());
      onCreated();
    });
  };

  const permissionsError = missingPermission
    ? t('apiKeys.noPermission')
    : submit.fieldCodes.permissions
      ? errorText(t, { code: submit.fieldCodes.permissions })
      : undefined;

  return (
    <section className="panel" aria-labelledby="api-keys-create">
      <h2 id="api-keys-create">{t('apiKeys.create')}</h2>
      {created ? (
        <CreatedSecret
          message={t('apiKeys.created', { name: created.name })}
          label={t('apiKeys.secret')}
          value={created.secret}
          hint={t('apiKeys.secretHint')}
          onDone={() => setCreated(null)}
        />
      ) : (
        <form onSubmit={onSubmit} className="stack" noValidate>
          {submit.formError !== null && <Notice tone="error">{errorText(t, submit.formError)}</Notice>}
          <TextField
            className="field-medium"
            label={t('apiKeys.name')}
            hint={t('apiKeys.nameHint')}
            name="name"
            autoComplete="off"
            required
            maxLength={200}
            value={name}
            onChange={(e) => setName(e.target.value)}
            error={submit.fieldCodes.name ? errorText(t, { code: submit.fieldCodes.name }) : undefined}
          />
          <fieldset className="checkbox-group" aria-describedby="api-keys-permissions-hint">
            <legend>{t('apiKeys.permissions')}</legend>
            <p id="api-keys-permissions-hint" className="field-hint">
              {t('apiKeys.permissionsHint')}
            </p>
            <div className="checkbox-grid">
              {grantable.map((permission) => (
                <label key={permission} className="checkbox">
                  <input
                    type="checkbox"
                    name="permissions"
                    value={permission}
                    checked={chosen.has(permission)}
                    onChange={(e) => toggle(permission, e.target.checked)}
                  />
                  <span>
                    {t(`permission.${permission}`)} <code className="muted">{permission}</code>
                  </span>
                </label>
              ))}
            </div>
            {permissionsError && <p className="field-error">{permissionsError}</p>}
          </fieldset>
          <div>
            <button type="submit" className="button button-primary" disabled={submit.busy}>
              {submit.busy ? t('common.saving') : t('apiKeys.createSubmit')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

function ApiKeyTable({ apiKeys, onChanged }: { apiKeys: ApiKey[]; onChanged(notice: ChangeNotice): void }) {
  const { t, formatDate, formatDateTime } = useI18n();
  const { api } = useSignedIn();
  const [confirming, setConfirming] = useState<string | null>(null);
  const { busyId, run } = useRowAction((notice) => {
    setConfirming(null);
    onChanged(notice);
  });

  if (apiKeys.length === 0) return <p className="muted">{t('apiKeys.empty')}</p>;

  const revoke = (key: ApiKey) =>
    run(key.id, () => api.revokeApiKey(key.id), t('apiKeys.revoked', { name: key.name }));

  return (
    <div className="table-scroll">
      <table>
        <thead>
          <tr>
            <th scope="col">{t('common.name')}</th>
            <th scope="col">{t('apiKeys.prefix')}</th>
            <th scope="col">{t('apiKeys.permissions')}</th>
            <th scope="col">{t('common.created')}</th>
            <th scope="col">{t('apiKeys.lastUsed')}</th>
            <th scope="col">{t('common.status')}</th>
            <th scope="col">{t('common.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {apiKeys.map((key) => (
            <tr key={key.id}>
              <th scope="row">{key.name}</th>
              <td className="nowrap">
                <code>{key.prefix}…</code>
              </td>
              <td>
                <ul className="tag-list">
                  {key.permissions.map((permission) => (
                    <li key={permission}>
                      <code>{permission}</code>
                    </li>
                  ))}
                </ul>
              </td>
              <td className="nowrap" title={formatDateTime(key.createdAt)}>
                {formatDate(key.createdAt)}
              </td>
              <td className="nowrap">
                {key.lastUsedAt === null ? t('common.never') : formatDateTime(key.lastUsedAt)}
              </td>
              <td>
                {key.revokedAt === null ? (
                  <Badge tone="success">{t('apiKeys.statusActive')}</Badge>
                ) : (
                  <Badge tone="neutral">{t('apiKeys.statusRevoked')}</Badge>
                )}
              </td>
              <td>
                {key.revokedAt === null && (
                  <ConfirmedAction
                    asking={confirming === key.id}
                    busy={busyId === key.id}
                    label={t('apiKeys.revoke')}
                    buttonLabel={`${t('apiKeys.revoke')} — ${key.name}`}
                    question={t('apiKeys.confirmRevoke', { name: key.name })}
                    confirmLabel={t('apiKeys.revoke')}
                    onAsk={() => setConfirming(key.id)}
                    onCancel={() => setConfirming(null)}
                    onConfirm={() => void revoke(key)}
                  />
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
