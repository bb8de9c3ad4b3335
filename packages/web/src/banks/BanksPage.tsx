import { useState, type FormEvent } from 'react';
import { signalTypes, type BankEntry, type SignalType } from '../api/types.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { Link } from '../router/router.tsx';
import { useSignedIn } from '../session/session.tsx';
import { Badge, LoadFailed, Loading, Notice, SelectField, TextField } from '../ui/components.tsx';
import { errorText } from '../ui/errors.ts';
import { PageHeader } from '../ui/PageHeader.tsx';
import { useResource } from '../ui/useResource.ts';
import { useSubmit } from '../ui/useSubmit.ts';
import { EntryTable } from './EntryTable.tsx';

/** Hash banks: the list, a new bank, and search across all banks by hash (with a distance). */
export function BanksPage() {
  const { t } = useI18n();
  const { api, can } = useSignedIn();
  const { resource, reload } = useResource(() => api.banks(), 'banks');
  return (
    <>
      <PageHeader title={t('banks.title')} intro={t('banks.intro')} />
      <section className="panel" aria-labelledby="banks-list">
        <h2 id="banks-list">{t('banks.list')}</h2>
        {resource.status === 'loading' && <Loading />}
        {resource.status === 'failed' && <LoadFailed error={resource.error} onRetry={reload} />}
        {resource.status === 'ready' &&
          (resource.data.banks.length === 0 ? (
            <p className="muted">{t('banks.empty')}</p>
          ) : (
            <div className="table-scroll">
              <table className="table-compact">
                <thead>
                  <tr>
                    <th scope="col">{t('common.name')}</th>
                    <th scope="col">{t('banks.action')}</th>
                    <th scope="col">{t('banks.description')}</th>
                    <th scope="col">{t('common.status')}</th>
                  </tr>
                </thead>
                <tbody>
                  {resource.data.banks.map((bank) => (
                    <tr key={bank.id}>
                      <th scope="row">
                        <Link to={`/banks/${encodeURIComponent(bank.id)}`}>{bank.name}</Link>
                      </th>
                      <td>{t(`banks.actionValue.${bank.action}`)}</td>
                      <td>{bank.description}</td>
                      <td>
                        <Badge tone={bank.disabledAt ? 'neutral' : 'success'}>
                          {bank.disabledAt ? t('banks.disabled') : t('banks.enabled')}
                        </Badge>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ))}
      </section>
      <HashSearch />
      {can('banks:manage') && <CreateBankForm onCreated={reload} />}
    </>
  );
}

function HashSearch() {
  const { t } = useI18n();
  const { api } = useSignedIn();
  const submit = useSubmit();
  const [signalType, setSignalType] = useState<SignalType>('pdq');
  const [results, setResults] = useState<{ entry: BankEntry; distance: number }[] | null>(null);
  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const value = String(form.get('value') ?? '').trim();
    const distance = String(form.get('distance') ?? '').trim();
    if (!value) return;
    await submit.run(async () => {
      const answer = await api.searchEntries({
        signalType,
        value,
        ...(distance ? { distance: Number(distance) } : {}),
      });
      setResults(answer.results);
    });
  };
  return (
    <section className="panel" aria-labelledby="banks-search">
      <h2 id="banks-search">{t('banks.search')}</h2>
      <form className="filter-bar" noValidate onSubmit={(e) => void onSubmit(e)}>
        <SelectField
          label={t('banks.signalType')}
          value={signalType}
          onChange={(e) => setSignalType(e.target.value as SignalType)}
        >
          {signalTypes.map((type) => (
            <option key={type} value={type}>
              {type}
            </option>
          ))}
        </SelectField>
        <TextField
          label={t('banks.hashValue')}
          name="value"
          error={submit.fieldCodes.value && errorText(t, { code: submit.fieldCodes.value })}
        />
        <TextField label={t('banks.maxDistance')} name="distance" type="number" min={0} max={63} />
        <button type="submit" className="button button-secondary" disabled={submit.busy}>
          {t('banks.searchButton')}
        </button>
      </form>
      {submit.formError !== null && <Notice tone="error">{errorText(t, submit.formError)}</Notice>}
      {results &&
        (results.length === 0 ? (
          <p className="muted" role="status">
            {t('banks.noResults')}
          </p>
        ) : (
          <EntryTable
            entries={results.map((result) => result.entry)}
            distances={results.map((result) => result.distance)}
            onChanged={(updated) =>
              setResults(
                results.map((result) =>
                  result.entry.id === updated.id ? { ...result, entry: updated } : result,
                ),
              )
            }
          />
        ))}
    </section>
  );
}

function CreateBankForm({ onCreated }: { onCreated(): void }) {
  const { t } = useI18n();
  const { api } = useSignedIn();
  const submit = useSubmit();
  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const element = event.currentTarget;
    const form = new FormData(element);
    const ok = await submit.run(async () => {
      await api.createBank({
        name: String(form.get('name') ?? '').trim(),
        description: String(form.get('description') ?? '').trim(),
        action: form.get('action') as 'block' | 'review' | 'log',
      });
    });
    if (ok) {
      element.reset();
      onCreated();
    }
  };
  return (
    <section className="panel panel-narrow" aria-labelledby="banks-create">
      <h2 id="banks-create">{t('banks.create')}</h2>
      <form className="form-stack" noValidate onSubmit={(e) => void onSubmit(e)}>
        <TextField
          label={t('common.name')}
          hint={t('banks.nameHint')}
          name="name"
          error={submit.fieldCodes.name && errorText(t, { code: submit.fieldCodes.name })}
        />
        <TextField label={t('banks.description')} name="description" />
        <SelectField label={t('banks.action')} name="action" defaultValue="review">
          {(['block', 'review', 'log'] as const).map((action) => (
            <option key={action} value={action}>
              {t(`banks.actionValue.${action}`)}
            </option>
          ))}
        </SelectField>
        {submit.formError !== null && <Notice tone="error">{errorText(t, submit.formError)}</Notice>}
        <button type="submit" className="button button-primary" disabled={submit.busy}>
          {t('banks.createButton')}
        </button>
      </form>
    </section>
  );
}
