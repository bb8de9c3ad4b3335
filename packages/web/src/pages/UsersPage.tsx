import { useState, type FormEvent } from 'react';
import { roles, type Role, type User } from '../api/types.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { useSignedIn } from '../session/session.tsx';
import { errorText } from '../ui/errors.ts';
import { Badge, Notice, SelectField, TextField } from '../ui/components.tsx';
import { CreatedSecret, ResourceView, useRowAction, type ChangeNotice } from '../ui/ResourceView.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';
import { useResource } from '../ui/useResource.ts';
import { useSubmit } from '../ui/useSubmit.ts';

export function UsersPage() {
  const { t } = useI18n();
  const { api, can } = useSignedIn();
  const { resource, reload } = useResource(() => api.users(), 'users');

  return (
    <>
      <PageHeader title={t('users.title')} intro={t('users.intro')} />
      {can('users:manage') && <CreateUser onCreated={reload} />}
      <section className="panel" aria-labelledby="users-list">
        <h2 id="users-list">{t('users.list')}</h2>
        <ResourceView resource={resource} reload={reload}>
          {(data, onChanged) => <UserTable users={data.users} onChanged={onChanged} />}
        </ResourceView>
      </section>
    </>
  );
}

function CreateUser({ onCreated }: { onCreated(): void }) {
  const { t } = useI18n();
  const { api } = useSignedIn();
  const empty = { email: '', displayName: '', role: 'moderator' as Role };
  const [values, setValues] = useState(empty);
  const [created, setCreated] = useState<{ email: string; password: string } | null>(null);
  const submit = useSubmit();

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    await submit.run(async () => {
      const displayName = values.displayName.trim();
      const result = await api.createUser({
        email: values.email.trim(),
        role: values.role,
        ...(displayName ? { displayName } : {}),
      });
      setCreated({ email: result.user.email, password: result.oneTimePassword });
      setValues(empty);
      onCreated();
    });
  };
  const fieldError = (name: string) =>
    submit.fieldCodes[name] ? errorText(t, { code: submit.fieldCodes[name] }) : undefined;

  return (
    <section className="panel" aria-labelledby="users-create">
      <h2 id="users-create">{t('users.create')}</h2>
      {created ? (
        <CreatedSecret
          message={t('users.created', { email: created.email })}
          label={t('users.oneTimePassword')}
          value={created.password}
          hint={t('users.oneTimePasswordHint', { email: created.email })}
          onDone={() => setCreated(null)}
        />
      ) : (
        <form onSubmit={onSubmit} className="stack" noValidate>
          {submit.formError !== null && <Notice tone="error">{errorText(t, submit.formError)}</Notice>}
          <div className="form-row">
            <TextField
              label={t('common.email')}
              type="email"
              name="email"
              autoComplete="off"
              required
              value={values.email}
              onChange={(e) => setValues({ ...values, email: e.target.value })}
              error={fieldError('email')}
            />
            <TextField
              label={`${t('users.displayName')} (${t('common.optional')})`}
              name="displayName"
              autoComplete="off"
              maxLength={200}
              value={values.displayName}
              onChange={(e) => setValues({ ...values, displayName: e.target.value })}
              error={fieldError('displayName')}
            />
            <SelectField
              label={t('common.role')}
              name="role"
              value={values.role}
              onChange={(e) => setValues({ ...values, role: e.target.value as Role })}
            >
              {roles.map((role) => (
                <option key={role} value={role}>
                  {t(`role.${role}`)}
                </option>
              ))}
            </SelectField>
            <div className="form-row-submit">
              <button type="submit" className="button button-primary" disabled={submit.busy}>
                {submit.busy ? t('common.saving') : t('users.createSubmit')}
              </button>
            </div>
          </div>
        </form>
      )}
    </section>
  );
}

function UserTable({ users, onChanged }: { users: User[]; onChanged(notice: ChangeNotice): void }) {
  const { t, formatDate, formatDateTime } = useI18n();
  const { api, session, can } = useSignedIn();
  const { busyId, run } = useRowAction(onChanged);
  const canManage = can('users:manage');

  const update = (user: User, change: { role?: Role; disabled?: boolean }, success: string) =>
    run(user.id, () => api.updateUser(user.id, change), success);

  return (
    <div className="table-scroll">
      <table>
        <thead>
          <tr>
            <th scope="col">
              {t('common.name')} · {t('common.email')}
            </th>
            <th scope="col">{t('common.role')}</th>
            <th scope="col">{t('common.status')}</th>
            <th scope="col">{t('common.created')}</th>
            {canManage && <th scope="col">{t('common.actions')}</th>}
          </tr>
        </thead>
        <tbody>
          {users.map((user) => {
            const self = user.id === session.user.id;
            const locked = !canManage || self || busyId === user.id;
            return (
              <tr key={user.id}>
                <th scope="row">
                  {user.displayName}
                  {self && <span className="muted"> ({t('users.you')})</span>}
                  <span className="cell-secondary">{user.email}</span>
                </th>
                <td>
                  {canManage ? (
                    <select
                      aria-label={t('users.roleOf', { name: user.displayName })}
                      value={user.role}
                      disabled={locked}
                      onChange={(e) => {
                        const role = e.target.value as Role;
                        void update(
                          user,
                          { role },
                          t('users.roleChanged', { name: user.displayName, role: t(`role.${role}`) }),
                        );
                      }}
                    >
                      {roles.map((role) => (
                        <option key={role} value={role}>
                          {t(`role.${role}`)}
                        </option>
                      ))}
                    </select>
                  ) : (
                    t(`role.${user.role}`)
                  )}
                </td>
                <td>
                  {user.disabledAt !== null ? (
                    <Badge tone="danger">{t('users.statusDisabled')}</Badge>
                  ) : user.mustChangePassword ? (
                    <Badge tone="warning">{t('users.statusPending')}</Badge>
                  ) : (
                    <Badge tone="success">{t('users.statusActive')}</Badge>
                  )}
                </td>
                <td className="nowrap" title={formatDateTime(user.createdAt)}>
                  {formatDate(user.createdAt)}
                </td>
                {canManage && (
                  <td>
                    {!self &&
                      (user.disabledAt === null ? (
                        <button
                          type="button"
                          className="button button-danger-quiet button-small"
                          disabled={locked}
                          aria-label={`${t('users.disable')} — ${user.displayName}`}
                          onClick={() =>
                            void update(
                              user,
                              { disabled: true },
                              t('users.disabled', { name: user.displayName }),
                            )
                          }
                        >
                          {t('users.disable')}
                        </button>
                      ) : (
                        <button
                          type="button"
                          className="button button-secondary button-small"
                          disabled={locked}
                          aria-label={`${t('users.enable')} — ${user.displayName}`}
                          onClick={() =>
                            void update(
                              user,
                              { disabled: false },
                              t('users.enabled', { name: user.displayName }),
                            )
                          }
                        >
                          {t('users.enable')}
                        </button>
                      ))}
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
