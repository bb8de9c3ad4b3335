import { useI18n } from '../i18n/i18n.tsx';
import { useSignedIn } from '../session/session.tsx';
import { Badge, LoadFailed, Loading } from '../ui/components.tsx';
import type { Resource } from '../ui/useResource.ts';
import { useResource } from '../ui/useResource.ts';
import type { CustodyLog } from './api.ts';

const custodyActions = [
  'collected',
  'viewed',
  'exported',
  'legal_hold_set',
  'legal_hold_released',
  'retention_set',
  'purged',
] as const;

/** The item's chain of custody, oldest first, with the API's re-walk of its hash chain. */
export function CustodySection({ custody, onRetry }: { custody: Resource<CustodyLog>; onRetry(): void }) {
  const { t, formatDateTime } = useI18n();
  const actionLabel = (action: string) =>
    (custodyActions as readonly string[]).includes(action)
      ? t(`custody.${action as (typeof custodyActions)[number]}`)
      : action;
  return (
    <section className="panel" aria-labelledby="evidence-custody">
      <h2 id="evidence-custody">{t('evidence.custody')}</h2>
      {custody.status === 'loading' && <Loading />}
      {custody.status === 'failed' && <LoadFailed error={custody.error} onRetry={onRetry} />}
      {custody.status === 'ready' && (
        <>
          <p data-testid="custody-check">
            {custody.data.intact ? (
              <Badge tone="success">{t('evidence.custodyIntact')}</Badge>
            ) : (
              <>
                <Badge tone="danger">{t('evidence.custodyBroken')}</Badge>{' '}
                <span className="user-text">{custody.data.problem}</span>
              </>
            )}
          </p>
          <div className="table-scroll">
            <table className="table-compact" data-testid="custody-log">
              <thead>
                <tr>
                  <th scope="col">#</th>
                  <th scope="col">{t('evidence.custodyAt')}</th>
                  <th scope="col">{t('evidence.custodyAction')}</th>
                  <th scope="col">{t('evidence.custodyActor')}</th>
                  <th scope="col">{t('evidence.custodyDetails')}</th>
                  <th scope="col">{t('evidence.custodyHash')}</th>
                </tr>
              </thead>
              <tbody>
                {custody.data.entries.map((entry) => (
                  <tr key={entry.seq}>
                    <td className="numeric">{entry.seq}</td>
                    <td>{formatDateTime(entry.at)}</td>
                    <th scope="row">{actionLabel(entry.action)}</th>
                    <td>
                      {entry.actorType}:{entry.actorId}
                    </td>
                    <td>
                      <code className="details-json">{entry.details}</code>
                    </td>
                    <td>
                      <code title={entry.hash}>{entry.hash.slice(0, 12)}…</code>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}

/** The scheduled re-checks of a captured URL: still online after N days, and still the same content? */
export function LivenessSection({ itemId }: { itemId: string }) {
  const { t, formatDateTime, formatNumber } = useI18n();
  const { api } = useSignedIn();
  const { resource, reload } = useResource(() => api.evidenceLiveness(itemId), itemId);
  return (
    <section className="panel" aria-labelledby="evidence-liveness">
      <h2 id="evidence-liveness">{t('evidence.liveness')}</h2>
      {resource.status === 'loading' && <Loading />}
      {resource.status === 'failed' && <LoadFailed error={resource.error} onRetry={reload} />}
      {resource.status === 'ready' &&
        (resource.data.checks.length === 0 ? (
          <p className="muted">{t('evidence.noLiveness')}</p>
        ) : (
          <div className="table-scroll">
            <table className="table-compact">
              <thead>
                <tr>
                  <th scope="col">{t('evidence.afterDays')}</th>
                  <th scope="col">{t('evidence.checkedAt')}</th>
                  <th scope="col">{t('evidence.outcome')}</th>
                  <th scope="col">HTTP</th>
                </tr>
              </thead>
              <tbody>
                {resource.data.checks.map((check) => (
                  <tr key={check.checkedAt}>
                    <td className="numeric">{formatNumber(check.afterDays)}</td>
                    <td>{formatDateTime(check.checkedAt)}</td>
                    <td>
                      <Badge tone={check.stillOnline ? 'warning' : 'success'}>
                        {t(`liveness.outcome.${check.outcome}`)}
                      </Badge>
                      {check.pdqDistance !== null && (
                        <span className="cell-secondary">
                          {t('evidence.pdqDistance', { distance: check.pdqDistance })}
                        </span>
                      )}
                      {check.errorCode !== null && <span className="cell-secondary">{check.errorCode}</span>}
                    </td>
                    <td className="numeric">{check.httpStatus ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
    </section>
  );
}
