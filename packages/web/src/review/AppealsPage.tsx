import { useState } from 'react';
import type { Appeal } from '../api/types.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { Link } from '../router/router.tsx';
import { useSignedIn } from '../session/session.tsx';
import { Badge, LoadFailed, Loading, Notice, SelectField, TextAreaField } from '../ui/components.tsx';
import { errorText } from '../ui/errors.ts';
import { PageHeader } from '../ui/PageHeader.tsx';
import { useResource } from '../ui/useResource.ts';
import { useSubmit } from '../ui/useSubmit.ts';

/** Appeals (DSA Art. 20): open ones first; uphold or reverse with a reasoned statement. */
export function AppealsPage() {
  const { t } = useI18n();
  const { api } = useSignedIn();
  const [status, setStatus] = useState<'open' | 'decided'>('open');
  const { resource, reload } = useResource(() => api.appeals({ status }), status);
  return (
    <>
      <PageHeader title={t('appeals.title')} intro={t('appeals.intro')} />
      <section className="panel">
        <div className="filter-bar">
          <SelectField
            label={t('common.status')}
            value={status}
            onChange={(e) => setStatus(e.target.value as 'open' | 'decided')}
          >
            <option value="open">{t('appeals.open')}</option>
            <option value="decided">{t('appeals.decided')}</option>
          </SelectField>
        </div>
        {resource.status === 'loading' && <Loading />}
        {resource.status === 'failed' && <LoadFailed error={resource.error} onRetry={reload} />}
        {resource.status === 'ready' &&
          (resource.data.appeals.length === 0 ? (
            <p className="muted">{t('appeals.empty')}</p>
          ) : (
            <ul className="appeals">
              {resource.data.appeals.map((appeal) => (
                <AppealItem key={appeal.id} appeal={appeal} onDecided={reload} />
              ))}
            </ul>
          ))}
      </section>
    </>
  );
}

function AppealItem({ appeal, onDecided }: { appeal: Appeal; onDecided(): void }) {
  const { t, formatDateTime } = useI18n();
  const { api, can } = useSignedIn();
  const submit = useSubmit();
  const [statement, setStatement] = useState('');
  const decide = (outcome: 'upheld' | 'reversed') =>
    void submit.run(async () => {
      await api.decideAppeal(appeal.id, { outcome, statement: statement.trim() });
      onDecided();
    });
  return (
    <li className="appeal">
      <p>
        <Link to={`/cases/${encodeURIComponent(appeal.caseId)}`}>{t('appeals.case')}</Link> ·{' '}
        {t(`appeals.role.${appeal.role}`)} · {formatDateTime(appeal.submittedAt)}{' '}
        {appeal.outcome && (
          <Badge tone={appeal.outcome === 'reversed' ? 'warning' : 'neutral'}>
            {t(`appeals.outcome.${appeal.outcome}`)}
          </Badge>
        )}
      </p>
      <p className="user-text">{appeal.grounds}</p>
      {appeal.statement && <p className="user-text muted">{appeal.statement}</p>}
      {appeal.status === 'open' && can('appeals:decide') && (
        <div className="form-stack">
          <TextAreaField
            label={t('appeals.statement')}
            rows={2}
            value={statement}
            onChange={(e) => setStatement(e.target.value)}
          />
          {submit.formError !== null && <Notice tone="error">{errorText(t, submit.formError)}</Notice>}
          <div className="button-row">
            <button
              type="button"
              className="button button-secondary"
              disabled={submit.busy || !statement.trim()}
              onClick={() => decide('upheld')}
            >
              {t('appeals.uphold')}
            </button>
            <button
              type="button"
              className="button button-primary"
              disabled={submit.busy || !statement.trim()}
              onClick={() => decide('reversed')}
            >
              {t('appeals.reverse')}
            </button>
          </div>
        </div>
      )}
    </li>
  );
}
