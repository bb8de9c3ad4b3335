import { useMemo, useState, type FormEvent } from 'react';
import type { AuditEntry, AuditVerification } from '../api/types.ts';
import type { VigieApi } from '../api/vigie.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { useSignedIn } from '../session/session.tsx';
import { errorText } from '../ui/errors.ts';
import { LoadFailed, Loading, Notice, TextField } from '../ui/components.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';
import { useResource } from '../ui/useResource.ts';

const PAGE_SIZE = 50;

export function AuditPage() {
  const { t } = useI18n();
  return (
    <>
      <PageHeader title={t('audit.title')} intro={t('audit.intro')} />
      <VerifyChain />
      <AuditEntries />
    </>
  );
}

function VerifyChain() {
  const { t, formatNumber } = useI18n();
  const { api } = useSignedIn();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ verification: AuditVerification } | { error: unknown } | null>(null);

  const verify = async () => {
    setBusy(true);
    try {
      setResult({ verification: await api.verifyAudit() });
    } catch (error) {
      setResult({ error });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel panel-row" aria-label={t('audit.verify')}>
      <button type="button" className="button button-secondary" onClick={() => void verify()} disabled={busy}>
        {busy ? t('audit.verifying') : t('audit.verify')}
      </button>
      <div className="verify-result" aria-live="polite">
        {result && 'error' in result && <Notice tone="error">{errorText(t, result.error)}</Notice>}
        {result && 'verification' in result && (
          <VerificationNotice verification={result.verification} formatNumber={formatNumber} />
        )}
      </div>
    </section>
  );
}

function VerificationNotice({
  verification,
  formatNumber,
}: {
  verification: AuditVerification;
  formatNumber(n: number): string;
}) {
  const { t } = useI18n();
  const count = formatNumber(verification.entries);
  if (verification.ok) {
    return (
      <Notice tone="success">
        {t('audit.verifyOk', { count, hash: (verification.headHash ?? '').slice(0, 16) })}
      </Notice>
    );
  }
  const bad = verification.firstBad;
  return (
    <Notice tone="error">
      {t('audit.verifyBad', { count, seq: bad?.seq ?? '?', reason: bad?.reason ?? '?' })}
    </Notice>
  );
}

function AuditEntries() {
  const { t } = useI18n();
  const { api, can } = useSignedIn();
  const userNames = useUserNames(api, can('users:read'));
  const [draftAction, setDraftAction] = useState('');
  const [action, setAction] = useState('');
  // The API pages by sequence number: `before` is the cursor of the page shown; undefined is the newest.
  const [before, setBefore] = useState<number | undefined>(undefined);
  const { resource, reload } = useResource(
    () =>
      api.audit({
        limit: PAGE_SIZE,
        ...(before === undefined ? {} : { before }),
        ...(action ? { action } : {}),
      }),
    `${action}|${before ?? ''}`,
  );

  const applyFilter = (event: FormEvent) => {
    event.preventDefault();
    setAction(draftAction.trim());
    setBefore(undefined);
  };

  return (
    <section className="panel" aria-labelledby="audit-entries">
      <h2 id="audit-entries" className="visually-hidden">
        {t('audit.title')}
      </h2>
      <form className="filter-bar" onSubmit={applyFilter} role="search">
        <TextField
          label={t('audit.filterAction')}
          hint={t('audit.filterHint')}
          name="action"
          value={draftAction}
          onChange={(e) => setDraftAction(e.target.value)}
        />
        <button type="submit" className="button button-secondary">
          {t('audit.filter')}
        </button>
        {action && (
          <button
            type="button"
            className="button button-quiet"
            onClick={() => {
              setDraftAction('');
              setAction('');
              setBefore(undefined);
            }}
          >
            {t('audit.clearFilter')}
          </button>
        )}
      </form>
      {resource.status === 'loading' && <Loading />}
      {resource.status === 'failed' && <LoadFailed error={resource.error} onRetry={reload} />}
      {resource.status === 'ready' && (
        <>
          <AuditTable entries={resource.data.entries} userNames={userNames} />
          <nav className="pager" aria-label={t('audit.pagination')}>
            <button
              type="button"
              className="button button-secondary"
              disabled={before === undefined}
              onClick={() => setBefore(undefined)}
            >
              {t('audit.newest')}
            </button>
            <button
              type="button"
              className="button button-secondary"
              disabled={resource.data.nextCursor === null}
              onClick={() => setBefore(resource.data.nextCursor ?? undefined)}
            >
              {t('audit.older')}
            </button>
          </nav>
        </>
      )}
    </section>
  );
}

/** Users' display names by id, so entries read "Amina Diallo" rather than a UUID when the role may see users. */
function useUserNames(api: VigieApi, allowed: boolean): ReadonlyMap<string, string> {
  const { resource } = useResource(
    async () => (allowed ? (await api.users()).users : []),
    `users:${allowed}`,
  );
  return useMemo(
    () =>
      new Map(resource.status === 'ready' ? resource.data.map((user) => [user.id, user.displayName]) : []),
    [resource],
  );
}

function Party({
  type,
  id,
  userNames,
}: {
  type: string;
  id: string;
  userNames: ReadonlyMap<string, string>;
}) {
  const name = type === 'user' ? userNames.get(id) : undefined;
  return (
    <>
      <span className="muted">{type}</span>{' '}
      {name ? (
        <span title={id}>{name}</span>
      ) : (
        <code className="id" title={id}>
          {shortId(id)}
        </code>
      )}
    </>
  );
}

function AuditTable({
  entries,
  userNames,
}: {
  entries: AuditEntry[];
  userNames: ReadonlyMap<string, string>;
}) {
  const { t, formatDateTime } = useI18n();
  if (entries.length === 0) return <p className="muted">{t('audit.empty')}</p>;
  return (
    <div className="table-scroll">
      <table className="table-compact">
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">{t('audit.time')}</th>
            <th scope="col">{t('audit.actor')}</th>
            <th scope="col">{t('audit.action')}</th>
            <th scope="col">{t('audit.target')}</th>
            <th scope="col">{t('audit.details')}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <tr key={entry.seq}>
              <td className="numeric">{entry.seq}</td>
              <td className="nowrap">{formatDateTime(entry.at)}</td>
              <td>
                <Party type={entry.actorType} id={entry.actorId} userNames={userNames} />
              </td>
              <td>
                <code>{entry.action}</code>
              </td>
              <td>
                <Party type={entry.targetType} id={entry.targetId} userNames={userNames} />
              </td>
              <td>
                {Object.keys(entry.details).length > 0 && (
                  <code className="details-json">{JSON.stringify(entry.details)}</code>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** UUIDs are long; the first block tells entries apart on screen and the full id stays in the title. */
function shortId(id: string): string {
  return id.length > 13 ? `${id.slice(0, 8)}…` : id;
}
